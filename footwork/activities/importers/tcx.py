"""Garmin Training Center (TCX): the first <Activity> of the file, all its laps' track points.

A file holding several activities (a MultiSportSession, or a device dump of several days) yields the first one,
as with chained FIT files. Distance is the laps' DistanceMeters, which the device measured; the track's own
DistanceMeters, or haversine over positions when a file has none, only fills in when the laps lack it. Moving time is
the laps' TotalTimeSeconds (the device's timer), so a treadmill run with heart rate only keeps its minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import numpy as np

from footwork.core import bounds

from .activity import Samples, build_activity
from .common import (
    ImportRefused,
    ParsedActivity,
    Totals,
    normalise_sport,
    parse_time,
    steps_per_minute,
)
from .safexml import iter_events, local_name, parse_whole

_CHANNELS = {
    "latitudedegrees": "lat",
    "longitudedegrees": "lon",
    "altitudemeters": "ele",
    "distancemeters": "distance",
    "cadence": "cad",
    "runcadence": "cad",
}
# Inside a point, what the stream acts on (a point, a lap, an activity's start or end): the tree walk leaves such
# a file to the stream.
_NOT_IN_A_POINT = frozenset({"Trackpoint", "Lap", "Activity"})
# What a point's descendant is to _Activity.add_whole, by its tag: one of these, or the column a channel goes to.
_TIME, _HEART_RATE, _OTHER, _APART = "time", "heart rate", "other", "apart"


@dataclass
class _Activity:
    """Columns gathered while streaming one <Activity>."""

    sport_text: str | None = None
    lap_distances: list[float] = field(default_factory=list)
    lap_times: list[float] = field(default_factory=list)
    columns: dict[str, list[float]] = field(
        default_factory=lambda: {
            name: [] for name in ("seconds", "lat", "lon", "ele", "distance", "hr", "cad")
        }
    )

    def add(self, point: Element) -> None:
        values = dict.fromkeys(self.columns, math.nan)
        for child in point.iter():
            name = local_name(child.tag).lower()
            if name == "time":
                when = parse_time(child.text)
                values["seconds"] = when.timestamp() if when else math.nan
            elif name in _CHANNELS:
                values[_CHANNELS[name]] = _number(child.text)
            elif name == "heartratebpm":
                values["hr"] = _number(_child_text(child, "value"))
        for name, column in self.columns.items():
            column.append(values[name])

    def add_whole(self, point: Element, kinds: dict[str, str], *, keep: bool) -> bool:
        """add (when keep) for a point of a whole tree; False, adding nothing, when it holds what the stream acts on."""
        values = dict.fromkeys(self.columns, math.nan)
        descendants = point.iter()
        next(descendants)  # the point itself
        for child in descendants:
            kind = kinds.get(child.tag)
            if kind is None:
                kind = kinds[child.tag] = _kind(child.tag)
            if kind == _OTHER:
                continue
            if kind == _TIME:
                when = parse_time(child.text)
                values["seconds"] = when.timestamp() if when else math.nan
            elif kind == _HEART_RATE:
                values["hr"] = _number(_child_text(child, "value"))
            elif kind == _APART:
                return False
            else:
                values[kind] = _number(child.text)
        if keep:
            for name, column in self.columns.items():
                column.append(values[name])
        return True

    def add_lap(self, lap: Element) -> None:
        self.lap_distances.append(_number(_child_text(lap, "distancemeters")))
        self.lap_times.append(_number(_child_text(lap, "totaltimeseconds")))

    def lap_totals(self) -> tuple[Totals, tuple[str, ...]]:
        """The laps' distance and timer time summed; a sum with an impossible lap is left out, with a note."""
        notes: list[str] = []
        sums: dict[str, float | None] = {}
        for name, values, words, bound in (
            ("distance_m", self.lap_distances, "distance", bounds.ACTIVITY_DISTANCE),
            ("moving_s", self.lap_times, "time", bounds.MOVING_TIME),
        ):
            present = [value for value in values if not math.isnan(value)]
            problems = [
                problem
                for value in present
                if (problem := bound.check(value, f"a lap's {words}")) is not None
            ]
            if problems:
                notes.append(f"ignored the laps' {words} ({problems[0]})")
            sums[name] = sum(present) if present and not problems and sum(present) > 0 else None
        return Totals(**sums), tuple(notes)


