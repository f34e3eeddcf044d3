"""What every format shares: the parsed activity, the refusal, sport names, times, gzip and content sniffing."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from .track import Track

# The upload limit, and the most a .gz member may unpack to; the app turns it into a setting.
MAX_FILE_BYTES = 50 * 1024 * 1024
# Shorter than this, start and end are the same instant (Mojstrovka.gpx): nothing to measure.
MIN_DURATION_S = 1.0
RUN_SPORTS = frozenset({"running", "trail_running", "treadmill"})
# Sports whose devices count cadence per foot (strides/min); the app shows steps/min.
ON_FOOT_SPORTS = RUN_SPORTS | {"walking", "hiking"}
# A median under this on foot can only be strides per foot (people step 140-200 times a minute).
PER_FOOT_CADENCE_BELOW = 120.0

_GZIP_CHUNK = 1024 * 1024


class ImportRefused(Exception):
    """A file that cannot be imported; .reason says why in plain language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParsedActivity:
    """One activity: totals, the compact track and where it came from."""

    sport: str
    is_run: bool
    start: datetime
    distance_m: float
    elapsed_s: float
    moving_s: float
    elevation_gain_m: float | None
    avg_hr: float | None
    max_hr: float | None
    # Steps per minute on foot (per-foot counts are doubled by the format readers); rpm or strokes otherwise.
    avg_cadence: float | None
    track: Track
    source_format: str
    sha256: str
    # The sport in words, the file's own where we have no name for it ("stand-up paddleboarding").
    sport_text: str = ""
    # True when the file names no sport and its speed made it a run (the runner may correct it).
    sport_assumed: bool = False
    # What was dropped as impossible ("dropped 1 heart-rate sample above 250 bpm"), for the import report.
    notes: tuple[str, ...] = ()


_SPORT_NAMES: dict[str, str] = {
    **dict.fromkeys(("run", "running", "streetrunning", "roadrunning", "trackrunning", "9"), "running"),
    **dict.fromkeys(("jog", "jogging"), "running"),
    **dict.fromkeys(("trailrun", "trailrunning"), "trail_running"),
    **dict.fromkeys(("treadmill", "treadmillrunning", "indoorrunning", "virtualrun"), "treadmill"),
    **dict.fromkeys(("walk", "walking", "casualwalking", "speedwalking"), "walking"),
    **dict.fromkeys(("hike", "hiking"), "hiking"),
    **dict.fromkeys(
        (
            "ride",
            "bike",
            "biker",
            "biking",
            "cyclist",
            "cycling",
            "virtualride",
            "roadbiking",
            "mountainbiking",
            "mountainbikeride",
            "gravelride",
            "ebikeride",
            "indoorcycling",
        ),
        "cycling",
    ),
    **dict.fromkeys(("swim", "swimming", "lapswimming", "openwaterswimming"), "swimming"),
    **dict.fromkeys(("row", "rowing", "indoorrowing", "virtualrow"), "rowing"),
    "multisport": "multisport",
}


def normalise_sport(name: str | None) -> str:
    """Map a sport written by GPX <type>, TCX Sport= or Strava's CSV to our names; unknown -> "other"."""
    key = re.sub(r"[^a-z0-9]", "", (name or "").lower())
    return _SPORT_NAMES.get(key, "other")


def sport_in_words(text: str | None) -> str | None:
    """The first word of free text that names a sport ("Afternoon Ride" -> "cycling", "Urban Biker" -> "cycling")."""
    for word in re.findall(r"[a-z]+", (text or "").lower()):
        if word in _SPORT_NAMES:
            return _SPORT_NAMES[word]
    return None


_WORDS = {"trail_running": "trail run", "treadmill": "treadmill run", "other": "other"}


def describe_sport(sport: str, label: str | None) -> str:
    """A sport as the report words it: ours where we know it, else the file's own ("stand-up paddleboarding")."""
    if sport != "other" or not label or not label.strip():
        return _WORDS.get(sport, sport.replace("_", " "))
    # "StandUpPaddling", "stand_up_paddleboarding" and "Stand up paddleboarding" all read "stand-up paddling".
    words = re.sub(r"(?<=[a-z])(?=[A-Z])|[_\s]+", " ", label.strip()).lower()
    words = re.sub(r"\bstand up\b", "stand-up", " ".join(words.split()))
    return words[:60]


