"""The only writers of runs, shoes and imports; callers use `services.name` whichever module holds it."""

from __future__ import annotations

from .batches import create_import_batch, import_batch_visible_to, process_import_batch, upload_folder
from .imports import (
    DUPLICATE_DISTANCE_FRACTION,
    DUPLICATE_START_S,
    ImportOutcome,
    ImportReport,
    Progress,
    import_files,
    max_upload_bytes,
    original_path,
)
from .runners import default_shoe, runner_for
from .runs import MAX_DURATION_MIN, record_manual_run, run_visible_to, set_run_sport, update_run
from .shoes import MAX_DROP_MM, create_shoe, shoe_of, shoe_visible_to, update_shoe

__all__ = [
    "DUPLICATE_DISTANCE_FRACTION",
    "DUPLICATE_START_S",
    "MAX_DROP_MM",
    "MAX_DURATION_MIN",
    "ImportOutcome",
    "ImportReport",
    "Progress",
    "create_import_batch",
    "create_shoe",
    "default_shoe",
    "import_batch_visible_to",
    "import_files",
    "max_upload_bytes",
    "original_path",
    "process_import_batch",
    "record_manual_run",
    "run_visible_to",
    "runner_for",
    "set_run_sport",
    "shoe_of",
    "shoe_visible_to",
    "update_run",
    "update_shoe",
    "upload_folder",
]
