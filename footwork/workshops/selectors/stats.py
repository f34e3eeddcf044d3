"""A workshop's figures for its coach: over participants only (never one participant's data), each hidden below
domain.FEWEST_SHOWN participants. A constant number of queries however many joined: each kind of record is read
once for all of them, and the figures come from the apps' own rules (caseload's adherence, progression's light of
a reading, assessments' battery and questionnaires) through domain.py's aggregation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from footwork.accounts.models import User
from footwork.assessments.battery import BY_SLUG
from footwork.assessments.models import QuestionnaireResponse, TestResult
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.caseload.domain import Scheduled, window_adherence
from footwork.caseload.selectors.roster import counted_sessions
from footwork.caseload.selectors.workspace import SMALLEST_CHANGE
from footwork.core.clock import local_date
from footwork.progression.domain.lights import reading_light
from footwork.progression.models import FlareUp
from footwork.training.models import DaySummary
from footwork.workshops.domain import (
    WORKSHOP_TESTS,
    BeforeAfter,
    LessonReads,
    MeasureChange,
    WeekFigures,
    WorkshopStats,
    before_after,
    count_figures,
    figure,
    finished,
    measure_change,
    red_percent,
    spread,
    weaker_side,
    week_days,
)
from footwork.workshops.models import Lesson, Participant, Workshop
from footwork.workshops.selectors.workshops import workshop_for_coach


@dataclass(frozen=True)
class _Place:
    runner: int
    plan: int
    day_one: date
    today: date


@dataclass(frozen=True)
class _Day:
    """A participant's logged day: how many sessions, and whether its worst pain during or after was red."""

    day: date
    sessions: int
    red: bool


def workshop_stats(coach: User, slug: str) -> WorkshopStats:
    """The figures of the coach's own workshop (NotFound for anyone else): participants, activity, adherence and red
    pain by workshop week, red-flag stops, the tests' and questionnaire's change, and the lessons' reads."""
    workshop = workshop_for_coach(coach, slug)
    weeks = workshop.program.duration_weeks
    places = _places(workshop)
    total = len(places)
    days = _days(places)
    active = sum(1 for place in places if any(_recent(item.day, place.today) for item in days[place.runner]))
    done = sum(1 for place in places if finished(place.day_one, weeks, place.today))
    participants, active_7d, finished_count, stops = count_figures(
        total, (total, active, done, _red_flag_stops(places))
    )
    return WorkshopStats(
        participants=participants,
        active_7d=active_7d,
        finished=finished_count,
        red_flag_stops=stops,
        weeks=_weeks(places, days, weeks),
        tests=(*_tests(places, weeks), *_questionnaire(workshop, places, weeks)),
        lessons=_lessons(workshop, total),
    )


def _places(workshop: Workshop) -> list[_Place]:
    now = timezone.now()
    rows = Participant.objects.filter(workshop=workshop).values_list(
        "runner_id", "plan_id", "day_one", "runner__runner_profile__time_zone"
    )
    return [
        _Place(runner, plan, day_one, local_date(now, zone or "UTC")) for runner, plan, day_one, zone in rows
    ]


def _recent(day: date, today: date) -> bool:
    return today - timedelta(days=6) <= day <= today


def _days(places: list[_Place]) -> dict[int, list[_Day]]:
    """Each participant's logged days since their day one (one query of the day summaries)."""
    found: dict[int, list[_Day]] = defaultdict(list)
    if not places:
        return found
    starts = {place.runner: place.day_one for place in places}
    rows = (
        DaySummary.objects.filter(
            runner_id__in=starts,
            date__range=(min(starts.values()), max(place.today for place in places)),
        )
        .exclude(sessions=[])
        .values_list("runner_id", "date", "sessions", "pain_during", "pain_after")
    )
    for runner, day, sessions, during, after in rows:
        if day < starts[runner]:
            continue
        worst = max((pain for pain in (during, after) if pain is not None), default=None)
        found[runner].append(_Day(day, len(sessions), worst is not None and reading_light(worst) == "red"))
    return found


