"""The parsers' fast paths (issue 12) against their slow references: FIT's walk with cycles skipped, the CRC over
16-bit lanes joined in a tree, and GPX/TCX through ElementTree's C parser after the DOCTYPE pass."""

from __future__ import annotations

import gzip
import io
import struct
from collections.abc import Callable
from pathlib import Path
from unittest import mock

# fitdecode ships no type information.
import fitdecode.utils  # type: ignore[import-untyped]
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.activities.importers import (
    ImportRefused,
    common,
    fit_bulk,
    gpx,
    parse_bytes,
    safexml,
    tcx,
    track,
)
from footwork.activities.importers.common import ParsedActivity
from footwork.activities.importers.fit_bulk.walk import read_definition, walk_messages

FIXTURES = Path(__file__).parent / "fixtures"


def reference_walk(data: bytes, body: int, end: int) -> list[tuple[int, list[int]]]:
    """The walk one message at a time (the decoder's before cycles were skipped): (global number, offsets)."""
    definitions: list[tuple[int, list[int]]] = []
    current: dict[int, tuple[list[int], int]] = {}
    at = body
    while at < end:
        header = data[at]
        if header & 0x80:
            raise fit_bulk.FitNotBulk("compressed timestamp header")
        if header & 0x40:
            definition = read_definition(data, at, end)
            definitions.append((definition.global_number, definition.offsets))
            current[header & 0x0F] = (definition.offsets, definition.size)
            at += len(definition.raw)
            continue
        slot = current.get(header & 0x0F)
        if slot is None:
            raise fit_bulk.FitNotBulk("data message before its definition")
        slot[0].append(at + 1)
        at += 1 + slot[1]
    if at != end:
        raise fit_bulk.FitNotBulk("the last message runs past the data")
    return definitions


def walks(data: bytes, body: int, end: int) -> tuple[object, object]:
    def run(walk: Callable[[], object]) -> object:
        try:
            return walk()
        except fit_bulk.FitNotBulk as declined:
            return str(declined)

    fast = run(lambda: [(d.global_number, d.offsets) for d in walk_messages(data, body, end)])
    return fast, run(lambda: reference_walk(data, body, end))


@pytest.mark.parametrize("path", sorted((FIXTURES / "fit").glob("*.fit")), ids=lambda path: path.name)
def test_the_walk_finds_every_message_of_every_fixture(path):
    data = path.read_bytes()
    end = min(len(data), data[0] + int.from_bytes(data[4:8], "little"))
    fast, reference = walks(data, data[0], end)
    assert fast == reference


def definition(local: int, global_number: int, size: int) -> bytes:
    """A definition of one byte field per byte of size (field numbers 1..size, uint8)."""
    fields = b"".join(bytes([number, 1, 0x02]) for number in range(1, size + 1))
    return bytes([0x40 | local, 0, 0]) + struct.pack("<HB", global_number, size) + fields


# A stream: definitions of a few local numbers, then segments of a repeated cycle of their data messages, a
# definition (a new size) now and then, and maybe a last message cut short.
segments = st.lists(
    st.tuples(
        st.lists(st.integers(0, 3), min_size=1, max_size=6),  # the cycle's local numbers
        st.integers(1, 80),  # its repeats
        st.one_of(st.none(), st.tuples(st.integers(0, 3), st.integers(1, 9))),  # a redefinition after it
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(segments, st.integers(0, 3), st.binary(min_size=0, max_size=3))
def test_the_walk_skips_cycles_exactly_as_walking_one_by_one(parts, cut, noise):
    sizes = {local: 1 + local for local in range(4)}
    body = b"".join(definition(local, 20 + local, size) for local, size in sizes.items())
    for cycle, repeats, redefinition in parts:
        for _ in range(repeats):
            for local in cycle:
                body += bytes([local]) + bytes([local + 1]) * sizes[local]
        if redefinition is not None:
            local, size = redefinition
            sizes[local] = size
            body += definition(local, 30 + local, size)
    data = body[: len(body) - cut] + noise
    fast, reference = walks(data, 0, len(data))
    assert fast == reference


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=20_000))
def test_crc_of_longer_data_is_fits_crc(data):
    assert fit_bulk.crc16(data) == fitdecode.utils.compute_crc(data)


# --- GPX and TCX: ElementTree's C parser against defusedxml's, the reference ------------------------------------

XML_FIXTURES = sorted((FIXTURES / "gpx").glob("*.gpx")) + sorted((FIXTURES / "tcx").glob("*.tcx"))


