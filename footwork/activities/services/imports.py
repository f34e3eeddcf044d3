"""Importing activity files and Strava zips: runs stored one transaction each, duplicates and non-runs reported.

Files and archive members are read here, in order and one at a time, parsed by importers.parse_in_order (worker
processes for a large batch, FOOTWORK_IMPORT_WORKERS) and stored here as their results come back, in the same order.
A member whose bytes the runner has stored already (by their hash, known as it is read) is a duplicate without being
parsed; the others are stored STORE_BATCH at a time, with one query for the runs that could duplicate any of them.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from functools import reduce
from itertools import islice
from operator import or_
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from footwork.accounts.models import User
from footwork.activities import importers
from footwork.activities.importers import Entry, PackedActivity, ParsedFile
from footwork.activities.models import Run, RunSource
from footwork.core import derived
from footwork.core.clock import local_date, time_zone_of

from .runners import default_shoe, runner_for

# Two records of one activity: starts this close and distances within this fraction (any source, manual too).
DUPLICATE_START_S = 60
DUPLICATE_DISTANCE_FRACTION = 0.02
# Parsed members stored per look-up of the runs that could duplicate them (one query per batch, not per member).
STORE_BATCH = 16
# Start windows closer than this are looked up as one range of starts (a batch of an export is days of runs).
RANGE_GAP = timedelta(days=1)
# progress(done, total, name): done of total files and archive members are finished, name is the next one.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportOutcome:
    """One file or archive member: its name, why (for all but imports) and the run it made or matched.

    notes: for an import, what was left out as impossible and whether its sport was assumed.
    """

    name: str
    reason: str = ""
    run_id: int | None = None
    notes: tuple[str, ...] = ()


@dataclass
class ImportReport:
    """What a batch did, file by file."""

    imported: list[ImportOutcome] = field(default_factory=list)
    duplicates: list[ImportOutcome] = field(default_factory=list)
    skipped: list[ImportOutcome] = field(default_factory=list)
    refused: list[ImportOutcome] = field(default_factory=list)

    def as_document(self) -> dict[str, list[dict[str, object]]]:
        """Plain JSON: the four lists of {name, reason, run_id, notes}."""
        return {
            kind: [asdict(outcome) for outcome in getattr(self, kind)]
            for kind in ("imported", "duplicates", "skipped", "refused")
        }

    @property
    def finished(self) -> int:
        """Files and archive members with an outcome."""
        return len(self.imported) + len(self.duplicates) + len(self.skipped) + len(self.refused)


def max_upload_bytes() -> int:
    """The FOOTWORK_MAX_UPLOAD_BYTES setting (default: the importers' own limit)."""
    return int(getattr(settings, "FOOTWORK_MAX_UPLOAD_BYTES", importers.MAX_FILE_BYTES))


def import_workers() -> int:
    """The FOOTWORK_IMPORT_WORKERS setting: parser processes for a large batch (1: parse inline)."""
    return max(1, settings.FOOTWORK_IMPORT_WORKERS)


def original_path(sha256: str) -> Path:
    """Where an imported file's original bytes are kept, by their hash."""
    return Path(settings.DATA_DIR) / "activities" / sha256[:2] / sha256


def import_files(
    *,
    actor: User,
    runner_id: int | None = None,
    files: Iterable[tuple[str, BinaryIO | bytes]],
    progress: Progress | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Import activity files and Strava zips: runs stored, duplicates and non-runs reported, each file on its own.

    progress counts files and archive members: a zip counts as one until it is open, then as its members. A
    report passed in is filled as each file is done, so a caller still holds what was stored if one fails midway.
    """
    runner = runner_for(actor, runner_id)
    batch = list(files)
    counter = _Counter(progress, len(batch))
    writer = _RunWriter(runner)
    report = ImportReport() if report is None else report
    entries = map(writer.known, _entries(batch, max_upload_bytes(), counter))
    # closing: an error here stops the parser pool at once, not whenever the generator is collected.
    with closing(importers.parse_in_order(entries, workers=import_workers())) as results:
        while parsed := list(islice(results, STORE_BATCH)):
            writer.store_batch(parsed, report, counter)
    counter.finish()
    if report.imported:
        # One refresh for the whole batch, after its last run (each run is its own transaction).
        with transaction.atomic():
            derived.inputs_changed(runner)
    return report


@contextmanager
def without_query_log() -> Iterator[None]:
    """Django's query log off (DEBUG keeps every query's SQL): a command-line import of thousands has no use for it.

    For a one-off process (the footwork command, the bench): it sets the DEBUG setting, which threads share.
    """
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


class _Counter:
    """Progress over files and archive members; a zip's members replace it in the total once it is open."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self.total = total
        self.done = 0

    def next(self, name: str) -> None:
        if self._progress is not None:
            self._progress(self.done, self.total, name)
        self.done += 1

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total, "")


