"""Each day's strength rule around the races, past or ahead, agrees with periodise(). Pure."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from footwork.season.domain import Priority, Race, Strength, periodise
from footwork.season.domain.adaptation import adaptation_words, strength_days

CHICAGO = Race("Chicago", date(2026, 10, 11), 42.195, Priority.A)


def test_the_days_around_an_a_race():
    days = strength_days([CHICAGO], date(2026, 9, 1), date(2026, 11, 30))
    by_offset = {(day - CHICAGO.date).days: item.strength for day, item in days.items()}
    assert by_offset[-14] is Strength.LAST_HEAVY
    assert by_offset[-10] is Strength.MAINTENANCE
    assert by_offset[-6] is Strength.ACTIVATION
    assert {by_offset[n] for n in (-2, -1, 0, 1, 2, 3)} == {Strength.NONE}
    assert by_offset[4] is Strength.LIGHT
    assert by_offset[8] is Strength.HALF_LOAD
    assert 12 not in by_offset
    assert -15 not in by_offset


races = st.lists(
    st.builds(
        Race,
        name=st.sampled_from(["Chicago", "Boston", "Riverside"]),
        date=st.dates(date(2026, 1, 1), date(2027, 6, 30)),
        distance_km=st.just(42.195),
        priority=st.sampled_from(list(Priority)),
    ),
    max_size=4,
)


@given(races, st.dates(date(2026, 1, 1), date(2027, 6, 30)))
def test_it_agrees_with_the_season_on_every_planned_day(given_races, today):
    season = periodise(given_races, today)
    if not season.days:
        return
    days = strength_days(given_races, today, season.days[-1].date)
    for day in season.days:
        found = days.get(day.date)
        assert (found.strength if found else Strength.HEAVY) is day.strength


@given(races, st.dates(date(2026, 1, 1), date(2027, 6, 30)))
def test_the_reasons_are_plain_words(given_races, today):
    for item in strength_days(given_races, today, today + timedelta(days=60)).values():
        for words in adaptation_words(item, sets_cap=2):
            assert item.race.name in words
            assert not re.search(r"last_heavy|half_load|\d{4}-\d{2}-\d{2}", words)
