"""The only writers of runs and shoes."""

from __future__ import annotations

import io
import math
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_visible_to
from footwork.activities import importers
from footwork.activities.importers.archive import read_member
from footwork.activities.models import ImportBatch, ImportStatus, Run, RunSource, Shoe
from footwork.core.clock import local_date, today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound

MAX_DURATION_MIN = 24 * 60
MAX_DROP_MM = Decimal(20)
_UNSET = object()


def runner_for(actor: User, runner_id: int | None) -> User:
    """Yourself, or (coaches) one of your runners; runs and shoes belong to runners only."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_visible_to(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Runs and shoes are a runner's; choose one of your runners.")
    return runner


def _time_zone(runner: User) -> str:
    profile = getattr(runner, "runner_profile", None)
    return (profile.time_zone if profile is not None else "") or "UTC"


def _shoe_of(runner: User, shoe_id: int) -> Shoe:
    shoe = Shoe.objects.filter(pk=shoe_id, runner=runner).first()
    if shoe is None:
        raise NotFound("No such shoe.")
    return shoe


def _check_rpe(rpe: int | None) -> None:
    if rpe is not None and not 0 <= rpe <= 10:
        raise InvalidInput("Effort (RPE) is 0 to 10.", field="rpe")


def _check_manual(runner: User, day: date, duration_min: float, distance_km: float) -> None:
    if day > today_for(runner):
        raise InvalidInput("A run cannot be in the future.", field="date")
    if not math.isfinite(duration_min) or not 0 < duration_min <= MAX_DURATION_MIN:
        raise InvalidInput("The duration is more than 0 and at most 24 hours.", field="duration_min")
    if not math.isfinite(distance_km) or distance_km < 0:
        raise InvalidInput("The distance cannot be negative.", field="distance_km")


@transaction.atomic
def record_manual_run(
    *,
    actor: User,
    runner_id: int | None = None,
    day: date,
    duration_min: float,
    distance_km: float,
    rpe: int | None = None,
    shoe_id: int | None = None,
    notes: str = "",
) -> Run:
    """A run entered by hand; the runner's default shoe when none is given."""
    runner = runner_for(actor, runner_id)
    _check_manual(runner, day, duration_min, distance_km)
    _check_rpe(rpe)
    if shoe_id is not None:
        shoe: Shoe | None = _shoe_of(runner, shoe_id)
    else:
        shoe = Shoe.objects.filter(runner=runner, is_default=True, retired_on__isnull=True).first()
    # A manual run has a day, not a time: noon local time keeps it on that day in the runner's zone.
    zone = _time_zone(runner)
    start = datetime.combine(day, time(12), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    seconds = duration_min * 60
    return Run.objects.create(
        runner=runner,
        start=start,
        local_date=local_date(start, zone),
        distance_m=distance_km * 1000,
        moving_s=seconds,
        elapsed_s=seconds,
        rpe=rpe,
        shoe=shoe,
        source=RunSource.MANUAL,
        notes=notes[:500],
    )


def run_visible_to(actor: User, run_id: int) -> Run:
    """The run if the actor may see its runner; otherwise NotFound."""
    run = Run.objects.select_related("runner", "shoe").filter(pk=run_id).first()
    if run is None:
        raise NotFound("No such run.")
    runner_visible_to(actor, run.runner_id)
    return run


@transaction.atomic
def update_run(
    *, actor: User, run_id: int, rpe: object = _UNSET, shoe_id: object = _UNSET, notes: str | None = None
) -> Run:
    """Change a run's effort, shoe or notes (leave an argument out to keep it)."""
    run = run_visible_to(actor, run_id)
    if rpe is not _UNSET:
        if rpe is not None and not isinstance(rpe, int):
            raise InvalidInput("Effort (RPE) is a whole number 0 to 10.", field="rpe")
        _check_rpe(rpe)
        run.rpe = rpe
    if shoe_id is not _UNSET:
        if shoe_id is not None and not isinstance(shoe_id, int):
            raise NotFound("No such shoe.")
        run.shoe = None if shoe_id is None else _shoe_of(run.runner, shoe_id)
    if notes is not None:
        run.notes = notes[:500]
    run.save()
    return run


def shoe_visible_to(actor: User, shoe_id: int) -> Shoe:
    """The pair if the actor may see its runner; otherwise NotFound."""
    shoe = Shoe.objects.select_related("runner").filter(pk=shoe_id).first()
    if shoe is None:
        raise NotFound("No such shoe.")
    runner_visible_to(actor, shoe.runner_id)
    return shoe


def _drop(drop_mm: float | Decimal | str) -> Decimal:
    try:
        value = Decimal(str(drop_mm)).quantize(Decimal("0.1"))
    except InvalidOperation as error:
        raise InvalidInput("The drop is a number of millimetres.", field="drop_mm") from error
    if not value.is_finite() or not 0 <= value <= MAX_DROP_MM:
        raise InvalidInput("The drop is 0 to 20 mm.", field="drop_mm")
    return value


def _make_default(shoe: Shoe) -> None:
    Shoe.objects.filter(runner=shoe.runner, is_default=True).exclude(pk=shoe.pk).update(is_default=False)
    shoe.is_default = True


@transaction.atomic
def create_shoe(
    *,
    actor: User,
    runner_id: int | None = None,
    brand: str,
    model: str,
    drop_mm: float | Decimal | str,
    started_on: date | None = None,
    is_default: bool = False,
) -> Shoe:
    """A new pair; the first pair, or one marked default, becomes the default."""
    runner = runner_for(actor, runner_id)
    if not brand.strip() or not model.strip():
        raise InvalidInput("Say the brand and the model.", field="brand" if not brand.strip() else "model")
    started = started_on or today_for(runner)
    if started > today_for(runner):
        raise InvalidInput("A shoe cannot start in the future.", field="started_on")
    shoe = Shoe(
        runner=runner, brand=brand.strip()[:60], model=model.strip()[:80], drop_mm=_drop(drop_mm),
        started_on=started,
    )  # fmt: skip
    if is_default or not Shoe.objects.filter(runner=runner, retired_on__isnull=True).exists():
        _make_default(shoe)
    shoe.save()
    return shoe


@transaction.atomic
def update_shoe(
    *,
    actor: User,
    shoe_id: int,
    retire: bool = False,
    make_default: bool = False,
    retired_on: date | None = None,
) -> Shoe:
    """Retire a pair (it stops being the default) or make it the default."""
    shoe = shoe_visible_to(actor, shoe_id)
    if retire and make_default:
        raise InvalidInput("A retired shoe cannot be the default.", field="is_default")
    if retire:
        day = retired_on or today_for(shoe.runner)
        if day < shoe.started_on:
            raise InvalidInput("A shoe cannot retire before it started.", field="retired_on")
        shoe.retired_on, shoe.is_default = day, False
    if make_default:
        if shoe.retired_on is not None:
            raise InvalidInput("A retired shoe cannot be the default.", field="is_default")
        _make_default(shoe)
    shoe.save()
    return shoe


# --- Importing activity files -------------------------------------------------------------------------------

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
    shoe = Shoe.objects.filter(runner=runner, is_default=True, retired_on__isnull=True).first()
    return Run.objects.create(
        runner=runner,
        start=activity.start,
        local_date=local_date(activity.start, _time_zone(runner)),
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


# --- Import batches: uploads kept on disk for the run_import task -----------------------------------------


def upload_folder(batch_id: int) -> Path:
    """Where a batch's uploaded files wait until the task has imported them."""
    return Path(settings.DATA_DIR) / "uploads" / str(batch_id)


def create_import_batch(
    *, actor: User, runner_id: int | None = None, files: Iterable[tuple[str, Iterable[bytes]]]
) -> ImportBatch:
    """Keep the uploaded files (name, chunks) for the import task; refuses an empty upload."""
    runner = runner_for(actor, runner_id)
    uploads = list(files)
    if not uploads:
        raise InvalidInput("Choose one or more activity files.", field="files")
    batch = ImportBatch.objects.create(
        runner=runner,
        created_by=actor,
        file_names=[name[-200:] for name, _chunks in uploads],
        total=len(uploads),
    )
    folder = upload_folder(batch.pk)
    folder.mkdir(parents=True, exist_ok=True)
    for index, (_name, chunks) in enumerate(uploads):
        with (folder / str(index)).open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
    return batch


def import_batch_visible_to(actor: User, batch_id: int) -> ImportBatch:
    """The batch if the actor may see its runner; otherwise NotFound."""
    batch = ImportBatch.objects.select_related("runner").filter(pk=batch_id).first()
    if batch is None:
        raise NotFound("No such import.")
    runner_visible_to(actor, batch.runner_id)
    return batch


def process_import_batch(batch_id: int) -> ImportBatch:
    """Import a queued batch's files, counting progress on the batch; the uploads go once it is done."""
    batch = ImportBatch.objects.select_related("runner", "created_by").get(pk=batch_id)
    if batch.is_finished:
        return batch
    batch.status = ImportStatus.RUNNING
    batch.save(update_fields=["status"])

    def progress(done: int, total: int, _name: str) -> None:
        if (done, total) != (batch.done, batch.total):
            batch.done, batch.total = done, total
            batch.save(update_fields=["done", "total"])

    folder = upload_folder(batch.pk)
    try:
        with ExitStack() as stack:
            files = [
                (name, stack.enter_context((folder / str(index)).open("rb")))
                for index, name in enumerate(batch.file_names)
            ]
            report = import_files(
                actor=batch.created_by, runner_id=batch.runner_id, files=files, progress=progress
            )
    except Exception as error:
        batch.status, batch.error, batch.finished_at = ImportStatus.FAILED, str(error)[:500], timezone.now()
        batch.save(update_fields=["status", "error", "finished_at"])
        raise
    batch.results = report.as_document()
    batch.counts = {kind: len(outcomes) for kind, outcomes in batch.results.items()}
    batch.status, batch.finished_at = ImportStatus.DONE, timezone.now()
    batch.save(update_fields=["results", "counts", "status", "finished_at"])
    shutil.rmtree(folder, ignore_errors=True)
    return batch
