"""Photos and short videos people upload, judged by their content, never by their name or the type the client says.

A photo (JPEG, PNG, WebP) is decoded by Pillow, turned upright (its EXIF orientation applied) and encoded again in
the same format with no metadata: no EXIF, so no GPS position, camera or time, no ICC or text chunks. Only its first
frame is kept (an animated WebP or PNG becomes a still). A video (MP4, WebM) is kept byte for byte once its container
header is recognised: the browser decodes it, in its own sandbox. Bytes in, `Checked` out, or `MediaRefused` with the
reason in plain words; no Django, no files.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageFile, ImageOps

from footwork.core.bounds import MEDIA_PHOTO_BYTES, MEDIA_PIXELS, MEDIA_VIDEO_BYTES

Kind = Literal["photo", "video"]

PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
VIDEO_TYPES = {"video/mp4": "mp4", "video/webm": "webm"}
CONTENT_TYPES = {**PHOTO_TYPES, **VIDEO_TYPES}
# What an <input type=file accept=…> offers; the content decides anyway.
ACCEPT = ",".join(CONTENT_TYPES)
_PILLOW_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# ISO base media brands browsers play as MP4 (H.264/H.265/AV1 in an MP4 box). QuickTime's "qt  " is not among them:
# a .mov plays in Safari only.
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso3",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"dash",
    b"M4V ",
    b"mmp4",
    b"av01",
}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOC_TYPE = 0x4282
JPEG_QUALITY = 88
WEBP_QUALITY = 85


class MediaRefused(ValueError):
    """An upload that is not a photo or video Footwork keeps; `reason` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Checked:
    """An upload that passed: what it is, and the bytes to store (a photo's re-encoded, a video's as sent)."""

    kind: Kind
    content_type: str
    data: bytes
    width: int | None = None
    height: int | None = None

    @property
    def extension(self) -> str:
        return CONTENT_TYPES[self.content_type]


def megabytes(size: float) -> str:
    """A size as people read it: 10 MB, 2.5 MB (of 1024 x 1024 bytes)."""
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def sniff(data: bytes) -> str | None:
    """The content type the bytes begin like (image/jpeg, image/png, image/webp, video/mp4, video/webm), else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if _is_mp4(data):
        return "video/mp4"
    if data.startswith(EBML_MAGIC) and _ebml_doc_type(data) == b"webm":
        return "video/webm"
    return None


def _is_mp4(data: bytes) -> bool:
    """An `ftyp` box first, of a sane size, with a known brand (the major one or a compatible one)."""
    if len(data) < 16 or data[4:8] != b"ftyp":
        return False
    size = int.from_bytes(data[:4], "big")
    if size < 16 or size > min(len(data), 4096) or size % 4:
        return False
    brands = [data[8:12]] + [data[at : at + 4] for at in range(16, size, 4)]
    return any(brand in MP4_BRANDS for brand in brands)


def _vint(data: bytes, at: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at `at`: its value (an element id keeps its length marker) and where it ends."""
    if at >= len(data) or data[at] == 0:
        raise ValueError("not an EBML number")
    length = 9 - data[at].bit_length()
    if at + length > len(data):
        raise ValueError("cut short")
    value = int.from_bytes(data[at : at + length], "big")
    return (value if keep_marker else value & ((1 << (7 * length)) - 1)), at + length


def _ebml_doc_type(data: bytes) -> bytes | None:
    """The DocType of the EBML header that starts the data ("webm" for WebM, "matroska" for .mkv), else None."""
    try:
        _id, at = _vint(data, 0, keep_marker=True)
        size, at = _vint(data, at, keep_marker=False)
        end = min(at + size, len(data))
        while at < end:
            element, at = _vint(data, at, keep_marker=True)
            length, at = _vint(data, at, keep_marker=False)
            if element == EBML_DOC_TYPE:
                return data[at : at + length].rstrip(b"\x00")
            at += length
    except ValueError:
        return None
    return None


def check_upload(data: bytes, *, allow: frozenset[Kind] = frozenset({"photo", "video"})) -> Checked:
    """The upload as it is to be stored, or MediaRefused: the type by content, the size bounded, a photo cleaned."""
    if not data:
        raise MediaRefused("The file is empty: attach a photo or video.")
    content_type = sniff(data)
    if content_type is None:
        raise MediaRefused(
            "This file is not a photo or video Footwork keeps: send a JPEG, PNG or WebP photo, or an MP4 or WebM video."
        )
    kind: Kind = "photo" if content_type in PHOTO_TYPES else "video"
    if kind not in allow:
        raise MediaRefused(f"Only a {' or '.join(sorted(allow))} is accepted here.")
    bound = MEDIA_PHOTO_BYTES if kind == "photo" else MEDIA_VIDEO_BYTES
    if len(data) > bound.high:
        raise MediaRefused(
            f"This {kind} is {megabytes(len(data))}; at most {megabytes(bound.high)} is accepted."
        )
    if kind == "video":
        return Checked("video", content_type, data)
    return clean_photo(data, content_type)


_decoding = threading.Lock()


@contextmanager
def _whole_images_only() -> Iterator[None]:
    """Decode refusing a file cut short, whatever the process set before: WeasyPrint, once imported for a handout,
    turns Pillow's LOAD_TRUNCATED_IMAGES on for everyone, and a cut photo would then be padded with grey and kept."""
    with _decoding:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def clean_photo(data: bytes, content_type: str) -> Checked:
    """The photo decoded, upright, and encoded again in its own format with no metadata; MediaRefused if broken."""
    fmt = _PILLOW_FORMAT[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[fmt])
            width, height = image.size
            if width * height > MEDIA_PIXELS.high:
                raise MediaRefused(
                    f"This photo is {width} × {height} pixels; at most {MEDIA_PIXELS.high / 1e6:.0f} megapixels "
                    "are accepted (phones save 12 by default)."
                )
            with _whole_images_only():
                image.load()
            upright = ImageOps.exif_transpose(image)
            return _encode(upright, content_type, fmt)
    except MediaRefused:
        raise
    # Pillow answers a malformed file with many kinds of error (OSError for a truncated one, SyntaxError, ValueError,
    # struct.error, DecompressionBombError…): all mean the same to the person who sent it.
    except Exception as error:
        raise MediaRefused("This photo could not be read: the file is damaged or cut short.") from error


def _encode(image: Image.Image, content_type: str, fmt: str) -> Checked:
    if fmt == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    if fmt == "WEBP" and image.mode not in {"RGB", "RGBA"}:
        image = image.convert("RGBA" if "A" in image.mode or "transparency" in image.info else "RGB")
    # Only pixels travel on: a fresh info dict, so no EXIF, ICC profile, XMP or text chunk is written back.
    transparency = image.info.get("transparency")
    image.info = {} if transparency is None or fmt != "PNG" else {"transparency": transparency}
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif fmt == "WEBP":
        image.save(out, "WEBP", quality=WEBP_QUALITY)
    else:
        image.save(out, "PNG", optimize=True)
    width, height = image.size
    return Checked("photo", content_type, out.getvalue(), width, height)
