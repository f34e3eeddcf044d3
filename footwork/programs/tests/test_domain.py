from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from footwork.exercises.domain import parse_library
from footwork.programs.domain import (
    ExerciseFacts,
    Override,
    PhaseShape,
    ProgramError,
    ProgressionRule,
    describe_rule,
    dose_in_week,
    expand_schedule,
    parse_programs,
    phase_days,
    plan_end,
)
from footwork.programs.tests.factories import program_record

MONDAY = date(2026, 11, 23)
FACTS = {
    "single-leg-heel-raise": ExerciseFacts(per_side=True, has_progression=True),
    "seated-soleus-raise": ExerciseFacts(per_side=False, has_progression=False),
}


class TestSchedule:
    def test_weekday_pattern_from_a_midweek_start(self):
        days = phase_days(date(2026, 11, 25), PhaseShape(weeks=1, weekdays=(0, 2, 4)))
        assert days == [date(2026, 11, 25), date(2026, 11, 27), date(2026, 11, 30)]

    def test_every_second_day_runs_across_week_ends(self):
        days = phase_days(MONDAY, PhaseShape(weeks=2, every_days=2))
        assert days[:4] == [MONDAY, MONDAY + timedelta(2), MONDAY + timedelta(4), MONDAY + timedelta(6)]
        assert len(days) == 7

    def test_phases_follow_each_other_and_sessions_rotate(self):
        phases = [
            PhaseShape(weeks=1, weekdays=tuple(range(7)), session_ids=(1, 2)),
            PhaseShape(weeks=2, weekdays=(1, 4), session_ids=(3,)),
        ]
        schedule = expand_schedule(MONDAY, phases)
        assert [item.session_id for item in schedule[:7]] == [1, 2, 1, 2, 1, 2, 1]
        later = schedule[7:]
        assert [item.date.weekday() for item in later] == [1, 4, 1, 4]
        assert {item.phase_index for item in later} == {1}
        assert [item.week_in_phase for item in later] == [0, 0, 1, 1]
        assert plan_end(MONDAY, phases) == MONDAY + timedelta(days=20)

    def test_moved_and_skipped_sessions(self):
        phases = [PhaseShape(weeks=1, weekdays=(0, 2), session_ids=(7,))]
        moved = Override(7, MONDAY, new_date=MONDAY + timedelta(days=1), reason="long run")
        skipped = Override(7, MONDAY + timedelta(days=2), skipped=True, reason="sore")
        first, second = expand_schedule(MONDAY, phases, [moved, skipped])
        assert (first.date, first.original_date, first.moved) == (MONDAY + timedelta(1), MONDAY, True)
        assert second.skipped
        assert second.reason == "sore"

    def test_a_phase_without_sessions_leaves_a_gap(self):
        phases = [
            PhaseShape(weeks=1, weekdays=(0,), session_ids=()),
            PhaseShape(weeks=1, weekdays=(0,), session_ids=(5,)),
        ]
        assert [item.date for item in expand_schedule(MONDAY, phases)] == [MONDAY + timedelta(weeks=1)]

    @given(
        st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
        st.lists(
            st.tuples(
                st.integers(1, 6), st.sets(st.integers(0, 6), min_size=1), st.none() | st.integers(1, 7)
            ),
            min_size=1,
            max_size=4,
        ),
    )
    def test_every_session_falls_inside_its_phase(self, start, shapes):
        phases = [
            PhaseShape(weeks=weeks, weekdays=tuple(sorted(days)), every_days=every, session_ids=(index + 1,))
            for index, (weeks, days, every) in enumerate(shapes)
        ]
        schedule = expand_schedule(start, phases)
        phase_start = start
        for index, phase in enumerate(phases):
            mine = [item for item in schedule if item.phase_index == index]
            assert all(phase_start <= item.date < phase_start + timedelta(weeks=phase.weeks) for item in mine)
            expected = len(phase_days(phase_start, phase))
            assert len(mine) == expected
            phase_start += timedelta(weeks=phase.weeks)
        assert schedule == sorted(schedule, key=lambda item: (item.date, item.phase_index, item.session_id))


