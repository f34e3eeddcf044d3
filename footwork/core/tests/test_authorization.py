"""Every URL and API endpoint, walked as anonymous, a runner, another runner, their coach and another coach.

A new route fails `test_every_route_is_in_the_matrix` until its row is added here.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver

from footwork.accounts.services import create_api_token
from footwork.activities.models import ImportBatch
from footwork.activities.services import create_shoe, import_files, record_manual_run
from footwork.api import api
from footwork.assessments.domain import Result
from footwork.assessments.models import QuestionnaireResponse
from footwork.assessments.services import record_assessment
from footwork.caseload.models import CoachNote
from footwork.caseload.services import add_note
from footwork.coaching.models import Alert
from footwork.coaching.services import create_invitation
from footwork.core.clock import today_for
from footwork.core.tests.media_samples import mp4, photo
from footwork.exercises.models import ExerciseMedia
from footwork.exercises.services import add_media, create_private_exercise
from footwork.exercises.tests.factories import record, shipped_exercises
from footwork.messaging.models import Message
from footwork.messaging.services import send_message
from footwork.programs.models import ProgramSession
from footwork.programs.services import create_program, enroll
from footwork.progression.flareup import questions_for
from footwork.progression.models import FlareUp, Recommendation
from footwork.progression.services import shipped_toolboxes
from footwork.season.models import CalendarFeed, Race
from footwork.season.services import add_race, make_feed

ACTORS = ("anonymous", "runner", "other_runner", "coach", "other_coach")


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    route: str  # URL name for pages, "METHOD /api/v1/…" template for the API
    expect: tuple[int, int, int, int, int]  # status for each of ACTORS
    body: dict | Callable[[dict], dict] | None = None


LOGIN = 302  # pages send anonymous visitors to the login page
PAGES = [
    Row("GET", "/", "home", (LOGIN, 302, 302, 302, 302)),
    Row("GET", "/more/", "more", (LOGIN, 200, 200, 200, 200)),
    # The installable app's manifest and worker: public, the same for everyone (test_the_app_shell_is_not_personal).
    Row("GET", "/manifest.webmanifest", "manifest", (200, 200, 200, 200, 200)),
    Row("GET", "/service-worker.js", "service_worker", (200, 200, 200, 200, 200)),
    Row("GET", "/account/", "accounts:account", (LOGIN, 200, 200, 200, 200)),
    Row("GET", "/account/profile/", "accounts:profile", (LOGIN, 200, 200, 200, 200)),
    Row("GET", "/account/signup/", "accounts:signup", (200, 200, 200, 200, 200)),
    # The link mailed at sign-up opens before signing in; a made-up one is refused with its reason for everyone.
    Row("GET", "/account/signup/confirm/MQ/made-up/", "accounts:confirm_signup", (400, 400, 400, 400, 400)),
    Row("POST", "/account/tokens/", "accounts:create_token", (LOGIN, 302, 302, 302, 302), {"name": "x"}),
    Row("POST", "/account/tokens/{token}/revoke/", "accounts:revoke_token", (LOGIN, 302, 404, 404, 404)),
    Row("GET", "/exercises/", "exercises:list", (LOGIN, 200, 200, 200, 200)),
    Row("GET", "/exercises/new/", "exercises:create", (LOGIN, 403, 403, 200, 200)),
    Row("GET", "/exercises/single-leg-heel-raise/", "exercises:detail", (LOGIN, 200, 200, 200, 200)),
    Row("GET", "/exercises/{private}/", "exercises:detail", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/exercises/{private}/edit/", "exercises:edit", (LOGIN, 403, 403, 200, 404)),
    Row("GET", "/exercises/single-leg-heel-raise/edit/", "exercises:edit", (LOGIN, 403, 403, 403, 403)),
    Row("GET", "/coaching/", "coaching:roster", (LOGIN, 403, 403, 200, 200)),
    Row("POST", "/coaching/invitations/", "coaching:invite", (LOGIN, 403, 403, 302, 302)),
    Row(
        "POST",
        "/coaching/invitations/{invitation}/revoke/",
        "coaching:revoke_invitation",
        (LOGIN, 403, 403, 302, 404),
    ),
    Row("GET", "/coaching/runners/{runner}/", "coaching:runner", (LOGIN, 200, 404, 200, 404)),
    Row("POST", "/coaching/runners/{runner}/let-go/", "coaching:let_go", (LOGIN, 403, 403, 302, 404)),
    Row("POST", "/coaching/join/", "coaching:join_with_code", (LOGIN, 302, 302, 302, 302), {"code": "abc"}),
    # The invitation link opens before signing in, so a new runner sees who invites them and can sign up.
    Row("GET", "/coaching/join/{code}/", "coaching:join", (200, 200, 200, 200, 200)),
    Row("POST", "/coaching/leave/", "coaching:leave", (LOGIN, 302, 302, 404, 404)),
    Row("GET", "/programs/", "programs:list", (LOGIN, 200, 200, 200, 200)),
    Row("GET", "/programs/new/", "programs:create", (LOGIN, 403, 403, 200, 200)),
    Row("GET", "/programs/test-daily/", "programs:detail", (LOGIN, 200, 200, 200, 200)),
    Row("GET", "/programs/{coach_program}/", "programs:detail", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/programs/{coach_program}/build/", "programs:build", (LOGIN, 403, 403, 200, 404)),
    Row("GET", "/plans/{plan}/", "programs:plan", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/plans/{plan}/build/", "programs:plan_build", (LOGIN, 200, 404, 200, 404)),
    Row(
        "POST",
        "/plans/{plan}/schedule/",
        "programs:plan_override",
        (LOGIN, 302, 404, 302, 404),
        lambda w: SKIP(w),
    ),
    Row("GET", "/plans/{plan}/print/", "programs:plan_print", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/plans/{plan}/handout.pdf", "programs:plan_pdf", (LOGIN, 200, 404, 200, 404)),
    Row("POST", "/plans/{plan}/pause/", "programs:plan_pause", (LOGIN, 302, 404, 302, 404), {"why": "x"}),
    # The matrix's plan is active: resuming it is refused with the reason (a redirect back to the plan).
    Row("POST", "/plans/{plan}/resume/", "programs:plan_resume", (LOGIN, 302, 404, 302, 404), {"why": ""}),
    Row("POST", "/plans/{plan}/end/", "programs:plan_end", (LOGIN, 302, 404, 302, 404), {"why": "x"}),
    Row("GET", "/today/", "training:today", (LOGIN, 200, 200, 302, 302)),
    Row("POST", "/today/checkin/", "training:checkin", (LOGIN, 302, 302, 403, 403), lambda w: CHECKIN()),
    Row("GET", "/today/session/{plan}/{session}/{today}/", "training:player", (LOGIN, 200, 404, 403, 403)),
    Row("GET", "/today/session/{today}/", "training:day_player", (LOGIN, 200, 404, 403, 403)),
    Row("GET", "/progress/", "training:progress", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/progress/?runner={runner}", "training:progress", (LOGIN, 200, 404, 200, 404)),
    Row(
        "GET",
        "/progress/exercises/single-leg-heel-raise/",
        "training:exercise_progress",
        (LOGIN, 200, 200, 403, 403),
    ),
    Row(
        "GET",
        "/progress/exercises/single-leg-heel-raise/?runner={runner}",
        "training:exercise_progress",
        (LOGIN, 200, 404, 200, 404),
    ),
]


PAGES += [
    Row("GET", "/assess/", "assessments:index", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/assess/?runner={runner}", "assessments:index", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/assess/new/", "assessments:new", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/assess/new/?runner={runner}", "assessments:new", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/assess/history/", "assessments:history", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/assess/history/?runner={runner}", "assessments:history", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/assess/questionnaires/visa-a/", "assessments:questionnaire", (LOGIN, 200, 200, 403, 403)),
    Row(
        "GET",
        "/assess/questionnaires/visa-a/?runner={runner}",
        "assessments:questionnaire",
        (LOGIN, 200, 404, 200, 404),
    ),
    Row("GET", "/assess/{assessment}/", "assessments:detail", (LOGIN, 200, 404, 200, 404)),
    Row(
        "GET",
        "/assess/questionnaires/visa-a/{response}/",
        "assessments:questionnaire_result",
        (LOGIN, 200, 404, 200, 404),
    ),
    Row(
        "POST",
        "/assess/{assessment}/weak-links/heel-raise/add/",
        "assessments:add_to_plan",
        (LOGIN, 302, 404, 302, 404),
    ),
]
PAGES += [
    Row(
        "POST", "/recommendations/{recommendation}/accept/", "progression:accept", (LOGIN, 302, 404, 302, 404)
    ),
    Row(
        "POST",
        "/recommendations/{recommendation}/dismiss/",
        "progression:dismiss",
        (LOGIN, 302, 404, 302, 404),
    ),
    # Only a stop is cleared: the matrix's running recommendation is refused with the reason (a redirect).
    Row(
        "POST",
        "/recommendations/{recommendation}/clear/",
        "progression:clear_stop",
        (LOGIN, 302, 404, 302, 404),
        {"note": "seen"},
    ),
    Row("GET", "/flare-up/", "progression:flare_up", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/flare-up/?runner={runner}", "progression:flare_up", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/flare-up/achilles/", "progression:screening", (LOGIN, 200, 200, 403, 403)),
    Row("POST", "/flare-up/end/", "progression:end_flare", (LOGIN, 302, 404, 403, 403)),
    Row(
        "POST",
        "/flare-up/referrals/{referral}/cleared/",
        "progression:clear_referral",
        (LOGIN, 302, 404, 302, 404),
    ),
    Row("GET", "/review/", "progression:review", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/review/?runner={runner}", "progression:review", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/coaching/toolbox/", "progression:toolbox", (LOGIN, 403, 403, 200, 200)),
    Row("POST", "/coaching/alerts/{alert}/read/", "coaching:read_alert", (LOGIN, 403, 403, 302, 404)),
    # The alerts inbox (issue 14): only coaches; an alert is its coach's to read and resolve, no one else's.
    Row("GET", "/coaching/alerts/", "coaching:alerts", (LOGIN, 403, 403, 200, 200)),
    Row(
        "POST",
        "/coaching/alerts/{alert}/resolve/",
        "coaching:resolve_alert",
        (LOGIN, 403, 403, 302, 404),
        {"note": "Called her"},
    ),
]
PAGES += [
    Row("GET", "/runs/", "activities:runs", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/runs/?runner={runner}", "activities:runs", (LOGIN, 200, 404, 200, 404)),
    Row("POST", "/runs/", "activities:runs", (LOGIN, 302, 302, 403, 403), lambda w: MANUAL_RUN(w)),
    Row(
        "POST",
        "/runs/?runner={runner}",
        "activities:runs",
        (LOGIN, 302, 404, 302, 404),
        lambda w: MANUAL_RUN(w),
    ),
    Row("GET", "/runs/{run}/", "activities:run", (LOGIN, 200, 404, 200, 404)),
    Row("POST", "/runs/{run}/", "activities:run", (LOGIN, 302, 404, 302, 404), {"rpe": "5", "notes": ""}),
    Row(
        "POST",
        "/runs/{run}/sport/",
        "activities:run_sport",
        (LOGIN, 302, 404, 302, 404),
        {"sport": "walking"},
    ),
    Row("POST", "/runs/import/", "activities:import_upload", (LOGIN, 302, 302, 403, 403)),
    Row("POST", "/runs/import/?runner={runner}", "activities:import_upload", (LOGIN, 302, 404, 302, 404)),
    Row("GET", "/runs/import/{import}/", "activities:import", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/load/", "activities:load", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/load/?runner={runner}", "activities:load", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/shoes/", "activities:shoes", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/shoes/?runner={runner}", "activities:shoes", (LOGIN, 200, 404, 200, 404)),
    Row(
        "POST",
        "/shoes/",
        "activities:shoes",
        (LOGIN, 302, 302, 403, 403),
        {"brand": "A", "model": "B", "drop_mm": "6"},
    ),
    Row("POST", "/shoes/{shoe}/", "activities:shoe", (LOGIN, 302, 404, 302, 404), {"action": "retire"}),
]


PAGES += [
    Row("GET", "/season/", "season:season", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/season/?runner={runner}", "season:season", (LOGIN, 200, 404, 200, 404)),
    Row("POST", "/season/", "season:season", (LOGIN, 302, 302, 403, 403), lambda w: RACE_FORM(w)),
    Row(
        "POST",
        "/season/?runner={runner}",
        "season:season",
        (LOGIN, 302, 404, 302, 404),
        lambda w: RACE_FORM(w),
    ),
    Row("GET", "/season/races/{race}/", "season:race", (LOGIN, 200, 404, 200, 404)),
    Row("POST", "/season/races/{race}/", "season:race", (LOGIN, 302, 404, 302, 404), lambda w: RACE_FORM(w)),
    Row("POST", "/season/races/{race}/delete/", "season:delete_race", (LOGIN, 302, 404, 302, 404)),
    Row("GET", "/season/races/{past_race}/result/", "season:result", (LOGIN, 200, 404, 200, 404)),
    Row(
        "POST",
        "/season/races/{past_race}/result/",
        "season:result",
        (LOGIN, 302, 404, 302, 404),
        {"finish": "1:40:00", "pain_during": "2", "pain_after": "3"},
    ),
    Row("GET", "/calendar/", "calendar:calendar", (LOGIN, 200, 200, 403, 403)),
    Row("GET", "/calendar/?runner={runner}", "calendar:calendar", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/calendar/?week={today}&runner={runner}", "calendar:calendar", (LOGIN, 200, 404, 200, 404)),
    # The calendar feed: its secret is the key (calendar apps cannot sign in), the same answer for everyone.
    Row("GET", "/calendar/{feed_secret}.ics", "calendar:feed", (200, 200, 200, 200, 200)),
    Row("GET", "/calendar/made-up.ics", "calendar:feed", (404, 404, 404, 404, 404)),
    # Each acts on the signed-in account's own feed only (a refusal, such as making a second, redirects with why).
    Row("POST", "/season/feed/", "season:make_feed", (LOGIN, 302, 302, 302, 302)),
    Row("POST", "/season/feed/rotate/", "season:rotate_feed", (LOGIN, 302, 302, 302, 302)),
    Row("POST", "/season/feed/revoke/", "season:revoke_feed", (LOGIN, 302, 302, 302, 302)),
    Row(
        "POST",
        "/season/feed/reminder/",
        "season:feed_reminder",
        (LOGIN, 302, 302, 302, 302),
        {"reminder": "07:00"},
    ),
]

# Messages: only a runner and the coach they have now write to and read each other; a thread with oneself is none.
PAGES += [
    Row("GET", "/messages/", "messaging:inbox", (LOGIN, 200, 200, 200, 200)),
    Row("GET", "/messages/{coach_user}/", "messaging:thread", (LOGIN, 200, 404, 404, 404)),
    Row("GET", "/messages/{runner}/", "messaging:thread", (LOGIN, 404, 404, 200, 404)),
    Row(
        "POST",
        "/messages/{coach_user}/",
        "messaging:thread",
        (LOGIN, 302, 404, 404, 404),
        lambda w: {"body": "See you Tuesday", "client_uuid": str(uuid.uuid4())},
    ),
    Row("POST", "/messages/{runner}/read/", "messaging:read", (LOGIN, 404, 404, 302, 404)),
    # The runner's message: its author deletes it; their coach may read it, not delete it.
    Row("POST", "/messages/{coach_user}/{message}/delete/", "messaging:delete", (LOGIN, 302, 404, 403, 404)),
]


# Email notifications: each person's own settings; the mails' unsubscribe link works without signing in (its signed
# token is the credential), and a made-up token is refused with its reason for everyone.
PAGES += [
    Row("GET", "/account/notifications/", "notifications:settings", (LOGIN, 200, 200, 200, 200)),
    Row(
        "POST",
        "/account/notifications/",
        "notifications:settings",
        (LOGIN, 302, 302, 302, 302),
        {"message_emails": "on"},
    ),
    Row("GET", "/notifications/unsubscribe/made-up/", "notifications:unsubscribe", (400, 400, 400, 400, 400)),
    Row(
        "POST", "/notifications/unsubscribe/made-up/", "notifications:unsubscribe", (400, 400, 400, 400, 400)
    ),
]


def RACE_FORM(world):
    return {"name": "Matrix 10K", "date": world["in_a_month"], "distance": "10k", "priority": "B"}


def MANUAL_RUN(world):
    return {"day": world["today"], "duration_min": "30", "distance": "5", "rpe": "4"}


NO_FLAGS = {"area": "plantar_heel", "answers": {flag.code: False for flag in questions_for("plantar_heel")}}
HEEL_RAISE = {"results": {"heel-raise": {"L": 18, "R": 27}}}
LEFS = {"answers": ",".join(["4"] * 20)}


def SKIP(world):
    return {
        "session": world["session"],
        "scheduled_date": world["tomorrow"],
        "skip": True,
        "reason": "travel",
    }


def CHECKIN():
    return {"client_uuid": str(uuid.uuid4()), "pain": 2, "stiffness": 1}


def LOG(world):
    return {
        "client_uuid": str(uuid.uuid4()),
        "dated_session": {
            "plan": world["plan"],
            "session": world["session"],
            "scheduled_date": world["today"],
        },
        "sets": [{"prescription": world["prescription"], "set_number": 1, "side": "left", "reps": 10}],
        "rpe": 4,
        "pain_after": 1,
    }


def DAY_LOG(world):
    from footwork.programs.models import Prescription

    exercise = Prescription.objects.get(pk=world["prescription"]).exercise.slug
    return {
        "client_uuid": str(uuid.uuid4()),
        "sets": [{"exercise": exercise, "set_number": 1, "side": "left", "reps": 10}],
        "rpe": 4,
    }


WINDOW = "start={today}&end={tomorrow}"
PRIVATE = record(slug="", name="Matrix drill")
API = [
    Row("GET", "/api/v1/me", "GET /api/v1/me", (401, 200, 200, 200, 200)),
    Row("PATCH", "/api/v1/me", "PATCH /api/v1/me", (401, 200, 200, 200, 200), {}),
    Row("GET", "/api/v1/exercises", "GET /api/v1/exercises", (401, 200, 200, 200, 200)),
    Row("POST", "/api/v1/exercises", "POST /api/v1/exercises", (401, 403, 403, 201, 201), PRIVATE),
    Row("GET", "/api/v1/exercises/{private}", "GET /api/v1/exercises/{slug}", (401, 200, 404, 200, 404)),
    Row(
        "PATCH",
        "/api/v1/exercises/{private}",
        "PATCH /api/v1/exercises/{slug}",
        (401, 403, 404, 200, 404),
        {"dosage": {"sets": 2}},
    ),
    Row(
        "PATCH",
        "/api/v1/exercises/single-leg-heel-raise",
        "PATCH /api/v1/exercises/{slug}",
        (401, 403, 403, 403, 403),
        {},
    ),
    Row("GET", "/api/v1/coach/runners", "GET /api/v1/coach/runners", (401, 403, 403, 200, 200)),
    Row("GET", "/api/v1/runners/{runner}", "GET /api/v1/runners/{runner_id}", (401, 200, 404, 200, 404)),
    Row(
        "DELETE",
        "/api/v1/coach/runners/{runner}",
        "DELETE /api/v1/coach/runners/{runner_id}",
        (401, 403, 403, 204, 404),
    ),
    Row("GET", "/api/v1/coach/invitations", "GET /api/v1/coach/invitations", (401, 403, 403, 200, 200)),
    Row("POST", "/api/v1/coach/invitations", "POST /api/v1/coach/invitations", (401, 403, 403, 201, 201), {}),
    Row(
        "POST",
        "/api/v1/invitations/{code}/accept",
        "POST /api/v1/invitations/{code}/accept",
        (401, 200, 200, 403, 403),
    ),
    Row("DELETE", "/api/v1/me/coach", "DELETE /api/v1/me/coach", (401, 204, 204, 404, 404)),
    Row("GET", "/api/v1/programs", "GET /api/v1/programs", (401, 200, 200, 200, 200)),
    Row("GET", "/api/v1/programs/{coach_program}", "GET /api/v1/programs/{slug}", (401, 200, 404, 200, 404)),
    # The runner already follows test-daily: a second plan of it is refused (422) unless it replaces the first.
    Row(
        "POST",
        "/api/v1/plans",
        "POST /api/v1/plans",
        (401, 422, 201, 403, 403),
        {"program": "test-daily", "start_date": "2026-01-05"},
    ),
    Row(
        "POST",
        "/api/v1/plans",
        "POST /api/v1/plans",
        (401, 201, 201, 403, 403),
        {"program": "test-daily", "start_date": "2026-01-05", "replace": True},
    ),
    Row(
        "POST",
        "/api/v1/plans",
        "POST /api/v1/plans",
        (401, 422, 404, 422, 404),
        lambda w: {"program": "test-daily", "start_date": "2026-01-05", "runner": w["runner"]},
    ),
    Row(
        "POST",
        "/api/v1/plans",
        "POST /api/v1/plans",
        (401, 201, 404, 201, 404),
        lambda w: {
            "program": "test-daily",
            "start_date": "2026-01-05",
            "runner": w["runner"],
            "replace": True,
        },
    ),
    Row(
        "POST",
        "/api/v1/plans/{plan}/pause",
        "POST /api/v1/plans/{plan_id}/pause",
        (401, 200, 404, 200, 404),
        {"why": "x"},
    ),
    # The matrix's plan is active: resuming it is refused (422), but only to those who may see it.
    Row(
        "POST",
        "/api/v1/plans/{plan}/resume",
        "POST /api/v1/plans/{plan_id}/resume",
        (401, 422, 404, 422, 404),
        {},
    ),
    Row(
        "POST",
        "/api/v1/plans/{plan}/end",
        "POST /api/v1/plans/{plan_id}/end",
        (401, 200, 404, 200, 404),
        {"why": "x"},
    ),
    Row("GET", "/api/v1/plans/{plan}", "GET /api/v1/plans/{plan_id}", (401, 200, 404, 200, 404)),
    Row(
        "PATCH",
        "/api/v1/plans/{plan}/prescriptions/{prescription}",
        "PATCH /api/v1/plans/{plan_id}/prescriptions/{prescription_id}",
        (401, 200, 404, 200, 404),
        {"sets": 3, "why": "x"},
    ),
    Row(
        "POST",
        "/api/v1/plans/{plan}/overrides",
        "POST /api/v1/plans/{plan_id}/overrides",
        (401, 200, 404, 200, 404),
        lambda w: SKIP(w),
    ),
    Row("GET", "/api/v1/schedule?" + WINDOW, "GET /api/v1/schedule", (401, 200, 200, 200, 200)),
    Row(
        "GET", "/api/v1/schedule?runner={runner}&" + WINDOW, "GET /api/v1/schedule", (401, 200, 404, 200, 404)
    ),
    Row(
        "POST",
        "/api/v1/session-logs",
        "POST /api/v1/session-logs",
        (401, 201, 404, 403, 403),
        lambda w: LOG(w),
    ),
    # The player's offline queue: the day's one session. The other runner has no session today (422, nothing
    # stored); coaches do not log training.
    Row(
        "POST",
        "/api/v1/today/session",
        "POST /api/v1/today/session",
        (401, 201, 422, 403, 403),
        lambda w: DAY_LOG(w),
    ),
    Row("GET", "/api/v1/session-logs?" + WINDOW, "GET /api/v1/session-logs", (401, 200, 200, 200, 200)),
    Row(
        "GET",
        "/api/v1/session-logs?runner={runner}&" + WINDOW,
        "GET /api/v1/session-logs",
        (401, 200, 404, 200, 404),
    ),
    Row("POST", "/api/v1/checkins", "POST /api/v1/checkins", (401, 201, 201, 403, 403), lambda w: CHECKIN()),
    Row("GET", "/api/v1/checkins?" + WINDOW, "GET /api/v1/checkins", (401, 200, 200, 200, 200)),
    Row(
        "GET", "/api/v1/checkins?runner={runner}&" + WINDOW, "GET /api/v1/checkins", (401, 200, 404, 200, 404)
    ),
    Row("GET", "/api/v1/adherence", "GET /api/v1/adherence", (401, 200, 200, 200, 200)),
    Row("GET", "/api/v1/adherence?runner={runner}", "GET /api/v1/adherence", (401, 200, 404, 200, 404)),
]
API += [
    Row("GET", "/api/v1/tests", "GET /api/v1/tests", (401, 200, 200, 200, 200)),
    Row("POST", "/api/v1/assessments", "POST /api/v1/assessments", (401, 201, 201, 403, 403), HEEL_RAISE),
    Row(
        "POST",
        "/api/v1/assessments",
        "POST /api/v1/assessments",
        (401, 201, 404, 201, 404),
        lambda w: {**HEEL_RAISE, "runner": w["runner"]},
    ),
    Row("GET", "/api/v1/assessments", "GET /api/v1/assessments", (401, 200, 200, 200, 200)),
    Row("GET", "/api/v1/assessments?runner={runner}", "GET /api/v1/assessments", (401, 200, 404, 200, 404)),
    Row(
        "GET",
        "/api/v1/assessments/{assessment}",
        "GET /api/v1/assessments/{assessment_id}",
        (401, 200, 404, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/assessments/{assessment}/weak-links/heel-raise/add-to-plan",
        "POST /api/v1/assessments/{assessment_id}/weak-links/{test}/add-to-plan",
        (401, 200, 404, 200, 404),
    ),
    Row("GET", "/api/v1/questionnaires", "GET /api/v1/questionnaires", (401, 200, 200, 200, 200)),
    Row(
        "POST",
        "/api/v1/questionnaires/lefs/responses",
        "POST /api/v1/questionnaires/{code}/responses",
        (401, 201, 201, 403, 403),
        LEFS,
    ),
    Row(
        "POST",
        "/api/v1/questionnaires/lefs/responses",
        "POST /api/v1/questionnaires/{code}/responses",
        (401, 201, 404, 201, 404),
        lambda w: {**LEFS, "runner": w["runner"]},
    ),
    Row(
        "GET",
        "/api/v1/questionnaires/lefs/responses",
        "GET /api/v1/questionnaires/{code}/responses",
        (401, 200, 200, 200, 200),
    ),
    Row(
        "GET",
        "/api/v1/questionnaires/lefs/responses?runner={runner}",
        "GET /api/v1/questionnaires/{code}/responses",
        (401, 200, 404, 200, 404),
    ),
]
API += [
    Row("GET", "/api/v1/recommendations", "GET /api/v1/recommendations", (401, 200, 200, 200, 200)),
    Row(
        "GET",
        "/api/v1/recommendations?runner={runner}",
        "GET /api/v1/recommendations",
        (401, 200, 404, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/recommendations/{recommendation}/accept",
        "POST /api/v1/recommendations/{rec_id}/accept",
        (401, 200, 404, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/recommendations/{recommendation}/dismiss",
        "POST /api/v1/recommendations/{rec_id}/dismiss",
        (401, 200, 404, 200, 404),
    ),
    Row("GET", "/api/v1/today", "GET /api/v1/today", (401, 200, 200, 404, 404)),
    Row("GET", "/api/v1/today?runner={runner}", "GET /api/v1/today", (401, 200, 404, 200, 404)),
    Row(
        "POST",
        "/api/v1/recommendations/{recommendation}/clear",
        "POST /api/v1/recommendations/{rec_id}/clear",
        (401, 422, 404, 422, 404),
        {"note": "seen"},
    ),
    # A red flag is cleared by the runner's coach (with a note), never by a coached runner.
    Row(
        "POST",
        "/api/v1/flare-ups/{referral}/clear",
        "POST /api/v1/flare-ups/{flare_id}/clear",
        (401, 403, 404, 200, 404),
        {"note": "Seen by Dr Lee: no tear."},
    ),
    Row("GET", "/api/v1/alerts", "GET /api/v1/alerts", (401, 403, 403, 200, 200)),
    Row(
        "POST",
        "/api/v1/alerts/{alert}/read",
        "POST /api/v1/alerts/{alert_id}/read",
        (401, 403, 403, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/alerts/{alert}/resolve",
        "POST /api/v1/alerts/{alert_id}/resolve",
        (401, 403, 403, 200, 404),
        {"note": "Called her"},
    ),
    Row("GET", "/api/v1/coach/roster", "GET /api/v1/coach/roster", (401, 403, 403, 200, 200)),
    # The runner already has a flare-up running: a second is refused (422), but only to those who may see it.
    Row("POST", "/api/v1/flare-ups", "POST /api/v1/flare-ups", (401, 422, 201, 403, 403), NO_FLAGS),
    Row(
        "POST",
        "/api/v1/flare-ups",
        "POST /api/v1/flare-ups",
        (401, 422, 404, 422, 404),
        lambda w: {**NO_FLAGS, "runner": w["runner"]},
    ),
    Row("GET", "/api/v1/flare-ups/current", "GET /api/v1/flare-ups/current", (401, 200, 404, 404, 404)),
    Row(
        "GET",
        "/api/v1/flare-ups/current?runner={runner}",
        "GET /api/v1/flare-ups/current",
        (401, 200, 404, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/flare-ups/current/end",
        "POST /api/v1/flare-ups/current/end",
        (401, 422, 404, 404, 404),
    ),
    Row(
        "POST",
        "/api/v1/flare-ups/current/end?runner={runner}",
        "POST /api/v1/flare-ups/current/end",
        (401, 422, 404, 200, 404),
    ),
]


def RUN(world):
    return {"date": world["today"], "duration_min": 30, "distance_km": 5, "rpe": 4}


SHOE = {"brand": "Acme", "model": "Glide", "drop_mm": 8}
API += [
    Row("GET", "/api/v1/runs?" + WINDOW, "GET /api/v1/runs", (401, 200, 200, 200, 200)),
    Row("GET", "/api/v1/runs?runner={runner}&" + WINDOW, "GET /api/v1/runs", (401, 200, 404, 200, 404)),
    Row("POST", "/api/v1/runs", "POST /api/v1/runs", (401, 201, 201, 403, 403), lambda w: RUN(w)),
    Row(
        "POST",
        "/api/v1/runs",
        "POST /api/v1/runs",
        (401, 201, 404, 201, 404),
        lambda w: {**RUN(w), "runner": w["runner"]},
    ),
    # The body each actor gets is checked by test_a_run_track_reaches_only_its_runner_and_coach.
    Row("GET", "/api/v1/runs/{run}", "GET /api/v1/runs/{run_id}", (401, 200, 404, 200, 404)),
    Row("GET", "/api/v1/runs/{run}?full=1", "GET /api/v1/runs/{run_id}", (401, 200, 404, 200, 404)),
    Row(
        "PATCH",
        "/api/v1/runs/{run}",
        "PATCH /api/v1/runs/{run_id}",
        (401, 200, 404, 200, 404),
        {"sport": "hiking"},
    ),
    Row("GET", "/api/v1/load?" + WINDOW, "GET /api/v1/load", (401, 200, 200, 200, 200)),
    Row("GET", "/api/v1/load?runner={runner}&" + WINDOW, "GET /api/v1/load", (401, 200, 404, 200, 404)),
    Row("POST", "/api/v1/imports", "POST /api/v1/imports", (401, 422, 422, 403, 403)),
    Row("POST", "/api/v1/imports?runner={runner}", "POST /api/v1/imports", (401, 422, 404, 422, 404)),
    Row("GET", "/api/v1/imports/{import}", "GET /api/v1/imports/{import_id}", (401, 200, 404, 200, 404)),
    Row("GET", "/api/v1/shoes", "GET /api/v1/shoes", (401, 200, 200, 200, 200)),
    Row("GET", "/api/v1/shoes?runner={runner}", "GET /api/v1/shoes", (401, 200, 404, 200, 404)),
    Row("POST", "/api/v1/shoes", "POST /api/v1/shoes", (401, 201, 201, 403, 403), SHOE),
    Row(
        "POST",
        "/api/v1/shoes",
        "POST /api/v1/shoes",
        (401, 201, 404, 201, 404),
        lambda w: {**SHOE, "runner": w["runner"]},
    ),
]


def RACE(world):
    return {"name": "Matrix 10K", "date": world["in_a_month"], "distance_km": 10, "priority": "B"}


RESULT = {"finish_seconds": 6000, "pain_during": 2, "pain_after": 3}
API += [
    Row("GET", "/api/v1/races", "GET /api/v1/races", (401, 200, 200, 200, 200)),
    Row("GET", "/api/v1/races?runner={runner}", "GET /api/v1/races", (401, 200, 404, 200, 404)),
    Row("POST", "/api/v1/races", "POST /api/v1/races", (401, 201, 201, 403, 403), lambda w: RACE(w)),
    Row(
        "POST",
        "/api/v1/races",
        "POST /api/v1/races",
        (401, 201, 404, 201, 404),
        lambda w: {**RACE(w), "runner": w["runner"]},
    ),
    Row("GET", "/api/v1/races/{race}", "GET /api/v1/races/{race_id}", (401, 200, 404, 200, 404)),
    Row(
        "PATCH",
        "/api/v1/races/{race}",
        "PATCH /api/v1/races/{race_id}",
        (401, 200, 404, 200, 404),
        {"priority": "B"},
    ),
    Row("DELETE", "/api/v1/races/{race}", "DELETE /api/v1/races/{race_id}", (401, 204, 404, 204, 404)),
    Row(
        "POST",
        "/api/v1/races/{past_race}/result",
        "POST /api/v1/races/{race_id}/result",
        (401, 200, 404, 200, 404),
        RESULT,
    ),
    # The matrix's race is ahead: its result is refused (422), but only to those who may see it.
    Row(
        "POST",
        "/api/v1/races/{race}/result",
        "POST /api/v1/races/{race_id}/result",
        (401, 422, 404, 422, 404),
        RESULT,
    ),
    Row("GET", "/api/v1/season", "GET /api/v1/season", (401, 200, 200, 403, 403)),
    Row("GET", "/api/v1/season?runner={runner}", "GET /api/v1/season", (401, 200, 404, 200, 404)),
    Row(
        "GET",
        "/api/v1/calendar?start={today}&end={tomorrow}",
        "GET /api/v1/calendar",
        (401, 200, 200, 403, 403),
    ),
    Row(
        "GET",
        "/api/v1/calendar?start={today}&end={tomorrow}&runner={runner}",
        "GET /api/v1/calendar",
        (401, 200, 404, 200, 404),
    ),
]


def MESSAGE_TO(whom):
    return lambda w: {"to": w[whom], "body": "See you Tuesday", "client_uuid": str(uuid.uuid4())}


API += [
    Row(
        "POST",
        "/api/v1/messages",
        "POST /api/v1/messages",
        (401, 201, 404, 404, 404),
        MESSAGE_TO("coach_user"),
    ),
    Row("POST", "/api/v1/messages", "POST /api/v1/messages", (401, 404, 404, 201, 404), MESSAGE_TO("runner")),
    Row("GET", "/api/v1/messages?with={coach_user}", "GET /api/v1/messages", (401, 200, 404, 404, 404)),
    Row("GET", "/api/v1/messages?with={runner}", "GET /api/v1/messages", (401, 404, 404, 200, 404)),
    Row(
        "POST",
        "/api/v1/messages/read",
        "POST /api/v1/messages/read",
        (401, 404, 404, 200, 404),
        lambda w: {"with": w["runner"]},
    ),
    Row("GET", "/api/v1/messages/unread", "GET /api/v1/messages/unread", (401, 200, 200, 200, 200)),
    Row(
        "DELETE",
        "/api/v1/messages/{message}",
        "DELETE /api/v1/messages/{message_id}",
        (401, 204, 404, 403, 404),
    ),
]
NOTIFICATIONS_ON = {"message_emails": True, "red_flag_emails": True, "daily_digest": True}
API += [
    Row(
        "GET",
        "/api/v1/notifications/settings",
        "GET /api/v1/notifications/settings",
        (401, 200, 200, 200, 200),
    ),
    Row(
        "PUT",
        "/api/v1/notifications/settings",
        "PUT /api/v1/notifications/settings",
        (401, 200, 200, 200, 200),
        NOTIFICATIONS_ON,
    ),
]
# --- Workshops over the API (issue 15) -------------------------------------------------------------------------------
# The coach's workshop by code (`api_workshop`), with a lesson, joined by other_runner: not the coach's client, and
# not sharing their data. A coach's routes refuse runners (403) and find no other coach's workshop (404); a runner's
# routes refuse coaches (403); the runner is in no workshop (404 for its lessons and sharing). Joining: the runner's
# first join is 201, other_runner's again 200. These rows need the workshop: `_api_workshop_in_world` adds it.
API_WORKSHOP_NEW = {
    "program": "test-daily",
    "title": "Matrix workshop too",
    "summary": "Feet",
    "access": "open",
}
API_WORKSHOP_ROWS = [
    Row("POST", "/api/v1/workshops", "POST /api/v1/workshops", (401, 403, 403, 201, 201), API_WORKSHOP_NEW),
    Row("GET", "/api/v1/workshops", "GET /api/v1/workshops", (401, 200, 200, 200, 200)),
    Row(
        "PATCH",
        "/api/v1/workshops/{api_workshop}",
        "PATCH /api/v1/workshops/{slug}",
        (401, 403, 403, 200, 404),
        {"subtitle": "Changed", "published": True},
    ),
    Row(
        "POST",
        "/api/v1/workshops/{api_workshop}/codes",
        "POST /api/v1/workshops/{slug}/codes",
        (401, 403, 403, 201, 404),
        {"count": 2},
    ),
    Row(
        "POST",
        "/api/v1/workshops/{api_workshop}/join",
        "POST /api/v1/workshops/{slug}/join",
        (401, 201, 200, 403, 403),
        lambda w: {"code": w["api_workshop_code"]},
    ),
    Row(
        "POST",
        "/api/v1/workshops/{api_workshop}/share",
        "POST /api/v1/workshops/{slug}/share",
        (401, 404, 200, 403, 403),
        {"share": False},
    ),
    Row(
        "GET",
        "/api/v1/workshops/{api_workshop}/stats",
        "GET /api/v1/workshops/{slug}/stats",
        (401, 403, 403, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/workshops/{api_workshop}/announcements",
        "POST /api/v1/workshops/{slug}/announcements",
        (401, 403, 403, 201, 404),
        {"body": "Matrix news"},
    ),
    Row(
        "GET",
        "/api/v1/workshops/{api_workshop}/lessons",
        "GET /api/v1/workshops/{slug}/lessons",
        (401, 404, 200, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/workshops/lessons/{api_workshop_lesson}/read",
        "POST /api/v1/workshops/lessons/{lesson_id}/read",
        (401, 404, 200, 403, 403),
    ),
]
API += API_WORKSHOP_ROWS


@pytest.fixture
def api_workshop(cast, programs):
    """The coach's workshop by code with one lesson, joined by other_runner (who shares nothing): its keys for the
    rows' paths and bodies. Of a program of the coach's own: the world's runner follows test-daily already."""
    from footwork.workshops.services import add_lesson, join_workshop, publish_workshop

    program = create_program(actor=cast.coach, name="Matrix feet", goal="Feet")
    made = publish_workshop(
        actor=cast.coach, program_slug=program.slug, title="Matrix workshop", summary="Feet", access="code"
    )
    lesson = add_lesson(
        actor=cast.coach, slug=made.slug, title="Matrix lesson", body_markdown="Feet", unlock_day=1
    )
    join_workshop(actor=cast.other_runner, slug=made.slug, code=made.shared_code)
    return {
        "api_workshop": made.slug,
        "api_workshop_code": made.shared_code,
        "api_workshop_lesson": lesson.pk,
    }


