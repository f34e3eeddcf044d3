"""What every format shares: the parsed activity, the refusal, sport names, times, gzip and content sniffing."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import numpy as np

from .track import (
    Track,
    elevation_gain,
    moving_seconds,
    positive_max,
    weighted_mean,
)

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


_SPORT_NAMES: dict[str, str] = {
    **dict.fromkeys(("run", "running", "streetrunning", "roadrunning", "trackrunning", "9"), "running"),
    **dict.fromkeys(("trailrun", "trailrunning"), "trail_running"),
    **dict.fromkeys(("treadmill", "treadmillrunning", "indoorrunning", "virtualrun"), "treadmill"),
    **dict.fromkeys(("walk", "walking", "casualwalking", "speedwalking"), "walking"),
    **dict.fromkeys(("hike", "hiking"), "hiking"),
    **dict.fromkeys(
        (
            "ride",
            "bike",
            "biking",
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

    def filled_from(self, other: Totals) -> Totals:
        """These totals, with the gaps taken from other (a device's own summary wins over our measurement)."""
        mine, theirs = asdict(self), asdict(other)
        return Totals(**{name: theirs[name] if value is None else value for name, value in mine.items()})


def track_totals(track: Track) -> Totals:
    """Totals measured from the points: elapsed = last - first time; see track.py for moving time and climb."""
    return Totals(
        distance_m=track_distance(track),
        elapsed_s=float(np.nanmax(track.seconds) - np.nanmin(track.seconds)),
        moving_s=moving_seconds(track.seconds, track.distance_m),
        elevation_gain_m=elevation_gain(track.altitude_m),
        avg_hr=weighted_mean(track.seconds, track.heart_rate),
        max_hr=positive_max(track.heart_rate),
        avg_cadence=weighted_mean(track.seconds, track.cadence),
    )


def build_activity(
    track: Track, totals: Totals, *, start: datetime, sport: str, source_format: str, sha256: str
) -> ParsedActivity:
    """The activity from its track and totals; refuses an empty track or one without duration."""
    if len(track) == 0:
        raise ImportRefused("empty track")
    totals = totals.filled_from(track_totals(track))
    elapsed = totals.elapsed_s or 0.0
    if elapsed < MIN_DURATION_S:
        raise ImportRefused("no duration (every point has the same time)")
    return ParsedActivity(
        sport=sport,
        is_run=sport in RUN_SPORTS,
        start=start,
        distance_m=totals.distance_m or 0.0,
        elapsed_s=elapsed,
        # A device's timer can run a little past its own elapsed clock (rounding); moving never exceeds elapsed.
        moving_s=min(totals.moving_s or 0.0, elapsed),
        elevation_gain_m=totals.elevation_gain_m,
        avg_hr=totals.avg_hr,
        max_hr=totals.max_hr,
        avg_cadence=totals.avg_cadence,
        track=track,
        source_format=source_format,
        sha256=sha256,
    )


def track_distance(track: Track) -> float:
    """The cumulative distance column's greatest value; 0 when no point has one."""
    finite = track.distance_m[np.isfinite(track.distance_m)]
    return float(finite.max()) if finite.size else 0.0


def check_size(data: bytes, max_bytes: int) -> None:
    """Refuse an upload over the limit before any work is spent on it."""
    if len(data) > max_bytes:
        raise ImportRefused(f"file too large ({megabytes(len(data))}; the limit is {megabytes(max_bytes)})")


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Unpack gzip data a chunk at a time, refusing it once it passes max_bytes (a gzip bomb never lands)."""
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
    """A size as people read it: MB of 1024 x 1024 bytes, so the 50 MB limit reads "50.0 MB"."""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100_000 else f"{size} bytes"


def is_fit(data: bytes) -> bool:
    """FIT's header: its own size (12 or 14) first, ".FIT" at offset 8."""
    return len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"


_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")


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
    head = data[:65536].removeprefix(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<"):
        return "not XML"
    # Skip the declaration, comments and processing instructions: the first real tag is the root.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->", b"", head, flags=re.DOTALL)
    match = _FIRST_TAG.search(body)
    root = match.group(1).split(b":")[-1].decode("ascii", "replace") if match else ""
    return {"gpx": "a GPX file", "TrainingCenterDatabase": "a TCX file"}.get(root, f"XML with root <{root}>")
