"""Uploaded photos and videos on disk, under MEDIA_ROOT, and the one way they leave it: a view that has already
looked the item up through what the viewer may see.

MEDIA_ROOT is never served as a folder (no MEDIA_URL route, no web-server alias): every file goes out through
`media_response`, with its stored content type, `nosniff`, a private cache and inline disposition. A stored name is
random (`secrets`), never the uploaded one, and every path is checked to stay inside MEDIA_ROOT.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import router, transaction
from django.db.models import Model
from django.db.models.signals import post_delete
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse

from footwork.core.bounds import MEDIA_VIDEO_BYTES
from footwork.core.errors import InvalidInput
from footwork.core.media import megabytes

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def absolute(relative: str) -> Path:
    """Where a stored path lies; ValueError for one that would leave MEDIA_ROOT."""
    root = media_root()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or path == root:
        raise ValueError(f"{relative!r} is not inside the media folder")
    return path


def store(folder: str, data: bytes, extension: str) -> str:
    """Write the bytes under MEDIA_ROOT/folder with a random name; the path relative to MEDIA_ROOT."""
    relative = f"{folder}/{secrets.token_urlsafe(18)}.{extension}"
    path = absolute(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return relative


def discard(relative: str) -> None:
    """Remove a stored file (gone already: nothing to do)."""
    if relative:
        absolute(relative).unlink(missing_ok=True)


def discard_with(model: type[Model], path_field: str) -> None:
    """Remove a row's stored file once the deletion of the row is committed, however it was deleted.

    The services remove the files of what they delete themselves; this catches the rows that go with something
    else (a coach's account deleted in the admin takes their exercise media and messages with it), so no photo of a
    runner outlives its row on disk.
    """

    def on_delete(sender: type[Model], instance: Model, **_kwargs: object) -> None:
        path = getattr(instance, path_field, "")
        if path:
            transaction.on_commit(lambda: discard(path), using=router.db_for_write(sender))

    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=f"discard-{model._meta.label}")


def upload_bytes(upload: UploadedFile[bytes] | None) -> bytes:
    """An uploaded file's bytes, once its stated size is within the largest kept (a video's).

    No file is empty bytes, which the service refuses with its reason once it has checked who is asking.
    """
    if upload is None:
        return b""
    most = MEDIA_VIDEO_BYTES.high
    if (upload.size or 0) > most:
        size = megabytes(upload.size or 0)
        raise InvalidInput(f"This file is {size}; at most {megabytes(most)} is accepted.", field="file")
    return bytes(upload.read())


def _headers(response: HttpResponse | StreamingHttpResponse | FileResponse, content_type: str) -> None:
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    # Only the viewer's browser keeps a copy: the file is private to the people who may see it.
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = "inline"
    response["Accept-Ranges"] = "bytes"


def byte_range(header: str, size: int) -> tuple[int, int] | Literal["whole", "unsatisfiable"]:
    """The (first, last) bytes one `Range: bytes=…` asks for, or whether to send the whole file or answer 416.

    Several ranges at once, or anything malformed, are answered with the whole file (RFC 9110 allows ignoring Range).
    """
    match = _RANGE.match(header.strip())
    if match is None or (not match[1] and not match[2]):
        return "whole"
    if not match[1]:
        suffix = int(match[2])
        return (max(size - suffix, 0), size - 1) if suffix and size else "unsatisfiable"
    first = int(match[1])
    last = min(int(match[2]), size - 1) if match[2] else size - 1
    if first >= size or last < first:
        return "unsatisfiable"
    return first, last


def _chunks(path: Path, first: int, length: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(first)
        while length > 0:
            chunk = handle.read(min(CHUNK, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


def media_response(
    request: HttpRequest, relative: str, content_type: str
) -> HttpResponse | StreamingHttpResponse:
    """The stored file inline, whole or the one byte range asked for (video players seek with Range)."""
    path = absolute(relative)
    size = path.stat().st_size
    wanted = byte_range(request.headers.get("Range", ""), size)
    response: HttpResponse | StreamingHttpResponse
    if wanted == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted == "whole":
        response = FileResponse(path.open("rb"))
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        response = StreamingHttpResponse(_chunks(path, first, last - first + 1), status=206)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    _headers(response, content_type)
    return response
