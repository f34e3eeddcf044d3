"""The workspace's pure rules: the symptom trend, a test's change against its smallest meaningful change, and the
timeline's window and order. No database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from footwork.caseload.domain import (
    TimelineEntry,
    TimelineKind,
    excerpt,
    in_date_order,
    measured_change,
    symptom_trend,
    window_problem,
)

D = date(2026, 11, 2)


def test_the_trend_has_every_day_of_the_window_with_gaps_as_none():
    trend = symptom_trend(D, date(2026, 11, 5), {date(2026, 11, 3): (2, 3, None)}, 1.0)
    assert trend.days == (D, date(2026, 11, 3), date(2026, 11, 4), date(2026, 11, 5))
    assert trend.during == (None, 2, None, None)
    assert trend.after == (None, 3, None, None)
    assert trend.morning == (None, None, None, None)
    assert trend.baseline == 1.0
    assert trend.logged


@pytest.mark.parametrize("baseline", [float("nan"), float("inf"), None])
def test_a_baseline_that_is_not_a_finite_number_is_none(baseline):
    trend = symptom_trend(D, D, {}, baseline)
    assert trend.baseline is None
    assert not trend.logged


def test_a_change_is_weighed_against_the_smallest_meaningful_change():
    assert measured_change(25, 18, 6).beyond is True
    assert measured_change(25, 18, 6).delta == 7
    assert measured_change(25, 18, 6).better is True
    assert measured_change(20, 18, 6).beyond is False
    # No figure known for the test: the change, without a verdict.
    assert measured_change(20, 18, None).beyond is None
    # Lower is better (a pain test): a drop is better.
    assert measured_change(2, 5, None, lower_is_better=True).better is True
    assert measured_change(5, 5, 6).better is None


@pytest.mark.parametrize("previous", [None, float("nan")])
def test_a_first_test_or_an_unreadable_previous_has_no_change(previous):
    moved = measured_change(20, previous, 6)
    assert (moved.previous, moved.delta, moved.beyond) == (None, None, None)


def entry(day: int, kind: TimelineKind, hour: int | None = None, title: str = "x") -> TimelineEntry:
    at = None if hour is None else datetime(2026, 11, day, hour, tzinfo=UTC)
    return TimelineEntry(date(2026, 11, day), at, kind, title)


def test_entries_go_by_day_then_day_only_first_then_moment_then_kind():
    message = entry(3, TimelineKind.MESSAGE, 18)
    run = entry(3, TimelineKind.RUN, 7)
    checkin = entry(3, TimelineKind.CHECKIN)
    session = entry(3, TimelineKind.SESSION)
    earlier = entry(2, TimelineKind.NOTE)
    ordered = in_date_order([message, run, checkin, earlier, session])
    assert ordered == [earlier, session, checkin, run, message]
    assert in_date_order([message, run, checkin, earlier, session], newest_first=True) == ordered[::-1]


def test_a_window_is_forwards_and_bounded():
    assert window_problem(D, D, max_days=366) is None
    assert window_problem(D, date(2026, 11, 1), max_days=366) == ("end", "end is before start")
    assert window_problem(date(2025, 11, 1), D, max_days=366) == ("end", "a timeline covers at most 366 days")


def test_an_excerpt_is_one_line_cut_at_a_word():
    assert excerpt("  Calf\n tight   today ", 50) == "Calf tight today"
    assert excerpt("Calf tight after the hills, keep Thursday", 20) == "Calf tight after…"
    assert len(excerpt("x" * 300, 20)) == 20
    assert excerpt("", 20) == ""
