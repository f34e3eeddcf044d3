"""Importing activity files and Strava zips: runs stored one transaction each, duplicates and non-runs reported."""

from __future__ import annotations

import io
import math
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction

from footwork.accounts.models import User
from footwork.activities import importers
from footwork.activities.importers.archive import read_member
from footwork.activities.models import Run, RunSource
from footwork.core.clock import local_date

from .runners import default_shoe, runner_for, time_zone_of

# Two records of one activity: starts this close and distances within this fraction (any source, manual too).
DUPLICATE_START_S = 60
DUPLICATE_DISTANCE_FRACTION = 0.02
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportOutcome:
    """One file or archive member: its name, why (for all but imports) and the run it made or matched."""

    name: str
    reason: str = ""
    run_id: int | None = None


@dataclass
class ImportReport:
    """What a batch did, file by file."""

    imported: list[ImportOutcome] = field(default_factory=list)
    duplicates: list[ImportOutcome] = field(default_factory=list)
    skipped: list[ImportOutcome] = field(default_factory=list)
    refused: list[ImportOutcome] = field(default_factory=list)

    def as_document(self) -> dict[str, list[dict[str, object]]]:
        """Plain JSON: the four lists of {name, reason, run_id}."""
        return {
            kind: [asdict(outcome) for outcome in getattr(self, kind)]
            for kind in ("imported", "duplicates", "skipped", "refused")
        }


def max_upload_bytes() -> int:
    """The FOOTWORK_MAX_UPLOAD_BYTES setting (default: the importers' own limit)."""
    return int(getattr(settings, "FOOTWORK_MAX_UPLOAD_BYTES", importers.MAX_FILE_BYTES))


def original_path(sha256: str) -> Path:
    """Where an imported file's original bytes are kept, by their hash."""
    return Path(settings.DATA_DIR) / "activities" / sha256[:2] / sha256


def import_files(
    *,
    actor: User,
    runner_id: int | None = None,
    files: Iterable[tuple[str, BinaryIO | bytes]],
    progress: Progress | None = None,
) -> ImportReport:
    """Import activity files and Strava zips: runs stored, duplicates and non-runs reported, each file on its own."""
    runner = runner_for(actor, runner_id)
    batch = list(files)
    report = ImportReport()
    limit = max_upload_bytes()
    for done, (name, content) in enumerate(batch):
        if progress is not None:
            progress(done, len(batch), name)
        stream = io.BytesIO(content) if isinstance(content, bytes) else content
        if name.lower().endswith(".zip"):
            on_member = None if progress is None else partial(progress, done, len(batch))
            _import_archive(runner, name, stream, limit, report, on_member)
        else:
            data = stream.read(limit + 1)
            try:
                activity = importers.parse_bytes(name, data, max_bytes=limit)
            except importers.ImportRefused as refusal:
                report.refused.append(ImportOutcome(name, refusal.reason))
                continue
            _store_activity(runner, name, activity, data, report)
    if progress is not None:
        progress(len(batch), len(batch), "")
    return report


def _import_archive(
    runner: User,
    name: str,
    stream: BinaryIO,
    limit: int,
    report: ImportReport,
    on_member: Callable[[str], None] | None,
) -> None:
    try:
        items = importers.iter_strava_archive(stream, max_member_bytes=limit)
        # A second reader of the same archive fetches a member's original bytes once it parsed as a run.
        with zipfile.ZipFile(stream) as originals:
            for item in items:
                member = f"{name}/{item.name}"
                if on_member is not None:
                    on_member(member)
                if item.refused is not None:
                    report.refused.append(ImportOutcome(member, item.refused))
                elif item.skipped is not None:
                    report.skipped.append(ImportOutcome(member, item.skipped))
                elif item.activity is not None:
                    _store_member(runner, member, item.activity, originals, item.name, limit, report)
    except importers.ImportRefused as refusal:
        report.refused.append(ImportOutcome(name, refusal.reason))
    except zipfile.BadZipFile:
        report.refused.append(ImportOutcome(name, "not a zip archive, or a damaged one"))


def _store_member(
    runner: User,
    member: str,
    activity: importers.ParsedActivity,
    archive: zipfile.ZipFile,
    filename: str,
    limit: int,
    report: ImportReport,
) -> None:
    if not activity.is_run:
        report.skipped.append(ImportOutcome(member, f"{activity.sport} (not a run)"))
        return
    try:
        data = read_member(archive, archive.getinfo(filename), limit, 100)
    except (KeyError, importers.ImportRefused) as error:
        report.refused.append(ImportOutcome(member, f"could not re-read the member ({error})"))
        return
    _store_activity(runner, member, activity, data, report)


def _duplicate_of(runner: User, activity: importers.ParsedActivity) -> Run | None:
    same_file = Run.objects.filter(runner=runner, sha256=activity.sha256).first()
    if same_file is not None:
        return same_file
    window = timedelta(seconds=DUPLICATE_START_S)
    for candidate in Run.objects.filter(
        runner=runner, start__gte=activity.start - window, start__lte=activity.start + window
    ):
        longer = max(candidate.distance_m, activity.distance_m)
        if abs(candidate.distance_m - activity.distance_m) <= DUPLICATE_DISTANCE_FRACTION * longer:
            return candidate
    return None


def _store_activity(
    runner: User, name: str, activity: importers.ParsedActivity, data: bytes, report: ImportReport
) -> None:
    if not activity.is_run:
        report.skipped.append(ImportOutcome(name, f"{activity.sport} (not a run)"))
        return
    with transaction.atomic():
        duplicate = _duplicate_of(runner, activity)
        if duplicate is not None:
            same = "the same file" if duplicate.sha256 == activity.sha256 else "a run at the same time"
            report.duplicates.append(ImportOutcome(name, f"{same} is already there", duplicate.pk))
            return
        try:
            with transaction.atomic():
                run = _create_file_run(runner, name, activity)
        except IntegrityError:
            # Another batch stored the same file between our check and our insert.
            report.duplicates.append(ImportOutcome(name, "the same file is already there"))
            return
        _keep_original(activity.sha256, data)
    report.imported.append(ImportOutcome(name, "", run.pk))


def _create_file_run(runner: User, name: str, activity: importers.ParsedActivity) -> Run:
    shoe = default_shoe(runner)
    return Run.objects.create(
        runner=runner,
        start=activity.start,
        local_date=local_date(activity.start, time_zone_of(runner)),
        sport=activity.sport,
        distance_m=activity.distance_m,
        moving_s=activity.moving_s,
        elapsed_s=activity.elapsed_s,
        elevation_gain_m=activity.elevation_gain_m,
        avg_hr=_whole(activity.avg_hr),
        max_hr=_whole(activity.max_hr),
        avg_cadence=_whole(activity.avg_cadence),
        shoe=shoe,
        source=RunSource.FILE,
        source_name=name[-200:],
        sha256=activity.sha256,
        track=activity.track.to_bytes(),
    )


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
