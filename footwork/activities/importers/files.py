"""One activity file to parse, and what became of it, in a form that crosses to a worker process and back cheaply.

parse_file is the work a worker process does: a module-level function of plain picklable dataclasses, with no
Django and no database, so the import can run it in a process pool or inline alike.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from .common import MAX_FILE_BYTES, ImportRefused, ParsedActivity
from .dispatch import parse_bytes

logger = logging.getLogger(__name__)
UNREADABLE = "Footwork's reader failed on this file (an error on our side, logged for us to fix)"


@dataclass(frozen=True)
class ActivityFile:
    """A file or archive member read and checked for size, waiting to be parsed.

    sport is Strava's own label from activities.csv (a run sport), which wins over a device's non-run sport.
    """

    name: str
    data: bytes
    max_bytes: int = MAX_FILE_BYTES
    sport: str | None = None


@dataclass(frozen=True)
class PackedActivity:
    """A parsed run as the import stores it: ParsedActivity's totals, with the track already packed (bytes)."""

    sport: str
    is_run: bool
    start: datetime
    distance_m: float
    elapsed_s: float
    moving_s: float
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    avg_cadence: float | None
    track: bytes
    source_format: str
    sha256: str

    @classmethod
    def of(cls, activity: ParsedActivity) -> PackedActivity:
        """The activity with Track.to_bytes() done (zlib is the costly part of storing, so a worker does it)."""
        values: dict[str, Any] = {field.name: getattr(activity, field.name) for field in fields(activity)}
        return cls(**{**values, "track": activity.track.to_bytes()})


@dataclass(frozen=True)
class ParsedFile:
    """One file or archive member: exactly one of activity (a run), skipped, refused is set."""

    name: str
    activity: PackedActivity | None = None
    skipped: str | None = None
    refused: str | None = None


# A file or archive member on its way to the parser: read and waiting (ActivityFile), or already decided (ParsedFile).
Entry = ActivityFile | ParsedFile


def read_activity(file: ActivityFile) -> ParsedActivity:
    """Parse the file, Strava's run label applied; ImportRefused says why not."""
    activity = parse_bytes(file.name, file.data, max_bytes=file.max_bytes)
    # Strava's type is the runner's own (corrected) label: a run there is a run here, whatever the device said.
    if file.sport is not None and not activity.is_run:
        return replace(activity, sport=file.sport, is_run=True)
    return activity


def parse_file(file: ActivityFile) -> ParsedFile:
    """A run packed for storing, a non-run skipped, or the refusal; the original bytes stay with the caller."""
    try:
        activity = read_activity(file)
    except ImportRefused as refusal:
        return ParsedFile(file.name, refused=refusal.reason)
    except Exception as error:
        # A reader's own bug must not cost the rest of the batch: this file is refused and the error logged.
        logger.exception("parsing %s failed", file.name)
        return ParsedFile(file.name, refused=f"{UNREADABLE} ({type(error).__name__})")
    if not activity.is_run:
        return ParsedFile(file.name, skipped=f"{activity.sport} (not a run)")
    return ParsedFile(file.name, activity=PackedActivity.of(activity))
