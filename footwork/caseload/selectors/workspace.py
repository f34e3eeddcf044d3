"""One runner's workspace for their coach: the reads of each app, gathered for /coaching/runners/<id>/.

Each part is computed by the app that owns it (the pain summaries and baseline, adherence, the load report, the
season, the open recommendations); this module only reads them for one runner and puts them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.apps import apps

from footwork.accounts.models import User
from footwork.accounts.selectors import units_of
from footwork.activities.selectors import load_chart, load_report, morning_pain
from footwork.assessments.battery import BY_SLUG
from footwork.assessments.models import QuestionnaireResponse, TestResult
from footwork.assessments.questionnaires import INSTRUMENTS, Change, change
from footwork.caseload.domain import MeasuredChange, SymptomTrend, measured_change, symptom_trend
from footwork.caseload.models import CoachNote
from footwork.caseload.selectors.notes import notes_about
from footwork.core.clock import today_for
from footwork.core.errors import NotFound
from footwork.core.rules import HEEL_RAISE_NOISE_REPS, WORKSPACE_DAYS, WORKSPACE_WEEKS
from footwork.core.wording import day_label
from footwork.progression.models import FlareUp, Recommendation
from footwork.progression.selectors import (
    DecisionSummary,
    open_recommendations,
    referrals_in_force,
    stops_among,
    summarise,
)
from footwork.progression.services import baseline_for
from footwork.season.selectors import RaceLine, phase_lines, race_lines, races_of, season_of
from footwork.season.selectors.plan import PhaseLine
from footwork.training.domain import WeekAdherence
from footwork.training.selectors import summaries_between, training_picture

if TYPE_CHECKING:
    from footwork.messaging.selectors import ThreadPage

# The smallest change of a test worth believing, where one is known: the heel-raise test's trial-to-trial noise
# (core.rules). The other tests have none in CLINICAL, so their change is shown without a verdict.
SMALLEST_CHANGE = {"heel-raise": float(HEEL_RAISE_NOISE_REPS)}
# The tests' history read for their latest values and the one before: the last this many test sessions.
TEST_SESSIONS_READ = 20
# The runner's screen shows the latest messages of the thread (the whole conversation is a link away).
WORKSPACE_MESSAGES = 10


def symptoms(runner: User, today: date | None = None) -> SymptomTrend:
    """Pain during, after and in the morning over the last WORKSPACE_DAYS days, with the runner's baseline."""
    end = today or today_for(runner)
    start = end - timedelta(days=WORKSPACE_DAYS - 1)
    readings = {
        day: (row.pain_during, row.pain_after, row.morning_pain)
        for day, row in summaries_between(runner, start, end).items()
    }
    return symptom_trend(start, end, readings, baseline_for(runner))


def trend_chart(trend: SymptomTrend) -> dict[str, object]:
    """The trend as review-chart.js draws it (labels a person reads, one point a day), with the baseline line."""
    return {
        "labels": [day_label(day) for day in trend.days],
        "during": list(trend.during),
        "after": list(trend.after),
        "morning": list(trend.morning),
        "baseline": trend.baseline,
    }


@dataclass(frozen=True)
class TestLine:
    name: str
    unit: str
    on: date
    sides: tuple[tuple[str, MeasuredChange], ...]  # ("Left", change), or ("", change) for a test of both legs


@dataclass(frozen=True)
class _Result:
    """One test result as the workspace reads it (a plain row: a runner's year holds hundreds)."""

    left: Decimal | None
    right: Decimal | None
    on: date


def latest_tests(runner: User) -> list[TestLine]:
    """Each test's latest result with its change since the test before, newest first."""
    rows = (
        TestResult.objects.filter(assessment__runner=runner)
        .order_by("-assessment__date", "-assessment__pk")
        .values_list("assessment_id", "test", "left", "right", "assessment__date")
    )
    sessions: set[int] = set()
    by_test: dict[str, list[_Result]] = {}
    for session, test, left, right, on in rows:
        sessions.add(session)
        if len(sessions) > TEST_SESSIONS_READ:
            break
        by_test.setdefault(test, []).append(_Result(left, right, on))
    return [_test_line(slug, results) for slug, results in by_test.items()]


def _test_line(slug: str, results: list[_Result]) -> TestLine:
    test = BY_SLUG.get(slug)
    latest, previous = results[0], (results[1] if len(results) > 1 else None)
    sides = []
    for side in ("left", "right"):
        value = getattr(latest, side)
        if value is None:
            continue
        before = getattr(previous, side) if previous is not None else None
        moved = measured_change(
            float(value),
            None if before is None else float(before),
            SMALLEST_CHANGE.get(slug),
            lower_is_better=test.lower_is_better if test is not None else False,
        )
        label = side.capitalize() if test is None or test.per_side else ""
        sides.append((label, moved))
    name, unit = (test.name, test.unit) if test is not None else ("A test", "")
    return TestLine(name, unit, latest.on, tuple(sides))


