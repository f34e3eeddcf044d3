"""Garmin FIT: session messages give the totals, record messages the track.

Decoded in bulk by fit_bulk; a file it does not follow is decoded by fitdecode (fit_fitdecode.py), the
reference, which also words why a broken file is refused. Chained FIT files: the first activity file of the
chain is taken and reading stops at its checksum, so a broken file chained after a complete activity does not
spoil it. A multisport file (several sessions of different sports, transitions aside) becomes one "multisport"
activity whose totals are the sessions' sums. The impossible values of either decoder's output are dropped or
refused after decoding, by build_activity, so both decoders stay identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from . import fit_bulk, fit_fitdecode
from .activity import Samples, build_activity
from .common import (
    ON_FOOT_SPORTS,
    ImportRefused,
    ParsedActivity,
    describe_content,
    is_fit,
    normalise_sport,
)
from .fit_fitdecode import FitContent
from .fit_totals import session_totals

_BY_SUB_SPORT = {
    "running": {"trail": "trail_running", "treadmill": "treadmill", "indoor_running": "treadmill"},
    "fitness_equipment": {"treadmill": "treadmill", "indoor_rowing": "rowing", "indoor_cycling": "cycling"},
}


def parse_fit(data: bytes, *, sha256: str) -> ParsedActivity:
    """Parse FIT bytes; refuses corrupt, truncated and non-activity files."""
    if not is_fit(data):
        raise ImportRefused(f"not a FIT file: the content is {describe_content(data)}")
    fit_file = first_activity(data)
    sport, label = _sport(fit_file)
    start = _start(fit_file)
    samples = _samples(fit_file, start, sport)
    totals = session_totals(fit_file.sessions, per_foot=sport in ON_FOOT_SPORTS)
    activity = build_activity(
        samples, totals, start=start, sport=sport, sport_label=label, source_format="fit", sha256=sha256
    )
    # Swim strokes, pedal turns and steps do not average into one number.
    return replace(activity, avg_cadence=None) if sport == "multisport" else activity


def first_activity(data: bytes) -> FitContent:
    """The first activity file of the chain: decoded in bulk, or by fitdecode where the bulk decoder declines."""
    try:
        return _first_activity(fit_bulk.iter_files(data))
    except fit_bulk.FitNotBulk:
        return _first_activity(fit_fitdecode.iter_files(data))


def _first_activity(files: Iterator[FitContent]) -> FitContent:
    first_other: str | None = None
    empty_activity = False
    for fit_file in files:
        if fit_file.is_activity():
            return fit_file
        empty_activity = empty_activity or fit_file.file_type == "activity"
        first_other = first_other or fit_file.file_type
    if empty_activity:
        raise ImportRefused("empty track (the activity has no records)")
    raise ImportRefused(f"not an activity file ({first_other or 'no file type'})")


def fit_sport(sport: Any, sub_sport: Any) -> str:
    """FIT's sport and sub-sport as our sport name (running/treadmill -> "treadmill")."""
    by_sub_sport = _BY_SUB_SPORT.get(str(sport))
    if by_sub_sport is None:
        return normalise_sport(None if sport is None else str(sport))
    return by_sub_sport.get(str(sub_sport), "running" if sport == "running" else "other")


def _sport(fit_file: FitContent) -> tuple[str, str | None]:
    """(our sport name, FIT's own name for it); the name is None for "generic" or none (the speed decides)."""
    messages = [session for session in fit_file.sessions if session.get("sport") != "transition"]
    if not messages:
        messages = [fit_file.sport_message or {}]
    sports = {fit_sport(message.get("sport"), message.get("sub_sport")) for message in messages}
    if len(sports) > 1:
        return "multisport", "multisport"
    label = messages[0].get("sport")
    return sports.pop(), None if label in (None, "generic") else str(label)


def _start(fit_file: FitContent) -> datetime:
    """The earliest session start, else the first timed record; refuses a file from a device without a clock."""
    starts: list[datetime] = [
        s["start_time"] for s in fit_file.sessions if isinstance(s.get("start_time"), datetime)
    ]
    if starts:
        return min(starts).astimezone(UTC)
    seconds = fit_file.columns["seconds"]
    if np.isfinite(seconds).any():
        return datetime.fromtimestamp(float(np.nanmin(seconds)), UTC)
    raise ImportRefused("FIT file has no clock time (the device's clock was not set)")


def _samples(fit_file: FitContent, start: datetime, sport: str) -> Samples:
    columns = fit_file.columns
    timed = np.isfinite(columns["seconds"])
    columns = {name: values[timed] for name, values in columns.items()}
    # FIT counts running and walking cadence per foot (strides/min): doubled to steps/min.
    per_foot = 2.0 if sport in ON_FOOT_SPORTS else 1.0
    return Samples(
        seconds=columns["seconds"] - start.timestamp(),
        distance_m=columns["distance"],
        lat=columns["lat"],
        lon=columns["lon"],
        altitude_m=columns["altitude"],
        heart_rate=columns["hr"],
        cadence=columns["cadence"] * per_foot,
    )
