"""Garmin FIT through fitdecode: session messages give the totals, record messages the track.

Chained FIT files: the first activity file of the chain is taken and reading stops at its checksum, so a broken
file chained after a complete activity does not spoil it. A multisport file (several sessions of different
sports, transitions aside) becomes one "multisport" activity whose totals are the sessions' sums.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

# fitdecode ships no type information; every call into it is in this module, behind typed functions.
import fitdecode  # type: ignore[import-untyped]
import numpy as np

from .common import (
    ON_FOOT_SPORTS,
    ImportRefused,
    ParsedActivity,
    build_activity,
    describe_content,
    is_fit,
    normalise_sport,
)
from .fit_totals import session_totals
from .track import Track, cumulative_distance

_SEMICIRCLE_DEGREES = 180.0 / 2**31
_RECORD_COLUMNS = ("seconds", "distance", "altitude", "hr", "cadence", "lat", "lon")
_BY_SUB_SPORT = {
    "running": {"trail": "trail_running", "treadmill": "treadmill", "indoor_running": "treadmill"},
    "fitness_equipment": {"treadmill": "treadmill", "indoor_rowing": "rowing", "indoor_cycling": "cycling"},
}


@dataclass
class _FitFile:
    """What one FIT file of a chain holds that the import needs."""

    file_type: str | None = None
    sessions: list[dict[str, Any]] = field(default_factory=list)
    sport_message: dict[str, Any] | None = None
    records: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name in _RECORD_COLUMNS})

    def add(self, message: Any) -> None:
        name = message.name
        if name == "record":
            self._add_record(_values(message))
        elif name == "session":
            self.sessions.append(_values(message))
        elif name == "file_id":
            file_type = _values(message).get("type")
            self.file_type = None if file_type is None else str(file_type)
        elif name == "sport" and self.sport_message is None:
            self.sport_message = _values(message)

    def _add_record(self, values: dict[str, Any]) -> None:
        when = values.get("timestamp")
        fraction = _first_number(values, "fractional_cadence")
        row = {
            # A timestamp under 0x10000000 is seconds since the device powered on (decoded as an int): no clock.
            "seconds": when.timestamp() if isinstance(when, datetime) else math.nan,
            "distance": _first_number(values, "distance"),
            "altitude": _first_number(values, "enhanced_altitude", "altitude"),
            "hr": _first_number(values, "heart_rate"),
            "cadence": _first_number(values, "cadence") + (fraction if math.isfinite(fraction) else 0.0),
            "lat": _first_number(values, "position_lat") * _SEMICIRCLE_DEGREES,
            "lon": _first_number(values, "position_long") * _SEMICIRCLE_DEGREES,
        }
        for name, column in self.records.items():
            column.append(row[name])

    def is_activity(self) -> bool:
        # moxy.fit (a sensor's own recorder) has no file type but is an activity by its session and records.
        return self.file_type in ("activity", None) and bool(self.sessions or self.records["seconds"])


def parse_fit(data: bytes, *, sha256: str) -> ParsedActivity:
    """Parse FIT bytes; refuses corrupt, truncated and non-activity files."""
    if not is_fit(data):
        raise ImportRefused(f"not a FIT file: the content is {describe_content(data)}")
    fit_file = _first_activity(data)
    sport = _sport(fit_file)
    start = _start(fit_file)
    track = _track(fit_file, start, sport)
    totals = session_totals(fit_file.sessions, per_foot=sport in ON_FOOT_SPORTS)
    activity = build_activity(track, totals, start=start, sport=sport, source_format="fit", sha256=sha256)
    # Swim strokes, pedal turns and steps do not average into one number.
    return replace(activity, avg_cadence=None) if sport == "multisport" else activity


def _first_activity(data: bytes) -> _FitFile:
    """The first activity file of the chain, read up to and including its checksum."""
    first_other: str | None = None
    empty_activity = False
    current = _FitFile()
    for frame in _frames(data):
        kind = frame.frame_type
        if kind == fitdecode.FIT_FRAME_HEADER:
            current = _FitFile()
        elif kind == fitdecode.FIT_FRAME_DATA:
            current.add(frame)
        elif kind == fitdecode.FIT_FRAME_CRC:
            if current.is_activity():
                return current
            empty_activity = empty_activity or current.file_type == "activity"
            first_other = first_other or current.file_type
    if empty_activity:
        raise ImportRefused("empty track (the activity has no records)")
    raise ImportRefused(f"not an activity file ({first_other or 'no file type'})")


def _frames(data: bytes) -> Iterator[Any]:
    """fitdecode's frames, its errors turned into refusals with a reason."""
    try:
        # CRC RAISE: a damaged file is refused rather than imported with wrong numbers. Error handling IGNORE:
        # devices that write odd field sizes (coros-pace-2) still decode, and no warnings reach the log.
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            yield from reader
    except fitdecode.FitEOFError as error:
        raise ImportRefused("truncated FIT file (unexpected end of data)") from error
    except fitdecode.FitCRCError as error:
        raise ImportRefused("corrupt FIT file (checksum mismatch)") from error
    except fitdecode.FitHeaderError as error:
        raise ImportRefused("corrupt FIT file (bad header)") from error
    except fitdecode.FitParseError as error:
        detail = re.sub(r"^FIT parsing error @ \d+: ", "", str(error))
        raise ImportRefused(f"corrupt FIT file ({detail})") from error
    # fitdecode is pure Python: hostile bytes can surface as any built-in error, and each means a corrupt file.
    except Exception as error:
        raise ImportRefused(f"corrupt FIT file ({type(error).__name__})") from error


