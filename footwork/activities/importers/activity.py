"""From a reader's columns to the activity: impossible samples dropped and counted, impossible activities refused,
the sport decided where the file names none, the totals measured.

Every format ends here, after decoding, so FIT's two decoders (fit_bulk and fitdecode) share these rules and stay
identical to each other. The ranges are core.bounds'. In a column NaN means absent (no sensor, no fix); a value the
file wrote as NaN or infinity reaches here as infinity (the readers' _number), so it is counted and dropped like
any other impossible value rather than passing for a missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from footwork.core import bounds
from footwork.core.bounds import Bound

from .common import (
    MIN_DURATION_S,
    PER_FOOT_CADENCE_BELOW,
    RUN_SPORTS,
    ImportRefused,
    ParsedActivity,
    Totals,
    describe_sport,
    steps_per_minute,
)
from .track import (
    MAX_MOVING_GAP_S,
    Track,
    cumulative_distance,
    elevation_gain,
    moving_seconds,
    positive_max,
    weighted_mean,
)

F64 = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

# Positions or distances impossible this often are not a recorder's slip but a broken or made-up file: refused, not
# trimmed. Heart rate, cadence and elevation are only ever dropped: a run is still a run when a strap misbehaves.
MAX_IMPOSSIBLE_SHARE = 0.1
# An unlabelled GPS track whose typical speed (typical_speed) lies in this range is taken for a run and flagged
# "assumed": from a jog at 9:48 /km (1.7 m/s; the fixtures' runs are at 1.9-4.5 m/s, their walks and hikes at 0.9-1.6)
# to 2:34 /km (6.5 m/s, faster than the marathon record). Most rides are faster; the runner marks the odd brisk walk
# or slow ride "not a run" on its page.
ASSUMED_RUN_SPEED_MS = (1.7, 6.5)
ASSUMED_RUN_NOTE = "assumed a run: the file names no sport and moves at running speed (mark it as not a run on its page if it was not)"
OFF_THE_MAP = "off the map (latitude beyond ±90°, longitude beyond ±180°, or not a number)"
_TOTAL_BOUNDS: dict[str, tuple[str, Bound]] = {
    "distance_m": ("distance", bounds.ACTIVITY_DISTANCE),
    "elapsed_s": ("elapsed time", bounds.MOVING_TIME),
    "moving_s": ("moving time", bounds.MOVING_TIME),
    "elevation_gain_m": ("elevation gain", bounds.ELEVATION_GAIN),
    "avg_hr": ("average heart rate", bounds.HEART_RATE),
    "max_hr": ("maximum heart rate", bounds.HEART_RATE),
    "avg_cadence": ("average cadence", bounds.CADENCE),
}


class Implausible(Exception):
    """The activity cannot have happened; the argument says why."""


@dataclass(frozen=True, eq=False)
class Samples:
    """A reader's columns, float64 and of equal length: seconds from the start, NaN where a value is absent.

    distance_m is the device's cumulative distance (None, or no finite value: measured along the positions);
    breaks[i] is True where point i + 1 starts a new segment (the recorder was off in between).
    """

    seconds: F64
    altitude_m: F64
    heart_rate: F64
    cadence: F64
    lat: F64 | None = None
    lon: F64 | None = None
    distance_m: F64 | None = None
    breaks: Mask | None = None


class Drops:
    """What was left out of one activity as impossible, in words for the import report."""

    def __init__(self, notes: tuple[str, ...] = ()) -> None:
        self._counts: dict[tuple[str, str], int] = {}
        self._notes = list(notes)

    def count(self, what: str, why: str, count: int) -> None:
        if count:
            self._counts[what, why] = self._counts.get((what, why), 0) + count

    def note(self, text: str) -> None:
        self._notes.append(text)

    def notes(self) -> tuple[str, ...]:
        counted = [
            f"dropped {n} {what}{'' if n == 1 else 's'} {why}" for (what, why), n in self._counts.items()
        ]
        return (*counted, *self._notes)


def build_activity(
    samples: Samples,
    totals: Totals,
    *,
    start: datetime,
    sport: str,
    sport_label: str | None,
    source_format: str,
    sha256: str,
    notes: tuple[str, ...] = (),
) -> ParsedActivity:
    """The activity from its samples and the file's own totals; ImportRefused for an empty or impossible one.

    sport_label is the file's own word for the sport (None: it names none, and the speed decides).
    """
    if len(samples.seconds) == 0:
        raise ImportRefused("empty track")
    drops = Drops(notes)
    try:
        activity = _activity(samples, totals, drops, start=start, sport=sport, sport_label=sport_label)
    except Implausible as problem:
        raise ImportRefused(f"impossible activity: {problem}") from problem
    return ParsedActivity(**activity, source_format=source_format, sha256=sha256, notes=drops.notes())


def _activity(
    samples: Samples, totals: Totals, drops: Drops, *, start: datetime, sport: str, sport_label: str | None
) -> dict[str, Any]:
    seconds = samples.seconds
    distance = _distance(samples, drops)
    has_positions = samples.lat is not None and bool(np.isfinite(samples.lat).any())
    sport, assumed = _decided_sport(sport, sport_label, seconds, distance, has_positions=has_positions)
    is_run = sport in RUN_SPORTS
    if is_run:
        distance = _without_jumps(seconds, distance, drops)
    cadence = steps_per_minute(samples.cadence, sport) if assumed else samples.cadence
    track = Track(
        seconds=seconds,
        distance_m=distance,
        altitude_m=_dropped(samples.altitude_m, bounds.ELEVATION, "elevation sample", drops),
        # A heart rate of 0 is a strap without contact (FIT's own convention): absent, not impossible.
        heart_rate=_dropped(
            _absent_if_zero(samples.heart_rate), bounds.HEART_RATE, "heart-rate sample", drops
        ),
        cadence=_dropped(cadence, bounds.CADENCE, "cadence sample", drops),
    )
    if assumed and totals.avg_cadence is not None and totals.avg_cadence < PER_FOOT_CADENCE_BELOW:
        totals = replace(totals, avg_cadence=totals.avg_cadence * 2)
    totals = filled_from_track(_checked(totals, drops), track)
    elapsed = totals.elapsed_s or 0.0
    if elapsed < MIN_DURATION_S:
        raise ImportRefused("no duration (every point has the same time)")
    distance_m = totals.distance_m or 0.0
    _check_activity(start, elapsed, distance_m, is_run=is_run)
    return {
        "sport": sport,
        "is_run": is_run,
        "start": start,
        "distance_m": distance_m,
        "elapsed_s": elapsed,
        # A device's timer can run a little past its own elapsed clock (rounding); moving never exceeds elapsed.
        "moving_s": min(totals.moving_s or 0.0, elapsed),
        "elevation_gain_m": _checked_gain(totals.elevation_gain_m, drops),
        "avg_hr": totals.avg_hr,
        "max_hr": totals.max_hr,
        "avg_cadence": totals.avg_cadence,
        "track": track,
        "sport_text": describe_sport(sport, sport_label),
        "sport_assumed": assumed,
    }


def track_totals(track: Track) -> Totals:
    """Totals measured from the points: elapsed = last - first time; see track.py for moving time and climb.

    Without any distance (a treadmill's heart rate only) there is nothing to tell moving from standing: the
    recorder's time counts as moving.
    """
    return Totals(**{name: measure(track) for name, measure in _MEASURES.items()})


def filled_from_track(totals: Totals, track: Track) -> Totals:
    """The file's totals, each one it lacks measured from the points (a device's own summary wins over ours)."""
    gaps = {name: measure(track) for name, measure in _MEASURES.items() if getattr(totals, name) is None}
    return replace(totals, **gaps) if gaps else totals


def _elapsed(track: Track) -> float:
    return float(np.nanmax(track.seconds) - np.nanmin(track.seconds))


def _moving(track: Track) -> float:
    has_distance = bool(np.isfinite(track.distance_m).any())
    return moving_seconds(track.seconds, track.distance_m) if has_distance else _elapsed(track)


def track_distance(track: Track) -> float:
    """The cumulative distance column's greatest value; 0 when no point has one."""
    finite = track.distance_m[np.isfinite(track.distance_m)]
    return float(finite.max()) if finite.size else 0.0