def _weeks(places: list[_Place], days: dict[int, list[_Day]], weeks: int) -> tuple[WeekFigures, ...]:
    schedules = _schedules(places, weeks)
    figures = []
    for week in range(1, weeks + 1):
        adherence: list[float] = []
        sessions = red = logged = 0
        for place in places:
            first, last = week_days(place.day_one, week)
            if first > place.today:
                continue
            share = window_adherence(schedules.get(place.runner, []), first, last, place.today)
            if share is not None:
                adherence.append(float(share))
            own = [item for item in days[place.runner] if first <= item.day <= last]
            logged += bool(own)
            sessions += sum(item.sessions for item in own)
            red += sum(item.sessions for item in own if item.red)
        figures.append(WeekFigures(week, spread(adherence), figure(red_percent(sessions, red), logged)))
    return tuple(figures)


def _schedules(places: list[_Place], weeks: int) -> dict[int, list[Scheduled]]:
    if not places:
        return {}
    start = min(place.day_one for place in places)
    end = min(
        max(place.today for place in places),
        max(week_days(place.day_one, weeks)[1] for place in places),
    )
    if end < start:
        return {}
    todays = {place.runner: place.today for place in places}
    return counted_sessions([place.plan for place in places], todays, start, end)


def _red_flag_stops(places: list[_Place]) -> int:
    """How many participants were told to stop and see a clinician for a red flag since their day one."""
    if not places:
        return 0
    starts = {place.runner: place.day_one for place in places}
    referred = FlareUp.objects.filter(runner_id__in=starts, started_on__gte=min(starts.values())).exclude(
        red_flags=[]
    )
    stopped = {
        runner for runner, day in referred.values_list("runner_id", "started_on") if day >= starts[runner]
    }
    return len(stopped)


def _tests(places: list[_Place], weeks: int) -> list[MeasureChange]:
    """The workshop's tests before and at the end, on the weaker leg (one query of the participants' results)."""
    dated: dict[tuple[str, int], list[tuple[date, float]]] = defaultdict(list)
    if places:
        starts = {place.runner: place.day_one for place in places}
        rows = TestResult.objects.filter(
            assessment__runner_id__in=starts,
            test__in=WORKSHOP_TESTS,
            assessment__date__gte=min(starts.values()) - timedelta(days=14),
        ).values_list("assessment__runner_id", "test", "left", "right", "assessment__date")
        for runner, test, left, right, day in rows:
            definition = BY_SLUG[test]
            value = weaker_side(
                None if left is None else float(left),
                None if right is None else float(right),
                lower_is_better=definition.lower_is_better,
            )
            if value is not None:
                dated[(test, runner)].append((day, value))
    found = []
    for slug in WORKSHOP_TESTS:
        definition = BY_SLUG[slug]
        pairs = _pairs(places, weeks, {place.runner: dated.get((slug, place.runner), []) for place in places})
        found.append(
            measure_change(
                slug,
                definition.name,
                definition.unit,
                pairs,
                SMALLEST_CHANGE.get(slug),
                lower_is_better=definition.lower_is_better,
            )
        )
    return found


def _questionnaire(workshop: Workshop, places: list[_Place], weeks: int) -> list[MeasureChange]:
    instrument = INSTRUMENTS.get(workshop.questionnaire)
    if instrument is None:
        return []
    dated: dict[int, list[tuple[date, float]]] = defaultdict(list)
    if places:
        rows = QuestionnaireResponse.objects.filter(
            runner_id__in=[place.runner for place in places], instrument=instrument.code
        ).values_list("runner_id", "date", "score")
        for runner, day, score in rows:
            dated[runner].append((day, float(score)))
    pairs = _pairs(places, weeks, dated)
    return [measure_change(instrument.code, instrument.name, instrument.unit, pairs, instrument.mcid)]


def _pairs(places: list[_Place], weeks: int, dated: dict[int, list[tuple[date, float]]]) -> list[BeforeAfter]:
    found = (before_after(place.day_one, weeks, dated.get(place.runner, [])) for place in places)
    return [pair for pair in found if pair is not None]


def _lessons(workshop: Workshop, total: int) -> tuple[LessonReads, ...]:
    lessons = (
        Lesson.objects.filter(workshop=workshop)
        .annotate(read_count=Count("reads"))
        .order_by("unlock_day", "position")
    )
    return tuple(
        LessonReads(lesson.pk, lesson.title, lesson.unlock_day, figure(float(lesson.read_count), total))
        for lesson in lessons
    )
