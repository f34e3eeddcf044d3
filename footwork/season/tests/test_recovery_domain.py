"""The recovery plan after a race, the comeback to the next goal race (CLINICAL §6.4, §6.5) and the gate's prompts.
Pure: no database."""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.core import rules
from footwork.season.domain import (
    DEFAULT_SETTINGS,
    DISTANCES_KM,
    Phase,
    Priority,
    Race,
    Strength,
    periodise,
    recovery_end,
    recovery_gate,
)
from footwork.season.domain.recovery import (
    RETURN_ORDER,
    comeback_plan,
    gate_prompts,
    heel_raise_count,
    recovery_plan,
)

TODAY = date(2026, 9, 18)
CHICAGO = Race("Chicago", date(2026, 10, 11), 42.195, Priority.A)
BOSTON = Race("Boston", date(2027, 4, 19), 42.195, Priority.A)
TUNE_UP = Race("Harbour Half", date(2026, 9, 6), 21.0975, Priority.B)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
ENUMS = {str(value) for value in (*Strength, *Phase)} - {
    "race",
    "peak",
    "build",
    "base",
    "recovery",
    "comeback",
}


def test_the_two_weeks_after_an_a_race_day_by_day():
    season = periodise([CHICAGO, BOSTON], TODAY)
    plan = recovery_plan(season, CHICAGO, peak_weekly_km=60.0)
    assert [day.day for day in plan.days] == list(range(1, rules.RECOVERY_DAYS + 1))
    assert plan.days[0].date == date(2026, 10, 12)
    assert plan.retest_from == CHICAGO.date + timedelta(days=rules.RECOVERY_RETEST_FROM_DAY)
    by_day = {day.day: day for day in plan.days}
    expected = [
        (1, Strength.NONE, "No running, or walking only (20–40 minutes) and easy mobility"),
        (3, Strength.NONE, "No running, or walking only (20–40 minutes) and easy mobility"),
        (4, Strength.LIGHT, "25–35 % of the usual week (about 15–21 km)"),
        (8, Strength.HALF_LOAD, "50–60 % of the usual week (about 30–36 km)"),
        (12, Strength.HEAVY, "50–60 % of the usual week (about 30–36 km)"),
    ]
    for n, strength, running in expected:
        assert (by_day[n].strength, by_day[n].running_words) == (strength, running)
    assert by_day[4].strength_words == "Light bodyweight work"
    assert "only if pain is 2 or less" in by_day[4].strength_detail
    assert by_day[10].running_advice == "4–5 easy runs, building up; strides are fine."
    assert [day.day for day in plan.days if day.retest] == [13, 14]
    assert by_day[1].running_advice == ""


def test_a_b_race_has_one_week_and_no_retest_and_the_plan_reads_in_miles():
    season = periodise([TUNE_UP, CHICAGO], date(2026, 8, 20))
    plan = recovery_plan(season, TUNE_UP, peak_weekly_km=80.0, units="mi")
    assert [day.day for day in plan.days] == list(range(1, rules.B_RECOVERY_DAYS + 1))
    assert plan.retest_from is None
    assert not any(day.retest for day in plan.days)
    assert plan.days[2].running_words == "25–35 % of the usual week (about 12–17 mi)"


def test_a_plan_started_inside_the_recovery_holds_the_days_left():
    season = periodise([CHICAGO], date(2026, 10, 20))
    plan = recovery_plan(season, CHICAGO)
    assert [day.day for day in plan.days] == list(range(9, 15))
    assert plan.days[0].running_words == "50–60 % of the usual week"


def test_the_comeback_to_the_next_a_race_follows_the_return_order():
    season = periodise([CHICAGO, BOSTON], TODAY)
    comeback = comeback_plan(season, CHICAGO, peak_weekly_km=60.0)
    assert comeback.next_race == BOSTON
    steps = comeback.steps
    assert steps[0].start == recovery_end(CHICAGO) + timedelta(days=1)
    assert [step.variable for step in steps] == ["frequency", "duration", "consecutive days", "intensity", ""]
    assert [step.adds for step in steps[:4]] == [
        "more runs a week",
        "longer runs",
        "running on consecutive days",
        "faster running",
    ]
    assert all((step.end - step.start).days + 1 == rules.COMEBACK_STEP_DAYS for step in steps[:4])
    # The comeback ends the day before Boston's build.
    build = next(day for day in season.days if day.phase is Phase.BUILD and day.race == BOSTON)
    assert steps[-1].end == build.date - timedelta(days=1)
    assert steps[0].running_words == "60–100 % of the usual week (about 36–60 km)"
    assert "Boston's build" in comeback.summary
    assert not ISO.search(comeback.summary + comeback.coach_summary)


def test_a_short_comeback_says_what_the_build_must_add_back():
    soon = Race("Boston", CHICAGO.date + timedelta(days=140), 42.195, Priority.A)
    season = periodise([CHICAGO, soon], TODAY)
    comeback = comeback_plan(season, CHICAGO)
    # 140 days: 14 of recovery, then 14 of taper, 28 of peak and 56 of build leave 27 days: one step and a part one.
    assert [step.variable for step in comeback.steps] == ["frequency", "duration"]
    assert comeback.steps[-1].partial
    assert "add back running on consecutive days, then faster running in the build" in comeback.summary
    assert comeback.coach_summary.endswith("Not reached before the build: consecutive days, intensity.")
    none_left = periodise(
        [CHICAGO, Race("Boston", CHICAGO.date + timedelta(days=60), 42.195, Priority.A)], TODAY
    )
    assert comeback_plan(none_left, CHICAGO).steps == ()
    assert "there is no comeback" in comeback_plan(none_left, CHICAGO).summary


