"""Import batches: uploads kept on disk until the run_import task imports them, with progress on the batch."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_visible_to
from footwork.activities.models import ImportBatch, ImportStatus
from footwork.core.errors import InvalidInput, NotFound

from .imports import ImportReport, import_files
from .runners import runner_for

# The batch's done/total are saved at most this often while it runs (the status page polls every second).
PROGRESS_SAVE_EVERY_S = 0.5


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
    """Import a queued batch's files, with progress per file and archive member; the uploads go once it is done."""
    batch = ImportBatch.objects.select_related("runner", "created_by").get(pk=batch_id)
    if batch.is_finished:
        return batch
    batch.status = ImportStatus.RUNNING
    batch.save(update_fields=["status"])
    progress = _BatchProgress(batch)
    report = ImportReport()
    folder = upload_folder(batch.pk)
    try:
        with ExitStack() as stack:
            files = [
                (name, stack.enter_context((folder / str(index)).open("rb")))
                for index, name in enumerate(batch.file_names)
            ]
            import_files(
                actor=batch.created_by,
                runner_id=batch.runner_id,
                files=files,
                progress=progress,
                report=report,
            )
    except Exception as error:
        # The runs committed before a failure stay: the batch reports them, file by file, not "failed, done: 0".
        _finish(batch, report, error=_stopped(progress.name, report, error))
        raise
    _finish(batch, report)
    shutil.rmtree(folder, ignore_errors=True)
    return batch


class _BatchProgress:
    """Keeps the batch's done/total, saved at most every PROGRESS_SAVE_EVERY_S, and the name of the file in hand."""

    def __init__(self, batch: ImportBatch) -> None:
        self._batch = batch
        self._saved_at = 0.0
        self.name = ""

    def __call__(self, done: int, total: int, name: str) -> None:
        batch, self.name = self._batch, name
        if (done, total) == (batch.done, batch.total):
            return
        batch.done, batch.total = done, total
        # A zip's members each advance done: a write per member would cost more than the polling page needs.
        if done == total or time.monotonic() - self._saved_at >= PROGRESS_SAVE_EVERY_S:
            batch.save(update_fields=["done", "total"])
            self._saved_at = time.monotonic()


def _stopped(name: str, report: ImportReport, failure: Exception) -> str:
    """A failed batch's error, saying what of it is stored."""
    imported, error = len(report.imported), str(failure) or type(failure).__name__
    if name:
        return (
            f"stopped at {name} ({error}); the runs imported before it are kept ({imported}), and the same upload "
            "again imports the rest"
        )
    if report.finished:
        return f"every file is done ({imported} runs imported), then the import failed ({error})"
    return error


def _finish(batch: ImportBatch, report: ImportReport, error: str = "") -> None:
    """Save the batch's report, which holds exactly the runs stored; failed (with the error) after a failure."""
    batch.results = report.as_document()
    batch.counts = {kind: len(outcomes) for kind, outcomes in batch.results.items()}
    batch.status = ImportStatus.FAILED if error else ImportStatus.DONE
    batch.error, batch.finished_at = error[:500], timezone.now()
    fields = ["results", "counts", "status", "error", "finished_at"]
    if error:
        # Progress is saved about twice a second: after a failure, done is what the report holds.
        batch.done = report.finished
        fields += ["done", "total"]
    batch.save(update_fields=fields)