def parse_tcx(data: bytes, *, sha256: str) -> ParsedActivity:
    """Parse TCX bytes; refuses files with no timed track points."""
    activity = _collect(data)
    if activity.sport_text is None:
        raise ImportRefused("not an activity file (the TCX file has no <Activity>)")
    times = np.array(activity.columns["seconds"])
    timed = np.isfinite(times)
    if not timed.any():
        raise ImportRefused("empty track (no timed track points)")
    columns = {name: np.array(values)[timed] for name, values in activity.columns.items()}
    start = float(columns["seconds"].min())
    sport = normalise_sport(activity.sport_text)
    samples = Samples(
        seconds=columns["seconds"] - start,
        distance_m=columns["distance"],
        lat=columns["lat"],
        lon=columns["lon"],
        altitude_m=columns["ele"],
        heart_rate=columns["hr"],
        cadence=steps_per_minute(columns["cad"], sport),
    )
    totals, notes = activity.lap_totals()
    return build_activity(
        samples,
        totals,
        start=datetime.fromtimestamp(start, UTC),
        sport=sport,
        # Sport="Other" is the schema's own word for a sport it has no name for: a label, not silence.
        sport_label=activity.sport_text or None,
        source_format="tcx",
        sha256=sha256,
        notes=notes,
    )


def _kind(tag: str) -> str:
    name = local_name(tag)
    if name in _NOT_IN_A_POINT:
        return _APART
    name = name.lower()
    if name == "time":
        return _TIME
    if name == "heartratebpm":
        return _HEART_RATE
    return _CHANNELS.get(name, _OTHER)


def _collect(data: bytes) -> _Activity:
    document = parse_whole(data, root="TrainingCenterDatabase", format_name="TCX")
    activity = None if document is None else _walk_whole(document)
    return _stream(data) if activity is None else activity


def _walk_whole(document: Element) -> _Activity | None:
    """The first activity of a whole tree, read as _stream reads it; None where a point holds what it acts on.

    Every element but the points is visited in the stream's order, up to the end of the first <Activity> (a point
    is read whole when reached, where the stream reads it at its end, having seen nothing in it that it acts on).
    """
    activity = _Activity()
    kinds: dict[str, str] = {}
    # The open elements, each with its children still to visit.
    stack = [(document, iter(document))]
    while stack:
        element, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            name = local_name(element.tag)
            if name == "Lap":
                activity.add_lap(element)
            elif name == "Activity":
                break
            continue
        name = local_name(child.tag)
        if name == "Trackpoint":
            if not activity.add_whole(child, kinds, keep=activity.sport_text is not None):
                return None
            continue
        if name == "Activity" and activity.sport_text is None:
            activity.sport_text = child.get("Sport") or ""
        stack.append((child, iter(child)))
    return activity


def _stream(data: bytes) -> _Activity:
    activity = _Activity()
    open_elements: list[Element] = []
    for event, element in iter_events(data, root="TrainingCenterDatabase", format_name="TCX"):
        name = local_name(element.tag)
        if event == "start":
            open_elements.append(element)
            if name == "Activity" and activity.sport_text is None:
                activity.sport_text = element.get("Sport") or ""
            continue
        open_elements.pop()
        if name == "Trackpoint":
            # A course's points (outside any <Activity>) are a plan, not something done.
            if activity.sport_text is not None:
                activity.add(element)
            # Drop the finished point from its <Track> so memory stays flat on long files.
            open_elements[-1].remove(element)
        elif name == "Lap":
            activity.add_lap(element)
        elif name == "Activity":
            break
    return activity


def _child_text(element: Element, name: str) -> str | None:
    """Text of the first direct child with this local name (case-insensitive)."""
    for child in element:
        if local_name(child.tag).lower() == name:
            return child.text
    return None


def _number(text: str | None) -> float:
    """A number; NaN when absent or unreadable, infinity when written as NaN or infinity (activity.py counts it)."""
    try:
        value = float(text) if text is not None else math.nan
    except ValueError:
        return math.nan
    return value if math.isfinite(value) or text is None else math.inf
