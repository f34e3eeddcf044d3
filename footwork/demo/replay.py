"""The demo runners' weeks replayed through the services, day by day, with the clock moved to each day.

The services decide "today" from the clock (`core.clock.today_for`), so travelling to each past morning and evening in
the runner's time zone stores exactly what the product would have stored that day: dates, created_at timestamps,
"today" checks, recommendations refreshed as the runner opened /today/, alerts as the coach would have got them.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from footwork.accounts.models import User
from footwork.activities import services as activities
from footwork.assessments.domain import Result, plyometrics_blocked
from footwork.assessments.models import Assessment
from footwork.assessments.selectors import analysis_of
from footwork.assessments.services import record_assessment, submit_questionnaire
from footwork.core import derived
from footwork.core.clock import time_zone_of
from footwork.core.errors import FootworkError
from footwork.core.rules import PAIN_GREEN_MAX
from footwork.demo.story import (
    FLARE_END,
    FLARE_START,
    MAYA_LEG_LENGTH_CM,
    MAYA_QUESTIONNAIRES,
    MAYA_RETEST,
    MAYA_TESTS,
    RETEST_DAY,
    SAM_QUESTIONNAIRES,
    SAM_TESTS,
    STARTER_DAY,
    Day,
    Results,
    Run,
)
from footwork.demo.tracks import watch_gpx
from footwork.exercises.models import Exercise
from footwork.programs.models import Plan, PlanStatus, Prescription, Program, ProgramSession
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import enroll, skip_session
from footwork.progression import services as progression
from footwork.progression.flareup import questions_for
from footwork.progression.models import Recommendation, RecommendationStatus
from footwork.training.domain import SetEntry
from footwork.training.selectors import session_to_do
from footwork.training.services import check_in, log_session

Say = Callable[[str], None]
ACHILLES_PROGRAM = "achilles-loading-12-weeks"
STARTER_PROGRAM = "stronger-feet-starter"
PLANTAR_PROGRAM = "plantar-heel-high-load-12-weeks"
# Client UUIDs made from the runner, the day and what was sent: the same history always sends the same UUIDs.
_NAMESPACE = uuid.UUID("6f1d8c52-4a8e-4f4e-9a38-2b8c0f1f7d10")
_AMOUNT_FIELD = {"reps": "reps", "hold_seconds": "hold_seconds", "jumps": "jumps"}
# Warm-ups and mobility hardly reach the tendon: their sets stay at 0-1 pain.
_GENTLE = {"warm-up", "mobility"}


@contextmanager
def at(day: date, hour: int, minute: int, zone: str) -> Iterator[None]:
    """The clock stands still at this local time of the runner's day."""
    with time_machine.travel(datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone)), tick=False):
        yield


@contextmanager
def sitting(replay: Replay, day: Day, hour: int, minute: int) -> Iterator[None]:
    """One sitting of the runner's day at that local time, ending on /today/: what derives from the day's writes
    (recommendations, held-back exercises) is refreshed once, at the end, as the page would show it."""
    with at(day.date, hour, minute, replay.zone), derived.deferred():
        yield
        derived.inputs_changed(replay.runner)


@dataclass
class Replay:
    """One runner's replay: who, where in the world, the seeded randomness and what was made on the way."""

    runner: User
    coach: User | None
    painful_side: str
    rng: random.Random
    say: Say
    with_plans: bool
    shoes: dict[str, int] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    # The painful areas of the profile; with more than one, the check-in answers for each.
    areas: tuple[str, ...] = ()
    # Whether the tests of an assessment hold plyometrics back, by assessment id.
    exclusions: dict[int, bool] = field(default_factory=dict)
    # Runs on or after this day come from the runner's watch (a GPX track imported); earlier ones by hand.
    watch_from: date | None = None

    @property
    def zone(self) -> str:
        return time_zone_of(self.runner)

    @property
    def tester(self) -> User:
        return self.coach or self.runner

    def uuid(self, day: Day, what: str) -> uuid.UUID:
        return uuid.uuid5(_NAMESPACE, f"{self.runner.email}/{day.date.isoformat()}/{what}")

    def attempt(self, what: str, service: Callable[..., Any], **arguments: Any) -> Any:
        """Call one service; a refusal is reported (None returned) and the rest of the history goes on."""
        try:
            return service(**arguments)
        except FootworkError as refusal:
            self.say(f"demo: {what} refused: {refusal}")
            return None