class TestProgression:
    RULE = ProgressionRule(add=5, every_weeks=1, up_to=30, then="next_exercise")

    def test_adds_each_week_up_to_the_cap_then_switches_exercise(self):
        doses = [dose_in_week(15, None, self.RULE, week) for week in range(6)]
        assert [dose.amount for dose in doses] == [15, 20, 25, 30, 15, 20]
        assert [dose.exercise_step for dose in doses] == [0, 0, 0, 0, 1, 1]

    def test_every_two_weeks(self):
        rule = ProgressionRule(add=2, every_weeks=2, up_to=15, then="none")
        assert [dose_in_week(10, None, rule, week).amount for week in range(8)] == [
            10,
            10,
            12,
            12,
            14,
            14,
            15,
            15,
        ]

    def test_add_load_after_the_cap(self):
        rule = ProgressionRule(add=2, every_weeks=1, up_to=15, then="add_load", load_percent=5)
        doses = [dose_in_week(11, 20.0, rule, week) for week in range(5)]
        assert [dose.amount for dose in doses] == [11, 13, 15, 15, 15]
        assert [dose.load_kg for dose in doses] == [20.0, 20.0, 20.0, 21.0, 22.0]
        assert doses[4].load_percent_added == 10

    def test_no_rule_keeps_the_dose(self):
        assert dose_in_week(12, 5.0, None, 9).amount == 12

    def test_wording(self):
        assert (
            describe_rule(self.RULE, "s")
            == "+5 s each week up to 30 s, then switch to the exercise's first progression"
        )
        rule = ProgressionRule(add=2, every_weeks=1, up_to=15, then="add_load", load_percent=5)
        assert describe_rule(rule, "reps") == "+2 reps each week up to 15 reps, then add 5 % load each week"

    @given(st.integers(1, 50), st.integers(1, 10), st.integers(1, 4), st.integers(1, 60), st.integers(0, 30))
    def test_the_amount_never_passes_the_cap(self, amount, add, every, extra, week):
        rule = ProgressionRule(add=add, every_weeks=every, up_to=amount + extra, then="next_exercise")
        dose = dose_in_week(amount, None, rule, week)
        assert amount <= dose.amount <= rule.up_to


class TestTemplateValidation:
    def problems(self, **changes):
        with pytest.raises(ProgramError) as caught:
            parse_programs({"programs": [program_record(**changes)]}, FACTS)
        return str(caught.value)

    def test_a_valid_program(self):
        (spec,) = parse_programs({"programs": [program_record()]}, FACTS)
        assert spec.phases[0].weekdays == (0, 1, 2, 3, 4, 5, 6)
        assert spec.phases[0].sessions[0].prescriptions[0].progression == ProgressionRule(
            2, 1, 14, "next_exercise"
        )

    def test_duration_must_match_the_phases(self):
        assert "duration_weeks: is 3 but the phases add up to 2" in self.problems(duration_weeks=3)

    def test_unknown_exercise_and_per_side_mismatch(self):
        record = program_record()
        prescription = record["phases"][0]["sessions"][0]["prescriptions"][1]
        prescription["per_side"] = True
        record["phases"][0]["sessions"][0]["prescriptions"][0]["exercise"] = "moon-walk"
        with pytest.raises(ProgramError) as caught:
            parse_programs({"programs": [record]}, FACTS)
        text = str(caught.value)
        assert "prescriptions[1].exercise: unknown exercise 'moon-walk'" in text
        assert "prescriptions[2].per_side: the exercise is not done per side" in text

    def test_bad_days_and_bad_rules(self):
        record = program_record()
        record["phases"][0]["days"] = {"weekdays": ["funday"]}
        rule = record["phases"][0]["sessions"][0]["prescriptions"][0]["progression"]
        rule["up_to"] = 5
        with pytest.raises(ProgramError) as caught:
            parse_programs({"programs": [record]}, FACTS)
        assert "phases[1].days.weekdays" in str(caught.value)
        assert "progression.up_to: must be at or above the starting amount 10" in str(caught.value)

    def test_next_exercise_needs_a_progression(self):
        record = program_record()
        record["phases"][0]["sessions"][0]["prescriptions"][1]["progression"] = {
            "add": 1,
            "up_to": 20,
            "then": "next_exercise",
        }
        with pytest.raises(ProgramError, match="next_exercise needs an exercise with a progression"):
            parse_programs({"programs": [record]}, FACTS)


def test_the_shipped_programs_are_valid_against_the_shipped_library():
    library = parse_library(yaml.safe_load(settings.FOOTWORK_LIBRARY_PATH.read_text()))
    with_progression = {spec.slug for spec in library if spec.progressions}
    facts = {spec.slug: ExerciseFacts(spec.per_side, spec.slug in with_progression) for spec in library}
    programs = {
        spec.slug: spec
        for spec in parse_programs(yaml.safe_load(settings.FOOTWORK_PROGRAMS_PATH.read_text()), facts)
    }
    assert set(programs) == {
        "stronger-feet-starter", "foot-foundation-6-weeks", "achilles-loading-12-weeks",
        "plantar-heel-high-load-12-weeks", "marathon-strength-maintenance",
    }  # fmt: skip
    starter = programs["stronger-feet-starter"]
    (phase,) = starter.phases
    assert phase.weekdays == tuple(range(7))
    assert [item.exercise for item in phase.sessions[0].prescriptions] == [
        "sideways-step-edge-walk", "forefoot-balance-step-edge", "half-kneeling-lunge-jump",
    ]  # fmt: skip
    assert all(item.sets == 3 for item in phase.sessions[0].prescriptions)
    plantar = programs["plantar-heel-high-load-12-weeks"]
    main = [
        next(
            item
            for item in phase.sessions[0].prescriptions
            if item.exercise == "high-load-plantar-heel-raise"
        )
        for phase in plantar.phases
    ]
    assert [(item.sets, item.amount) for item in main] == [(3, 12), (4, 10), (5, 8)]
    assert all(phase.every_days == 2 for phase in plantar.phases)
    assert "5/10" in programs["achilles-loading-12-weeks"].description
