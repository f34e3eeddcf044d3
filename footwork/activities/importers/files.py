"""One activity file to parse, and what became of it, in a form that crosses to a worker process and back cheaply.

parse_file is the work a worker process does: a module-level function of plain picklable dataclasses, with no
Django and no database, so the import can run it in a process pool or inline alike.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any, BinaryIO

from .common import MAX_FILE_BYTES, ImportRefused, ParsedActivity, too_large
from .dispatch import parse_bytes

logger = logging.getLogger(__name__)
_CHUNK = 1024 * 1024
UNREADABLE = "Footwork's reader failed on this file (an error on our side, logged for us to fix)"


@dataclass(frozen=True)
class ActivityFile:
    """A file or archive member read and checked for size, waiting to be parsed.

    sport is Strava's own label from activities.csv (a run sport), which wins over a device's non-run sport.
    sha256: the hash of data when the reader has it already (the import looks for the same file before parsing).
    """

    name: str
    data: bytes
    max_bytes: int = MAX_FILE_BYTES
    sport: str | None = None
    sha256: str = ""


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
    sport_text: str = ""
    sport_assumed: bool = False
    notes: tuple[str, ...] = ()

    @classmethod
    def of(cls, activity: ParsedActivity) -> PackedActivity:
        """The activity with Track.to_bytes() done (zlib is the costly part of storing, so a worker does it)."""
        values: dict[str, Any] = {field.name: getattr(activity, field.name) for field in fields(activity)}
        return cls(**{**values, "track": activity.track.to_bytes()})


@dataclass(frozen=True)
class ParsedFile:
    """One file or archive member: exactly one of activity (a run), skipped, refused, same_file_as is set.

    same_file_as: the run already stored from these very bytes, found by their hash before parsing.
    """

    name: str
    activity: PackedActivity | None = None
    skipped: str | None = None
    refused: str | None = None
    same_file_as: int | None = None


# A file or archive member on its way to the parser: read and waiting (ActivityFile), or already decided (ParsedFile).
Entry = ActivityFile | ParsedFile


def read_upload(name: str, stream: BinaryIO, max_bytes: int = MAX_FILE_BYTES) -> Entry:
    """An uploaded file read to parse, or refused with its real size when over max_bytes (never read whole)."""
    size = _size_of(stream)
    if size is not None and size > max_bytes:
        return ParsedFile(name, refused=too_large(size, max_bytes))
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        # A stream that cannot tell its size: count the rest without keeping it.
        size = len(data)
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
        return ParsedFile(name, refused=too_large(size, max_bytes))
    return ActivityFile(name, data, max_bytes=max_bytes)


def _size_of(stream: BinaryIO) -> int | None:
    try:
        here = stream.tell()
        size = stream.seek(0, io.SEEK_END) - here
        stream.seek(here)
    except (OSError, AttributeError, ValueError):
        return None
    return size


def read_activity(file: ActivityFile) -> ParsedActivity:
    """Parse the file, Strava's run label applied; ImportRefused says why not."""
    activity = parse_bytes(file.name, file.data, max_bytes=file.max_bytes, sha256=file.sha256 or None)
    # Strava's type is the runner's own (corrected) label: a run there is a run here, whatever the device said.
    if file.sport is not None and (not activity.is_run or activity.sport_assumed):
        return replace(activity, sport=file.sport, is_run=True, sport_assumed=False, sport_text=file.sport)
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
        return ParsedFile(file.name, skipped=f"{activity.sport_text or activity.sport} (not a run)")
    return ParsedFile(file.name, activity=PackedActivity.of(activity))