def programs_loaded(*slugs: str) -> bool:
    return Program.objects.filter(slug__in=slugs, is_template=True).count() == len(set(slugs))


# --- Tests and questionnaires -------------------------------------------------------------------------------------


def record_tests(replay: Replay, results: Results, notes: str, leg_length_cm: float | None = None) -> None:
    """A test session of the battery, recorded by the coach when there is one (in the clinic), else by the runner."""
    items = [
        Result(
            test,
            float(values[0]),
            float(values[1]),
            pain=int(values[2]) if len(values) > 2 else None,
            leg_length_cm=leg_length_cm if test == "y-balance-anterior" else None,
        )
        for test, values in results.items()
    ]
    runner_id = replay.runner.pk if replay.coach else None
    replay.attempt(
        "test session",
        record_assessment,
        actor=replay.tester,
        results=items,
        runner_id=runner_id,
        notes=notes,
    )


def answer_questionnaires(replay: Replay, answers: dict[str, list[str]]) -> None:
    for code, values in answers.items():
        replay.attempt(code, submit_questionnaire, actor=replay.runner, code=code, answers=values)


# --- Sessions -----------------------------------------------------------------------------------------------------


def plyometrics_held_back(replay: Replay) -> bool:
    """CLINICAL section 7 from the latest tests (LSI, heel raises, hop pain), as the runner's coach would read them."""
    latest = Assessment.objects.filter(runner=replay.runner).order_by("-date", "-pk").first()
    if latest is None:
        return False
    if latest.pk not in replay.exclusions:
        replay.exclusions[latest.pk] = bool(plyometrics_blocked(analysis_of(latest)[0]))
    return replay.exclusions[latest.pk]


def _held_back(replay: Replay, document: dict[str, Any], plyometrics_out: bool) -> bool:
    # The product marks what an exclusion holds back (the player shows no inputs for it); the tests' rule is the same.
    if document.get("held_back"):
        return True
    reason = Prescription.objects.filter(pk=document["id"]).values_list("held_back_reason", flat=True).first()
    slug = document["this_week"]["exercise"]
    return bool(reason) or (plyometrics_out and replay.categories.get(slug) == "plyometric")


def _pain(replay: Replay, day: Day, side: str, slug: str) -> int:
    if replay.categories.get(slug) in _GENTLE:
        return replay.rng.choice((0, 0, 1))
    if side not in (replay.painful_side, "both"):
        return replay.rng.choice((0, 0, 1))
    return max(0, min(10, day.effort_pain + replay.rng.choice((-1, 0, 0))))


def set_entries(replay: Replay, day: Day, documents: list[dict[str, Any]], plyos_out: bool) -> list[SetEntry]:
    """Every set and side of every prescription offered that day, as the player sends them."""
    entries = []
    for document in documents:
        if _held_back(replay, document, plyos_out):
            continue
        this_week, sets = document["this_week"], document["sets"]
        for number in range(1, sets + 1):
            for side in ("left", "right") if document["per_side"] else ("both",):
                amount = this_week["amount"]
                # On an amber day the last set of reps falls a little short.
                if day.effort_pain > PAIN_GREEN_MAX + 1 and number == sets and document["kind"] == "reps":
                    amount = max(1, amount - 2)
                entries.append(
                    SetEntry(
                        document["id"],
                        this_week["exercise"],
                        number,
                        side,
                        **{_AMOUNT_FIELD[document["kind"]]: amount},
                        load_kg=this_week["load_kg"],
                        pain_during=_pain(replay, day, side, this_week["exercise"]),
                    )
                )
    return entries


def sessions_due(runner: User, day: date) -> list[tuple[Plan, int, date]]:
    """The dated sessions of the runner's active plans on a day: (plan, session id, original date)."""
    due = []
    for plan in Plan.objects.filter(runner=runner, status=PlanStatus.ACTIVE).order_by("pk"):
        due += [
            (plan, item.session_id, item.original_date)
            for item in plan_schedule(plan)
            if item.date == day and not item.skipped
        ]
    return due


