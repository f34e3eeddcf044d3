"""Small photos and videos for tests: made here, so no binary fixtures are kept."""

from __future__ import annotations

import io

from PIL import ExifTags, Image

GPS = ExifTags.IFD.GPSInfo


def photo(
    fmt: str = "JPEG", size: tuple[int, int] = (40, 30), *, gps: bool = False, orientation: int = 1
) -> bytes:
    """A small image in fmt, with a GPS position and camera details in its EXIF when asked."""
    image = Image.new("RGB", size, (200, 60, 40))
    image.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 2))
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Orientation] = orientation
    if gps:
        position = exif.get_ifd(GPS)
        position[ExifTags.GPS.GPSLatitudeRef] = "N"
        position[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 1.0)
        position[ExifTags.GPS.GPSLongitudeRef] = "E"
        position[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 0.0)
    out = io.BytesIO()
    image.save(out, fmt, exif=exif)
    return out.getvalue()


def mp4(payload: bytes = b"\x00" * 64) -> bytes:
    """An ISO base media file's start: an ftyp box (isom, compatible iso2/mp41), then an mdat box."""
    ftyp = b"ftyp" + b"isom" + (512).to_bytes(4, "big") + b"iso2mp41"
    mdat = b"mdat" + payload
    return (len(ftyp) + 4).to_bytes(4, "big") + ftyp + (len(mdat) + 4).to_bytes(4, "big") + mdat


def webm(doc_type: bytes = b"webm", payload: bytes = b"\x00" * 64) -> bytes:
    """An EBML header (version 1, the doc type) and the start of a segment."""
    body = b"\x42\x86\x81\x01" + b"\x42\x82" + bytes([0x80 | len(doc_type)]) + doc_type
    return b"\x1a\x45\xdf\xa3" + bytes([0x80 | len(body)]) + body + b"\x18\x53\x80\x67\x88" + payload
