"""gunicorn's settings for the production start of README.md: `gunicorn -c python:footwork.config.gunicorn …`.

Sync workers, two per core and one more (gunicorn's own advice): a request is mostly Python on one core, and the
extra workers cover the moments one waits on the database. WEB_CONCURRENCY sets the count instead (as gunicorn reads
it without this file); a `--workers` given on the command line wins over both.
"""

from __future__ import annotations

import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
# A worker that ever leaks is replaced now and then; the jitter keeps them from restarting together.
max_requests = 5000
max_requests_jitter = 500