@pytest.fixture(autouse=True)
def _api_workshop_in_world(request):
    """The workshop added to the world of test_who_may_see_what's workshop rows only (other rows stay as they were)."""
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and callspec.params.get("row") in API_WORKSHOP_ROWS:
        request.getfixturevalue("world").update(request.getfixturevalue("api_workshop"))


def _api_workshop_stored():
    from footwork.workshops.models import AccessCode, Announcement, LessonRead, Participant, Workshop

    return (
        list(Workshop.objects.values_list("title", "subtitle", "published")),
        AccessCode.objects.count(),
        Announcement.objects.count(),
        list(Participant.objects.values_list("runner__email", "shares_data")),
        LessonRead.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_api_workshop_participants_who_have_not_shared_stay_invisible(client, world, api_workshop, actor):
    """A participant who shares nothing is invisible to the workshop's coach through every path (the roster, their
    pages, their day, the figures); another coach and a visitor find nothing of the workshop, and nobody but its
    coach changes it."""
    cast, slug = world["cast"], api_workshop["api_workshop"]
    hidden = cast.other_runner
    user = None if actor == "anonymous" else getattr(cast, actor)
    if user is not None:
        client.force_login(user)
    before = _api_workshop_stored()
    base = f"/api/v1/workshops/{slug}"
    reads = {
        "list": client.get("/api/v1/workshops"),
        "stats": client.get(f"{base}/stats"),
        "lessons": client.get(f"{base}/lessons"),
        "runner": client.get(f"/api/v1/runners/{hidden.pk}"),
        "day": client.get(f"/api/v1/today?runner={hidden.pk}"),
        "roster": client.get("/api/v1/coach/roster"),
        "timeline": client.get(f"/api/v1/coach/runners/{hidden.pk}/timeline"),
    }
    if actor != "other_runner":
        for response in reads.values():
            # Nobody but the participant reads their address.
            assert hidden.email not in response.content.decode()
    if actor == "coach":
        assert [item["participants"] for item in reads["list"].json()] == [1]
        assert reads["stats"].json()["participants"] == "fewer than 5"
        assert [item["title"] for item in reads["lessons"].json()] == ["Matrix lesson"]
        assert reads["runner"].status_code == reads["day"].status_code == reads["timeline"].status_code == 404
        assert hidden.pk not in [row["runner"] for row in reads["roster"].json()]
        changed = client.patch(base, json.dumps({"subtitle": "Coach's"}), content_type="application/json")
        assert changed.status_code == 200
        assert _api_workshop_stored()[0] == [("Matrix workshop", "Coach's", True)]
        return
    if actor == "other_runner":
        (mine,) = reads["list"].json()
        assert (mine["slug"], mine["shares_data"], mine["code"]) == (slug, False, None)
        assert reads["stats"].status_code == 403
    elif actor == "anonymous":
        assert {response.status_code for response in reads.values()} == {401}
    else:
        # Their own list: the runner joined nothing, the other coach published nothing.
        assert reads["list"].json() == []
        assert reads["lessons"].status_code == 404
        assert reads["stats"].status_code == (404 if actor == "other_coach" else 403)
    if actor != "other_runner":
        for response in reads.values():
            assert "Matrix" not in response.content.decode()
    # Their writes to the coach's workshop change nothing.
    client.patch(base, json.dumps({"subtitle": "Mine"}), content_type="application/json")
    client.post(f"{base}/codes", json.dumps({"count": 2}), content_type="application/json")
    client.post(f"{base}/announcements", json.dumps({"body": "Hi"}), content_type="application/json")
    assert _api_workshop_stored() == before


# The runner's screen: its timeline tab and the coach's private notes (caseload). Notes are the coach's alone: a
# runner is refused (403), even about themself; another coach finds no such runner (404).
NOTE = {"body": "Matrix note, changed"}
PAGES += [
    Row(
        "GET",
        "/coaching/runners/{runner}/timeline/",
        "coaching:runner_timeline",
        (LOGIN, 403, 403, 200, 404),
    ),
    Row("POST", "/coaching/runners/{runner}/notes/", "coaching:add_note", (LOGIN, 403, 403, 302, 404), NOTE),
    Row(
        "POST",
        "/coaching/runners/{runner}/notes/{note}/",
        "coaching:edit_note",
        (LOGIN, 403, 403, 302, 404),
        NOTE,
    ),
]
API += [
    Row(
        "GET",
        "/api/v1/coach/runners/{runner}/notes",
        "GET /api/v1/coach/runners/{runner_id}/notes",
        (401, 403, 403, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/coach/runners/{runner}/notes",
        "POST /api/v1/coach/runners/{runner_id}/notes",
        (401, 403, 403, 201, 404),
        NOTE,
    ),
    Row(
        "PATCH",
        "/api/v1/coach/runners/{runner}/notes/{note}",
        "PATCH /api/v1/coach/runners/{runner_id}/notes/{note_id}",
        (401, 403, 403, 200, 404),
        NOTE,
    ),
    Row(
        "GET",
        "/api/v1/coach/runners/{runner}/timeline",
        "GET /api/v1/coach/runners/{runner_id}/timeline",
        (401, 403, 403, 200, 404),
    ),
]


class Multipart(dict):
    """A body sent as multipart/form-data (it holds files), made anew for each request."""


def PHOTO_FORM(name="file", **fields):
    return lambda w: Multipart({name: SimpleUploadedFile("form.jpg", photo()), **fields})


# Photos and videos: a coach adds them to exercises they may see, for their own runners; a message may carry one.
# Each file is served to those who may see its exercise or thread, by /media/… (404 to others), never as a folder.
SHIPPED_MEDIA = "/exercises/single-leg-heel-raise/media/"
PAGES += [
    Row("POST", SHIPPED_MEDIA, "exercises:add_media", (LOGIN, 403, 403, 302, 302), PHOTO_FORM()),
    Row(
        "POST",
        "/exercises/{private}/media/",
        "exercises:add_media",
        (LOGIN, 403, 403, 302, 404),
        PHOTO_FORM(),
    ),
    # Without a file: the page again with the reason.
    Row("POST", SHIPPED_MEDIA, "exercises:add_media", (LOGIN, 403, 403, 400, 400)),
    Row(
        "POST",
        SHIPPED_MEDIA + "{exercise_media}/remove/",
        "exercises:remove_media",
        (LOGIN, 403, 404, 302, 404),
    ),
    Row("GET", "/media/exercises/{exercise_media}/", "exercise_media:file", (LOGIN, 200, 404, 200, 404)),
    Row("GET", "/media/messages/{message_media}/", "message_media:file", (LOGIN, 200, 404, 200, 404)),
    Row(
        "POST",
        "/messages/{coach_user}/",
        "messaging:thread",
        (LOGIN, 302, 404, 404, 404),
        lambda w: Multipart(
            {
                "body": "",
                "client_uuid": str(uuid.uuid4()),
                "attachment": SimpleUploadedFile("a.png", photo("PNG")),
            }
        ),
    ),
]
API += [
    Row(
        "GET",
        "/api/v1/exercises/single-leg-heel-raise/media",
        "GET /api/v1/exercises/{slug}/media",
        (401, 200, 200, 200, 200),
    ),
    Row(
        "GET",
        "/api/v1/exercises/{private}/media",
        "GET /api/v1/exercises/{slug}/media",
        (401, 200, 404, 200, 404),
    ),
    Row(
        "POST",
        "/api/v1/exercises/single-leg-heel-raise/media",
        "POST /api/v1/exercises/{slug}/media",
        (401, 403, 403, 201, 201),
        PHOTO_FORM(caption="Tall"),
    ),
    Row(
        "POST",
        "/api/v1/exercises/{private}/media",
        "POST /api/v1/exercises/{slug}/media",
        (401, 403, 403, 201, 404),
        PHOTO_FORM(),
    ),
    Row(
        "DELETE",
        "/api/v1/exercises/single-leg-heel-raise/media/{exercise_media}",
        "DELETE /api/v1/exercises/{slug}/media/{media_id}",
        (401, 403, 404, 204, 404),
    ),
    Row(
        "POST",
        "/api/v1/messages/attachments",
        "POST /api/v1/messages/attachments",
        (401, 201, 404, 404, 404),
        lambda w: Multipart(
            {
                "to": w["coach_user"],
                "client_uuid": str(uuid.uuid4()),
                "file": SimpleUploadedFile("a.mp4", mp4()),
            }
        ),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_photos_and_videos_reach_only_the_coach_and_their_runners(client, world, actor, settings):
    """Who receives an exercise's and a message's file bytes, what each reads of them, and what uploads store."""
    cast = world["cast"]
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))
    item = ExerciseMedia.objects.get(pk=world["exercise_media"])
    message = Message.objects.get(pk=world["message_media"])
    root = Path(settings.MEDIA_ROOT)
    exercise_file = client.get(f"/media/exercises/{item.pk}/")
    message_file = client.get(f"/media/messages/{message.pk}/")
    listed = client.get("/api/v1/exercises/single-leg-heel-raise/media")
    page = client.get("/exercises/single-leg-heel-raise/").content.decode()
    upload = client.post(SHIPPED_MEDIA, {"file": SimpleUploadedFile("x.png", photo("PNG"))})
    mine = ExerciseMedia.objects.exclude(pk=item.pk)
    if actor in {"runner", "coach"}:
        assert b"".join(exercise_file.streaming_content) == (root / item.path).read_bytes()
        assert b"".join(message_file.streaming_content) == (root / message.attachment_path).read_bytes()
        assert [entry["id"] for entry in listed.json()] == [item.pk]
        assert f"/media/exercises/{item.pk}/" in page
    else:
        assert (
            exercise_file.status_code == message_file.status_code == (LOGIN if actor == "anonymous" else 404)
        )
        assert not hasattr(exercise_file, "streaming_content")
        assert f"/media/exercises/{item.pk}/" not in page
        assert listed.status_code == 401 or listed.json() == []
    if actor in {"coach", "other_coach"}:
        assert upload.status_code == 302
        assert [entry.owner for entry in mine] == [getattr(cast, actor)]
        assert mine.get().path.startswith(f"exercises/{getattr(cast, actor).pk}/")
    else:
        assert upload.status_code == (LOGIN if actor == "anonymous" else 403)
        assert not mine.exists()
    # Whoever asked, only the world's two files and the coaches' own uploads lie under MEDIA_ROOT.
    assert len([path for path in root.rglob("*") if path.is_file()]) == 2 + mine.count()


# --- Workshops' web pages (issue 15) -------------------------------------------------------------------------------
# The coach's pages under /coaching/workshops/ are their own workshop's (404 to another coach, 403 to runners); the
# landing page /w/<slug>/ and its cover are anyone's while published; a participant's pages are theirs alone; a
# lesson's photo reaches its coach and its participants. The rows here against `world` name a workshop that does not
# exist (so every route has a row); WEB_WORKSHOP_PAGES walks a real one (the `web_workshop` fixture), and
# test_web_workshop_data_reaches_only_whom_it_should asserts what each actor reads and what is stored.
NO_WORKSHOP_PAGE = "/coaching/workshops/no-such-workshop/"
PAGES += [
    Row("GET", "/coaching/workshops/", "workshops:coach_list", (LOGIN, 403, 403, 200, 200)),
    # Without a program or title: the form again with the reasons; nothing published.
    Row("POST", "/coaching/workshops/", "workshops:coach_list", (LOGIN, 403, 403, 400, 400)),
    Row("GET", NO_WORKSHOP_PAGE, "workshops:coach_workshop", (LOGIN, 403, 403, 404, 404)),
    Row("POST", NO_WORKSHOP_PAGE + "preview/", "workshops:preview", (LOGIN, 403, 403, 404, 404)),
    Row("POST", NO_WORKSHOP_PAGE + "cover/", "workshops:cover", (LOGIN, 403, 403, 404, 404)),
    Row("POST", NO_WORKSHOP_PAGE + "publishing/", "workshops:publishing", (LOGIN, 403, 403, 404, 404)),
    Row("POST", NO_WORKSHOP_PAGE + "codes/", "workshops:make_codes", (LOGIN, 403, 403, 404, 404)),
    Row("GET", NO_WORKSHOP_PAGE + "codes.csv", "workshops:codes_csv", (LOGIN, 403, 403, 404, 404)),
    Row("POST", NO_WORKSHOP_PAGE + "lessons/", "workshops:add_lesson", (LOGIN, 403, 403, 404, 404)),
    Row("POST", NO_WORKSHOP_PAGE + "lessons/1/", "workshops:edit_lesson", (LOGIN, 403, 403, 404, 404)),
    Row(
        "POST", NO_WORKSHOP_PAGE + "lessons/1/remove/", "workshops:remove_lesson", (LOGIN, 403, 403, 404, 404)
    ),
    Row("POST", NO_WORKSHOP_PAGE + "announcements/", "workshops:announce", (LOGIN, 403, 403, 404, 404)),
    Row("GET", "/w/no-such-workshop/", "workshops:landing", (404, 404, 404, 404, 404)),
    Row("GET", "/w/no-such-workshop/cover/", "workshops:cover_file", (404, 404, 404, 404, 404)),
    Row("GET", "/w/no-such-workshop/join/", "workshops:join", (404, 404, 404, 404, 404)),
    Row("POST", "/w/no-such-workshop/join/", "workshops:join", (404, 404, 404, 404, 404)),
    Row("GET", "/workshops/", "workshops:mine", (LOGIN, 200, 200, 302, 302)),
    Row("GET", "/workshops/no-such-workshop/", "workshops:participant", (LOGIN, 404, 404, 403, 403)),
    Row(
        "POST",
        "/workshops/no-such-workshop/lessons/1/read/",
        "workshops:read_lesson",
        (LOGIN, 404, 404, 403, 403),
    ),
    Row(
        "POST",
        "/workshops/no-such-workshop/share/",
        "workshops:share",
        (LOGIN, 404, 404, 403, 403),
        {"share": "yes"},
    ),
    Row("GET", "/media/workshops/lessons/1/", "workshops:lesson_media", (LOGIN, 404, 404, 404, 404)),
]
WEB_WORKSHOP = "/coaching/workshops/{slug}/"
# Anonymous visitors who press Join go to sign-up (not to the login page), and come back to the join page.
SIGN_UP = 302
WEB_WORKSHOP_PAGES = [
    Row("GET", WEB_WORKSHOP, "workshops:coach_workshop", (LOGIN, 403, 403, 200, 404)),
    Row(
        "POST",
        WEB_WORKSHOP,
        "workshops:coach_workshop",
        (LOGIN, 403, 403, 302, 404),
        {"title": "Renamed", "summary": "S", "access": "code", "join_window_days": 14},
    ),
    Row(
        "POST",
        WEB_WORKSHOP + "preview/",
        "workshops:preview",
        (LOGIN, 403, 403, 200, 404),
        {"description_markdown": "**x**"},
    ),
    Row("POST", WEB_WORKSHOP + "cover/", "workshops:cover", (LOGIN, 403, 403, 302, 404), PHOTO_FORM("cover")),
    Row(
        "POST",
        WEB_WORKSHOP + "publishing/",
        "workshops:publishing",
        (LOGIN, 403, 403, 302, 404),
        {"published": "yes"},
    ),
    Row("POST", WEB_WORKSHOP + "codes/", "workshops:make_codes", (LOGIN, 403, 403, 302, 404), {"count": 2}),
    Row("GET", WEB_WORKSHOP + "codes.csv", "workshops:codes_csv", (LOGIN, 403, 403, 200, 404)),
    Row(
        "POST",
        WEB_WORKSHOP + "lessons/",
        "workshops:add_lesson",
        (LOGIN, 403, 403, 302, 404),
        {"title": "More", "unlock_day": 2, "body_markdown": "x"},
    ),
    Row(
        "POST",
        WEB_WORKSHOP + "lessons/{lesson}/",
        "workshops:edit_lesson",
        (LOGIN, 403, 403, 302, 404),
        lambda w: {
            f"l{w['lesson']}-title": "T",
            f"l{w['lesson']}-unlock_day": 1,
            f"l{w['lesson']}-body_markdown": "B",
        },
    ),
    Row(
        "POST",
        WEB_WORKSHOP + "lessons/{lesson}/remove/",
        "workshops:remove_lesson",
        (LOGIN, 403, 403, 302, 404),
    ),
    Row(
        "POST",
        WEB_WORKSHOP + "announcements/",
        "workshops:announce",
        (LOGIN, 403, 403, 302, 404),
        {"body": "Hi"},
    ),
    Row("GET", "/w/{slug}/", "workshops:landing", (200, 200, 200, 200, 200)),
    Row("GET", "/w/{slug}/cover/", "workshops:cover_file", (200, 200, 200, 200, 200)),
    # The runner has joined (to their page); the other runner is offered the one-click join; coaches are refused.
    Row("GET", "/w/{slug}/join/", "workshops:join", (200, 302, 200, 403, 403)),
    Row(
        "POST",
        "/w/{slug}/join/",
        "workshops:join",
        (SIGN_UP, 302, 302, 403, 403),
        lambda w: {"code": w["code"]},
    ),
    Row("GET", "/workshops/{slug}/", "workshops:participant", (LOGIN, 200, 404, 403, 403)),
    Row(
        "POST",
        "/workshops/{slug}/lessons/{lesson}/read/",
        "workshops:read_lesson",
        (LOGIN, 302, 404, 403, 403),
    ),
    Row("POST", "/workshops/{slug}/share/", "workshops:share", (LOGIN, 302, 404, 403, 403), {"share": "yes"}),
    Row("GET", "/media/workshops/lessons/{lesson}/", "workshops:lesson_media", (LOGIN, 200, 404, 200, 404)),
]


@pytest.fixture
def web_workshop_world(cast, programs):
    """A published workshop of the coach's, by code, with a cover, a day-one lesson with a photo and an
    announcement, joined by their runner (who shares nothing) and by a runner of no coach (`joiner`, sharing
    nothing either)."""
    from footwork.accounts.tests.factories import runner as make_runner
    from footwork.workshops import services as workshop_services
    from footwork.workshops.tests.factories import code_workshop

    made = code_workshop(cast.coach, title="Matrix Workshop")
    workshop_services.set_cover(actor=cast.coach, slug=made.slug, data=photo())
    lesson = workshop_services.add_lesson(
        actor=cast.coach, slug=made.slug, title="Matrix lesson", body_markdown="Lesson text", unlock_day=1,
        media=photo(),
    )  # fmt: skip
    (code,) = workshop_services.make_codes(actor=cast.coach, slug=made.slug, count=1)
    workshop_services.join_workshop(actor=cast.runner, slug=made.slug, code=made.shared_code)
    joiner = make_runner(email="matrix-joiner@example.test", first_name="Jolene")
    workshop_services.join_workshop(actor=joiner, slug=made.slug, code=made.shared_code)
    workshop_services.post_announcement(actor=cast.coach, slug=made.slug, body="Matrix news")
    return {"cast": cast, "slug": made.slug, "lesson": lesson.pk, "code": code, "joiner": joiner}


@pytest.mark.django_db
@pytest.mark.parametrize("row", WEB_WORKSHOP_PAGES, ids=lambda row: f"{row.method} {row.path}")
@pytest.mark.parametrize("actor", ACTORS)
def test_web_workshop_pages_who_may_see_what(client, web_workshop_world, row, actor):
    response = request(client, web_workshop_world, row, actor)
    expected = row.expect[ACTORS.index(actor)]
    assert response.status_code == expected, response.content[:300]
    if actor == "anonymous" and expected == LOGIN and row.route != "workshops:join":
        assert response["Location"].startswith("/accounts/login/")
    if actor == "anonymous" and row.route == "workshops:join" and row.method == "POST":
        assert response["Location"].startswith("/account/signup/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_web_workshop_data_reaches_only_whom_it_should(client, web_workshop_world, actor):
    """What each actor reads of a workshop, and what their writes store: its coach sees figures (hidden under 5) and
    no participant who has not shared, another coach nothing, a visitor the landing page only."""
    from footwork.workshops.models import Announcement, LessonRead, Participant

    cast, slug, joiner = web_workshop_world["cast"], web_workshop_world["slug"], web_workshop_world["joiner"]
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))
    landing = client.get(f"/w/{slug}/").content.decode()
    coach_page = client.get(f"/coaching/workshops/{slug}/")
    csv_file = client.get(f"/coaching/workshops/{slug}/codes.csv")
    joiner_page = client.get(f"/coaching/runners/{joiner.pk}/")
    roster = client.get("/coaching/")
    mine = client.get(f"/workshops/{slug}/")
    client.post(f"/coaching/workshops/{slug}/announcements/", {"body": "Posted by the actor"})
    client.post(f"/workshops/{slug}/lessons/{web_workshop_world['lesson']}/read/")
    assert "Matrix Workshop" in landing
    assert "Lesson text" not in landing
    assert web_workshop_world["code"] not in landing
    # Nobody sees the joiner, who shares nothing: not on the workshop's page, the roster or their runner page.
    assert joiner_page.status_code in {302, 403, 404}
    assert "matrix-joiner@example.test" not in coach_page.content.decode()
    assert "Jolene" not in roster.content.decode()
    posted = list(Announcement.objects.values_list("body", flat=True).order_by("pk"))
    if actor == "coach":
        page = coach_page.content.decode()
        assert "fewer than 5" in page
        assert web_workshop_world["code"] in csv_file.content.decode()
        assert posted == ["Matrix news", "Posted by the actor"]
    else:
        assert (
            coach_page.status_code
            == csv_file.status_code
            == {"anonymous": 302, "other_coach": 404}.get(actor, 403)
        )
        assert web_workshop_world["code"] not in coach_page.content.decode() + csv_file.content.decode()
        assert posted == ["Matrix news"]
    if actor == "runner":
        assert "Lesson text" in mine.content.decode()
        assert LessonRead.objects.filter(runner=cast.runner).count() == 1
    else:
        assert "Lesson text" not in mine.content.decode()
        assert not LessonRead.objects.exists()
    assert Participant.objects.count() == 2


PUBLIC_API = ["/api/v1/openapi.json", "/api/v1/docs"]


@pytest.fixture
def world(cast, programs):
    token, _raw = create_api_token(actor=cast.runner, name="runner's")
    today = today_for(cast.runner)
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=today)
    session = ProgramSession.objects.get(phase__program=plan.program)
    coach_program = create_program(actor=cast.coach, name="Clinic calves", goal="Calves")
    assessment = record_assessment(actor=cast.runner, results=[Result("heel-raise", 18, 27)])
    response = QuestionnaireResponse.objects.create(
        runner=cast.runner, instrument="visa-a", date=today, answers=[], score=50
    )
    referral = FlareUp.objects.create(
        runner=cast.runner,
        area="achilles",
        status="referred",
        urgency="soon",
        started_on=today - timedelta(days=20),
    )
    FlareUp.objects.create(runner=cast.runner, area="calf", status="active", started_on=today)
    shipped_exercises(*(entry.exercise for entry in shipped_toolboxes()["plantar_heel"].exercises))
    alert = Alert.objects.create(coach=cast.coach, runner=cast.runner, kind="regress", message="x")
    shoe = create_shoe(actor=cast.runner, brand="Acme", model="Glide", drop_mm=8)
    run = record_manual_run(actor=cast.runner, day=today, duration_min=30, distance_km=5)
    batch = ImportBatch.objects.create(runner=cast.runner, created_by=cast.runner)
    race = add_race(actor=cast.runner, name="Matrix Marathon", date=today + timedelta(days=40),
                    distance_km=42.195, priority="A")  # fmt: skip
    past_race = add_race(actor=cast.runner, name="Matrix Half", date=today - timedelta(days=3),
                         distance_km=21.0975, priority="B")  # fmt: skip
    # Made last: the writes above refresh the runner's recommendations, which would supersede it.
    recommendation = Recommendation.objects.create(
        runner=cast.runner, plan=plan, kind="running", decision="keep", reasons=["green"]
    )
    _feed, feed_secret = make_feed(actor=cast.runner)
    message = send_message(
        actor=cast.runner, to_id=cast.coach.pk, body="Sore today", client_uuid=uuid.uuid4()
    )
    return {
        "coach_user": cast.coach.pk,
        "message": message.message.pk,
        "note": add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Matrix note").pk,
        "feed_secret": feed_secret,
        "race": race.pk,
        "past_race": past_race.pk,
        "in_a_month": (today + timedelta(days=30)).isoformat(),
        "import": batch.pk,
        "shoe": shoe.pk,
        "run": run.pk,
        "recommendation": recommendation.pk,
        "referral": referral.pk,
        "alert": alert.pk,
        "assessment": assessment.pk,
        "response": response.pk,
        "plan": plan.pk,
        "session": session.pk,
        "prescription": session.prescriptions.first().pk,
        "today": today.isoformat(),
        "tomorrow": (today + timedelta(days=1)).isoformat(),
        "coach_program": coach_program.slug,
        "cast": cast,
        "token": token.pk,
        "private": create_private_exercise(actor=cast.coach, record=PRIVATE).slug,
        "exercise_media": add_media(actor=cast.coach, slug="single-leg-heel-raise", data=photo()).pk,
        "message_media": send_message(
            actor=cast.runner, to_id=cast.coach.pk, body="", client_uuid=uuid.uuid4(), attachment=photo()
        ).message.pk,
        "invitation": (invitation := create_invitation(actor=cast.coach)).pk,
        "code": invitation.code,
        "runner": cast.runner.pk,
    }


