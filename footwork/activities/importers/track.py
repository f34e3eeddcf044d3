"""Compact trackpoints (one float32 column per channel) and the numbers derived from them."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
# What Track accepts: any float array (float64 from the readers); it keeps float32.
AnyFloatArray = npt.NDArray[np.floating[Any]]

# Moving time counts an interval only when the runner covered ground faster than a slow walk (0.5 m/s) and the
# gap between points is short enough (< 30 s) that it was not a pause with the recorder left on.
MOVING_SPEED_MS = 0.5
MAX_MOVING_GAP_S = 30.0
# Altitude must move this far from the last turning point before a climb counts, so GPS and barometer noise of a
# metre or so on the flat adds nothing.
ELEVATION_HYSTERESIS_M = 2.0
EARTH_RADIUS_M = 6_371_008.8

_MAGIC = b"FWT1"
# Level 2 packs a track about 2.5 times as fast as 6 for some 7 % more bytes (float columns compress little either
# way); any level is the same format: from_bytes reads them all.
_ZLIB_LEVEL = 2
_HEADER = struct.Struct("<4sI")
_COLUMNS = ("seconds", "distance_m", "altitude_m", "heart_rate", "cadence")


def as_column(values: npt.ArrayLike) -> FloatArray:
    """One read-only float32 column; float32 keeps 0.01 s and 2 cm precision over a 14-hour, 200 km day."""
    column = np.array(values, dtype=np.float32).reshape(-1)
    column.flags.writeable = False
    return column


@dataclass(frozen=True, eq=False)
class Track:
    """Trackpoints as equal-length float32 columns; NaN where a channel is absent."""

    seconds: AnyFloatArray
    distance_m: AnyFloatArray
    altitude_m: AnyFloatArray
    heart_rate: AnyFloatArray
    cadence: AnyFloatArray

    def __post_init__(self) -> None:
        for name in _COLUMNS:
            # frozen: object.__setattr__ is the documented way to normalise fields in __post_init__.
            object.__setattr__(self, name, as_column(getattr(self, name)))
        lengths = {len(getattr(self, name)) for name in _COLUMNS}
        if len(lengths) != 1:
            raise ValueError(f"track columns differ in length: {sorted(lengths)}")

    def __len__(self) -> int:
        return len(self.seconds)

    # Arrays compare element-wise, so equality is written out (NaN equals NaN); defining it leaves Track unhashable.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Track):
            return NotImplemented
        return all(
            np.array_equal(getattr(self, name), getattr(other, name), equal_nan=True) for name in _COLUMNS
        )

    def to_bytes(self) -> bytes:
        """Magic, point count, then the five little-endian float32 columns, zlib-compressed."""
        packed = b"".join(getattr(self, name).astype("<f4", copy=False).tobytes() for name in _COLUMNS)
        return _HEADER.pack(_MAGIC, len(self)) + zlib.compress(packed, _ZLIB_LEVEL)

    @classmethod
    def from_bytes(cls, data: bytes) -> Track:
        """Inverse of to_bytes; refuses anything it did not write (ValueError)."""
        if len(data) < _HEADER.size:
            raise ValueError("track data too short")
        magic, count = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not track data")
        expected = count * 4 * len(_COLUMNS)
        # Bounded inflate: stored bytes never expand past the size their header announces.
        inflater = zlib.decompressobj()
        packed = inflater.decompress(data[_HEADER.size :], expected + 1)
        if len(packed) != expected or not inflater.eof:
            raise ValueError("track data corrupt")
        columns = np.frombuffer(packed, dtype="<f4").reshape(len(_COLUMNS), count)
        return cls(*(columns[i].astype(np.float32) for i in range(len(_COLUMNS))))


def cumulative_distance(
    lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64], breaks: npt.NDArray[np.bool_] | None = None
) -> npt.NDArray[np.float64]:
    """Haversine distance along the points, from 0; a step without positions or across a break adds nothing.

    breaks[i] is True when point i + 1 starts a new segment (the recorder was off in between).
    """
    lat_r, lon_r = np.radians(lat), np.radians(lon)
    dlat, dlon = np.diff(lat_r), np.diff(lon_r)
    a = np.sin(dlat / 2) ** 2 + np.cos(lat_r[:-1]) * np.cos(lat_r[1:]) * np.sin(dlon / 2) ** 2
    step = np.nan_to_num(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), nan=0.0)
    if breaks is not None:
        step[breaks] = 0.0
    return np.concatenate(([0.0], np.cumsum(step)))


def moving_seconds(seconds: AnyFloatArray, distance_m: AnyFloatArray) -> float:
    """Sum of intervals shorter than MAX_MOVING_GAP_S covered faster than MOVING_SPEED_MS."""
    dt = np.diff(seconds.astype(np.float64))
    dd = np.diff(distance_m.astype(np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = dd / dt
    moving = (dt > 0) & (dt < MAX_MOVING_GAP_S) & (speed > MOVING_SPEED_MS)
    return float(dt[moving].sum())


def elevation_gain(altitude_m: AnyFloatArray) -> float | None:
    """Total climb: each rise from a valley to a peak, counted in full when both differ by ELEVATION_HYSTERESIS_M.

    None when no point has an altitude.
    """
    finite = altitude_m[np.isfinite(altitude_m)].astype(np.float64)
    if not finite.size:
        return None
    heights = turning_points(finite).tolist()
    gain, low, high, rising = 0.0, heights[0], heights[0], True
    for height in heights:
        if rising and height > high:
            high = height
        elif rising and high - height >= ELEVATION_HYSTERESIS_M:
            # The climb is over: count it if it was more than noise, and follow the descent.
            gain += high - low if high - low >= ELEVATION_HYSTERESIS_M else 0.0
            rising, low = False, height
        elif not rising and height < low:
            low = height
        elif not rising and height - low >= ELEVATION_HYSTERESIS_M:
            rising, high = True, height
    return gain + (high - low if rising and high - low >= ELEVATION_HYSTERESIS_M else 0.0)


def turning_points(heights: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The first and last heights and those where the track turns from rising to falling or back.

    elevation_gain reads the same from these as from all the heights: a height equal to the one before changes
    nothing, and within a steady rise (or fall) only its last height counts (the climb grows to it, or the turn
    happens on the way and the low, or the high, follows down, or up, to it).
    """
    heights = heights[np.concatenate(([True], heights[1:] != heights[:-1]))]
    if heights.size < 3:
        return heights
    direction = np.sign(np.diff(heights))
    return heights[np.concatenate(([True], direction[1:] != direction[:-1], [True]))]


def weighted_mean(seconds: AnyFloatArray, values: AnyFloatArray) -> float | None:
    """Time-weighted mean of the positive samples, so smart recording's bursts of points do not dominate.

    Each sample holds until the next one, capped at MAX_MOVING_GAP_S so a pause does not weigh as running.
    """
    weights = np.clip(np.diff(seconds.astype(np.float64), append=seconds[-1:]), 0.0, MAX_MOVING_GAP_S)
    valid = np.isfinite(values) & (values > 0)
    if not valid.any():
        return None
    if weights[valid].sum() <= 0:
        return float(values[valid].mean())
    return float(np.average(values[valid], weights=weights[valid]))


def positive_max(values: AnyFloatArray) -> float | None:
    valid = values[np.isfinite(values) & (values > 0)]
    return float(valid.max()) if valid.size else None
