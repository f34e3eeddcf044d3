"""The bulk FIT decoder against fitdecode, the reference: the same content from every fixture and from
generated files, the same refusals, and a fall back to fitdecode wherever the bulk decoder does not follow.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# fitdecode ships no type information.
import fitdecode.utils  # type: ignore[import-untyped]
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footwork.activities.importers import ImportRefused, fit, fit_bulk, fit_fitdecode, parse_bytes
from footwork.activities.importers.common import gunzip_capped
from footwork.activities.importers.fit_fitdecode import FitContent

FIT_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "fit").iterdir())
# The fixtures the bulk decoder hands to fitdecode, and why: each is refused either way.
DECLINED = {
    "activity-filecrc.fit": "checksum mismatch",
    "activity-unexpected-eof.fit": "truncated, or no data size in the header",
    "nick.fit": "checksum mismatch",
    "strava-android-app-201.10-b1218918.fit": "truncated, or no data size in the header",
    "antfs-dump.63.fit": "compressed timestamp header",
}


def fixture_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gunzip_capped(data, 10**8) if path.suffix == ".gz" else data


def first_activity_of(files: Iterator[FitContent]) -> FitContent | str:
    """The first activity content, or the refusal's reason."""
    try:
        return fit._first_activity(files)
    except ImportRefused as refusal:
        return refusal.reason


def assert_same_content(bulk: FitContent | str, reference: FitContent | str) -> None:
    if isinstance(bulk, str) or isinstance(reference, str):
        assert bulk == reference
        return
    assert (bulk.file_type, bulk.sessions, bulk.sport_message) == (
        reference.file_type,
        reference.sessions,
        reference.sport_message,
    )
    assert bulk.columns.keys() == reference.columns.keys()
    for name, column in bulk.columns.items():
        # Exactly equal, bit for bit, NaN where fitdecode has no value.
        assert np.array_equal(column, reference.columns[name], equal_nan=True), name


@pytest.mark.parametrize("path", FIT_FIXTURES, ids=lambda path: path.name)
def test_every_fixture_decodes_as_fitdecode_decodes_it(path):
    data = fixture_bytes(path)
    if path.name in DECLINED:
        with pytest.raises(fit_bulk.FitNotBulk) as declined:
            first_activity_of(fit_bulk.iter_files(data))
        assert str(declined.value) == DECLINED[path.name]
        with pytest.raises(ImportRefused):  # each declined fixture is a refused one
            parse_bytes(path.name, path.read_bytes())
        return
    bulk = first_activity_of(fit_bulk.iter_files(data))
    assert_same_content(bulk, first_activity_of(fit_fitdecode.iter_files(data)))


@pytest.mark.parametrize("path", FIT_FIXTURES, ids=lambda path: path.name)
def test_parsed_activity_is_the_same_through_either_decoder(path, monkeypatch):
    def parse() -> object:
        try:
            return parse_bytes(path.name, path.read_bytes())
        except ImportRefused as refusal:
            return refusal.reason

    bulk = parse()

    def decline(_data: bytes) -> Iterator[FitContent]:
        raise fit_bulk.FitNotBulk("test")

    monkeypatch.setattr(fit_bulk, "iter_files", decline)
    assert bulk == parse()


@given(st.binary(max_size=2000))
def test_crc_is_fits_crc(data):
    assert fit_bulk.crc16(data) == (fitdecode.utils.compute_crc(data) if data else 0)


# --- Generated files: every record field the import reads, in any order, either byte order, any value --------

# field number -> (base type, struct code, invalid value)
RECORD_FIELDS = {
    253: (0x86, "I", 0xFFFFFFFF),  # timestamp
    0: (0x85, "i", 0x7FFFFFFF),  # position_lat
    1: (0x85, "i", 0x7FFFFFFF),  # position_long
    2: (0x84, "H", 0xFFFF),  # altitude
    3: (0x02, "B", 0xFF),  # heart_rate
    4: (0x02, "B", 0xFF),  # cadence
    5: (0x86, "I", 0xFFFFFFFF),  # distance
    53: (0x02, "B", 0xFF),  # fractional_cadence
    78: (0x86, "I", 0xFFFFFFFF),  # enhanced_altitude
}
RANGES = {"I": (0, 2**32 - 1), "i": (-(2**31), 2**31 - 1), "H": (0, 2**16 - 1), "B": (0, 255)}


@dataclass
class Message:
    global_number: int
    fields: list[tuple[int, int, str]]  # (field number, base type, struct code)
    rows: list[list[Any]]
    developer_fields: list[tuple[int, int, int]] | None = None  # (field number, size, developer data index)
    developer_rows: list[bytes] | None = None