def parse_both(data: bytes, file_format: str) -> tuple[object, object]:
    """The activity (or refusal) as read whole, or streamed through the C parser, and as the reference streams it
    through defusedxml's; the first two must be the same for the pair to be returned."""
    module, parse = (gpx, gpx.parse_gpx) if file_format == "gpx" else (tcx, tcx.parse_tcx)

    def outcome() -> object:
        try:
            activity: ParsedActivity = parse(data, sha256="")
        except ImportRefused as refusal:
            return refusal.reason
        return activity

    fast = outcome()
    with mock.patch.object(safexml, "WHOLE_MAX_BYTES", -1):
        assert outcome() == fast
    with (
        mock.patch.object(safexml, "WHOLE_MAX_BYTES", -1),
        mock.patch.object(
            module, "iter_events", lambda data, **kwargs: safexml.iter_events(data, reference=True, **kwargs)
        ),
    ):
        reference = outcome()
    return fast, reference


def read_whole(data: bytes, file_format: str) -> bool:
    """Whether the reader takes the file from its whole tree (not streamed)."""
    module, root = (gpx, "gpx") if file_format == "gpx" else (tcx, "TrainingCenterDatabase")
    document = safexml.parse_whole(data, root=root, format_name=file_format)
    return document is not None and module._walk_whole(document) is not None


@pytest.mark.parametrize("path", XML_FIXTURES, ids=lambda path: path.name)
def test_every_xml_fixture_parses_as_the_reference_parses_it(path):
    fast, reference = parse_both(path.read_bytes(), path.suffix[1:])
    assert fast == reference
    # Every fixture is small and well-formed: read whole, which the reference is held to.
    assert read_whole(path.read_bytes(), path.suffix[1:])


@pytest.mark.parametrize(
    ("file_format", "data"),
    [
        # A point inside a point: the stream reads the inner one first and drops it from the outer one.
        ("gpx", (FIXTURES / "gpx" / "fittrackee-e2e-test.gpx").read_bytes().replace(
            b"</trkpt>", b'<trkpt lat="1" lon="2"><time>2018-03-13T12:44:46Z</time></trkpt></trkpt>', 1)),
        # A waypoint inside a point, a segment inside a point.
        ("gpx", (FIXTURES / "gpx" / "fittrackee-e2e-test.gpx").read_bytes().replace(
            b"</trkpt>", b'<wpt lat="1" lon="2"><ele>5</ele></wpt></trkpt>', 1)),
        ("gpx", (FIXTURES / "gpx" / "fittrackee-e2e-test.gpx").read_bytes().replace(
            b"</trkpt>", b"<trkseg></trkseg></trkpt>", 1)),
        # A lap, an activity inside a TCX point.
        ("tcx", (FIXTURES / "tcx" / "tcxparser-test.tcx").read_bytes().replace(
            b"</Trackpoint>", b"<Lap><DistanceMeters>5</DistanceMeters></Lap></Trackpoint>", 1)),
        ("tcx", (FIXTURES / "tcx" / "tcxparser-test.tcx").read_bytes().replace(
            b"</Trackpoint>", b'<Activity Sport="Biking"></Activity></Trackpoint>', 1)),
    ],
)  # fmt: skip
def test_what_a_point_holds_apart_is_read_from_the_stream(file_format, data):
    assert not read_whole(data, file_format)
    fast, reference = parse_both(data, file_format)
    assert fast == reference


def test_a_tcx_broken_after_its_first_activity_keeps_that_activity():
    data = (FIXTURES / "tcx" / "tcxparser-test.tcx").read_bytes()
    damaged = data.replace(b"</Activities>", b"</Activities><Junk>&bogus;", 1)
    assert safexml.parse_whole(damaged, root="TrainingCenterDatabase", format_name="TCX") is None
    fast, reference = parse_both(damaged, "tcx")
    assert fast == reference
    assert isinstance(fast, ParsedActivity)
    assert fast == tcx.parse_tcx(data, sha256="")


def test_a_doctype_is_refused_as_the_reference_refuses_it():
    data = (FIXTURES / "gpx" / "fittrackee-e2e-test.gpx").read_bytes()
    head, _, rest = data.partition(b"<gpx")
    for doctype in (
        b'<!DOCTYPE gpx [<!ENTITY lol "lol">]>',
        b'<!DOCTYPE gpx SYSTEM "http://example.test/gpx.dtd">',
        b"<!DOCTYPE gpx>",
    ):
        fast, reference = parse_both(head + doctype + b"<gpx" + rest, "gpx")
        assert fast == reference == safexml.DOCTYPE_REFUSED


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(["gpx/fittrackee-e2e-test.gpx", "tcx/tcxparser-test.tcx", "gpx/route.gpx"]),
    at=st.integers(0, 10**6),
    insert=st.sampled_from([b"", b"<", b"&", b"&bogus;", b"<!DOCTYPE x>", b"\x00", b"</trkpt>", b"]]>"]),
    truncate=st.booleans(),
)
def test_damaged_xml_is_refused_or_read_as_the_reference_does(name, at, insert, truncate):
    data = (FIXTURES / name).read_bytes()
    at %= len(data)
    damaged = data[:at] + insert if truncate else data[:at] + insert + data[at:]
    fast, reference = parse_both(damaged, name[:3])
    assert fast == reference