def _entries(batch: list[tuple[str, BinaryIO | bytes]], limit: int, counter: _Counter) -> Iterator[Entry]:
    """The batch's files and archive members in order, read (with the size caps) but not parsed."""
    for name, content in batch:
        stream = io.BytesIO(content) if isinstance(content, bytes) else content
        if name.lower().endswith(".zip"):
            yield from _archive_entries(name, stream, limit, counter)
        else:
            yield importers.read_upload(name, stream, limit)


def _archive_entries(name: str, stream: BinaryIO, limit: int, counter: _Counter) -> Iterator[Entry]:
    try:
        contents = importers.open_archive(stream, max_member_bytes=limit)
    except importers.ImportRefused as refusal:
        yield ParsedFile(name, refused=refusal.reason)
        return
    with contents:
        counter.total += len(contents) - 1
        for entry in contents:
            yield replace(entry, name=f"{name}/{entry.name}")


class _RunWriter:
    """Stores one batch's runs for one runner; the default shoe, time zone and stored files are looked up once."""

    def __init__(self, runner: User) -> None:
        self._runner = runner
        self._shoe = default_shoe(runner)
        self._zone = time_zone_of(runner)
        self._nearby = _Nearby(runner, [])
        # The runner's stored files by hash, with the format their name gave them (the same bytes under another
        # format's name are parsed as that format, and refused or stored as it says).
        self._stored_files = {
            sha256: (run_id, importers.activity_format(source_name))
            for sha256, run_id, source_name in Run.objects.filter(runner=runner)
            .exclude(sha256="")
            .values_list("sha256", "pk", "source_name")
        }

    def known(self, entry: Entry) -> Entry:
        """The entry, its hash noted; a duplicate (not to parse) when the runner has these bytes stored already."""
        if not isinstance(entry, importers.ActivityFile):
            return entry
        sha256 = hashlib.sha256(entry.data).hexdigest()
        stored = self._stored_files.get(sha256)
        if stored is not None and stored[1] == importers.activity_format(entry.name):
            return ParsedFile(entry.name, same_file_as=stored[0])
        return replace(entry, sha256=sha256)

    def store_batch(
        self, batch: list[tuple[ParsedFile, bytes]], report: ImportReport, counter: _Counter
    ) -> None:
        """Store the batch's members in order, the runs that could duplicate them read in one query first."""
        self._nearby = _Nearby(self._runner, [parsed.activity for parsed, _data in batch if parsed.activity])
        for parsed, data in batch:
            counter.next(parsed.name)
            self.store(parsed, data, report)

    def store(self, parsed: ParsedFile, data: bytes, report: ImportReport) -> None:
        """Report a refusal, skip or duplicate; store a run in its own transaction."""
        name, activity, nearby = parsed.name, parsed.activity, self._nearby
        if parsed.same_file_as is not None:
            report.duplicates.append(_Duplicate(parsed.same_file_as, same_file=True).outcome(name))
            return
        if activity is None:
            if parsed.skipped is not None:
                report.skipped.append(ImportOutcome(name, parsed.skipped))
            else:
                report.refused.append(ImportOutcome(name, parsed.refused or "not imported"))
            return
        duplicate = nearby.duplicate_of(activity)
        if duplicate is not None:
            report.duplicates.append(duplicate.outcome(name))
            return
        try:
            with transaction.atomic():
                run_id = self._create(name, activity)
                _keep_original(activity.sha256, data)
        except IntegrityError:
            # Another batch stored the same file between our look-up and our insert.
            report.duplicates.append(ImportOutcome(name, "the same file is already there"))
            return
        nearby.add(_Stored(run_id, activity.sha256, activity.start, activity.distance_m))
        self._stored_files[activity.sha256] = (run_id, importers.activity_format(name))
        assumed = (importers.ASSUMED_RUN_NOTE,) if activity.sport_assumed else ()
        report.imported.append(ImportOutcome(name, "", run_id, notes=(*activity.notes, *assumed)))

    def _create(self, name: str, activity: PackedActivity) -> int:
        run = Run.objects.create(
            runner=self._runner,
            start=activity.start,
            local_date=local_date(activity.start, self._zone),
            sport=activity.sport,
            sport_assumed=activity.sport_assumed,
            distance_m=activity.distance_m,
            moving_s=activity.moving_s,
            elapsed_s=activity.elapsed_s,
            elevation_gain_m=activity.elevation_gain_m,
            avg_hr=_whole(activity.avg_hr),
            max_hr=_whole(activity.max_hr),
            avg_cadence=_whole(activity.avg_cadence),
            shoe=self._shoe,
            source=RunSource.FILE,
            source_name=name[-200:],
            sha256=activity.sha256,
            track=activity.track,
        )
        return run.pk