def train(replay: Replay, day: Day) -> None:
    """The evening session: each plan's dated session of the day, logged in the player, or skipped with a reason."""
    plyos_out = plyometrics_held_back(replay)
    for plan, session_id, original in sessions_due(replay.runner, day.date):
        if day.skip_reason:
            replay.attempt(
                "skip",
                skip_session,
                actor=replay.runner,
                plan_id=plan.pk,
                session_id=session_id,
                original_date=original,
                reason=day.skip_reason,
            )
            continue
        if not day.trains:
            continue
        session = ProgramSession.objects.get(pk=session_id)
        documents = session_to_do(replay.runner, plan, session, original)["prescriptions"]
        entries = set_entries(replay, day, documents, plyos_out)
        if not entries:
            continue
        replay.attempt(
            "session log",
            log_session,
            actor=replay.runner,
            client_uuid=replay.uuid(day, f"log/{plan.pk}/{session_id}"),
            entries=entries,
            plan_id=plan.pk,
            session_id=session_id,
            scheduled_date=original,
            rpe=day.rpe,
            pain_after=day.pain_after,
        )


def morning_check_in(replay: Replay, day: Day) -> None:
    """Pain and stiffness on waking; for each painful area when the profile has several (the worst is the day's)."""
    answers: dict[str, Any] = {"pain": day.pain, "stiffness": day.stiffness}
    if len(replay.areas) > 1:
        worst = (day.pain, day.stiffness)
        answers = {"areas": {area: day.heel if area != replay.areas[0] else worst for area in replay.areas}}
    key = replay.uuid(day, "checkin")
    replay.attempt("check-in", check_in, actor=replay.runner, client_uuid=key, note=day.note, **answers)


# --- Runs and shoes -----------------------------------------------------------------------------------------------


def buy_shoe(replay: Replay, key: str, brand: str, model: str, drop_mm: int, started_on: date) -> None:
    shoe = replay.attempt(
        "shoe",
        activities.create_shoe,
        actor=replay.runner,
        brand=brand,
        model=model,
        drop_mm=drop_mm,
        started_on=started_on,
    )
    if shoe is not None:
        replay.shoes[key] = shoe.pk


def record_run(replay: Replay, day: Day) -> None:
    if day.run is None:
        return
    run = day.run
    shoe = replay.shoes.get("fast" if run.fast else "daily")
    if replay.watch_from is not None and day.date >= replay.watch_from:
        _import_watch_run(replay, day, run, shoe)
        return
    replay.attempt(
        "run",
        activities.record_manual_run,
        actor=replay.runner,
        day=day.date,
        duration_min=run.minutes,
        distance_km=run.km,
        rpe=run.rpe,
        shoe_id=shoe,
        notes=run.notes,
    )


def _import_watch_run(replay: Replay, day: Day, run: Run, shoe: int | None) -> None:
    """The run as the watch recorded it, imported like an upload; then the effort, shoe and notes added."""
    finish = datetime.combine(day.date, time(18, 45), tzinfo=ZoneInfo(replay.zone))
    start = (finish - timedelta(minutes=run.minutes)).astimezone(UTC)
    name = f"Evening run {day.date:%-d %B}"
    track = watch_gpx(name=name, start=start, km=run.km, minutes=run.minutes, rpe=run.rpe, seed=day.index)
    report = replay.attempt(
        "run",
        activities.import_files,
        actor=replay.runner,
        files=[(f"{day.date.isoformat()}-evening-run.gpx", track)],
    )
    stored = report.imported if report is not None else []
    if not stored or stored[0].run_id is None:
        replay.say(f"demo: the watch run of {day.date} was not imported: {report and report.as_document()}")
        return
    replay.attempt(
        "run details",
        activities.update_run,
        actor=replay.runner,
        run_id=stored[0].run_id,
        rpe=run.rpe,
        shoe_id=shoe,
        notes=run.notes,
    )


# --- The coach's review, and flare-ups ----------------------------------------------------------------------------


def coach_review(replay: Replay, recent: list[Day]) -> None:
    """The coach goes through the open recommendations: steps back accepted, progress only on settled mornings and
    not in the first week back from a flare-up (that return starts one step below and stays there a while)."""
    coach = replay.coach
    if coach is None:
        return
    back_from_flare = FLARE_END <= recent[-1].index < FLARE_END + 7
    settled = all(day.pain <= PAIN_GREEN_MAX for day in recent) and not back_from_flare
    for rec in Recommendation.objects.filter(runner=replay.runner, status=RecommendationStatus.OPEN):
        steps_back = (rec.kind, rec.decision) == ("exercise", "regress") or (
            rec.kind == "running" and rec.decision != "keep"
        )
        if steps_back:
            replay.attempt(
                f"accept ({rec.decision} {rec.prescription} to {rec.new_dosage})",
                progression.accept_recommendation,
                actor=coach,
                rec_id=rec.pk,
            )
        elif rec.kind == "exercise" and rec.decision == "progress":
            decide = progression.accept_recommendation if settled else progression.dismiss_recommendation
            replay.attempt(
                f"{decide.__name__} ({rec.decision} {rec.prescription} to {rec.new_dosage})",
                decide,
                actor=coach,
                rec_id=rec.pk,
            )


