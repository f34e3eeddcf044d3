"""One uploaded file: pick the reader by extension, check the content matches, unpack .gz with a cap."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePosixPath

from .common import MAX_FILE_BYTES, ImportRefused, ParsedActivity, check_size, describe_content, gunzip_capped
from .fit import parse_fit
from .gpx import parse_gpx
from .tcx import parse_tcx

_READERS: dict[str, Callable[..., ParsedActivity]] = {"fit": parse_fit, "gpx": parse_gpx, "tcx": parse_tcx}
GZIP_MAGIC = b"\x1f\x8b"


def activity_format(name: str) -> tuple[str | None, bool]:
    """("fit" | "gpx" | "tcx" | None, gzipped) from a file name such as "activities/123.fit.gz"."""
    suffixes = [suffix.lower() for suffix in PurePosixPath(name.replace("\\", "/")).suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes.pop()
    extension = suffixes[-1].lstrip(".") if suffixes else ""
    return (extension if extension in _READERS else None), gzipped


def parse_bytes(
    name: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES, sha256: str | None = None
) -> ParsedActivity:
    """Parse one activity file (.fit, .gpx, .tcx, each optionally .gz); ImportRefused says why not.

    sha256: the hash of data, when the caller has it already (else it is computed here).
    """
    check_size(data, max_bytes)
    file_format, gzipped = activity_format(name)
    if file_format is None:
        suffix = "".join(PurePosixPath(name).suffixes) or "no extension"
        raise ImportRefused(f"unsupported file type ({suffix}); FIT, GPX and TCX files are accepted")
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    if gzipped:
        if not data.startswith(GZIP_MAGIC):
            raise ImportRefused(f"not a gzip file: the content is {describe_content(data)}")
        data = gunzip_capped(data, max_bytes)
    return _READERS[file_format](data, sha256=sha256)
