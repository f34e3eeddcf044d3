"""gunicorn's settings for the production start of README.md: `gunicorn -c python:footwork.config.gunicorn …`.

Sync workers, one per core and one more: a page is mostly Python on one core, and the extra worker covers the moments
one waits on the database. gunicorn's usual two per core plus one measured slower here (bench/pages_bench.py, 16
clients on /today/, 2 cores: 3 workers 102-107 requests/s, 4 workers 96, 5 workers 99), the extra workers only taking
turns on the same cores. WEB_CONCURRENCY sets the count instead (as gunicorn reads it without this file); a
`--workers` given on the command line wins over both.
"""

from __future__ import annotations

import gc
import os
from typing import Any

workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
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