# Each total as measured from the points, by Totals' field names.
_MEASURES: dict[str, Callable[[Track], float | None]] = {
    "distance_m": track_distance,
    "elapsed_s": _elapsed,
    "moving_s": _moving,
    "elevation_gain_m": lambda track: elevation_gain(track.altitude_m),
    "avg_hr": lambda track: weighted_mean(track.seconds, track.heart_rate),
    "max_hr": lambda track: positive_max(track.heart_rate),
    "avg_cadence": lambda track: weighted_mean(track.seconds, track.cadence),
}


def _distance(samples: Samples, drops: Drops) -> F64:
    """The device's cumulative distance with impossible samples dropped, else measured along the positions."""
    if samples.distance_m is not None:
        device = _dropped(samples.distance_m, bounds.ACTIVITY_DISTANCE, "distance sample", drops, refuse=True)
        if np.isfinite(device).any():
            return device
    if samples.lat is None or samples.lon is None:
        return np.full(len(samples.seconds), np.nan)
    lat, lon = _positions(samples.lat, samples.lon, drops)
    if not np.isfinite(lat).any():
        # No position at all (a treadmill): no distance, rather than a distance of 0 that would read as standing.
        return np.full(len(samples.seconds), np.nan)
    return cumulative_distance(lat, lon, breaks=samples.breaks)


