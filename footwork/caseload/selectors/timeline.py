"""A runner's timeline for their coach: everything dated in a window, one bounded query a kind.

Sessions, check-ins, runs, tests, questionnaires, decisions, plan changes, flare-ups, races, messages and the coach's
own notes, read for the window only (eleven queries, and one for the tests' results, whatever the history), each
worded here and put in date order by caseload.domain.in_date_order.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Q
from django.urls import reverse

from footwork.accounts.models import User
from footwork.accounts.selectors import units_of
from footwork.activities.models import Run
from footwork.assessments.battery import BY_SLUG
from footwork.assessments.models import Assessment, QuestionnaireResponse
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.caseload.domain import TimelineEntry, TimelineKind, excerpt, in_date_order, window_problem
from footwork.caseload.models import CoachNote
from footwork.core.clock import local_date, time_zone_of, today_for
from footwork.core.errors import InvalidInput
from footwork.core.limits import READABLE_DATES
from footwork.core.rules import TIMELINE_MAX_DAYS, WORKSPACE_DAYS
from footwork.core.units import clock, distance_text
from footwork.programs.models import PlanChange
from footwork.progression.flareup import AREAS
from footwork.progression.models import FlareUp, FlareUpStatus, Recommendation, RecommendationStatus
from footwork.season.models import Race
from footwork.training.models import MorningCheckin, SessionLog

# A note's or message's words on the timeline: the first line's worth.
DETAIL_CHARACTERS = 160


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
        .select_related("session")
        .only("date", "rpe", "pain_after", "notes", "session__name")
        .order_by("date", "pk")
    )
    link = reverse("training:progress") + context.query
    for log in logs:
        title = f"Session: {log.session.name}" if log.session is not None else "Extra session"
        detail = _joined(
            _pain(log.rpe, "effort"),
            _pain(log.pain_after, "pain after"),
            excerpt(log.notes, DETAIL_CHARACTERS),
        )
        yield TimelineEntry(log.date, None, TimelineKind.SESSION, title, detail, link)


def _checkins(context: _Context) -> Iterator[TimelineEntry]:
    checkins = MorningCheckin.objects.filter(
        runner=context.runner, date__range=(context.start, context.end)
    ).only("date", "pain", "stiffness", "note")
    link = reverse("progression:review") + context.query
    for item in checkins:
        detail = _joined(
            _pain(item.pain, "Pain"),
            _pain(item.stiffness, "stiffness"),
            excerpt(item.note, DETAIL_CHARACTERS),
        )
        yield TimelineEntry(item.date, None, TimelineKind.CHECKIN, "Morning check-in", detail, link)


def _runs(context: _Context) -> Iterator[TimelineEntry]:
    runs = (
        Run.objects.filter(runner=context.runner, local_date__range=(context.start, context.end))
        .only("local_date", "start", "sport", "distance_m", "moving_s", "rpe")
        .order_by("start")
    )
    units = units_of(context.runner)
    for run in runs:
        detail = _joined(
            distance_text(run.distance_m / 1000, units), clock(run.moving_s), _pain(run.rpe, "effort")
        )
        title = "Run" if run.sport == "running" else str(run.get_sport_display())
        link = reverse("activities:run", args=[run.pk])
        yield TimelineEntry(run.local_date, run.start, TimelineKind.RUN, title, detail, link)


def _tests(context: _Context) -> Iterator[TimelineEntry]:
    sessions = (
        Assessment.objects.filter(runner=context.runner, date__range=(context.start, context.end))
        .prefetch_related("results")
        .only("date")
    )
    for assessment in sessions:
        names = [
            BY_SLUG[item.test].name if item.test in BY_SLUG else "A test" for item in assessment.results.all()
        ]
        detail = excerpt(", ".join(names), DETAIL_CHARACTERS)
        link = reverse("assessments:detail", args=[assessment.pk])
        yield TimelineEntry(assessment.date, None, TimelineKind.TEST, "Tests", detail, link)


def _questionnaires(context: _Context) -> Iterator[TimelineEntry]:
    responses = QuestionnaireResponse.objects.filter(
        runner=context.runner, date__range=(context.start, context.end)
    ).only("date", "instrument", "score")
    for response in responses:
        instrument = INSTRUMENTS.get(response.instrument)
        name = instrument.short_name if instrument is not None else "Questionnaire"
        most = f" of {instrument.max_score:g}" if instrument is not None else ""
        link = reverse("assessments:questionnaire_result", args=[response.instrument, response.pk])
        title = f"{name}: {float(response.score):g}{most}"
        yield TimelineEntry(response.date, None, TimelineKind.QUESTIONNAIRE, title, "", link)


def _decisions(context: _Context) -> Iterator[TimelineEntry]:
    decided = (
        Recommendation.objects.filter(
            runner=context.runner, decided_at__gte=context.since, decided_at__lt=context.until
        )
        .exclude(status__in=[RecommendationStatus.OPEN, RecommendationStatus.SUPERSEDED])
        # Who decided is named by display_name, which reads their role and coach profile: read with them.
        .select_related("prescription__exercise", "decided_by__coach_profile")
    )
    link = reverse("progression:review") + context.query
    for rec in decided:
        assert rec.decided_at is not None  # filtered on it
        what = rec.prescription.exercise.name if rec.prescription is not None else "Running"
        who = (
            "automatically"
            if rec.automatic
            else (f"by {rec.decided_by.display_name}" if rec.decided_by else "")
        )
        how = f"{rec.get_status_display()} {who}".strip()
        title = f"{what}: {rec.decision_words}"
        detail = _joined(how, excerpt(rec.note, DETAIL_CHARACTERS))
        yield TimelineEntry(
            context.day(rec.decided_at), rec.decided_at, TimelineKind.DECISION, title, detail, link
        )


def _plan_changes(context: _Context) -> Iterator[TimelineEntry]:
    changes = (
        PlanChange.objects.filter(plan__runner=context.runner, at__gte=context.since, at__lt=context.until)
        .select_related("plan__program")
        .only("at", "what", "why", "plan_id", "plan__program__name")
        .order_by("at", "pk")
    )
    for change in changes:
        title = f"{change.plan.program.name}: {change.what[:1].lower()}{change.what[1:]}"
        link = reverse("programs:plan", args=[change.plan_id])
        detail = excerpt(change.why, DETAIL_CHARACTERS)
        yield TimelineEntry(context.day(change.at), change.at, TimelineKind.PLAN_CHANGE, title, detail, link)


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
        .only("sender_id", "body", "sent_at")
        .order_by("sent_at", "pk")
    )
    link = reverse("messaging:thread", args=[context.runner.pk])
    name = context.runner.display_name
    for message in messages:
        title = f"Message to {name}" if message.sender_id == coach.pk else f"Message from {name}"
        detail = excerpt(message.body, DETAIL_CHARACTERS)
        yield TimelineEntry(
            context.day(message.sent_at), message.sent_at, TimelineKind.MESSAGE, title, detail, link
        )


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
