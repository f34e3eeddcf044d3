"""Reading SEASON.json: what is accepted and what is refused, with the field named."""

from __future__ import annotations

import json
from datetime import date

import pytest

from footwork.core.bounds import DateBound
from footwork.season.domain import Priority, SeasonFileError, read_season

NOW = date(2026, 5, 1)
WINDOW = DateBound("date", earliest=date(1970, 1, 1), days_after=10 * 365)
RACE = {"name": "Chicago", "date": "2026-10-11", "distance_km": 42.195, "priority": "A"}


def season(**top):
    return json.dumps({"today": "2026-05-04", "races": [RACE], **top})


def read(text):
    return read_season(text, now=NOW, today_window=WINDOW)


def test_a_season_file():
    parsed = read(season(peak_weekly_km=70))
    assert parsed.today == date(2026, 5, 4)
    assert parsed.peak_weekly_km == 70.0
    (race,) = parsed.races
    assert (race.name, race.date, race.distance_km, race.priority) == (
        "Chicago",
        date(2026, 10, 11),
        42.195,
        Priority.A,
    )
    assert read(season()).peak_weekly_km is None
    assert read(season(races=[{**RACE, "priority": "b"}])).races[0].priority is Priority.B


def race(**changes):
    return season(races=[{**RACE, **changes}])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{", "is not valid JSON"),
        ("[]", "must hold one JSON object"),
        ('{"today": "2026-05-04", "races": [], "peak_weekly_km": NaN}', "NaN: numbers must be finite"),
        ('{"today": "2026-05-04", "races": [], "peak_weekly_km": Infinity}', "Infinity"),
        (
            season(peak_weekly_km=70).replace("70", "1e999"),
            "peak_weekly_km: peak weekly distance is infinite",
        ),
        (season(peak_weekly_km=0), "peak_weekly_km: peak weekly distance 0 km is not more than 0 km"),
        (season(peak_weekly_km="70"), "peak_weekly_km: must be a number"),
        ('{"today": "2026-05-04", "today": "2026-05-05", "races": []}', "repeats the key today"),
        (json.dumps({"races": [RACE]}), "missing today"),
        (json.dumps({"today": "2026-05-04"}), "missing races"),
        (season(weeks=3), "unknown key weeks"),
        (
            json.dumps({"today": "2026-02-30", "races": [RACE]}),
            "today: 2026-02-30 is not a date on the calendar",
        ),
        (json.dumps({"today": "4 May 2026", "races": [RACE]}), "today: must be a date written YYYY-MM-DD"),
        (json.dumps({"today": "2040-01-01", "races": [RACE]}), "today: today Sun 1 Jan 2040 is after"),
        (season(races={}), "races: must be a list"),
        (season(races=[]), "races: list from 1 to 50 races"),
        (season(races=[RACE] * 51), "races: list from 1 to 50 races"),
        (season(races=["Chicago"]), "races[0]: must be an object"),
        (race(priority="D"), 'races[0].priority: "D" is not a priority (A, B or C)'),
        (race(priority=1), "races[0].priority: it is not a priority"),
        (race(date="2026-13-01"), "races[0].date: 2026-13-01 is not a date on the calendar"),
        (race(date="2031-10-11"), "races[0].date: race date Sat 11 Oct 2031 is after"),
        (race(date="2025-01-01"), "races[0].date: race date Wed 1 Jan 2025 is before"),
        (race(distance_km=-5), "races[0].distance_km: race distance -5 km is not more than 0 km"),
        (race(distance_km=True), "races[0].distance_km: must be a number"),
        (race(distance_km=10**400), "races[0].distance_km: is too large"),
        (race(distance_km=5000), "races[0].distance_km: race distance 5,000 km is above 1,000 km"),
        (race(name=" "), "races[0].name: must be the race's name"),
        (race(name="x" * 101), "races[0].name: is 101 characters long; at most 100"),
        (
            json.dumps({"today": "2026-05-04", "races": [{"name": "Chicago"}]}),
            "races[0]: missing date, distance_km",
        ),
        (
            season(races=[RACE, {**RACE, "date": "2026-11-01"}]),
            'races[1].name: "Chicago" is the name of another race',
        ),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_refusals_name_the_field(text, words):
    with pytest.raises(SeasonFileError) as refused:
        read(text)
    assert words in str(refused.value)
    assert "\n" not in str(refused.value)