@dataclass(frozen=True)
class _Duplicate:
    run_id: int
    same_file: bool

    def outcome(self, name: str) -> ImportOutcome:
        same = "the same file" if self.same_file else "a run at the same time"
        return ImportOutcome(name, f"{same} is already there", self.run_id)


@dataclass(frozen=True)
class _Stored:
    """A stored run as the duplicate checks see it."""

    run_id: int
    sha256: str
    start: datetime
    distance_m: float


class _Nearby:
    """The runner's runs that could duplicate a batch of parsed activities, read in one query, and those stored since.

    A duplicate is the same file (by hash), else a run starting within DUPLICATE_START_S of it whose distance is
    within DUPLICATE_DISTANCE_FRACTION of its own, the latest such run first (as the runs are listed).
    """

    def __init__(self, runner: User, activities: list[PackedActivity]) -> None:
        self._runs: list[_Stored] = []
        if not activities:
            return
        window = timedelta(seconds=DUPLICATE_START_S)
        hashes = [activity.sha256 for activity in activities if activity.sha256]
        # Each term names the runner, so each searches an index (SQLite's multi-index OR; with the runner outside
        # the OR it reads every run of the runner): run_runner_start for a range of starts, and the unique index for
        # the hashes, sha256 != "" being its own condition.
        same_file = Q(runner=runner, sha256__in=hashes) & ~Q(sha256="")
        starts = [Q(runner=runner, start__range=(low, high)) for low, high in _ranges(activities, window)]
        rows = Run.objects.filter(reduce(or_, starts, same_file)).order_by()
        self._runs = [_Stored(*row) for row in rows.values_list("pk", "sha256", "start", "distance_m")]

    def add(self, run: _Stored) -> None:
        self._runs.append(run)

    def duplicate_of(self, activity: PackedActivity) -> _Duplicate | None:
        if activity.sha256:
            same_file = [run.run_id for run in self._runs if run.sha256 == activity.sha256]
            if same_file:
                return _Duplicate(same_file[0], same_file=True)
        window = timedelta(seconds=DUPLICATE_START_S)
        low, high = activity.start - window, activity.start + window
        close = sorted(
            (run for run in self._runs if low <= run.start <= high),
            key=lambda run: (run.start, run.run_id),
            reverse=True,
        )
        for run in close:
            longer = max(run.distance_m, activity.distance_m)
            if abs(run.distance_m - activity.distance_m) <= DUPLICATE_DISTANCE_FRACTION * longer:
                return _Duplicate(run.run_id, same_file=False)
        return None


def _ranges(activities: list[PackedActivity], window: timedelta) -> list[tuple[datetime, datetime]]:
    """The start windows of the activities, those less than RANGE_GAP apart read as one range (fewer terms in the
    query; the few runs between them are no duplicates, which duplicate_of's own window check sees)."""
    merged: list[tuple[datetime, datetime]] = []
    for start in sorted(activity.start for activity in activities):
        low, high = start - window, start + window
        if merged and low - merged[-1][1] <= RANGE_GAP:
            merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged


def _whole(value: float | None) -> int | None:
    return None if value is None or not math.isfinite(value) or value < 0 else min(round(value), 32767)


def _keep_original(sha256: str, data: bytes) -> None:
    """Write the original bytes atomically (temporary file, then rename); an existing copy is kept."""
    path = original_path(sha256)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
