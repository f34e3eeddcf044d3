"""What makes Footwork an installable app that works offline: the web app manifest and the service worker, both
served from the site root (a worker's scope is the folder it is served from, and it must cover /today/).

Both are public and the same for everyone: no personal data, no session read. The worker is a hand-written template
(templates/core/service-worker.js): its version is a digest of the files it caches, so a deployment that changes any
of them installs a new worker, which drops the old caches when it takes over.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_GET

# Cached at install: what every offline page needs (pages and the runner's data are cached as they are read).
STATIC_FILES = (
    "footwork/app.css",
    "footwork/player.css",
    "footwork/media.css",
    "footwork/player.js",
    "footwork/sync-rules.js",
    "footwork/outbox.js",
    "footwork/offline.js",
    "footwork/favicon.svg",
    "footwork/icons/icon-192.png",
    "vendor/htmx-2.0.11.min.js",
)
THEME_COLOUR = "#0b6e4f"


@cache
def version() -> str:
    """A digest of the worker's template and every static file: it changes with each deployment that changes them."""
    digest = hashlib.sha256()
    package = Path(settings.PACKAGE_DIR)
    files = [package / "templates/core/service-worker.js", *sorted((package / "static").rglob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest: Chromium offers "Install" with it and a registered worker."""
    icon = "footwork/icons/"
    document = {
        "name": "Footwork",
        "short_name": "Footwork",
        "description": "Foot and calf training for runners, also with no signal.",
        "id": "/today/",
        "start_url": "/today/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static(icon + "icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static(icon + "icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static(icon + "maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(document, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the root so its scope is the whole site; browsers check it for updates each visit."""
    context = {
        "version": version(),
        "static_files": [static(name) for name in STATIC_FILES],
        "sync_rules": static("footwork/sync-rules.js"),
        "outbox": static("footwork/outbox.js"),
    }
    script = render_to_string("core/service-worker.js", context)
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    # Always asked again: a new deployment's worker must not wait for a cache to expire.
    response["Cache-Control"] = "no-cache"
    return response
