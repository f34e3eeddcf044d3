"""Activity files in, parsed activities out: FIT, GPX and TCX (each also .gz) and Strava bulk-export zips.

Pure: bytes in, dataclasses out; no Django, no database. Every refusal is an ImportRefused with a reason a
runner can read, and a refused file never stops the rest of a batch. parse_in_order runs parse_file in worker
processes for large batches.
"""

from __future__ import annotations

from .activity import ASSUMED_RUN_NOTE
from .archive import ArchiveContents, ArchiveItem, iter_strava_archive, open_archive
from .common import MAX_FILE_BYTES, RUN_SPORTS, ImportRefused, ParsedActivity, describe_sport
from .dispatch import activity_format, parse_bytes
from .files import ActivityFile, Entry, PackedActivity, ParsedFile, parse_file, read_activity, read_upload
from .parallel import parse_in_order
from .track import Track

__all__ = [
    "ASSUMED_RUN_NOTE",
    "MAX_FILE_BYTES",
    "RUN_SPORTS",
    "ActivityFile",
    "ArchiveContents",
    "ArchiveItem",
    "Entry",
    "ImportRefused",
    "PackedActivity",
    "ParsedActivity",
    "ParsedFile",
    "Track",
    "activity_format",
    "describe_sport",
    "iter_strava_archive",
    "open_archive",
    "parse_bytes",
    "parse_file",
    "parse_in_order",
    "read_activity",
    "read_upload",
]
