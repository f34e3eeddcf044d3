"""The workshop's pure rules: codes, days, the joining window, and the figures hidden below FEWEST_SHOWN."""

from __future__ import annotations

import statistics
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from footwork.workshops import domain
from footwork.workshops.domain import (
    CODE_ALPHABET,
    FEWEST_SHOWN,
    HIDDEN_WORDS,
    BeforeAfter,
    before_after,
    checkout_problem,
    day_number,
    figure,
    join_problem,
    measure_change,
    new_code,
    normalise_code,
    spread,
    weaker_side,
    week_number,
)

START = date(2026, 3, 2)


def test_a_code_is_two_groups_of_four_unambiguous_characters():
    code = new_code()
    assert len(code) == 9
    assert code[4] == "-"
    assert all(character in CODE_ALPHABET for character in code.replace("-", ""))
    assert not set("01OIL") & set(code)


@given(st.text(alphabet=CODE_ALPHABET, min_size=8, max_size=8))
def test_a_code_typed_in_any_case_with_spaces_reads_as_stored(letters):
    stored = f"{letters[:4]}-{letters[4:]}"
    assert normalise_code(f" {letters.lower()[:4]} {letters[4:]} ") == stored
    assert normalise_code(stored) == stored


def test_days_and_weeks_count_from_day_one():
    assert day_number(START, START) == 1
    assert day_number(START, START - timedelta(days=3)) == -2
    assert week_number(START, START + timedelta(days=6)) == 1
    assert week_number(START, START + timedelta(days=7)) == 2


@pytest.mark.parametrize(
    ("today", "open_"),
    [
        (START - timedelta(days=10), True),  # before the start: welcome, day one is the start
        (START, True),
        (START + timedelta(days=7), True),  # the window's last day
        (START + timedelta(days=8), False),  # closed
    ],
)
def test_a_cohort_closes_its_window_days_after_the_start(today, open_):
    problem = join_problem(START, 7, today)
    assert (problem is None) is open_
    if problem:
        assert "closed on Mon 9 Mar" in problem
        assert "2026-" not in problem


def test_a_self_paced_workshop_is_always_open():
    assert join_problem(None, 0, date(2030, 1, 1)) is None


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("", True),
        ("https://shop.example.com/workshop", True),
        ("http://shop.example.com/", False),
        ("javascript:alert(1)", False),
        ("https://user:pw@shop.example.com/", False),
        ("https:///nohost", False),
    ],
)
def test_a_checkout_page_is_https_only(url, ok):
    assert (checkout_problem(url) is None) is ok


def test_a_figure_over_fewer_than_five_keeps_no_value():
    hidden = figure(3.0, FEWEST_SHOWN - 1)
    assert hidden.hidden
    assert hidden.value is None
    assert hidden.shown() == HIDDEN_WORDS == "fewer than 5"
    shown = figure(3.0, FEWEST_SHOWN)
    assert not shown.hidden
    assert shown.shown() == 3.0


@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), max_size=40))
def test_the_spread_is_hidden_below_five_and_ordered_otherwise(values):
    found = spread(values)
    assert found.over == len(values)
    if len(values) < FEWEST_SHOWN:
        assert (found.median, found.lower_quartile, found.upper_quartile) == (None, None, None)
        return
    median, lower, upper = found.median, found.lower_quartile, found.upper_quartile
    assert median is not None
    assert lower is not None
    assert upper is not None
    assert median == pytest.approx(statistics.median(values))
    assert min(values) - 1e-9 <= lower <= median + 1e-9
    assert median - 1e-9 <= upper <= max(values) + 1e-9


pairs = st.lists(
    st.builds(
        BeforeAfter,
        st.floats(min_value=0, max_value=60, allow_nan=False),
        st.floats(min_value=0, max_value=60, allow_nan=False),
    ),
    max_size=30,
)


@given(pairs, st.one_of(st.none(), st.floats(min_value=0.5, max_value=20)))
def test_a_measures_change_is_the_median_and_the_count_reaching_the_mid(items, mid):
    found = measure_change("heel-raise", "Heel raise", "reps", items, mid)
    assert found.over == len(items)
    if len(items) < FEWEST_SHOWN:
        assert found.median_change is None
        assert found.reached_mid is None
        return
    assert found.median_change == pytest.approx(
        statistics.median(pair.after - pair.before for pair in items), abs=0.051
    )
    if mid is None:
        assert found.reached_mid is None
    else:
        assert found.reached_mid == sum(1 for pair in items if pair.after - pair.before >= mid)
        assert 0 <= found.reached_mid <= found.over


def test_where_lower_is_better_a_drop_reaches_the_mid():
    items = [BeforeAfter(20, 12)] * 5
    found = measure_change("t", "Timed", "s", items, 5, lower_is_better=True)
    assert found.median_change == -8
    assert found.reached_mid == 5


def test_the_weaker_leg_is_the_lower_unless_lower_is_better():
    assert weaker_side(20, 25) == 20
    assert weaker_side(20, 25, lower_is_better=True) == 25
    assert weaker_side(None, 18) == 18
    assert weaker_side(None, None) is None


def test_before_is_near_day_one_and_after_at_the_end():
    weeks = 4
    values = [
        (START - timedelta(days=30), 5.0),  # too early
        (START - timedelta(days=2), 15.0),  # before
        (START + timedelta(days=10), 18.0),  # the middle: neither
        (START + timedelta(days=22), 21.0),  # the last week
        (START + timedelta(days=27), 23.0),  # the last day: after
    ]
    assert before_after(START, weeks, values) == BeforeAfter(15.0, 23.0)
    assert before_after(START, weeks, values[:3]) is None


def test_the_always_added_not_for_text_names_the_red_flags():
    words = " ".join(domain.ALWAYS_NOT_FOR)
    assert "rupture" in words
    assert "stress fracture" in words
    assert "clinician" in words
