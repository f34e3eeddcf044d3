"""A stored track as chart series in plain JSON numbers: pace from distance and time, thinned to a cap.

Pure: a Track in, lists of numbers and None out (JSON has no NaN); no Django, no database.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from footwork.activities.importers.track import MOVING_SPEED_MS, AnyFloatArray, Track

# What a phone or laptop chart can show; a 1-s recording of a 1-hour run has 3,600 points.
MAX_POINTS = 1000
# Pace is distance over time across about 10 s centred on each point (and at least its neighbours): one second of
# GPS is a few metres of noise, which would make a 1-s pace jump by a minute per km.
PACE_WINDOW_S = 10.0
SERIES = ("elapsed_s", "distance_m", "pace_s_per_km", "heart_rate", "cadence", "elevation_m")

IndexArray = npt.NDArray[np.intp]
F64 = npt.NDArray[np.float64]


def thin(count: int, cap: int = MAX_POINTS) -> IndexArray:
    """Indices of min(count, cap) points evenly spaced along the track, in order, the first and last always kept.

    Evenly by index, not by time: a watch's smart recording writes more points where pace or direction changes,
    so those stretches keep more of their shape, and every returned point is a real sample.
    """
    if cap < 2:
        raise ValueError("a thinned track keeps at least its first and last points")
    if count <= cap:
        return np.arange(count, dtype=np.intp)
    # Steps of (count - 1) / (cap - 1) >= 1 apart, so the rounded indices never repeat.
    return np.rint(np.linspace(0, count - 1, cap)).astype(np.intp)


def pace_s_per_km(seconds: AnyFloatArray, distance_m: AnyFloatArray, window_s: float = PACE_WINDOW_S) -> F64:
    """Seconds per km over about window_s around each point.

    NaN where the time or distance is missing, or the runner covered ground slower than track.MOVING_SPEED_MS
    (standing still: a chart would spike towards infinity).
    """
    pace = np.full(len(seconds), np.nan)
    known = np.flatnonzero(np.isfinite(seconds) & np.isfinite(distance_m))
    if known.size < 2:
        return pace
    times, metres = seconds[known].astype(np.float64), distance_m[known].astype(np.float64)
    # Times should rise; searching a running maximum keeps each window around its own point if one steps back.
    rising = np.maximum.accumulate(times)
    position = np.arange(known.size)
    first = np.searchsorted(rising, times - window_s / 2, side="left")
    last = np.searchsorted(rising, times + window_s / 2, side="right") - 1
    first = np.minimum(first, np.maximum(position - 1, 0))
    last = np.maximum(last, np.minimum(position + 1, known.size - 1))
    took, covered = times[last] - times[first], metres[last] - metres[first]
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = covered / took
    moving = (took > 0) & (speed > MOVING_SPEED_MS)
    pace[known[moving]] = 1000.0 / speed[moving]
    return pace


def plain(values: AnyFloatArray, digits: int | None) -> list[Any]:
    """Rounded numbers (ints when digits is None) with None where a value is missing; JSON has no NaN."""
    wide = values.astype(np.float64)
    missing = np.flatnonzero(~np.isfinite(wide))
    wide[missing] = 0.0
    # Adding 0.0 turns a rounded -0.0 into 0.0.
    if digits is None:
        # Clipped to the integers a float holds exactly, so the cast is defined; stored samples are far inside.
        numbers: list[Any] = np.clip(np.rint(wide), -(2**53), 2**53).astype(np.int64).tolist()
    else:
        numbers = (np.round(wide, digits) + 0.0).tolist()
    for index in missing.tolist():
        numbers[index] = None
    return numbers


def track_document(track: Track, *, full: bool = False, cap: int = MAX_POINTS) -> dict[str, Any]:
    """The chart JSON of a track: every point when full, else at most cap; a series absent from the whole run is None."""
    total = len(track)
    keep = np.arange(total, dtype=np.intp) if full else thin(total, cap)
    # Pace over the whole track first, so a thinned point's pace is still that of the seconds around it.
    channels: dict[str, tuple[AnyFloatArray, int | None]] = {
        "elapsed_s": (track.seconds, 1),
        "distance_m": (track.distance_m, 1),
        "pace_s_per_km": (pace_s_per_km(track.seconds, track.distance_m), 1),
        "heart_rate": (track.heart_rate, None),
        "cadence": (track.cadence, None),
        "elevation_m": (track.altitude_m, 1),
    }
    series = {
        name: plain(values[keep], digits) if np.isfinite(values).any() else None
        for name, (values, digits) in channels.items()
    }
    return {
        "points": int(keep.size),
        "total_points": total,
        "downsampled": keep.size < total,
        "series": series,
    }
