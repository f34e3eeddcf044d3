"""Zip archives: a Strava bulk export (activities.csv names the files), or a plain zip of activity files.

Members are read one at a time through ZipFile.open with a running byte cap, so memory holds one member at
most and a member whose header lies about its size is stopped as it unpacks. open_archive lists the entries and reads
them without parsing, so the caller may parse them elsewhere (a process pool); iter_strava_archive parses inline.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import BinaryIO

from .common import MAX_FILE_BYTES, RUN_SPORTS, ImportRefused, ParsedActivity, megabytes, normalise_sport
from .dispatch import activity_format
from .files import ActivityFile, Entry, ParsedFile, read_activity

_CHUNK = 1024 * 1024
# Below this a member's compression ratio does not matter: it cannot hurt whatever it unpacks to.
RATIO_FLOOR_BYTES = 1024 * 1024
_CSV_NAME = "activities.csv"


@dataclass(frozen=True)
class ArchiveItem:
    """One member (or one activities.csv row): exactly one of activity, skipped, refused is set."""

    name: str
    activity: ParsedActivity | None = None
    skipped: str | None = None
    refused: str | None = None


@dataclass(frozen=True)
class _Limits:
    max_member_bytes: int
    max_ratio: int


class ArchiveContents:
    """An open zip's entries in order, each a member read and checked (to parse) or one decided without parsing.

    len() is known once the zip is open (activities.csv rows, or the members of a plain zip); iterating reads
    the members one at a time, so memory holds one member, not the archive.
    """

    def __init__(self, archive: zipfile.ZipFile, count: int, entries: Iterator[Entry]) -> None:
        self._archive = archive
        self._count = count
        self._entries = entries

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Entry]:
        return self._entries

    def __enter__(self) -> ArchiveContents:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the zip (not the file object it reads)."""
        self._archive.close()


def open_archive(
    fileobj: BinaryIO, max_member_bytes: int = MAX_FILE_BYTES, max_ratio: int = 100
) -> ArchiveContents:
    """A Strava export's rows (runs to parse, the rest skipped) or a plain zip's members; ImportRefused if neither."""
    limits = _Limits(max_member_bytes, max_ratio)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ImportRefused("not a zip archive, or a damaged one") from error
    try:
        listing = _strava_listing(archive)
        if listing is None:
            infos = [info for info in archive.infolist() if not (info.is_dir() or _is_clutter(info.filename))]
            if not infos:
                raise ImportRefused("the zip is empty: it holds no activity files")
            return ArchiveContents(archive, len(infos), _plain_members(archive, infos, limits))
        csv_info, folder = listing
        rows = list(_csv_rows(archive, csv_info, limits))
        if not rows:
            raise ImportRefused("activities.csv lists no activities: the export holds none")
        return ArchiveContents(archive, len(rows), _strava_members(archive, folder, rows, limits))
    except BaseException:
        archive.close()
        raise


def iter_strava_archive(
    fileobj: BinaryIO, max_member_bytes: int = MAX_FILE_BYTES, max_ratio: int = 100
) -> Iterator[ArchiveItem]:
    """Parse the runs of a Strava export (others listed as skipped), or every activity file of a plain zip."""
    with open_archive(fileobj, max_member_bytes, max_ratio) as contents:
        for entry in contents:
            if isinstance(entry, ParsedFile):
                yield ArchiveItem(entry.name, skipped=entry.skipped, refused=entry.refused)
                continue
            try:
                yield ArchiveItem(entry.name, activity=read_activity(entry))
            except ImportRefused as refusal:
                yield ArchiveItem(entry.name, refused=refusal.reason)


def _strava_listing(archive: zipfile.ZipFile) -> tuple[zipfile.ZipInfo, str] | None:
    """activities.csv nearest the top, and the folder it sits in (an export re-zipped inside a folder)."""
    candidates = [
        info
        for info in archive.infolist()
        if PurePosixPath(info.filename).name.lower() == _CSV_NAME and unsafe_path(info.filename) is None
    ]
    if not candidates:
        return None
    info = min(candidates, key=lambda candidate: candidate.filename.count("/"))
    return info, info.filename[: -len(_CSV_NAME)]


def _plain_members(
    archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: _Limits
) -> Iterator[Entry]:
    for info in infos:
        if (problem := unsafe_path(info.filename)) is not None:
            yield ParsedFile(info.filename, refused=problem)
        elif activity_format(info.filename)[0] is None:
            yield ParsedFile(info.filename, skipped="not an activity file (FIT, GPX or TCX)")
        else:
            yield _read(archive, info, limits)


