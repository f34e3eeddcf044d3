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

from .imports import import_files
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

    saved_at = 0.0

    def progress(done: int, total: int, _name: str) -> None:
        nonlocal saved_at
        # A zip's members each advance done: a write per member would cost more than the polling page needs.
        if (done, total) != (batch.done, batch.total) and (
            done == total or time.monotonic() - saved_at >= PROGRESS_SAVE_EVERY_S
        ):
            batch.done, batch.total = done, total
            batch.save(update_fields=["done", "total"])
            saved_at = time.monotonic()

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