def test_with_no_next_a_race_the_comeback_runs_the_return_order_back_to_the_usual_week():
    season = periodise([CHICAGO], TODAY)
    comeback = comeback_plan(season, CHICAGO, peak_weekly_km=50.0, units="mi")
    assert comeback.next_race is None
    assert comeback.summary.startswith("No goal race after Chicago yet")
    assert [step.variable for step in comeback.steps] == [variable for variable, _adds in RETURN_ORDER]
    assert comeback.steps[0].start == date(2026, 10, 26)
    assert comeback.steps[-1].end == date(2026, 10, 26) + timedelta(days=4 * rules.COMEBACK_STEP_DAYS - 1)
    assert comeback.steps[0].running_words == "60–100 % of the usual week (about 19–31 mi)"
    assert "faster running" in comeback.steps[2].running.note


@pytest.mark.parametrize(
    ("left", "right", "side", "count"),
    [
        (24.0, 30.0, "left", 24),
        (24.0, 30.0, "right", 30),
        (24.0, 30.0, "both", 24),
        (24.0, 30.0, "none", 24),
        (None, 30.0, "left", None),
        (None, 30.0, "none", 30),
        (None, None, "none", None),
    ],
)
def test_the_heel_raise_count_the_gate_compares(left, right, side, count):
    assert heel_raise_count(left, right, side) == count


def test_the_gate_prompts_ask_for_what_is_missing():
    waiting = recovery_gate(
        pre_race_heel_raises=30, heel_raises=None, max_pain=1, pre_race_score=85.0, score=None
    )
    runner, coach = gate_prompts(
        waiting, race_name="Chicago", day=13, questionnaire="visa-a", retested=False, answered=False
    )
    assert runner == (
        "Recovery day 13 after Chicago: time for the re-test (single-leg heel raises and VISA-A), "
        "to see if you can leave recovery."
    )
    assert coach.endswith("the re-test for the recovery gate is due (single-leg heel raises and VISA-A).")
    met = recovery_gate(pre_race_heel_raises=30, heel_raises=29, max_pain=1, pre_race_score=85.0, score=86.0)
    runner, _coach = gate_prompts(
        met, race_name="Chicago", day=16, questionnaire="visa-a", retested=True, answered=True
    )
    assert runner.startswith("Day 16 after Chicago: ready to leave recovery")
    short = recovery_gate(
        pre_race_heel_raises=30, heel_raises=20, max_pain=1, pre_race_score=85.0, score=86.0
    )
    runner, _coach = gate_prompts(
        short, race_name="Chicago", day=14, questionnaire="visa-a", retested=True, answered=True
    )
    assert runner == "Recovery day 14 after Chicago: " + short.summary


# --- Properties over any calendar ----------------------------------------------------------------------------

_races = st.lists(
    st.builds(
        Race,
        name=st.sampled_from(["Chicago", "Boston", "Berlin", "Oslo"]),
        date=st.dates(min_value=date(2025, 12, 1), max_value=date(2028, 12, 31)),
        distance_km=st.sampled_from(list(DISTANCES_KM.values())),
        priority=st.sampled_from(list(Priority)),
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda race: (race.name, race.date),
)
_todays = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))


@settings(max_examples=150, deadline=None)
@given(races=_races, today=_todays, km=st.one_of(st.none(), st.floats(10, 200)))
def test_a_recovery_plan_has_exactly_the_recovery_days(races, today, km):
    season = periodise(races, today)
    for race in season.planned:
        plan = recovery_plan(season, race, peak_weekly_km=km)
        recovery = [day for day in season.days if day.phase is Phase.RECOVERY and day.race == race]
        assert [entry.date for entry in plan.days] == [day.date for day in recovery]
        assert all(
            1 <= entry.day <= DEFAULT_SETTINGS.rules_for(race.priority).recovery_days for entry in plan.days
        )
        for entry in plan.days:
            assert not ISO.search(entry.running_words + entry.strength_words + entry.strength_detail)
            assert entry.strength_words not in ENUMS
            assert entry.retest is (
                race.priority is Priority.A and entry.day >= rules.RECOVERY_RETEST_FROM_DAY
            )


@settings(max_examples=150, deadline=None)
@given(races=_races, today=_todays)
def test_comeback_steps_are_contiguous_and_in_the_return_order(races, today):
    season = periodise(races, today)
    order = [variable for variable, _adds in RETURN_ORDER]
    for race in season.planned:
        if race.priority is not Priority.A:
            continue
        comeback = comeback_plan(season, race)
        steps = comeback.steps
        if not steps:
            continue
        assert steps[0].start == recovery_end(race) + timedelta(days=1)
        for earlier, later in pairwise(steps):
            assert later.start == earlier.end + timedelta(days=1)
            assert later.number == earlier.number + 1
        variables = [step.variable for step in steps if step.variable]
        assert variables == order[: len(variables)]
        # Only the last step may be the usual week after all four, or shorter than a step.
        assert all(step.variable and not step.partial for step in steps[:-1])
        assert all(step.start <= step.end for step in steps)
        if comeback.next_race is not None:
            comeback_days = {day.date for day in season.days if day.phase is Phase.COMEBACK}
            assert all(
                steps[0].start + timedelta(days=n) in comeback_days
                for n in range((steps[-1].end - steps[0].start).days + 1)
            )