@dataclass(frozen=True)
class QuestionnaireLine:
    name: str
    on: date
    change: Change
    mcid: float
    response_id: int
    code: str


def latest_questionnaires(runner: User) -> list[QuestionnaireLine]:
    """Each questionnaire's latest score with its change against the one before and its MCID."""
    found: dict[str, list[QuestionnaireResponse]] = {}
    for response in QuestionnaireResponse.objects.filter(runner=runner).order_by("-date", "-pk")[:200]:
        if len(found.setdefault(response.instrument, [])) < 2:
            found[response.instrument].append(response)
    lines = []
    for code, responses in found.items():
        instrument = INSTRUMENTS.get(code)
        if instrument is None:
            continue
        previous = float(responses[1].score) if len(responses) > 1 else None
        moved = change(code, previous, float(responses[0].score))
        lines.append(
            QuestionnaireLine(
                instrument.short_name, responses[0].date, moved, instrument.mcid, responses[0].pk, code
            )
        )
    return sorted(lines, key=lambda line: line.on, reverse=True)


@dataclass(frozen=True)
class Workspace:
    """Everything the runner's screen shows; the notes and the thread only to the runner's coach."""

    runner: User
    today: date
    coach_view: bool  # the viewer is the runner's coach (not the runner on their own page)
    trend: SymptomTrend
    adherence: list[WeekAdherence]
    tests: list[TestLine]
    questionnaires: list[QuestionnaireLine]
    load: dict[str, object]
    load_warnings: list[str]
    phases: list[PhaseLine]
    races: list[RaceLine]
    referrals: list[FlareUp]
    stops: list[Recommendation]
    decisions: DecisionSummary
    notes: list[CoachNote]
    thread: ThreadPage | None


def workspace(viewer: User, runner: User) -> Workspace:
    """The runner's screen as the viewer may see it (the runner comes from accounts.selectors.runner_visible_to)."""
    today = today_for(runner)
    coach_view = viewer.pk != runner.pk and viewer.is_coach
    load_start = today - timedelta(days=today.weekday(), weeks=WORKSPACE_WEEKS - 1)
    report = load_report(runner, load_start, today)
    units = units_of(runner)
    races = list(races_of(runner))
    season = season_of(runner, today, races)
    recommendations = open_recommendations(runner)
    trend = symptoms(runner, today)
    return Workspace(
        runner=runner,
        today=today,
        coach_view=coach_view,
        trend=trend,
        adherence=training_picture(runner).adherence(WORKSPACE_WEEKS),
        tests=latest_tests(runner),
        questionnaires=latest_questionnaires(runner),
        load=load_chart(report, _mornings(runner, trend, load_start, today), units),
        load_warnings=[warning.message_in(units) for warning in report.warnings],
        phases=phase_lines(season),
        races=race_lines(runner, today, races),
        referrals=referrals_in_force(runner),
        # The stops are shown (and cleared) apart, safety first, oldest first: the decisions are the others.
        stops=stops_among(recommendations),
        decisions=summarise([rec for rec in recommendations if rec.decision != "stop"]),
        notes=list(notes_about(viewer, runner)) if coach_view else [],
        thread=_thread(viewer, runner) if coach_view else None,
    )


def _mornings(runner: User, trend: SymptomTrend, start: date, end: date) -> dict[date, int]:
    """The morning pain of each day from start to end: from the symptom trend, which holds those days (the load
    chart's weeks lie within the trend's four weeks), else read."""
    if not trend.days or start < trend.days[0] or end > trend.days[-1]:
        return morning_pain(runner, start, end)
    return {
        day: pain
        for day, pain in zip(trend.days, trend.morning, strict=True)
        if pain is not None and start <= day <= end
    }


def _thread(coach: User, runner: User) -> ThreadPage | None:
    """The coach's thread with the runner; None where the messaging app is not installed."""
    if not apps.is_installed("footwork.messaging"):
        return None
    # Imported here: the messaging app may be absent (as caseload.threads).
    from footwork.messaging.selectors import thread_page

    try:
        return thread_page(coach, runner.pk, size=WORKSPACE_MESSAGES)
    except NotFound:
        # A runner whose account is closed has no thread to write in; the rest of the screen still shows.
        return None