TRACK_RUN = Path(__file__).resolve().parents[2] / "activities/tests/fixtures/fit/10kUNLP2014-Garmin15.fit"


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_a_run_track_reaches_only_its_runner_and_coach(client, cast, settings, tmp_path, actor):
    settings.DATA_DIR = tmp_path
    report = import_files(actor=cast.runner, files=[(TRACK_RUN.name, TRACK_RUN.read_bytes())])
    run_id = report.imported[0].run_id or 0
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))
    response = client.get(f"/api/v1/runs/{run_id}?full=1")
    body = response.json()
    if actor in {"runner", "coach"}:
        assert response.status_code == 200
        assert body["id"] == run_id
        assert body["track"]["total_points"] == body["track"]["points"] == 686
        assert body["track"]["series"]["distance_m"][-1] > 9_000
    else:
        assert response.status_code == (401 if actor == "anonymous" else 404)
        # Nothing of the run, not even that it exists: only the refusal's reason.
        assert set(body) <= {"detail", "field"}
        assert "track" not in response.content.decode()
        if actor != "anonymous":
            assert body == client.get(f"/api/v1/runs/{run_id + 1000}").json() == {"detail": "No such run."}


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_races_reach_only_their_runner_and_coach(client, world, actor):
    """What each actor reads and changes of the runner's races: the runner and coach all of it, others nothing."""
    cast, race_id = world["cast"], world["race"]
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))
    listed = client.get(f"/api/v1/races?runner={cast.runner.pk}")
    one = client.get(f"/api/v1/races/{race_id}")
    season = client.get(f"/api/v1/season?runner={cast.runner.pk}")
    patched = client.patch(f"/api/v1/races/{race_id}", json.dumps({"name": "Renamed"}),
                           content_type="application/json")  # fmt: skip
    stored = Race.objects.get(pk=race_id)
    if actor in {"runner", "coach"}:
        assert [race["name"] for race in listed.json()] == ["Matrix Half", "Matrix Marathon"]
        assert one.json()["name"] == "Matrix Marathon"
        assert [race["name"] for race in season.json()["races"]] == ["Matrix Half", "Matrix Marathon"]
        assert patched.json()["name"] == stored.name == "Renamed"
        assert client.delete(f"/api/v1/races/{race_id}").status_code == 204
        assert not Race.objects.filter(pk=race_id).exists()
        return
    status = 401 if actor == "anonymous" else 404
    for response in (listed, one, season, patched, client.delete(f"/api/v1/races/{race_id}")):
        assert response.status_code == status
        assert "Matrix" not in response.content.decode()
    if actor != "anonymous":
        assert one.json() == {"detail": "No such race."}
        # Their own lists hold none of the runner's races.
        assert client.get("/api/v1/races").json() == []
        page = client.get(f"/season/races/{race_id}/")
        assert page.status_code == 404
        assert "Matrix" not in page.content.decode()
    assert stored.name == "Matrix Marathon"
    assert Race.objects.filter(runner=cast.runner).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_calendar_feeds_reach_only_their_runner_and_coach(client, world, actor):
    """Each actor's own feed holds the runner's races only for the runner and their coach; writes touch only one's own."""
    cast, secret = world["cast"], world["feed_secret"]
    stored = CalendarFeed.objects.get(owner=cast.runner).digest
    if actor == "anonymous":
        for path in ("/season/feed/", "/season/feed/rotate/", "/season/feed/revoke/"):
            assert client.post(path).status_code == LOGIN
    else:
        user = getattr(cast, actor)
        client.force_login(user)
        if actor != "runner":
            client.post("/season/feed/")
            own = client.session["new_calendar_feed"]
            feed = client.get(f"/calendar/{own}.ics").content.decode()
            assert ("Matrix Marathon" in feed) == (actor == "coach")
            client.post("/season/feed/reminder/", {"reminder": "07:00"})
            client.post("/season/feed/rotate/")
            client.post("/season/feed/revoke/")
            assert CalendarFeed.objects.get(owner=user).reminder is not None
            assert CalendarFeed.objects.get(owner=cast.runner).digest == stored
            assert CalendarFeed.objects.get(owner=cast.runner).reminder is None
    # The runner's own address serves the runner's races, whoever holds it.
    assert "Matrix Marathon" in client.get(f"/calendar/{secret}.ics").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_the_calendar_reaches_only_its_runner_and_coach(client, world, actor):
    """The runner's days (their run) for the runner and their coach; for others nothing of them."""
    cast = world["cast"]
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))
    window = f"start={world['today']}&end={world['today']}&runner={cast.runner.pk}"
    answer = client.get(f"/api/v1/calendar?{window}")
    page = client.get(f"/calendar/?week={world['today']}&runner={cast.runner.pk}")
    if actor in {"runner", "coach"}:
        assert [run["id"] for run in answer.json()[0]["runs"]] == [world["run"]]
        assert "Ran 5.0 km" in page.content.decode()
        return
    assert answer.status_code == (401 if actor == "anonymous" else 404)
    assert str(world["run"]) not in answer.content.decode()
    assert "Ran 5.0 km" not in page.content.decode()