def build_fit(messages: list[Message], *, big_endian: bool = False) -> bytes:
    """A FIT file: each message's definition (local type 0) and its data messages, with both checksums."""
    order = ">" if big_endian else "<"
    body = b""
    for message in messages:
        kind = 0x40 | (0x20 if message.developer_fields is not None else 0)
        body += struct.pack(
            f"{order}BBBHB", kind, 0, int(big_endian), message.global_number, len(message.fields)
        )
        for number, base_type, code in message.fields:
            body += bytes([number, struct.calcsize(code), base_type])
        if message.developer_fields is not None:
            body += bytes([len(message.developer_fields)])
            for developer_field in message.developer_fields:
                body += bytes(developer_field)
        for index, row in enumerate(message.rows):
            body += b"\x00" + struct.pack(order + "".join(code for _, _, code in message.fields), *row)
            if message.developer_rows is not None:
                body += message.developer_rows[index]
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", fit_bulk.crc16(header))
    return header + body + struct.pack("<H", fit_bulk.crc16(header + body))


ACTIVITY_FILE_ID = Message(0, [(0, 0x00, "B")], [[4]])


@st.composite
def record_messages(draw: st.DrawFn) -> Message:
    numbers = draw(st.lists(st.sampled_from(sorted(RECORD_FIELDS)), unique=True, min_size=1))
    fields = [(number, RECORD_FIELDS[number][0], RECORD_FIELDS[number][1]) for number in numbers]

    def value(number: int) -> st.SearchStrategy[int]:
        _, code, invalid = RECORD_FIELDS[number]
        low, high = RANGES[code]
        return st.one_of(st.just(invalid), st.integers(low, high))

    rows = draw(
        st.lists(st.tuples(*(value(number) for number in numbers)).map(list), min_size=1, max_size=20)
    )
    return Message(20, fields, rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(record_messages(), min_size=1, max_size=3), st.booleans())
def test_generated_records_decode_as_fitdecode_decodes_them(messages, big_endian):
    data = build_fit([ACTIVITY_FILE_ID, *messages], big_endian=big_endian)
    bulk = list(fit_bulk.iter_files(data))
    reference = list(fit_fitdecode.iter_files(data))
    assert len(bulk) == len(reference) == 1
    assert_same_content(bulk[0], reference[0])


def test_altitude_after_enhanced_altitude_wins_even_when_missing():
    fields = [(253, 0x86, "I"), (78, 0x86, "I"), (2, 0x84, "H")]
    rows = [[1_000_000_000, 3000, 0xFFFF], [1_000_000_001, 3000, 2600]]
    data = build_fit([ACTIVITY_FILE_ID, Message(20, fields, rows)])
    (content,) = fit_bulk.iter_files(data)
    assert np.array_equal(content.columns["altitude"], [np.nan, 20.0], equal_nan=True)
    assert_same_content(content, next(fit_fitdecode.iter_files(data)))


def developer_file(field_name: str) -> bytes:
    name = field_name.encode().ljust(16, b"\x00")
    return build_fit(
        [
            ACTIVITY_FILE_ID,
            Message(207, [(3, 0x02, "B")], [[0]]),  # developer_data_id: index 0
            # field_description: index 0, field 0, uint8, named field_name
            Message(206, [(0, 0x02, "B"), (1, 0x02, "B"), (2, 0x02, "B"), (3, 0x07, "16s")], [[0, 0, 2, name]]),
            Message(20, [(253, 0x86, "I"), (3, 0x02, "B")], [[1_000_000_000, 150], [1_000_000_001, 151]],
                    developer_fields=[(0, 1, 0)], developer_rows=[b"\x5a", b"\x5b"]),
        ]
    )  # fmt: skip


def test_a_developer_field_named_like_a_record_field_goes_to_fitdecode():
    data = developer_file("heart_rate")
    with pytest.raises(fit_bulk.FitNotBulk, match="developer field"):
        list(fit_bulk.iter_files(data))
    # fitdecode lets the developer field replace heart_rate, and parse_fit follows it.
    assert fit.first_activity(data).columns["hr"].tolist() == [90.0, 91.0]


def test_other_developer_fields_are_skipped_in_bulk():
    data = developer_file("doughnuts")
    (content,) = fit_bulk.iter_files(data)
    assert content.columns["hr"].tolist() == [150.0, 151.0]
    assert_same_content(content, next(fit_fitdecode.iter_files(data)))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), "checksum mismatch"),
        (lambda data: data[:-10], "truncated, or no data size in the header"),
    ],
)
def test_damage_goes_to_fitdecode_which_words_the_refusal(change, reason):
    data = change(build_fit([ACTIVITY_FILE_ID, Message(20, [(253, 0x86, "I")], [[1_000_000_000]] * 3)]))
    with pytest.raises(fit_bulk.FitNotBulk, match=reason):
        list(fit_bulk.iter_files(data))
    with pytest.raises(ImportRefused, match=r"corrupt FIT file|truncated FIT file"):
        fit.first_activity(data)


def test_compressed_speed_and_distance_goes_to_fitdecode():
    fields = [(253, 0x86, "I"), (8, 0x0D, "3s")]
    data = build_fit([ACTIVITY_FILE_ID, Message(20, fields, [[1_000_000_000, b"\x10\x20\x00"]])])
    with pytest.raises(fit_bulk.FitNotBulk, match="compressed speed"):
        list(fit_bulk.iter_files(data))
    assert fit.first_activity(data).record_count == 1
