"""Reading a SEASON.json file: {"today", "races": [{"name", "date", "distance_km", "priority"}], "peak_weekly_km"}. Pure.

Standard JSON only: NaN, Infinity and repeated keys are refused, as are unknown keys (a typo must not pass unnoticed).
The first problem is raised as a SeasonFileError whose message names the field as a path, list indexes from 0:
``races[2].priority: "D" is not a priority (A, B or C)``. Ranges are core.bounds'.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import NoReturn

from footwork.core.bounds import (
    PEAK_WEEKLY_KM,
    RACE_DISTANCE_KM,
    RACE_NAME_CHARACTERS,
    RACES_PER_SEASON,
    SEASON_RACE_DATE,
    Bound,
    DateBound,
)
from footwork.season.domain.races import Priority, Race

__all__ = ["SeasonFile", "SeasonFileError", "parse_season", "read_season"]

_TOP = frozenset({"today", "races", "peak_weekly_km"})
_TOP_NEEDED = ("today", "races")
_RACE = ("name", "date", "distance_km", "priority")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SeasonFileError(ValueError):
    """The file is not a valid season; the message names the field."""


@dataclass(frozen=True)
class SeasonFile:
    today: date
    races: tuple[Race, ...]
    peak_weekly_km: float | None


def read_season(text: str, *, now: date, today_window: DateBound) -> SeasonFile:
    """The season in a SEASON.json text; `today` must lie in today_window as of `now` (the real date)."""
    return parse_season(_load(text), now=now, today_window=today_window)


def _load(text: str) -> object:
    try:
        return json.loads(text, parse_constant=_not_a_number, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise SeasonFileError(
            f"is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from error
    except RecursionError as error:
        raise SeasonFileError("is not a season: its JSON is nested too deeply") from error


def _not_a_number(name: str) -> NoReturn:
    raise SeasonFileError(f"holds {name}: numbers must be finite")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _value in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise SeasonFileError(f"repeats the key {', '.join(repeated)}")
    return dict(pairs)


def parse_season(data: object, *, now: date, today_window: DateBound) -> SeasonFile:
    """The season in an already parsed document."""
    top = _mapping(data, "", _TOP, _TOP_NEEDED)
    today = _date(top["today"], "today")
    problem = replace(today_window, name="today").check(today, today=now)
    if problem:
        _fail("today", problem)
    races = top["races"]
    if not isinstance(races, list):
        _fail("races", "must be a list of races")
    if RACES_PER_SEASON.check(len(races)):
        _fail("races", f"list from {RACES_PER_SEASON.low:.0f} to {RACES_PER_SEASON.high:.0f} races")
    parsed = tuple(_race(item, f"races[{index}]", today) for index, item in enumerate(races))
    names = [race.name for race in parsed]
    for index, name in enumerate(names):
        if name in names[:index]:
            _fail(
                f"races[{index}].name", f'"{name}" is the name of another race; give each race its own name'
            )
    peak = top.get("peak_weekly_km")
    peak_km = None if peak is None else _number(peak, "peak_weekly_km", PEAK_WEEKLY_KM)
    return SeasonFile(today, parsed, peak_km)


def _race(item: object, path: str, today: date) -> Race:
    fields = _mapping(item, path, frozenset(_RACE), _RACE)
    name = fields["name"]
    if not isinstance(name, str) or not name.strip():
        _fail(f"{path}.name", "must be the race's name")
    name = name.strip()
    if RACE_NAME_CHARACTERS.check(len(name)):
        _fail(f"{path}.name", f"is {len(name)} characters long; at most {RACE_NAME_CHARACTERS.high:.0f}")
    day = _date(fields["date"], f"{path}.date")
    problem = SEASON_RACE_DATE.check(day, today=today)
    if problem:
        _fail(f"{path}.date", problem)
    distance = _number(fields["distance_km"], f"{path}.distance_km", RACE_DISTANCE_KM)
    return Race(
        name=name, date=day, distance_km=distance, priority=_priority(fields["priority"], f"{path}.priority")
    )


def _mapping(
    value: object, path: str, allowed: frozenset[str], needed: tuple[str, ...]
) -> Mapping[str, object]:
    if not isinstance(value, dict):
        _fail(path, "must be an object ({...})" if path else "must hold one JSON object ({...})")
    unknown = sorted(set(value) - allowed)
    if unknown:
        _fail(path, f"unknown key {', '.join(unknown)} (the keys are {', '.join(sorted(allowed))})")
    missing = [key for key in needed if key not in value]
    if missing:
        _fail(path, f"missing {', '.join(missing)}")
    return value


def _date(value: object, path: str) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        _fail(path, "must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(path, f"{value} is not a date on the calendar")


def _number(value: object, path: str, bound: Bound) -> float:
    # bool is an int to Python, never a distance to a person.
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(path, f"must be a number ({bound.unit})")
    try:
        number = float(value)
    except OverflowError:
        _fail(path, "is too large")
    problem = bound.check(number)
    if problem:
        _fail(path, problem)
    return number


def _priority(value: object, path: str) -> Priority:
    if isinstance(value, str) and value.upper() in Priority.__members__:
        return Priority(value.upper())
    shown = f'"{value}"' if isinstance(value, str) else "it"
    _fail(path, f"{shown} is not a priority (A, B or C)")


def _fail(path: str, problem: str) -> NoReturn:
    raise SeasonFileError(f"{path}: {problem}" if path else problem)