def parse_time(text: str | None) -> datetime | None:
    """ISO 8601 time as aware UTC; None when missing or unreadable."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    # GPX and TCX times are UTC by their schemas; a writer that dropped the zone meant UTC.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def steps_per_minute(cadence: np.ndarray, sport: str) -> np.ndarray:
    """On foot, turn per-foot cadence (median under PER_FOOT_CADENCE_BELOW) into steps per minute."""
    valid = cadence[np.isfinite(cadence) & (cadence > 0)]
    if sport in ON_FOOT_SPORTS and valid.size and float(np.median(valid)) < PER_FOOT_CADENCE_BELOW:
        return cadence * 2
    return cadence


@dataclass(frozen=True)
class Totals:
    """An activity's summary numbers; None where a source does not say."""

    distance_m: float | None = None
    elapsed_s: float | None = None
    moving_s: float | None = None
    elevation_gain_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence: float | None = None


def check_size(data: bytes, max_bytes: int) -> None:
    """Refuse an upload over the limit before any work is spent on it."""
    if len(data) > max_bytes:
        raise ImportRefused(too_large(len(data), max_bytes))


def too_large(size: int, max_bytes: int) -> str:
    """The refusal of a file of size bytes: "the file is 61.2 MB, more than the 50 MB limit"."""
    return f"the file is {megabytes(size)}, more than the {megabytes(max_bytes)} limit"


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Unpack gzip data, refusing it once it passes max_bytes (a gzip bomb never lands)."""
    whole = _gunzip_one_member(data, max_bytes)
    return _gunzip_stream(data, max_bytes) if whole is None else whole


def _gunzip_one_member(data: bytes, max_bytes: int) -> bytes | None:
    """A file of one gzip member and nothing after it, unpacked by zlib in one call; None for anything else.

    The member's last 4 bytes say its unpacked size: one over max_bytes, or one the data does not keep to, is left to
    _gunzip_stream, which stops it at max_bytes. zlib checks what GzipFile checks (the method, the data's CRC and
    length) and the header's own CRC besides: whatever it does not unpack cleanly, _gunzip_stream unpacks or refuses,
    in its own words.
    """
    size = int.from_bytes(data[-4:], "little")
    if size > max_bytes:
        return None
    inflater = zlib.decompressobj(wbits=31)
    try:
        out = inflater.decompress(data, size + 1)
    except zlib.error:
        return None
    return out if len(out) == size and inflater.eof and not inflater.unused_data else None


def _gunzip_stream(data: bytes, max_bytes: int) -> bytes:
    """Unpack gzip data a chunk at a time (every member, padding, damage) as GzipFile reads it."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(min(_GZIP_CHUNK, max_bytes + 1 - len(out))):
                out += chunk
                if len(out) > max_bytes:
                    raise ImportRefused(f"file unpacks to more than {megabytes(max_bytes)} (a gzip bomb?)")
    except EOFError as error:
        raise ImportRefused("truncated gzip file (unexpected end of data)") from error
    except (OSError, zlib.error) as error:
        raise ImportRefused("corrupt gzip data") from error
    return bytes(out)


def megabytes(size: int) -> str:
    """A size as people read it: MB of 1024 x 1024 bytes to one decimal, so the 50 MB limit reads "50 MB"."""
    if size < 100_000:
        return f"{size} bytes"
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def is_fit(data: bytes) -> bool:
    """FIT's header: its own size (12 or 14) first, ".FIT" at offset 8."""
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
# UTF-16 XML (Windows tools write it) by its byte-order mark or the zero byte beside its first "<".
_UTF16 = ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"), (b"<\x00", "utf-16-le"), (b"\x00<", "utf-16-be"))


def _utf8_head(head: bytes) -> bytes:
    """The start of an XML file as UTF-8, so a UTF-16 file's root is recognised too."""
    for mark, encoding in _UTF16:
        if head.startswith(mark):
            return head[: len(head) // 2 * 2].decode(encoding, "replace").encode()
    return head


def describe_content(data: bytes) -> str:
    """What the bytes look like, for "not a GPX file: the content is ..." messages."""
    if not data:
        return "empty"
    if is_fit(data):
        return "a FIT file"
    if data.startswith(b"\x1f\x8b"):
        return "gzip-compressed data"
    if data.startswith(b"PK\x03\x04"):
        return "a zip archive"
    return _describe_xml(data)


def _describe_xml(data: bytes) -> str:
    head = _utf8_head(data[:65536]).removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<"):
        return "not XML"
    # Skip the declaration, comments and processing instructions: the first real tag is the root.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.DOTALL)
    match = _FIRST_TAG.search(body)
    root = match.group(1).split(b":")[-1].decode("ascii", "replace") if match else ""
    return {"gpx": "a GPX file", "TrainingCenterDatabase": "a TCX file"}.get(root, f"XML with root <{root}>")