# --- The climb from the turning points alone, against the climb from every height -------------------------------


def reference_gain(heights: list[float]) -> float | None:
    """elevation_gain as it read every height (before turning_points)."""
    if not heights:
        return None
    gain, low, high, rising = 0.0, heights[0], heights[0], True
    for height in heights:
        if rising and height > high:
            high = height
        elif rising and high - height >= track.ELEVATION_HYSTERESIS_M:
            gain += high - low if high - low >= track.ELEVATION_HYSTERESIS_M else 0.0
            rising, low = False, height
        elif not rising and height < low:
            low = height
        elif not rising and height - low >= track.ELEVATION_HYSTERESIS_M:
            rising, high = True, height
    return gain + (high - low if rising and high - low >= track.ELEVATION_HYSTERESIS_M else 0.0)


# Heights on a 0.2 m grid (a barometer's steps), so equal neighbours and exact 2 m swings are common.
heights = st.lists(st.integers(-50, 50).map(lambda step: step * 0.2), max_size=300)


@settings(max_examples=400, deadline=None)
@given(heights, st.lists(st.integers(0, 299), max_size=20))
def test_the_climb_from_turning_points_is_the_climb_from_every_height(values, gaps):
    altitude = np.array(values, dtype=np.float32)
    altitude[[gap for gap in gaps if gap < len(values)]] = np.nan
    finite = altitude[np.isfinite(altitude)].astype(np.float64).tolist()
    assert track.elevation_gain(altitude) == reference_gain(finite)


@pytest.mark.parametrize("path", sorted((FIXTURES / "fit").glob("*.fit")), ids=lambda path: path.name)
def test_every_fit_fixtures_climb_is_the_climb_from_every_height(path):
    try:
        activity = parse_bytes(path.name, path.read_bytes())
    except ImportRefused:
        return
    altitude = activity.track.altitude_m
    assert track.elevation_gain(altitude) == reference_gain(
        altitude[np.isfinite(altitude)].astype(np.float64).tolist()
    )


# --- gzip: one member unpacked by zlib in one call, against GzipFile's reading of everything ---------------------


def gunzipped(unpack, data: bytes, limit: int) -> object:
    try:
        return unpack(data, limit)
    except ImportRefused as refusal:
        return refusal.reason


@settings(max_examples=300, deadline=None)
@given(
    members=st.lists(st.binary(max_size=3000), min_size=1, max_size=3),
    name=st.booleans(),
    tail=st.sampled_from([b"", b"\x00\x00\x00", b"junk", b"\x1f\x8b"]),
    flip=st.one_of(st.none(), st.integers(0, 10**6)),
    cut=st.integers(0, 40),
    limit=st.sampled_from([100, 2000, 10**6]),
)
def test_gzip_unpacks_as_gzipfile_unpacks_it(members, name, tail, flip, cut, limit):
    packed = bytearray(b"".join(gzip_member(member, name) for member in members) + tail)
    if flip is not None:
        packed[flip % len(packed)] ^= 0x55
    data = bytes(packed[: len(packed) - cut] if cut < len(packed) else packed)
    assert gunzipped(common.gunzip_capped, data, limit) == gunzipped(common._gunzip_stream, data, limit)


def gzip_member(data: bytes, name: bool) -> bytes:
    if not name:
        return gzip.compress(data, mtime=0)
    out = io.BytesIO()
    with gzip.GzipFile(filename="run.fit", mode="wb", fileobj=out, mtime=0) as stream:
        stream.write(data)
    return out.getvalue()


def test_a_gzip_header_crc_is_checked_by_zlib_not_by_gzipfile():
    body = gzip.compress(b"run" * 100, mtime=0)
    # FHCRC set, with a wrong header CRC after the 10-byte header: GzipFile skips it, zlib refuses it.
    flagged = body[:3] + bytes([body[3] | 0x02]) + body[4:10] + b"\x00\x00" + body[10:]
    assert common.gunzip_capped(flagged, 10**6) == b"run" * 100 == common._gunzip_stream(flagged, 10**6)
