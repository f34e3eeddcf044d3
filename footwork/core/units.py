"""Distances and paces in the runner's units: kilometres or miles. Pure: the standard library and core.bounds.

Footwork stores and computes in metric (metres, km, seconds per km) and the API answers in metric; only what a
person reads, and what a person types into a form or the command line, is in their units.
"""

from __future__ import annotations

import math
from typing import Final, Literal

from footwork.core.bounds import Bound

Units = Literal["km", "mi"]
KM: Final = "km"
MI: Final = "mi"
UNITS: Final[tuple[Units, ...]] = (KM, MI)
# The international mile (1959): exactly 1,609.344 m.
KM_PER_MILE: Final = 1.609344
# The profile setting's choices, in the words the account page shows.
CHOICES: Final = ((KM, "Kilometres (km, min/km)"), (MI, "Miles (mi, min/mi)"))
_NAMES: Final = {KM: "kilometres", MI: "miles"}


def units_or_km(value: object) -> Units:
    """The units a setting names; anything else (empty, unknown) reads as kilometres, the default."""
    return MI if value == MI else KM


def from_km(km: float, units: str) -> float:
    """A distance in km, in the given units."""
    return km / KM_PER_MILE if units == MI else km


def to_km(distance: float, units: str) -> float:
    """A distance given in units, in km."""
    return distance * KM_PER_MILE if units == MI else distance


def pace_from_s_per_km(seconds_per_km: float, units: str) -> float:
    """A pace in seconds per km, in seconds per unit (a mile takes 1.609344 times as long as a km)."""
    return seconds_per_km * KM_PER_MILE if units == MI else seconds_per_km


def distance_unit(units: str) -> str:
    """'km' or 'mi'."""
    return units_or_km(units)


def pace_unit(units: str) -> str:
    """'min/km' or 'min/mi'."""
    return f"min/{units_or_km(units)}"


def unit_name(units: str) -> str:
    """'kilometres' or 'miles'."""
    return _NAMES[units_or_km(units)]


def distance_text(km: float | None, units: str, decimals: int = 1) -> str:
    """'8.2 km' or '5.1 mi'; '—' when there is no distance."""
    if km is None or not math.isfinite(km):
        return "—"
    return f"{from_km(km, units):.{decimals}f} {distance_unit(units)}"


def clock(seconds: float) -> str:
    """'5:32' for 332 seconds; '1:02:05' past an hour."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def pace_text(seconds_per_km: float | None, units: str) -> str:
    """'5:32 /km' or '8:54 /mi'; '—' when there is no pace."""
    if seconds_per_km is None or not math.isfinite(seconds_per_km) or seconds_per_km <= 0:
        return "—"
    return f"{clock(pace_from_s_per_km(seconds_per_km, units))} /{distance_unit(units)}"


def bound_in(bound: Bound, units: str) -> Bound:
    """A distance bound (in m or km) with its range in units, for wording a refusal as the person typed it."""
    per_km = 1000.0 if bound.unit == "m" else 1.0
    low, high = (from_km(value / per_km, units) for value in (bound.low, bound.high))
    return Bound(bound.name, low, high, distance_unit(units), bound.low_open, bound.whole)


def distance_problem(distance: float, units: str, bound: Bound, name: str | None = None) -> str | None:
    """None when a distance typed in units lies within bound (checked in the bound's own metric unit), else why not,
    worded in units: "distance 700 mi is above 621.4 mi"."""
    if math.isnan(distance) or math.isinf(distance):
        return bound.check(distance, name)
    per_km = 1000.0 if bound.unit == "m" else 1.0
    problem = bound.check(to_km(distance, units) * per_km, name)
    if problem is None:
        return problem
    # The converted range can round a value on its edge back inside: then the metric reason still says why.
    return bound_in(bound, units).check(distance, name) or problem