def _positions(lat: F64, lon: F64, drops: Drops) -> tuple[F64, F64]:
    """Latitude and longitude with the points off the map dropped (both set absent)."""
    present = ~(np.isnan(lat) & np.isnan(lon))
    with np.errstate(invalid="ignore"):
        on_map = (np.abs(lat) <= bounds.LATITUDE.high) & (np.abs(lon) <= bounds.LONGITUDE.high)
    bad = present & ~on_map
    count = int(bad.sum())
    if not count:
        return lat, lon
    _refuse_if_common(count, int(present.sum()), "positions", OFF_THE_MAP)
    drops.count("position", OFF_THE_MAP, count)
    return np.where(bad, np.nan, lat), np.where(bad, np.nan, lon)


def _dropped(values: F64, bound: Bound, what: str, drops: Drops, *, refuse: bool = False) -> F64:
    """values with the impossible ones set absent (NaN), each kind counted; refuse: refuse the file if common."""
    infinite = np.isinf(values)
    with np.errstate(invalid="ignore"):
        above = (values > bound.high) & ~infinite
        below = (values < bound.low) & ~infinite
    if not (infinite.any() or above.any() or below.any()):
        return values
    if refuse:
        bad = int((infinite | above | below).sum())
        _refuse_if_common(bad, int((~np.isnan(values)).sum()), f"{what}s", f"outside {_range(bound)}")
    drops.count(what, "(not a number)", int(infinite.sum()))
    drops.count(what, f"above {bound.words(bound.high)}", int(above.sum()))
    drops.count(what, f"below {bound.words(bound.low)}", int(below.sum()))
    return np.where(infinite | above | below, np.nan, values)


def _absent_if_zero(values: F64) -> F64:
    return np.where(values == 0, np.nan, values) if (values == 0).any() else values


