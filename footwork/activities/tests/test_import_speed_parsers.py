"""The parsers' fast paths (issue 12) against their slow references: FIT's walk with cycles skipped, the CRC over
16-bit lanes joined in a tree, and GPX/TCX through ElementTree's C parser after the DOCTYPE pass."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from unittest import mock

# fitdecode ships no type information.
import fitdecode.utils  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.activities.importers import ImportRefused, fit_bulk, gpx, safexml, tcx
from footwork.activities.importers.common import ParsedActivity

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
            definition = fit_bulk._read_definition(data, at, end)
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

    fast = run(lambda: [(d.global_number, d.offsets) for d in fit_bulk._walk(data, body, end)])
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
    module, parse = (gpx, gpx.parse_gpx) if file_format == "gpx" else (tcx, tcx.parse_tcx)

    def outcome() -> object:
        try:
            activity: ParsedActivity = parse(data, sha256="")
        except ImportRefused as refusal:
            return refusal.reason
        return activity

    fast = outcome()
    with mock.patch.object(
        module, "iter_events", lambda data, **kwargs: safexml.iter_events(data, reference=True, **kwargs)
    ):
        reference = outcome()
    return fast, reference


@pytest.mark.parametrize("path", XML_FIXTURES, ids=lambda path: path.name)
def test_every_xml_fixture_parses_as_the_reference_parses_it(path):
    fast, reference = parse_both(path.read_bytes(), path.suffix[1:])
    assert fast == reference


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