def _values(message: Any) -> dict[str, Any]:
    return {item.name: item.value for item in message.fields}


def _first_number(values: dict[str, Any], *names: str) -> float:
    for name in names:
        value = values.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return math.nan


def fit_sport(sport: Any, sub_sport: Any) -> str:
    """FIT's sport and sub-sport as our sport name (running/treadmill -> "treadmill")."""
    by_sub_sport = _BY_SUB_SPORT.get(str(sport))
    if by_sub_sport is None:
        return normalise_sport(None if sport is None else str(sport))
    return by_sub_sport.get(str(sub_sport), "running" if sport == "running" else "other")


def _sport(fit_file: _FitFile) -> str:
    sports = {
        fit_sport(session.get("sport"), session.get("sub_sport"))
        for session in fit_file.sessions
        if session.get("sport") != "transition"
    }
    if len(sports) > 1:
        return "multisport"
    if sports:
        return sports.pop()
    message = fit_file.sport_message or {}
    return fit_sport(message.get("sport"), message.get("sub_sport"))


def _start(fit_file: _FitFile) -> datetime:
    """The earliest session start, else the first timed record; refuses a file from a device without a clock."""
    starts: list[datetime] = [
        s["start_time"] for s in fit_file.sessions if isinstance(s.get("start_time"), datetime)
    ]
    if starts:
        return min(starts).astimezone(UTC)
    seconds = np.array(fit_file.records["seconds"])
    if np.isfinite(seconds).any():
        return datetime.fromtimestamp(float(np.nanmin(seconds)), UTC)
    raise ImportRefused("FIT file has no clock time (the device's clock was not set)")


def _track(fit_file: _FitFile, start: datetime, sport: str) -> Track:
    columns = {name: np.array(values, dtype=np.float64) for name, values in fit_file.records.items()}
    timed = np.isfinite(columns["seconds"])
    columns = {name: values[timed] for name, values in columns.items()}
    distance = columns["distance"]
    if not np.isfinite(distance).any() and np.isfinite(columns["lat"]).any():
        distance = cumulative_distance(columns["lat"], columns["lon"])
    # FIT counts running and walking cadence per foot (strides/min): doubled to steps/min.
    per_foot = 2.0 if sport in ON_FOOT_SPORTS else 1.0
    return Track(
        seconds=columns["seconds"] - start.timestamp(),
        distance_m=distance,
        altitude_m=columns["altitude"],
        heart_rate=columns["hr"],
        cadence=columns["cadence"] * per_foot,
    )
