"""core.media: uploads judged by content, photos cleaned of metadata, refusals with reasons; and mediafiles' ranges."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from footwork.core import media
from footwork.core.bounds import MEDIA_PHOTO_BYTES, MEDIA_VIDEO_BYTES, Bound
from footwork.core.media import MediaRefused, check_upload, sniff
from footwork.core.mediafiles import byte_range
from footwork.core.tests.media_samples import mp4, photo, webm


def test_a_jpeg_with_a_gps_position_comes_back_without_it_and_upright():
    sent = photo("JPEG", (40, 30), gps=True, orientation=6)
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    checked = check_upload(sent)
    assert (checked.kind, checked.content_type, checked.extension) == ("photo", "image/jpeg", "jpg")
    kept = Image.open(io.BytesIO(checked.data))
    assert not kept.getexif()
    assert "exif" not in kept.info
    assert b"PhoneCo" not in checked.data
    # Orientation 6 (turned a quarter clockwise) is applied to the pixels: 40 x 30 becomes 30 x 40.
    assert kept.size == (checked.width, checked.height) == (30, 40)


@pytest.mark.parametrize(("fmt", "content_type"), [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_keep_their_format_and_lose_their_metadata(fmt, content_type):
    checked = check_upload(photo(fmt, gps=True))
    assert checked.content_type == content_type
    kept = Image.open(io.BytesIO(checked.data))
    assert kept.format == fmt
    assert not kept.getexif()
    assert b"PhoneCo" not in checked.data


def test_a_png_named_jpg_is_judged_by_its_content():
    # No name reaches core.media at all: the type is what the bytes begin with.
    checked = check_upload(photo("PNG"))
    assert checked.content_type == "image/png"
    assert checked.extension == "png"


def test_a_text_file_named_mp4_is_refused_with_the_kinds_kept():
    with pytest.raises(MediaRefused, match="not a photo or video Footwork keeps"):
        check_upload(b"Just some words, saved as form.mp4\n")


def test_a_truncated_photo_is_refused_with_a_reason():
    whole = photo("JPEG", (200, 200))
    with pytest.raises(MediaRefused, match="damaged or cut short"):
        check_upload(whole[: len(whole) // 2])


def test_videos_are_recognised_by_their_container_and_kept_byte_for_byte():
    for data, content_type in ((mp4(), "video/mp4"), (webm(), "video/webm")):
        checked = check_upload(data)
        assert (checked.kind, checked.content_type, checked.data) == ("video", content_type, data)
    # Matroska that is not WebM, and an ftyp box with brands no browser plays, are refused.
    assert sniff(webm(b"matroska")) is None
    assert sniff(mp4().replace(b"isom", b"xxxx").replace(b"iso2mp41", b"xxxxyyyy")) is None


def test_sizes_are_bounded_by_kind(monkeypatch):
    with pytest.raises(MediaRefused, match="at most 50 MB"):
        check_upload(mp4(b"\x00" * int(MEDIA_VIDEO_BYTES.high)))
    assert MEDIA_PHOTO_BYTES.high < MEDIA_VIDEO_BYTES.high
    with pytest.raises(MediaRefused, match="at most 10 MB"):
        check_upload(photo("PNG") + b"\x00" * int(MEDIA_PHOTO_BYTES.high))


def test_a_photo_over_the_pixel_bound_is_refused_before_it_is_decoded(monkeypatch):
    monkeypatch.setattr(media, "MEDIA_PIXELS", Bound("photo size", 1, 1000, "pixels"))
    with pytest.raises(MediaRefused, match="40 × 30 pixels"):
        check_upload(photo("PNG", (40, 30)))


def test_a_door_can_take_photos_only():
    with pytest.raises(MediaRefused, match="Only a photo"):
        check_upload(mp4(), allow=frozenset({"photo"}))


MAGIC = [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP", b"\x1a\x45\xdf\xa3"]
MAGIC += [b"\x00\x00\x00\x18ftypisom"]


@settings(max_examples=300, deadline=None)
@given(start=st.sampled_from(MAGIC), rest=st.binary(max_size=400))
def test_any_bytes_are_kept_or_refused_never_anything_else(start, rest):
    try:
        checked = check_upload(start + rest)
    except MediaRefused as refusal:
        reason = refusal.reason
        assert reason
        return
    assert checked.content_type in media.CONTENT_TYPES


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=10-", (10, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=990-2000", (990, 999)),
        ("bytes=1000-", "unsatisfiable"),
        ("bytes=50-10", "unsatisfiable"),
        ("bytes=0-1,5-9", "whole"),
        ("items=0-5", "whole"),
        ("", "whole"),
    ],
)
def test_byte_ranges(header, expected):
    assert byte_range(header, 1000) == expected


def test_a_truncated_photo_is_refused_even_after_weasyprint_allowed_them(monkeypatch):
    import weasyprint  # noqa: F401  (importing it sets ImageFile.LOAD_TRUNCATED_IMAGES for the whole process)
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = photo("JPEG", (200, 200))
    with pytest.raises(MediaRefused, match="damaged or cut short"):
        check_upload(whole[: len(whole) // 2])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # left as it was found
