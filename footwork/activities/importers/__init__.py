"""Activity files in, parsed activities out: FIT, GPX and TCX (each also .gz) and Strava bulk-export zips.

Pure: bytes in, dataclasses out; no Django, no database. Every refusal is an ImportRefused with a reason a
runner can read, and a refused file never stops the rest of a batch.
"""

from __future__ import annotations

from .archive import ArchiveItem, iter_strava_archive
from .common import MAX_FILE_BYTES, ImportRefused, ParsedActivity
from .dispatch import parse_bytes
from .track import Track

__all__ = [
    "MAX_FILE_BYTES",
    "ArchiveItem",
    "ImportRefused",
    "ParsedActivity",
    "Track",
    "iter_strava_archive",
    "parse_bytes",
]
