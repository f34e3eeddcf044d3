"""periodise(): phases, strength rules and running guidance, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.season.domain import (
    A_RACE,
    DEFAULT_SETTINGS,
    DISTANCES_KM,
    Phase,
    Priority,
    Race,
    RaceRules,
    Season,
    SeasonDay,
    SeasonSettings,
    Strength,
    WarningKind,
    periodise,
    recovery_end,
)

TODAY = date(2026, 5, 4)
CHICAGO = Race("Chicago", date(2026, 10, 11), DISTANCES_KM["marathon"], Priority.A)
BOSTON = Race("Boston", date(2027, 4, 19), DISTANCES_KM["marathon"], Priority.A)


def day_of(season: Season, day: date) -> SeasonDay:
    return next(d for d in season.days if d.date == day)


def on(season: Season, race: Race, offset: int) -> SeasonDay:
    return day_of(season, race.date + timedelta(days=offset))


def phases_of(season: Season) -> list[tuple[Phase, int]]:
    return [(span.phase, (span.end - span.start).days + 1) for span in season.phases]


# Race day = day 0 (CLINICAL section A "Race calendar", §6.3, §6.4): strength and running of an A race on its own.
A_RACE_DAYS = [
    (-15, Phase.PEAK, Strength.HEAVY, None, None),
    (-14, Phase.TAPER, Strength.LAST_HEAVY, 60, 70),
    (-11, Phase.TAPER, Strength.LAST_HEAVY, 60, 70),
    (-10, Phase.TAPER, Strength.MAINTENANCE, 60, 70),
    (-8, Phase.TAPER, Strength.MAINTENANCE, 60, 70),
    (-7, Phase.TAPER, Strength.MAINTENANCE, 30, 40),
    (-6, Phase.TAPER, Strength.ACTIVATION, 30, 40),
    (-3, Phase.TAPER, Strength.ACTIVATION, 30, 40),
    (-2, Phase.TAPER, Strength.NONE, 30, 40),
    (-1, Phase.TAPER, Strength.NONE, 30, 40),
    (0, Phase.RACE, Strength.NONE, None, None),
    (1, Phase.RECOVERY, Strength.NONE, 0, 0),
    (3, Phase.RECOVERY, Strength.NONE, 0, 0),
    (4, Phase.RECOVERY, Strength.LIGHT, 25, 35),
    (7, Phase.RECOVERY, Strength.LIGHT, 25, 35),
    (8, Phase.RECOVERY, Strength.HALF_LOAD, 50, 60),
    (11, Phase.RECOVERY, Strength.HALF_LOAD, 50, 60),
    (12, Phase.RECOVERY, Strength.HEAVY, 50, 60),
    (14, Phase.RECOVERY, Strength.HEAVY, 50, 60),
]


@pytest.mark.parametrize(("offset", "phase", "strength", "low", "high"), A_RACE_DAYS)
def test_an_a_race_day_by_day(offset, phase, strength, low, high):
    day = on(periodise([CHICAGO], TODAY), CHICAGO, offset)
    assert (day.phase, day.strength, day.running.min_percent, day.running.max_percent) == (
        phase,
        strength,
        low,
        high,
    )
    assert day.race == CHICAGO
    assert day.days_to_race == offset


@pytest.mark.parametrize(
    ("offset", "words"),
    [(8, "no strides yet"), (9, "no strides yet"), (10, "strides are fine"), (14, "strides are fine")],
)
def test_strides_come_back_from_day_10(offset, words):
    assert words in on(periodise([CHICAGO], TODAY), CHICAGO, offset).running.note


def test_the_re_test_is_asked_for_near_day_14():
    season = periodise([CHICAGO], TODAY)
    asked = [day.days_to_race for day in season.days if "re-test" in day.running.note]
    assert asked == [13, 14]


def test_the_season_ends_with_the_last_recovery():
    season = periodise([CHICAGO], TODAY)
    assert season.days[0].date == TODAY
    assert season.days[-1].date == CHICAGO.date + timedelta(days=14)


def test_phases_are_laid_backwards_from_an_a_race():
    season = periodise([CHICAGO], TODAY)
    base = (CHICAGO.date - TODAY).days - 14 - 28 - 56
    assert phases_of(season) == [
        (Phase.BASE, base),
        (Phase.BUILD, 56),
        (Phase.PEAK, 28),
        (Phase.TAPER, 14),
        (Phase.RACE, 1),
        (Phase.RECOVERY, 14),
    ]
    assert season.warnings == ()


def test_comeback_runs_from_one_recovery_to_the_next_build():
    season = periodise([BOSTON, CHICAGO], TODAY)
    phases = [span.phase for span in season.phases]
    assert phases == [
        *(Phase.BASE, Phase.BUILD, Phase.PEAK, Phase.TAPER, Phase.RACE, Phase.RECOVERY),
        *(Phase.COMEBACK, Phase.BUILD, Phase.PEAK, Phase.TAPER, Phase.RACE, Phase.RECOVERY),
    ]
    comeback = season.phases[6]
    assert comeback.start == recovery_end(CHICAGO) + timedelta(days=1)
    assert comeback.end == BOSTON.date - timedelta(days=14 + 28 + 56 + 1)
    assert comeback.race == BOSTON
    first = day_of(season, comeback.start)
    assert first.strength is Strength.HEAVY
    assert (first.running.min_percent, first.running.max_percent) == (60, 100)
    assert "add back more runs a week now" in first.running.note.lower()
    # One variable per two weeks: duration after 14 days, intensity after 42, all back after 56.
    assert "longer runs now" in day_of(season, comeback.start + timedelta(days=14)).running.note
    assert "faster running now" in day_of(season, comeback.start + timedelta(days=42)).running.note
    assert "All back" in day_of(season, comeback.start + timedelta(days=56)).running.note


@pytest.mark.parametrize(
    ("weeks_to_taper", "expected"),
    [
        (12, [(Phase.BUILD, 56), (Phase.PEAK, 28)]),
        (6, [(Phase.BUILD, 14), (Phase.PEAK, 28)]),
        (3, [(Phase.PEAK, 21)]),
    ],
)
def test_with_less_time_the_phases_shorten_from_the_front(weeks_to_taper, expected):
    race = Race("Soon", TODAY + timedelta(days=7 * weeks_to_taper + 14), 42.195, Priority.A)
    season = periodise([race], TODAY)
    assert phases_of(season)[: len(expected)] == expected
    assert phases_of(season)[len(expected)] == (Phase.TAPER, 14)
    short = [warning for warning in season.warnings if warning.kind is WarningKind.SHORT_BUILD]
    assert len(short) == (weeks_to_taper < 12)


@pytest.mark.parametrize(("taper_days", "expected"), [(14, 14), (21, 21), (10, 10)])
def test_the_taper_length_is_a_setting(taper_days, expected):
    season = periodise([CHICAGO], TODAY, SeasonSettings(a_race=replace(A_RACE, taper_days=taper_days)))
    assert sum(day.phase is Phase.TAPER for day in season.days) == expected
    assert on(season, CHICAGO, -expected).phase is Phase.TAPER
    assert on(season, CHICAGO, -expected - 1).phase is Phase.PEAK
    # The strength ladder keeps its own days: the last heavy session still starts 14 days out.
    assert on(season, CHICAGO, -14).strength is Strength.LAST_HEAVY


def test_a_b_race_has_a_short_taper_and_a_shorter_recovery():
    half = Race("Half", date(2026, 8, 16), DISTANCES_KM["half"], Priority.B)
    season = periodise([half, CHICAGO], TODAY)
    taper = [day.days_to_race for day in season.days if day.race == half and day.phase is Phase.TAPER]
    recovery = [day.days_to_race for day in season.days if day.race == half and day.phase is Phase.RECOVERY]
    assert taper == list(range(-7, 0))
    assert recovery == list(range(1, 8))
    strengths = [on(season, half, offset).strength for offset in range(-8, 10)]
    assert strengths == [
        Strength.HEAVY,
        *[Strength.MAINTENANCE] * 3,
        *[Strength.ACTIVATION] * 2,
        *[Strength.NONE] * 5,
        *[Strength.LIGHT] * 2,
        *[Strength.HALF_LOAD] * 3,
        Strength.HEAVY,
        Strength.HEAVY,
    ]
    # Around the B race the A race's build goes on.
    assert on(season, half, -8).phase is Phase.BUILD
    assert on(season, half, 8).phase is Phase.BUILD
    assert on(season, half, 8).race == CHICAGO


def test_a_c_race_changes_only_its_own_day():
    ten_k = Race("10K", date(2026, 8, 16), DISTANCES_KM["10k"], Priority.C)
    alone = periodise([CHICAGO], TODAY)
    season = periodise([CHICAGO, ten_k], TODAY)
    race_day = day_of(season, ten_k.date)
    assert (race_day.phase, race_day.race, race_day.strength) == (Phase.RACE, ten_k, Strength.NONE)
    others = [(a, b) for a, b in zip(alone.days, season.days, strict=True) if a.date != ten_k.date]
    assert all(a == b for a, b in others)


def test_an_a_race_inside_another_recovery_is_flagged_not_merged():
    second = Race("Second", CHICAGO.date + timedelta(days=10), 42.195, Priority.A)
    season = periodise([CHICAGO, second], TODAY)
    close = [warning for warning in season.warnings if warning.kind is WarningKind.TOO_CLOSE]
    assert [warning.race for warning in close] == [second]
    assert "inside its 14-day recovery" in close[0].message
    assert on(season, CHICAGO, 0).phase is Phase.RACE
    assert on(season, second, 0).phase is Phase.RACE
    # Between them: recovery from Chicago, but no strength work in the two days before the second race.
    assert on(season, second, -3).phase is Phase.RECOVERY
    assert on(season, second, -3).race == CHICAGO
    assert [on(season, second, n).strength for n in (-2, -1, 0)] == [Strength.NONE] * 3
    assert season.days[-1].date == recovery_end(second)


def test_a_b_race_in_an_a_taper_is_flagged():
    half = Race("Half", CHICAGO.date - timedelta(days=10), 21.0975, Priority.B)
    season = periodise([half, CHICAGO], TODAY)
    assert [warning.kind for warning in season.warnings] == [WarningKind.IN_TAPER]
    # The A race's taper decides the phase; the B race's own days keep no strength work.
    assert day_of(season, half.date - timedelta(days=1)).phase is Phase.TAPER
    assert day_of(season, half.date - timedelta(days=1)).race == CHICAGO
    assert day_of(season, half.date - timedelta(days=1)).strength is Strength.NONE


def test_races_on_the_same_day():
    ten_k = Race("10K", CHICAGO.date, 10.0, Priority.C)
    season = periodise([ten_k, CHICAGO], TODAY)
    race_day = on(season, CHICAGO, 0)
    assert (race_day.phase, race_day.race) == (Phase.RACE, CHICAGO)
    same = [warning for warning in season.warnings if warning.kind is WarningKind.SAME_DAY]
    assert len(same) == 1
    assert "the plan follows Chicago" in same[0].message


def test_a_race_tomorrow():
    tomorrow = Race("Tomorrow", TODAY + timedelta(days=1), 42.195, Priority.A)
    season = periodise([tomorrow], TODAY)
    assert len(season.days) == 1 + 1 + 14
    assert (season.days[0].phase, season.days[0].strength, season.days[0].days_to_race) == (
        Phase.TAPER,
        Strength.NONE,
        -1,
    )
    assert [warning.kind for warning in season.warnings] == []


def test_a_race_today():
    season = periodise([replace(CHICAGO, date=TODAY)], TODAY)
    assert (season.days[0].phase, season.days[0].days_to_race) == (Phase.RACE, 0)


def test_a_race_in_the_past():
    long_ago = Race("Long ago", TODAY - timedelta(days=30), 42.195, Priority.A)
    last_week = Race("Last week", TODAY - timedelta(days=5), 42.195, Priority.A)
    only_past = periodise([long_ago], TODAY)
    assert only_past.days == ()
    assert [warning.kind for warning in only_past.warnings] == [WarningKind.PAST, WarningKind.NO_RACES]
    season = periodise([long_ago, last_week], TODAY)
    assert season.planned == (last_week,)
    assert season.days[0].phase is Phase.RECOVERY
    assert season.days[0].days_to_race == 5
    assert season.days[0].strength is Strength.LIGHT
    assert season.days[-1].date == recovery_end(last_week)
    assert {warning.kind for warning in season.warnings} == {WarningKind.PAST, WarningKind.RECOVERING}


def test_no_races():
    season = periodise([], TODAY)
    assert (season.days, season.phases) == ((), ())
    assert [warning.kind for warning in season.warnings] == [WarningKind.NO_RACES]


@pytest.mark.parametrize(
    ("race_day", "taper_start", "last_day"),
    [
        (date(2028, 2, 29), date(2028, 2, 15), date(2028, 3, 14)),
        (date(2028, 3, 7), date(2028, 2, 22), date(2028, 3, 21)),
        (date(2027, 3, 7), date(2027, 2, 21), date(2027, 3, 21)),
        (date(2027, 12, 25), date(2027, 12, 11), date(2028, 1, 8)),
    ],
)
def test_leap_years_and_year_ends(race_day, taper_start, last_day):
    race = Race("Race", race_day, 42.195, Priority.A)
    season = periodise([race], race_day - timedelta(days=200))
    taper = [span for span in season.phases if span.phase is Phase.TAPER]
    assert [(span.start, span.end) for span in taper] == [(taper_start, race_day - timedelta(days=1))]
    assert season.days[-1].date == last_day
    assert len(season.days) == 200 + 1 + 14


def test_running_notes_give_kilometres_when_the_peak_week_is_known():
    season = periodise([CHICAGO], TODAY, peak_weekly_km=80)
    assert "(about 20–28 km)" in on(season, CHICAGO, 5).running.note
    assert "km" not in on(periodise([CHICAGO], TODAY), CHICAGO, 5).running.note


def test_rules_that_cannot_be_used_are_refused():
    with pytest.raises(ValueError, match="count down"):
        RaceRules(
            taper_days=7, recovery_days=7, strength_before=((2, Strength.NONE), (6, Strength.ACTIVATION))
        )
    with pytest.raises(ValueError, match="negative"):
        replace(A_RACE, taper_days=-1)
    with pytest.raises(ValueError, match="comeback"):
        SeasonSettings(comeback_percent=(80, 60))


# --- Properties over any calendar ----------------------------------------------------------------------------

_priorities = st.sampled_from(list(Priority))
_races = st.lists(
    st.builds(
        Race,
        name=st.text(min_size=1, max_size=5),
        date=st.dates(min_value=date(2023, 1, 1), max_value=date(2030, 12, 31)),
        distance_km=st.sampled_from(list(DISTANCES_KM.values())),
        priority=_priorities,
    ),
    max_size=6,
)
_todays = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))


@settings(max_examples=150, deadline=None)
@given(races=_races, today=_todays)
def test_any_season_is_contiguous_and_keeps_race_week_free_of_strength(races, today):
    season = periodise(races, today)
    if not season.days:
        assert all(recovery_end(race) < today for race in races)
        return
    # Days: one per calendar day from today to the end of the last recovery.
    dates = [day.date for day in season.days]
    assert dates[0] == today
    assert all((b - a).days == 1 for a, b in pairwise(dates))
    assert dates[-1] == max(recovery_end(race) for race in season.planned)
    # Phases: contiguous, each covering exactly its days.
    assert season.phases[0].start == today
    assert season.phases[-1].end == dates[-1]
    for earlier, later in pairwise(season.phases):
        assert later.start == earlier.end + timedelta(days=1)
        assert (earlier.phase, earlier.race) != (later.phase, later.race)
    by_date = {day.date: day for day in season.days}
    for race in season.planned:
        rules = DEFAULT_SETTINGS.rules_for(race.priority)
        # No strength work from day -2 to race day for A and B races; on race day itself for any race.
        quiet = range(-2, 1) if race.priority is not Priority.C else range(0, 1)
        for offset in quiet:
            day = by_date.get(race.date + timedelta(days=offset))
            if day is not None:
                assert day.strength is Strength.NONE
        if race.date in by_date:
            assert by_date[race.date].phase is Phase.RACE
        # No strength work on days 1-3 after an A race.
        if race.priority is Priority.A:
            for offset in range(1, 4):
                after = by_date.get(race.date + timedelta(days=offset))
                assert after is None or after.strength is Strength.NONE
        assert rules.recovery_days >= 0


@settings(max_examples=100, deadline=None)
@given(race_day=st.dates(min_value=date(2024, 1, 20), max_value=date(2032, 12, 31)), priority=_priorities)
def test_one_race_tapers_and_recovers_for_the_length_of_its_priority(race_day, priority):
    race = Race("Race", race_day, 42.195, priority)
    season = periodise([race], race_day - timedelta(days=400))
    rules = DEFAULT_SETTINGS.rules_for(priority)
    assert sum(day.phase is Phase.TAPER for day in season.days) == rules.taper_days
    assert sum(day.phase is Phase.RECOVERY for day in season.days) == rules.recovery_days
    assert sum(day.phase is Phase.RACE for day in season.days) == 1
    # Each phase for a lone race: everything before the taper leads to it in order.
    order = [Phase.BASE, Phase.BUILD, Phase.PEAK, Phase.TAPER, Phase.RACE, Phase.RECOVERY]
    seen = [span.phase for span in season.phases]
    assert seen == sorted(seen, key=order.index)
