"""gunicorn's settings for the production start of README.md: `gunicorn -c python:footwork.config.gunicorn …`.

Sync workers, two per core and one more (gunicorn's own advice): a request is mostly Python on one core, and the
extra workers cover the moments one waits on the database. WEB_CONCURRENCY sets the count instead (as gunicorn reads
it without this file); a `--workers` given on the command line wins over both.
"""

from __future__ import annotations

import gc
import os
from typing import Any

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# A worker that ever leaks is replaced now and then; the jitter keeps them from restarting together.
max_requests = 5000
max_requests_jitter = 500
# A page builds tens of thousands of short-lived objects; with Python's default first threshold (700) that is dozens
# of collections a request, and now and then a full one over every object of Django and the app: the slow tail.
GC_FIRST_THRESHOLD = 20_000


def post_worker_init(worker: Any) -> None:
    """Once the app is loaded: what lives as long as the worker is left out of every collection from now on, and
    the young generation collects less often."""
    gc.collect()
    gc.freeze()
    _first, second, third = gc.get_threshold()
    gc.set_threshold(GC_FIRST_THRESHOLD, second, third)