def start_flare_up(replay: Replay, area: str) -> None:
    """The runner answers every red-flag question "no" and gets the area's toolbox in place of the main plan."""
    answers = {flag.code: False for flag in questions_for(area)}
    replay.attempt("flare-up", progression.start_flare_up, actor=replay.runner, area=area, answers=answers)


def end_flare_up(replay: Replay) -> None:
    replay.attempt("end of the flare-up", progression.end_flare_up, actor=replay.runner)


# --- The two stories ----------------------------------------------------------------------------------------------


def enroll_by_coach(replay: Replay, coach: User, program: str, start: date) -> None:
    runner_id = replay.runner.pk
    replay.attempt("plan", enroll, actor=coach, program_slug=program, start_date=start, runner_id=runner_id)


# The afternoons something else happens: the first visit, a new pair of shoes, the starter, the re-test.
_MAYA_OCCASIONS = {0, 24, STARTER_DAY, RETEST_DAY}


def _maya_occasion(replay: Replay, day: Day) -> None:
    """The first visit (tests, questionnaires, the Achilles plan), the racing shoes, the starter, the re-test."""
    coach = replay.coach
    if day.index == 0:
        buy_shoe(replay, "daily", "Brooks", "Ghost 15", 12, day.date - timedelta(days=120))
        record_tests(replay, MAYA_TESTS, "First visit: left mid-portion Achilles pain", MAYA_LEG_LENGTH_CM)
        answer_questionnaires(replay, {code: first for code, (first, _later) in MAYA_QUESTIONNAIRES.items()})
        if replay.with_plans and coach is not None:
            enroll_by_coach(replay, coach, ACHILLES_PROGRAM, day.date)
    if day.index == 24:
        buy_shoe(replay, "fast", "Saucony", "Endorphin Speed 4", 8, day.date)
    if day.index == STARTER_DAY and replay.with_plans and coach is not None:
        enroll_by_coach(replay, coach, STARTER_PROGRAM, day.date)
    if day.index == RETEST_DAY:
        record_tests(replay, MAYA_RETEST, "Re-test at six weeks", MAYA_LEG_LENGTH_CM)
        answer_questionnaires(replay, {code: later for code, (_first, later) in MAYA_QUESTIONNAIRES.items()})


def replay_maya(replay: Replay, days: list[Day]) -> None:
    """Maya's eight weeks: mornings, the clinic, runs, sessions, /today/ after each, the coach twice a week."""
    for position, day in enumerate(days):
        with sitting(replay, day, 7, 20):
            morning_check_in(replay, day)
            if replay.with_plans and day.index == FLARE_START:
                start_flare_up(replay, "achilles")
            if replay.with_plans and day.index == FLARE_END:
                end_flare_up(replay)
        if day.index in _MAYA_OCCASIONS:
            with sitting(replay, day, 17, 30):
                _maya_occasion(replay, day)
        with sitting(replay, day, 19, 0):
            record_run(replay, day)
            train(replay, day)
        if day.date.weekday() in (0, 3):
            with sitting(replay, day, 21, 15):
                coach_review(replay, days[max(0, position - 2) : position + 1])


def replay_sam(replay: Replay, days: list[Day]) -> None:
    """Sam on his own: a first test and FAAM, the plantar heel plan, mornings, runs; decisions apply themselves."""
    for day in days:
        with sitting(replay, day, 6, 50):
            morning_check_in(replay, day)
            if day.index == 0:
                _sam_start(replay, day)
        with sitting(replay, day, 20, 0):
            record_run(replay, day)
            train(replay, day)


def _sam_start(replay: Replay, day: Day) -> None:
    buy_shoe(replay, "daily", "Hoka", "Clifton 9", 5, day.date - timedelta(days=200))
    record_tests(replay, SAM_TESTS, "My first test session")
    answer_questionnaires(replay, SAM_QUESTIONNAIRES)
    if replay.with_plans:
        replay.attempt(
            "plan",
            enroll,
            actor=replay.runner,
            program_slug=PLANTAR_PROGRAM,
            start_date=day.date,
        )


def exercise_categories() -> dict[str, str]:
    return dict(Exercise.objects.values_list("slug", "category"))