def _without_jumps(seconds: F64, distance: F64, drops: Drops) -> F64:
    """The cumulative distance without the moves faster than bounds.SAMPLE_SPEED (GPS jumps)."""
    index = np.flatnonzero(np.isfinite(distance))
    if index.size < 2:
        return distance
    steps = np.diff(distance[index])
    # A step within one second (or out of order) is judged as if it took one second.
    times = np.maximum(np.diff(seconds[index]), 1.0)
    jumps = steps > bounds.SAMPLE_SPEED.high * times
    count = int(jumps.sum())
    if not count:
        return distance
    # A jump's way back (a device's distance spiking and falling again) is no move either: distance never shrinks.
    backwards = steps < 0
    worst = int(np.argmax(steps / times))
    fastest = f"{bounds.ACTIVITY_DISTANCE.words(steps[worst])} in {bounds.MOVING_TIME.words(times[worst])}"
    why = f"faster than {bounds.SAMPLE_SPEED.words(bounds.SAMPLE_SPEED.high)} (the fastest: {fastest})"
    _refuse_if_common(count, steps.size, "moves between points", why)
    drops.count(
        "move", f"between points faster than {bounds.SAMPLE_SPEED.words(bounds.SAMPLE_SPEED.high)}", count
    )
    kept = np.where(jumps | backwards, 0.0, steps)
    out = distance.copy()
    out[index] = distance[index[0]] + np.concatenate(([0.0], np.cumsum(kept)))
    return out


def _refuse_if_common(bad: int, present: int, what: str, why: str) -> None:
    if bad > MAX_IMPOSSIBLE_SHARE * present:
        raise Implausible(f"{bad} of its {present} {what} are {why}")


def _range(bound: Bound) -> str:
    return f"{bound.words(bound.low)} to {bound.words(bound.high)}"


def _decided_sport(
    sport: str, sport_label: str | None, seconds: F64, distance: F64, *, has_positions: bool
) -> tuple[str, bool]:
    """(sport, assumed): an unlabelled GPS track at running speed (ASSUMED_RUN_SPEED_MS) is assumed a run."""
    if sport_label is not None or sport != "other" or not has_positions:
        return sport, False
    speed = typical_speed(seconds, distance)
    low, high = ASSUMED_RUN_SPEED_MS
    return ("running", True) if speed is not None and low <= speed <= high else (sport, False)


def typical_speed(seconds: F64, distance: F64) -> float | None:
    """The speed the track moves at for half its recorded time (a time-weighted median of its steps).

    Steps across a pause (MAX_MOVING_GAP_S or more) are left out; standing still counts, so a walk with a few jogged
    stretches or a run with a few traffic lights keeps its character, where a mean would be pulled by the outliers.
    """
    times, steps = np.diff(seconds), np.diff(distance)
    usable = (times > 0) & (times < MAX_MOVING_GAP_S) & np.isfinite(steps)
    if not usable.any():
        return None
    speeds, weights = steps[usable] / times[usable], times[usable]
    order = np.argsort(speeds)
    cumulative = np.cumsum(weights[order])
    return float(speeds[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def _checked(totals: Totals, drops: Drops) -> Totals:
    """The file's own totals, each impossible one left out (the measured value fills in) and noted."""
    changes: dict[str, float | None] = {}
    for name, (words, bound) in _TOTAL_BOUNDS.items():
        value = getattr(totals, name)
        if value is not None and (problem := bound.check(value, words)) is not None:
            drops.note(f"ignored the file's {problem}")
            changes[name] = None
    return replace(totals, **changes) if changes else totals


def _checked_gain(gain: float | None, drops: Drops) -> float | None:
    if gain is not None and (problem := bounds.ELEVATION_GAIN.check(gain)) is not None:
        drops.note(f"left out the {problem}")
        return None
    return gain


def _check_activity(start: datetime, elapsed: float, distance: float, *, is_run: bool) -> None:
    """Raise Implausible for an activity that cannot have happened: its date, duration, distance or speed."""
    problem = (
        bounds.check_start(start)
        or bounds.ACTIVITY_DURATION.check(elapsed)
        or bounds.ACTIVITY_DISTANCE.check(distance)
        or (bounds.AVERAGE_RUN_SPEED.check(distance / elapsed, "a run's average speed") if is_run else None)
    )
    if problem is not None:
        raise Implausible(problem)
