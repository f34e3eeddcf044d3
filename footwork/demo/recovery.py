"""Priya's marathon and her recovery replayed through the services, day by day, with the clock moved to each day.

She has the last of her peak, the taper the season lays from the race (her strength sessions adapted to it), the
Lakefront Marathon ten days before today with its result, and nine days of recovery: a short flare-up of her right
Achilles on day 2, easy runs from day 5, the foot starter from day 8. So /season/ opens on her recovery, /today/ on
recovery day 10 with its adapted session, and the gate's re-test comes up on day 13 (CLINICAL §6.4).
"""

from __future__ import annotations

from datetime import timedelta

from footwork.activities.services import record_manual_run
from footwork.demo import replay
from footwork.demo.replay import Replay, sitting
from footwork.demo.story import (
    PRIYA_FINISH_SECONDS,
    PRIYA_FLARE_END,
    PRIYA_FLARE_START,
    PRIYA_RACE_DAY,
    PRIYA_RACE_KM,
    PRIYA_STARTER_AFTER,
    PRIYA_TEST_DAY,
    PRIYA_TESTS,
    PRIYA_VISA_A,
    Day,
)
from footwork.season.domain.races import MARATHON_KM
from footwork.season.models import Race
from footwork.season.services import add_race, record_result

MAINTENANCE_PROGRAM = "marathon-strength-maintenance"
RACE_NAME = "Lakefront Marathon"
NEXT_RACE_NAME = "Rotterdam Marathon"
# Her spring marathon, about six months on (moved to a Sunday): the comeback leads toward its build.
NEXT_RACE_AFTER_DAYS = 182
SUNDAY = 6


def _first_day(run: Replay, day: Day) -> None:
    """Her shoes, the coach's maintenance plan, and her two marathons on the calendar."""
    replay.buy_shoe(run, "daily", "Asics", "Novablast 4", 8, day.date - timedelta(days=90))
    replay.buy_shoe(run, "fast", "Nike", "Vaporfly 3", 8, day.date - timedelta(days=40))
    if run.with_plans and run.coach is not None:
        replay.enroll_by_coach(run, run.coach, MAINTENANCE_PROGRAM, day.date)
    race_day = day.date + timedelta(days=PRIYA_RACE_DAY)
    run.attempt(
        "race",
        add_race,
        actor=run.runner,
        name=RACE_NAME,
        date=race_day,
        distance_km=MARATHON_KM,
        priority="A",
        goal_seconds=3 * 3600 + 45 * 60,
        notes="Goal: under 3:45.",
    )
    spring = race_day + timedelta(days=NEXT_RACE_AFTER_DAYS)
    spring += timedelta(days=(SUNDAY - spring.weekday()) % 7)
    run.attempt(
        "race",
        add_race,
        actor=run.runner,
        name=NEXT_RACE_NAME,
        date=spring,
        distance_km=MARATHON_KM,
        priority="A",
    )


def _race(run: Replay, day: Day) -> None:
    """The marathon from her watch's summary, typed in, and how it went."""
    run.attempt(
        "race run",
        record_manual_run,
        actor=run.runner,
        day=day.date,
        duration_min=PRIYA_FINISH_SECONDS / 60,
        distance_km=PRIYA_RACE_KM,
        rpe=9,
        shoe_id=run.shoes.get("fast"),
        notes=f"{RACE_NAME}: even first half, hard last 8 km",
    )
    _result(run, next_morning_pain=None)


def _result(run: Replay, *, next_morning_pain: int | None) -> None:
    race = Race.objects.filter(runner=run.runner, name=RACE_NAME).first()
    if race is None:
        return
    run.attempt(
        "race result",
        record_result,
        actor=run.runner,
        race_id=race.pk,
        finish_seconds=PRIYA_FINISH_SECONDS,
        how_it_went="Under 3:45! Even pacing to 34 km, then held on; calves cramped a little at the end.",
        pain_during=3,
        pain_after=4,
        next_morning_pain=next_morning_pain,
    )


def _morning(run: Replay, day: Day) -> None:
    replay.morning_check_in(run, day)
    after = day.index - PRIYA_RACE_DAY
    if after == 1:
        # The result again with the next morning's Achilles: recording it again replaces it.
        _result(run, next_morning_pain=day.pain)
    if run.with_plans and after == PRIYA_FLARE_START:
        replay.start_flare_up(run, "achilles")
    if run.with_plans and after == PRIYA_FLARE_END:
        replay.end_flare_up(run)


def _afternoon(run: Replay, day: Day) -> None:
    """The first visit, the pre-race tests and the starter."""
    after = day.index - PRIYA_RACE_DAY
    if day.index == 0:
        _first_day(run, day)
    elif day.index == PRIYA_TEST_DAY:
        replay.record_tests(run, PRIYA_TESTS, "Pre-race check: calm right Achilles")
        replay.answer_questionnaires(run, {"visa-a": PRIYA_VISA_A})
    elif after == PRIYA_STARTER_AFTER and run.with_plans and run.coach is not None:
        # Strength comes back at about half load from day 8: the coach adds the foot starter beside it.
        replay.enroll_by_coach(run, run.coach, replay.STARTER_PROGRAM, day.date)


def replay_priya(run: Replay, days: list[Day]) -> None:
    """Priya's five weeks: mornings, the clinic, the taper's sessions and runs, race day, her recovery."""
    for day in days:
        with sitting(run, day, 6, 40):
            _morning(run, day)
        if day.index in (0, PRIYA_TEST_DAY, PRIYA_RACE_DAY + PRIYA_STARTER_AFTER):
            with sitting(run, day, 17, 30):
                _afternoon(run, day)
        with sitting(run, day, 19, 0):
            if day.index == PRIYA_RACE_DAY:
                _race(run, day)
                continue
            replay.record_run(run, day)
            replay.train(run, day)
