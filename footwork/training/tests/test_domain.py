from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.programs.domain import DatedSession
from footwork.training.domain import (
    LoggedSession,
    SetEntry,
    Streaks,
    day_statuses,
    session_status,
    set_entry_problems,
    statuses,
    streaks,
    weekly_adherence,
)

MONDAY = date(2026, 11, 23)


def dated(day: date, session_id: int = 1, skipped: bool = False) -> DatedSession:
    return DatedSession(session_id, day, day, 0, 0, skipped=skipped)


def days(*offsets: int) -> set[date]:
    return {MONDAY + timedelta(days=offset) for offset in offsets}


class TestSetEntries:
    def test_a_good_entry(self):
        assert set_entry_problems(SetEntry(1, "x", 1, "left", reps=10, pain_during=3), "sets[1]") == []

    @pytest.mark.parametrize(
        ("entry", "words"),
        [
            (SetEntry(1, "x", 1, "left", reps=-1), "sets[1].reps must be from 0 to 10000, not -1"),
            (
                SetEntry(1, "x", 1, "left", reps=5, pain_during=11),
                "sets[1].pain_during must be from 0 to 10, not 11",
            ),
            (SetEntry(1, "x", 0, "left", reps=5), "sets[1].set_number must be from 1 to 20, not 0"),
            (SetEntry(1, "x", 1, "middle", reps=5), "sets[1].side must be one of left, right, both"),
            (
                SetEntry(1, "x", 1, "left", hold_seconds=5, load_kg=-2),
                "sets[1].load_kg must be from 0 to 500",
            ),
            (SetEntry(1, "x", 1, "left"), "sets[1] needs reps, hold_seconds or jumps"),
        ],
    )
    def test_impossible_entries_are_named(self, entry, words):
        assert any(words in problem for problem in set_entry_problems(entry, "sets[1]"))


class TestStatus:
    def test_each_status(self):
        today = MONDAY + timedelta(days=3)
        assert session_status(dated(MONDAY), LoggedSession((1, MONDAY), MONDAY, True), today) == "done"
        assert session_status(dated(MONDAY), LoggedSession((1, MONDAY), MONDAY, False), today) == "partial"
        assert session_status(dated(MONDAY, skipped=True), None, today) == "skipped"
        assert session_status(dated(MONDAY), None, today) == "missed"
        assert session_status(dated(today), None, today) == "due"
        assert session_status(dated(today + timedelta(1)), None, today) == "upcoming"


class TestStreaks:
    def test_daily_runs(self):
        assert streaks(days(0, 1, 2), days(0, 1, 2, 3), MONDAY + timedelta(3)) == Streaks(3, 3)

    def test_today_not_done_yet_keeps_the_run_but_a_missed_day_breaks_it(self):
        assert streaks(days(0, 1, 2), days(0, 1, 2, 3, 4), MONDAY + timedelta(4)).current == 0
        assert streaks(days(0, 1, 2, 4), days(0, 1, 2, 3, 4), MONDAY + timedelta(4)) == Streaks(1, 3)

    def test_rest_days_neither_count_nor_break(self):
        # Tuesday and Friday sessions, done both weeks: four training days in a row of the plan.
        trained = days(1, 4, 8, 11)
        assert streaks(trained, trained, MONDAY + timedelta(12)).current == 4

    def test_extra_sessions_on_rest_days_count(self):
        assert streaks(days(0, 1), days(0), MONDAY + timedelta(1)).current == 2

    def test_no_training_no_streak(self):
        assert streaks(set(), days(0, 1), MONDAY + timedelta(2)) == Streaks(0, 0)

    @given(st.sets(st.integers(0, 40)), st.sets(st.integers(0, 40)))
    def test_current_never_exceeds_longest_nor_the_days_trained(self, trained, required):
        today = MONDAY + timedelta(days=40)
        result = streaks(days(*trained), days(*required), today)
        assert 0 <= result.current <= result.longest <= len(trained)


class TestAdherence:
    def test_done_over_scheduled_per_iso_week(self):
        schedule = [dated(MONDAY + timedelta(days=offset)) for offset in range(10)]
        logs = [
            LoggedSession((1, MONDAY + timedelta(days=offset)), MONDAY, offset != 1) for offset in range(4)
        ]
        today = MONDAY + timedelta(days=9)
        weeks = weekly_adherence(schedule, statuses(schedule, logs, today), 3, today)
        assert [(week.week_start, week.scheduled, week.done, week.partial) for week in weeks] == [
            (MONDAY - timedelta(weeks=1), 0, 0, 0),
            (MONDAY, 7, 3, 1),
            # Days 7 and 8 were missed; day 9 is today, not logged yet: not counted until it is.
            (MONDAY + timedelta(weeks=1), 2, 0, 0),
        ]
        assert weeks[1].percent == 43
        assert weeks[0].percent is None

    def test_calendar_words(self):
        schedule = [dated(MONDAY), dated(MONDAY + timedelta(1)), dated(MONDAY + timedelta(2), skipped=True)]
        today = MONDAY + timedelta(days=4)
        by_key = statuses(schedule, [LoggedSession((1, MONDAY), MONDAY, True)], today)
        words = day_statuses(schedule, by_key, days(0, 3), [MONDAY + timedelta(days=n) for n in range(5)])
        assert list(words.values()) == ["done", "missed", "skipped", "done", "rest"]
