"""A runner's timeline for their coach: everything dated in a window, one bounded query a kind.

Sessions, check-ins, runs, tests, questionnaires, decisions, plan changes, flare-ups, races, messages and the coach's
own notes, read for the window only (eleven queries, and one for the tests' results, whatever the history), each
worded here and put in date order by caseload.domain.in_date_order. The kinds a year holds hundreds of are read as
plain rows, and each kind's links come from one reverse (core.links): a year's timeline is some 2,000 entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Q
from django.urls import reverse

from footwork.accounts.domain import shown_name
from footwork.accounts.models import Role, User
from footwork.accounts.selectors import units_of
from footwork.activities.models import Run, Sport
from footwork.assessments.battery import BY_SLUG
from footwork.assessments.models import Assessment, QuestionnaireResponse, TestResult
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.caseload.domain import TimelineEntry, TimelineKind, excerpt, in_date_order, window_problem
from footwork.caseload.models import CoachNote
from footwork.core.clock import local_date, time_zone_of, today_for
from footwork.core.errors import InvalidInput
from footwork.core.limits import READABLE_DATES
from footwork.core.links import id_link
from footwork.core.rules import TIMELINE_MAX_DAYS, WORKSPACE_DAYS
from footwork.core.units import clock, distance_text
from footwork.programs.models import PlanChange
from footwork.progression.flareup import AREAS
from footwork.progression.models import (
    DECISION_WORDS,
    FlareUp,
    FlareUpStatus,
    Recommendation,
    RecommendationStatus,
)
from footwork.season.models import Race
from footwork.training.models import MorningCheckin, SessionLog

# A note's or message's words on the timeline: the first line's worth.
DETAIL_CHARACTERS = 160
SPORT_WORDS = {str(sport): str(sport.label) for sport in Sport}
STATUS_WORDS = {str(status): str(status.label) for status in RecommendationStatus}


def timeline_window(runner: User, start: date | None, end: date | None) -> tuple[date, date]:
    """The window asked for: by default the last WORKSPACE_DAYS days to the runner's today; InvalidInput when it
    is outside the dates a read may ask about, backwards or longer than TIMELINE_MAX_DAYS."""
    last = end or today_for(runner)
    first = start or last - timedelta(days=WORKSPACE_DAYS - 1)
    for field, day in (("start", first), ("end", last)):
        reason = READABLE_DATES.check(day, today=today_for(runner))
        if reason is not None:
            raise InvalidInput(reason.replace("date", field, 1), field=field)
    problem = window_problem(first, last, max_days=TIMELINE_MAX_DAYS)
    if problem is not None:
        raise InvalidInput(problem[1], field=problem[0])
    return first, last


def timeline(
    coach: User, runner: User, start: date, end: date, *, newest_first: bool = False
) -> list[TimelineEntry]:
    """Everything dated about the runner from start to end, for their coach (the runner comes from
    notes.runner_for_notes: the timeline holds the coach's private notes)."""
    zone = ZoneInfo(time_zone_of(runner))
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    context = _Context(runner, start, end, since, until, str(zone))
    entries = [
        *_sessions(context),
        *_checkins(context),
        *_runs(context),
        *_tests(context),
        *_questionnaires(context),
        *_decisions(context),
        *_plan_changes(context),
        *_flare_ups(context),
        *_races(context),
        *_messages(context, coach),
        *_notes(context, coach),
    ]
    return in_date_order(entries, newest_first=newest_first)


class _Context:
    def __init__(self, runner: User, start: date, end: date, since: datetime, until: datetime, zone: str):
        self.runner, self.start, self.end, self.since, self.until, self.zone = (
            runner,
            start,
            end,
            since,
            until,
            zone,
        )
        self.query = f"?runner={runner.pk}"

    def day(self, moment: datetime) -> date:
        return local_date(moment, self.zone)


def _pain(value: int | None, what: str) -> str | None:
    return None if value is None else f"{what} {value}/10"


def _joined(*parts: str | None) -> str:
    return " · ".join(part for part in parts if part)


def _sessions(context: _Context) -> Iterator[TimelineEntry]:
    logs = (
        SessionLog.objects.filter(runner=context.runner, date__range=(context.start, context.end))
        .order_by("date", "pk")
        .values_list("date", "rpe", "pain_after", "notes", "session_id", "session__name")
    )
    link = reverse("training:progress") + context.query
    for day, rpe, pain_after, notes, session_id, session_name in logs:
        title = f"Session: {session_name}" if session_id is not None else "Extra session"
        detail = _joined(
            _pain(rpe, "effort"),
            _pain(pain_after, "pain after"),
            excerpt(notes, DETAIL_CHARACTERS),
        )
        yield TimelineEntry(day, None, TimelineKind.SESSION, title, detail, link)


def _checkins(context: _Context) -> Iterator[TimelineEntry]:
    checkins = MorningCheckin.objects.filter(
        runner=context.runner, date__range=(context.start, context.end)
    ).values_list("date", "pain", "stiffness", "note")
    link = reverse("progression:review") + context.query
    for day, pain, stiffness, note in checkins:
        detail = _joined(_pain(pain, "Pain"), _pain(stiffness, "stiffness"), excerpt(note, DETAIL_CHARACTERS))
        yield TimelineEntry(day, None, TimelineKind.CHECKIN, "Morning check-in", detail, link)


def _runs(context: _Context) -> Iterator[TimelineEntry]:
    runs = (
        Run.objects.filter(runner=context.runner, local_date__range=(context.start, context.end))
        .order_by("start")
        .values_list("pk", "local_date", "start", "sport", "distance_m", "moving_s", "rpe")
    )
    units = units_of(context.runner)
    link = id_link("activities:run")
    for pk, day, start, sport, distance_m, moving_s, rpe in runs:
        detail = _joined(distance_text(distance_m / 1000, units), clock(moving_s), _pain(rpe, "effort"))
        title = "Run" if sport == Sport.RUNNING else SPORT_WORDS.get(sport, sport)
        yield TimelineEntry(day, start, TimelineKind.RUN, title, detail, link(pk))


def _tests(context: _Context) -> Iterator[TimelineEntry]:
    days = (context.start, context.end)
    sessions = Assessment.objects.filter(runner=context.runner, date__range=days).values_list("pk", "date")
    results = TestResult.objects.filter(assessment__runner=context.runner, assessment__date__range=days)
    tests: dict[int, list[str]] = {}
    for assessment_id, test in results.values_list("assessment_id", "test"):
        tests.setdefault(assessment_id, []).append(test)
    link = id_link("assessments:detail")
    for pk, day in sessions:
        names = [BY_SLUG[test].name if test in BY_SLUG else "A test" for test in tests.get(pk, [])]
        detail = excerpt(", ".join(names), DETAIL_CHARACTERS)
        yield TimelineEntry(day, None, TimelineKind.TEST, "Tests", detail, link(pk))


def _questionnaires(context: _Context) -> Iterator[TimelineEntry]:
    responses = QuestionnaireResponse.objects.filter(
        runner=context.runner, date__range=(context.start, context.end)
    ).values_list("pk", "date", "instrument", "score")
    links: dict[str, Callable[[int], str]] = {}
    for pk, day, code, score in responses:
        instrument = INSTRUMENTS.get(code)
        name = instrument.short_name if instrument is not None else "Questionnaire"
        most = f" of {instrument.max_score:g}" if instrument is not None else ""
        link = links.setdefault(code, id_link("assessments:questionnaire_result", code))
        title = f"{name}: {float(score):g}{most}"
        yield TimelineEntry(day, None, TimelineKind.QUESTIONNAIRE, title, "", link(pk))


def _decisions(context: _Context) -> Iterator[TimelineEntry]:
    decided = (
        Recommendation.objects.filter(
            runner=context.runner, decided_at__gte=context.since, decided_at__lt=context.until
        )
        .exclude(status__in=[RecommendationStatus.OPEN, RecommendationStatus.SUPERSEDED])
        # Who decided is named as User.display_name names them: their role, coach profile and name read with them.
        .values(
            "decided_at",
            "decision",
            "status",
            "automatic",
            "note",
            "prescription_id",
            "prescription__exercise__name",
            "decided_by_id",
            "decided_by__role",
            "decided_by__coach_profile__display_name",
            "decided_by__first_name",
            "decided_by__last_name",
            "decided_by__email",
        )
    )
    link = reverse("progression:review") + context.query
    for row in decided:
        what = row["prescription__exercise__name"] if row["prescription_id"] is not None else "Running"
        who = "automatically" if row["automatic"] else _decider(row)
        how = f"{STATUS_WORDS.get(row['status'], row['status'])} {who}".strip()
        title = f"{what}: {DECISION_WORDS.get(row['decision'], row['decision'])}"
        detail = _joined(how, excerpt(row["note"], DETAIL_CHARACTERS))
        at = row["decided_at"]
        assert at is not None  # filtered on it
        yield TimelineEntry(context.day(at), at, TimelineKind.DECISION, title, detail, link)


def _decider(row: Mapping[str, Any]) -> str:
    """'by <name>' of whoever decided, as User.display_name names them; empty when nobody is on record."""
    if row["decided_by_id"] is None:
        return ""
    chosen = row["decided_by__coach_profile__display_name"] if row["decided_by__role"] == Role.COACH else None
    name = shown_name(
        row["decided_by__first_name"], row["decided_by__last_name"], row["decided_by__email"], chosen
    )
    return f"by {name}"


def _plan_changes(context: _Context) -> Iterator[TimelineEntry]:
    changes = (
        PlanChange.objects.filter(plan__runner=context.runner, at__gte=context.since, at__lt=context.until)
        .order_by("at", "pk")
        .values_list("at", "what", "why", "plan_id", "plan__program__name")
    )
    link = id_link("programs:plan")
    for at, what, why, plan_id, program_name in changes:
        title = f"{program_name}: {what[:1].lower()}{what[1:]}"
        detail = excerpt(why, DETAIL_CHARACTERS)
        yield TimelineEntry(context.day(at), at, TimelineKind.PLAN_CHANGE, title, detail, link(plan_id))


def _flare_ups(context: _Context) -> Iterator[TimelineEntry]:
    flare_ups = FlareUp.objects.filter(
        runner=context.runner, started_on__range=(context.start, context.end)
    ).only("started_on", "area", "status", "urgency", "ended_on")
    link = reverse("progression:flare_up") + context.query
    for flare in flare_ups:
        area = AREAS.get(flare.area, "Painful area")
        if flare.status == FlareUpStatus.REFERRED:
            when = "today" if flare.urgency == "today" else "soon"
            title, detail = f"Red flag: {area}", f"Told to see a clinician {when}"
        else:
            title = f"Flare-up: {area}"
            detail = "Ended" if flare.status == FlareUpStatus.ENDED else "Under way"
        yield TimelineEntry(flare.started_on, None, TimelineKind.FLARE_UP, title, detail, link)


def _races(context: _Context) -> Iterator[TimelineEntry]:
    races = Race.objects.filter(runner=context.runner, date__range=(context.start, context.end)).only(
        "date", "name", "distance_km", "priority", "finish_seconds"
    )
    units = units_of(context.runner)
    for race in races:
        finish = f"finished in {clock(race.finish_seconds)}" if race.finish_seconds else None
        detail = _joined(distance_text(race.distance_km, units), race.get_priority_display(), finish)
        link = reverse("season:race", args=[race.pk])
        yield TimelineEntry(race.date, None, TimelineKind.RACE, f"Race: {race.name}", detail, link)


def _messages(context: _Context, coach: User) -> Iterator[TimelineEntry]:
    """The coach's messages with the runner (none where the messaging app is not installed)."""
    if not apps.is_installed("footwork.messaging"):
        return
    # Imported here: the messaging app may be absent (as caseload.threads).
    from footwork.messaging.models import Message

    pair = Q(sender=coach, recipient=context.runner) | Q(sender=context.runner, recipient=coach)
    messages = (
        Message.objects.filter(
            pair, deleted_at__isnull=True, sent_at__gte=context.since, sent_at__lt=context.until
        )
        .order_by("sent_at", "pk")
        .values_list("sender_id", "body", "sent_at")
    )
    link = reverse("messaging:thread", args=[context.runner.pk])
    name = context.runner.display_name
    to, from_ = f"Message to {name}", f"Message from {name}"
    for sender_id, body, sent_at in messages:
        title = to if sender_id == coach.pk else from_
        detail = excerpt(body, DETAIL_CHARACTERS)
        yield TimelineEntry(context.day(sent_at), sent_at, TimelineKind.MESSAGE, title, detail, link)


def _notes(context: _Context, coach: User) -> Iterator[TimelineEntry]:
    notes = CoachNote.objects.filter(
        runner=context.runner, coach=coach, written_on__range=(context.start, context.end)
    ).only("written_on", "body")
    link = reverse("coaching:runner", args=[context.runner.pk]) + "#notes"
    for note in notes:
        detail = excerpt(note.body, DETAIL_CHARACTERS)
        yield TimelineEntry(note.written_on, None, TimelineKind.NOTE, "Private note", detail, link)


def entry_document(entry: TimelineEntry) -> dict[str, Any]:
    """The JSON shape of a timeline entry."""
    return {
        "date": entry.date,
        "at": entry.at,
        "kind": str(entry.kind),
        "title": entry.title,
        "detail": entry.detail,
        "link": entry.link,
    }
