"""GPX 1.0 and 1.1: every track point of every <trk> and <trkseg>, in file order.

Distance is measured along the points (haversine) within each segment: the gap between two segments is the
recorder being off, so it adds neither distance nor moving time. Heart rate and cadence come from Garmin's
TrackPointExtension or Cluetrust's gpxdata, matched by local name whatever the namespace prefix.

The sport: the track's <type>, else a sport field of an extension (<activity>, <sport>), else a sport named in the
track's name ("Afternoon Ride") or the creating app ("Urban Biker"). A file naming none (Suunto and many exports)
leaves it to the speed: build_activity assumes an unlabelled track at running speed is a run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import numpy as np
import numpy.typing as npt

from .activity import Samples, build_activity
from .common import (
    ImportRefused,
    ParsedActivity,
    Totals,
    normalise_sport,
    parse_time,
    sport_in_words,
    steps_per_minute,
)
from .safexml import iter_events, local_name, parse_whole

_HEART_RATE = frozenset({"hr", "heartrate"})
_CADENCE = frozenset({"cad", "cadence", "runcadence"})
# A segment with no time at all is a planned or saved copy of a track (korita-zbevnica.gpx keeps one beside
# its active log) and is left out. In the segments that remain, points without a time are dropped; when more
# than a tenth lack one (cerknicko-without-times.gpx: 5 timed points of 21) what is left would misstate the
# activity, so the file is refused.
MIN_TIMED_SHARE = 0.9
# Extension fields that name the sport (trails.io's <trailsio:activity>, others' <sport> or <activityType>).
_SPORT_FIELDS = frozenset({"activity", "activitytype", "sport"})
# Inside a point, what the stream reads apart (and drops from the tree before the point is read): the tree walk
# leaves such a file to the stream.
_NOT_IN_A_POINT = frozenset({"trkpt", "trkseg", "trk", "wpt", "rtept"})
# What a point's descendant is to Points.add_whole, by its tag (local names as add matches them).
_TIME, _ELE, _HR, _CAD, _OTHER, _APART = range(6)


@dataclass
class _Points:
    """Columns gathered while streaming; one list per channel rather than one object per point."""

    seconds: list[float] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    ele: list[float] = field(default_factory=list)
    hr: list[float] = field(default_factory=list)
    cad: list[float] = field(default_factory=list)
    segment: list[int] = field(default_factory=list)
    sport_text: str | None = None
    extension_sport: str | None = None
    track_name: str | None = None
    creator: str | None = None
    segment_index: int = 0

    def sport(self) -> tuple[str, str | None]:
        """(our sport name, the file's own words for it), or ("other", None) when the file names no sport."""
        for label in (self.sport_text, self.extension_sport):
            if label and label.strip():
                return normalise_sport(label), label.strip()
        for text in (self.track_name, self.creator):
            if (sport := sport_in_words(text)) is not None:
                return sport, text
        return "other", None

    def add(self, point: Element) -> None:
        values = {"ele": math.nan, "hr": math.nan, "cad": math.nan}
        when = None
        for child in point.iter():
            name = local_name(child.tag).lower()
            if name == "time":
                when = parse_time(child.text)
            elif name == "ele":
                values["ele"] = _number(child.text)
            elif name in _HEART_RATE:
                values["hr"] = _number(child.text)
            elif name in _CADENCE:
                values["cad"] = _number(child.text)
        self.seconds.append(when.timestamp() if when else math.nan)
        self.lat.append(_number(point.get("lat")))
        self.lon.append(_number(point.get("lon")))
        self.ele.append(values["ele"])
        self.hr.append(values["hr"])
        self.cad.append(values["cad"])
        self.segment.append(self.segment_index)

    def add_whole(self, point: Element, kinds: dict[str, int]) -> bool:
        """add for a point of a whole tree; False, adding nothing, when it holds what the stream reads apart."""
        ele = hr = cad = math.nan
        when = None
        descendants = point.iter()
        next(descendants)  # the point itself
        for child in descendants:
            kind = kinds.get(child.tag)
            if kind is None:
                kind = kinds[child.tag] = _kind(child.tag)
            if kind == _TIME:
                when = parse_time(child.text)
            elif kind == _ELE:
                ele = _number(child.text)
            elif kind == _HR:
                hr = _number(child.text)
            elif kind == _CAD:
                cad = _number(child.text)
            elif kind == _APART:
                return False
        self.seconds.append(when.timestamp() if when else math.nan)
        self.lat.append(_number(point.get("lat")))
        self.lon.append(_number(point.get("lon")))
        self.ele.append(ele)
        self.hr.append(hr)
        self.cad.append(cad)
        self.segment.append(self.segment_index)
        return True

    def end(self, element: Element, name: str, open_names: list[str]) -> None:
        """An element (not a point) has ended: what it says of the segments, the track's sport and name."""
        parent = open_names[-1] if open_names else None
        if name == "trkseg":
            self.segment_index += 1
        elif name == "type" and parent == "trk":
            self.sport_text = self.sport_text or element.text
        elif name == "name" and parent == "trk":
            self.track_name = self.track_name or element.text
        elif name.lower() in _SPORT_FIELDS and "extensions" in open_names and "trkpt" not in open_names:
            self.extension_sport = self.extension_sport or element.text


def _kind(tag: str) -> int:
    name = local_name(tag)
    if name in _NOT_IN_A_POINT:
        return _APART
    name = name.lower()
    if name == "time":
        return _TIME
    if name == "ele":
        return _ELE
    return _HR if name in _HEART_RATE else _CAD if name in _CADENCE else _OTHER


def parse_gpx(data: bytes, *, sha256: str) -> ParsedActivity:
    """Parse GPX bytes; refuses files without track points or without times."""
    points = _collect(data)
    if not points.seconds:
        raise ImportRefused("empty track (the file has no track points)")
    times = np.array(points.seconds)
    timed = _timed_points(times, np.array(points.segment))
    columns = {name: np.array(getattr(points, name))[timed] for name in ("lat", "lon", "ele", "hr", "cad")}
    segment = np.array(points.segment)[timed]
    start = float(times[timed].min())
    sport, label = points.sport()
    samples = Samples(
        seconds=times[timed] - start,
        lat=columns["lat"],
        lon=columns["lon"],
        breaks=np.diff(segment) != 0,
        altitude_m=columns["ele"],
        heart_rate=columns["hr"],
        cadence=steps_per_minute(columns["cad"], sport),
    )
    return build_activity(
        samples,
        Totals(),
        start=datetime.fromtimestamp(start, UTC),
        sport=sport,
        sport_label=label,
        source_format="gpx",
        sha256=sha256,
    )


def _timed_points(times: npt.NDArray[np.float64], segment: npt.NDArray[np.int_]) -> npt.NDArray[np.bool_]:
    """Which points to keep: the timed ones, once segments without any time are set aside."""
    timed = np.isfinite(times)
    timed_segments = np.unique(segment[timed])
    in_timed_segment = np.isin(segment, timed_segments)
    if not timed.any() or timed.sum() < MIN_TIMED_SHARE * in_timed_segment.sum():
        raise ImportRefused("GPX points have no times")
    return timed


def _collect(data: bytes) -> _Points:
    document = parse_whole(data, root="gpx", format_name="GPX")
    points = None if document is None else _walk_whole(document)
    return _stream(data) if points is None else points


def _walk_whole(document: Element) -> _Points | None:
    """The points of a whole tree, read as _stream reads them; None where a point holds what it reads apart.

    Every element but the points is visited in the stream's order (a point is read whole when reached, where the
    stream reads it at its end, having seen nothing in it that it acts on).
    """
    points = _Points(creator=document.get("creator"))
    kinds: dict[str, int] = {}
    open_names = [local_name(document.tag)]
    # The open elements, each with its children still to visit.
    stack = [(document, iter(document))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            points.end(element, open_names.pop(), open_names)
            continue
        name = local_name(child.tag)
        if name != "trkpt":
            stack.append((child, iter(child)))
            open_names.append(name)
        elif not points.add_whole(child, kinds):
            return None
    return points


def _stream(data: bytes) -> _Points:
    points = _Points()
    # Open elements, so a finished point can be dropped from its parent and memory stays flat on long tracks.
    open_elements: list[Element] = []
    for event, element in iter_events(data, root="gpx", format_name="GPX"):
        if event == "start":
            if not open_elements:
                points.creator = element.get("creator")
            open_elements.append(element)
            continue
        open_elements.pop()
        parent = open_elements[-1] if open_elements else None
        name = local_name(element.tag)
        if name == "trkpt":
            points.add(element)
        elif name == "trkseg":
            points.segment_index += 1
        elif name == "type" and parent is not None and local_name(parent.tag) == "trk":
            points.sport_text = points.sport_text or element.text
        elif name == "name" and parent is not None and local_name(parent.tag) == "trk":
            points.track_name = points.track_name or element.text
        elif name.lower() in _SPORT_FIELDS and _in_extensions(open_elements):
            points.extension_sport = points.extension_sport or element.text
        if name in ("trkpt", "wpt", "rtept") and parent is not None:
            parent.remove(element)
    return points


def _in_extensions(open_elements: list[Element]) -> bool:
    """Inside the <extensions> of the track or the metadata (not of a point)."""
    names = [local_name(element.tag) for element in open_elements]
    return "extensions" in names and "trkpt" not in names


def _number(text: str | None) -> float:
    """A number; NaN when absent or unreadable, infinity when written as NaN or infinity (activity.py counts it)."""
    try:
        value = float(text) if text is not None else math.nan
    except ValueError:
        return math.nan
    return value if math.isfinite(value) or text is None else math.inf