def _strava_members(
    archive: zipfile.ZipFile, folder: str, rows: list[tuple[str, str, str]], limits: _Limits
) -> Iterator[Entry]:
    for activity_id, activity_type, filename in rows:
        sport = normalise_sport(activity_type)
        # A label we do not know (another language's "Course à pied", a sport we have no name for): the file's own
        # sport decides.
        strava_run = sport if sport in RUN_SPORTS else None
        name = filename or f"{_CSV_NAME}: activity {activity_id}"
        if strava_run is None and not (sport == "other" and filename):
            yield ParsedFile(name, skipped=f"{activity_type or 'no type'} (not a run)")
        elif not filename:
            yield ParsedFile(name, skipped="run without a file (entered by hand)")
        elif (problem := unsafe_path(filename)) is not None:
            yield ParsedFile(name, refused=problem)
        else:
            yield _strava_activity(archive, folder + filename, strava_run, limits)


def _strava_activity(archive: zipfile.ZipFile, path: str, strava_run: str | None, limits: _Limits) -> Entry:
    try:
        info = archive.getinfo(path)
    except KeyError:
        return ParsedFile(path, refused="the file named in activities.csv is not in the archive")
    entry = _read(archive, info, limits)
    return replace(entry, sport=strava_run) if isinstance(entry, ActivityFile) and strava_run else entry


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: _Limits) -> Entry:
    try:
        data = read_member(archive, info, limits.max_member_bytes, limits.max_ratio)
    except ImportRefused as refusal:
        return ParsedFile(info.filename, refused=refusal.reason)
    return ActivityFile(info.filename, data, max_bytes=limits.max_member_bytes)


def _csv_rows(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: _Limits
) -> Iterator[tuple[str, str, str]]:
    """(Activity ID, Activity Type, Filename) per row; Strava repeats some column names, the first one counts."""
    text = read_member(archive, info, limits.max_member_bytes, limits.max_ratio).decode(
        "utf-8-sig", "replace"
    )
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, [])
    try:
        columns = [header.index(column) for column in ("Activity ID", "Activity Type", "Filename")]
    except ValueError as error:
        raise ImportRefused(
            "activities.csv lacks the Activity ID, Activity Type or Filename column"
        ) from error
    id_column, type_column, file_column = columns
    for row in rows:
        if len(row) > max(columns):
            yield row[id_column].strip(), row[type_column].strip(), row[file_column].strip()


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int, max_ratio: int) -> bytes:
    """A member's bytes, refused when its header or its actual unpacking passes max_bytes or max_ratio."""
    _check_header(info, max_bytes, max_ratio)
    ratio_cap = max(RATIO_FLOOR_BYTES, max_ratio * info.compress_size)
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > max_bytes:
                    raise ImportRefused(
                        f"unpacks to more than the {megabytes(max_bytes)} limit (the header understated it)"
                    )
                if len(out) > ratio_cap:
                    raise ImportRefused(f"unpacks to more than {max_ratio}× its packed size (a zip bomb?)")
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ImportRefused(f"damaged archive member ({error})") from error
    except (NotImplementedError, RuntimeError) as error:
        # zipfile's words for an unsupported compression method or an encrypted member.
        raise ImportRefused(f"unreadable archive member ({error})") from error
    return bytes(out)


def _check_header(info: zipfile.ZipInfo, max_bytes: int, max_ratio: int) -> None:
    if info.file_size > max_bytes:
        raise ImportRefused(
            f"unpacks to {megabytes(info.file_size)}, more than the {megabytes(max_bytes)} limit"
        )
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size > max_ratio * info.compress_size:
        ratio = info.file_size / max(info.compress_size, 1)
        raise ImportRefused(f"compressed {ratio:.0f}×, over the {max_ratio}× limit (a zip bomb?)")


def unsafe_path(name: str) -> str | None:
    """Why a member name could escape the archive's folder (absolute, drive letter, ".."), or None."""
    path = name.replace("\\", "/")
    if path.startswith("/") or re.match(r"[A-Za-z]:", path) or "\x00" in path:
        return f"unsafe path in archive ({name!r} is absolute)"
    if ".." in path.split("/"):
        return f"unsafe path in archive ({name!r} leads outside its folder)"
    return None


def _is_clutter(name: str) -> bool:
    """macOS resource forks and Finder files that zip tools add beside the real files."""
    base = PurePosixPath(name).name
    return name.startswith("__MACOSX/") or base.startswith("._") or base == ".DS_Store"