def request(client, world, row: Row, actor: str):
    if actor != "anonymous":
        client.force_login(getattr(world["cast"], actor))
    path = row.path.format(**world)
    body = row.body(world) if callable(row.body) else row.body
    if isinstance(body, Multipart):
        return client.generic(row.method, path, encode_multipart(BOUNDARY, body), MULTIPART_CONTENT)
    if row.path.startswith("/api/") and body is not None:
        return client.generic(row.method, path, json.dumps(body), content_type="application/json")
    return client.generic(
        row.method, path, body and urlencode(body), content_type="application/x-www-form-urlencoded"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_the_roster_and_alerts_reach_only_the_runners_coach(client, world, actor):
    """What each actor reads of the roster and the alerts, and what their reads and resolutions store."""
    cast, alert_id = world["cast"], world["alert"]
    user = None if actor == "anonymous" else getattr(cast, actor)
    if user is not None:
        client.force_login(user)
    roster = client.get("/api/v1/coach/roster")
    listed = client.get("/api/v1/alerts")
    inbox = client.get("/coaching/alerts/")
    page = client.get("/coaching/")
    read = client.post(f"/api/v1/alerts/{alert_id}/read")
    resolved = client.post(
        f"/api/v1/alerts/{alert_id}/resolve",
        json.dumps({"note": "Called her"}),
        content_type="application/json",
    )
    stored = Alert.objects.get(pk=alert_id)
    if actor == "coach":
        assert [row["runner"] for row in roster.json()] == [cast.runner.pk]
        assert [event["id"] for event in listed.json()] == [alert_id]
        assert cast.runner.display_name in inbox.content.decode()
        assert f'data-runner="{cast.runner.pk}"' in page.content.decode()
        assert read.json()["read"] is True
        assert resolved.json()["resolved"] is True
        assert stored.resolution_note == "Called her"
        assert stored.read_at is not None
        assert stored.resolved_at is not None
        return
    if actor == "other_coach":
        # Their own roster and inbox are empty; the runner's alert is as if it did not exist.
        assert roster.json() == listed.json() == []
        assert cast.runner.display_name not in inbox.content.decode() + page.content.decode()
        assert read.status_code == resolved.status_code == 404
        assert read.json() == {"detail": "No such alert."}
    else:
        expected = 401 if actor == "anonymous" else 403
        assert {roster.status_code, listed.status_code, read.status_code, resolved.status_code} == {expected}
        assert inbox.status_code == page.status_code == (LOGIN if actor == "anonymous" else 403)
        for response in (roster, listed, read, resolved):
            assert set(response.json()) <= {"detail", "field"}
    assert stored.read_at is None
    assert stored.resolved_at is None
    assert stored.resolution_note == ""


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_email_settings_are_each_persons_own_and_an_unsubscribe_link_its_owners(client, cast, actor):
    """Whoever opens a coach's unsubscribe link (signed in as anyone, or not) turns off that coach's mail only; the
    settings page and API change the actor's own settings and nobody else's."""
    from footwork.notifications.models import NotificationSettings
    from footwork.notifications.selectors import settings_of, unsubscribe_token

    user = None if actor == "anonymous" else getattr(cast, actor)
    if user is not None:
        client.force_login(user)
    link = f"/notifications/unsubscribe/{unsubscribe_token(cast.coach, 'digest')}/"
    assert client.get(link).status_code == 200
    assert not NotificationSettings.objects.exists()
    assert client.post(link).status_code == 200
    client.post("/account/notifications/", {})
    client.put(
        "/api/v1/notifications/settings",
        json.dumps({"message_emails": False, "red_flag_emails": False, "daily_digest": False}),
        content_type="application/json",
    )
    changed = set(NotificationSettings.objects.values_list("user__email", flat=True))
    assert changed == {cast.coach.email} | ({user.email} if user is not None else set())
    assert settings_of(cast.coach).daily_digest is False
    if actor != "coach":
        assert settings_of(cast.coach).red_flag_emails is True
    for other in (cast.runner, cast.other_runner, cast.other_coach):
        if other != user:
            assert settings_of(other).message_emails is True


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_private_notes_reach_only_their_author(client, world, actor):
    """The coach's notes about the runner: read, listed on the timeline and changed by the coach alone; for everyone
    else (the runner first) nothing of them on any page or answer, and nothing they send is stored."""
    cast, note_id, runner_id = world["cast"], world["note"], world["runner"]
    if actor != "anonymous":
        client.force_login(getattr(cast, actor))
    base = f"/api/v1/coach/runners/{runner_id}"
    listed = client.get(f"{base}/notes")
    timeline = client.get(f"{base}/timeline")
    added = client.post(f"{base}/notes", json.dumps({"body": "Added"}), content_type="application/json")
    patched = client.patch(f"{base}/notes/{note_id}", json.dumps({"body": "Changed"}),
                           content_type="application/json")  # fmt: skip
    page = client.get(f"/coaching/runners/{runner_id}/")
    tab = client.get(f"/coaching/runners/{runner_id}/timeline/")
    posted = client.post(f"/coaching/runners/{runner_id}/notes/", {"body": "Posted"})
    stored = sorted(CoachNote.objects.values_list("body", flat=True))
    if actor == "coach":
        assert [note["id"] for note in listed.json()] == [note_id]
        assert [entry["detail"] for entry in timeline.json() if entry["kind"] == "note"] == ["Matrix note"]
        assert added.status_code == 201
        assert patched.json()["body"] == "Changed"
        # Read after the change and the note added through the API.
        assert "Changed" in page.content.decode()
        assert "Added" in tab.content.decode()
        assert posted.status_code == 302
        assert stored == ["Added", "Changed", "Posted"]
        return
    for response in (listed, timeline, added, patched, page, tab, posted):
        assert "Matrix note" not in response.content.decode()
    if actor == "runner":
        # Their own page, without their coach's notes; the notes' routes refuse them.
        assert page.status_code == 200
        assert {listed.status_code, timeline.status_code, added.status_code, patched.status_code} == {403}
        assert tab.status_code == posted.status_code == 403
        for path in ("/today/", "/progress/", "/messages/", f"/api/v1/runners/{runner_id}"):
            assert "Matrix note" not in client.get(path).content.decode()
    elif actor == "anonymous":
        assert {listed.status_code, timeline.status_code, added.status_code, patched.status_code} == {401}
    else:
        expected = 403 if actor == "other_runner" else 404
        assert {listed.status_code, timeline.status_code, added.status_code, patched.status_code} == {
            expected
        }
    assert stored == ["Matrix note"]


@pytest.mark.django_db
@pytest.mark.parametrize("row", PAGES + API, ids=lambda row: f"{row.method} {row.path}")
@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_see_what(client, world, row, actor):
    response = request(client, world, row, actor)
    expected = row.expect[ACTORS.index(actor)]
    assert response.status_code == expected, response.content[:300]
    if actor == "anonymous" and expected == LOGIN:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_API)
def test_api_description_is_public(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/service-worker.js"])
def test_the_app_shell_is_not_personal(client, world, path):
    """The manifest and the worker are public and the same for everyone: nobody's name, email or ids in them, and
    no cookie set by reading them."""
    anonymous = client.get(path)
    cast = world["cast"]
    client.force_login(cast.runner)
    signed_in = client.get(path)
    assert anonymous.status_code == signed_in.status_code == 200
    assert anonymous.content == signed_in.content
    text = signed_in.content.decode().lower()
    for private in (cast.runner.email, cast.runner.display_name, "matrix", "csrf"):
        assert private.lower() not in text
    assert not anonymous.cookies
    assert signed_in["Cache-Control"] == "no-cache"


def _named_routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in {"admin", "api"}:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


AUTH_VIEWS = {
    "login", "logout", "password_change", "password_change_done", "password_reset", "password_reset_done",
    "password_reset_confirm", "password_reset_complete",
}  # fmt: skip


def test_every_route_is_in_the_matrix():
    covered = {row.route for row in PAGES} | AUTH_VIEWS
    assert set(_named_routes(get_resolver().url_patterns)) <= covered
    schema = api.get_openapi_schema()
    operations = {
        f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods
    }
    assert operations == {row.route for row in API}
