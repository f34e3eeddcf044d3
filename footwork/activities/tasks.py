"""Background work: load the batch id, call one service."""

from __future__ import annotations

import logging

from django.conf import settings
from django_tasks import task

from footwork.activities import services

logger = logging.getLogger(__name__)


@task()
def run_import(batch_id: int) -> None:
    """Import an uploaded batch's files (services.process_import_batch)."""
    services.process_import_batch(batch_id)


def start_import(batch_id: int) -> None:
    """Queue the import, or run the same task in this process when FOOTWORK_IMPORT_INLINE (no worker needed)."""
    if settings.FOOTWORK_IMPORT_INLINE:
        try:
            run_import.call(batch_id)
        except Exception:
            # The batch is marked failed with the error; the upload itself succeeded.
            logger.exception("import %s failed", batch_id)
    else:
        run_import.enqueue(batch_id)
