"""FIT decoded in bulk: record messages as numpy columns, the few summary messages through fitdecode.

fitdecode decodes every field of every message in Python, about 600 ms for a one-hour run. Here each file of a
chain is checked against its CRC (computed with numpy), walked once to note where each message starts, and the
record messages of each definition are decoded together from a numpy array of their bytes. Only the handful of
summary messages (file_id, sport, session, developer field descriptions) are copied into a small FIT stream of
their own and given to fitdecode, so their names, enums, sub-fields and scaling are exactly fitdecode's.

The record columns follow fitdecode's rules to the bit (scale then offset in float64, invalid values dropped,
timestamps under 0x10000000 meaning "no clock", altitude's expansion into enhanced_altitude). Whatever this
decoder does not follow raises FitNotBulk and the caller decodes the file with fitdecode instead, which also
words the refusal of a broken file: compressed timestamp headers, compressed speed/distance, array-sized or
oddly typed record fields, developer fields named like a record field, a checksum mismatch, a truncated file.
test_fit_decoder.py proves both decoders agree on every FIT fixture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import numpy.typing as npt

from . import fit_fitdecode
from .common import ImportRefused
from .fit_fitdecode import RECORD, RECORD_COLUMNS, SEMICIRCLE_DEGREES, SUMMARY_MESSAGES, Columns, FitContent

TIMESTAMP = 253
FIT_EPOCH_UNIX_S = 631065600  # 1989-12-31T00:00:00Z, FIT's zero
FIT_TIMESTAMP_MIN = 0x10000000  # below: seconds since the device powered on
_POSITION_LAT, _POSITION_LONG, _ALTITUDE, _HEART_RATE, _CADENCE, _DISTANCE = 0, 1, 2, 3, 4, 5
_COMPRESSED_SPEED_DISTANCE, _FRACTIONAL_CADENCE, _ENHANCED_ALTITUDE = 8, 53, 78
# FIT base types with a numeric meaning: numpy type and the value meaning "invalid" (None: NaN for floats).
_BASE_TYPES: dict[int, tuple[str, int | None]] = {
    0x00: ("u1", 0xFF), 0x01: ("i1", 0x7F), 0x02: ("u1", 0xFF), 0x0A: ("u1", 0x00),
    0x83: ("i2", 0x7FFF), 0x84: ("u2", 0xFFFF), 0x8B: ("u2", 0x0000),
    0x85: ("i4", 0x7FFFFFFF), 0x86: ("u4", 0xFFFFFFFF), 0x8C: ("u4", 0x00000000),
    0x8E: ("i8", 0x7FFFFFFFFFFFFFFF), 0x8F: ("u8", 0xFFFFFFFFFFFFFFFF), 0x90: ("u8", 0),
    0x88: ("f4", None), 0x89: ("f8", None),
}  # fmt: skip
# The record fields the columns are read from: name, scale and offset from fitdecode's profile (value = raw /
# scale - offset). A developer field of one of these names would replace it in fitdecode.
_PROFILE = {
    number: fit_fitdecode.record_field(number)
    for number in (TIMESTAMP, _POSITION_LAT, _POSITION_LONG, _ALTITUDE, _HEART_RATE, _CADENCE, _DISTANCE,
                   _FRACTIONAL_CADENCE, _ENHANCED_ALTITUDE)
}  # fmt: skip
_RECORD_FIELD_NAMES = frozenset(name for name, _scale, _offset in _PROFILE.values())

# The walk looks for a repeating cycle of messages every _CYCLE_PROBE data messages (so it may be up to half as
# long), and skips at most _CYCLE_JUMP repeats of it at once (bounding the strided copy of the file it reads).
_CYCLE_PROBE = 16
_CYCLE_JUMP = 4096
# CRC lanes: bytes per block (16-bit words processed side by side, one numpy step per word of a block).
_CRC_BLOCK = 32


class FitNotBulk(Exception):
    """The bulk decoder does not follow this file; decode it with fitdecode."""


@dataclass
class _Definition:
    """One definition message: where each field sits in its data messages, and where those messages start."""

    global_number: int
    raw: bytes
    size: int
    big_endian: bool
    fields: dict[int, tuple[int, int, int]]  # field number -> (offset, size, base type)
    has_developer_fields: bool
    offsets: list[int] = field(default_factory=list)


def iter_files(data: bytes) -> Iterator[FitContent]:
    """Each file of a FIT chain, decoded in bulk; FitNotBulk where this decoder does not follow the bytes."""
    start = 0
    while start < len(data):
        end = _check_file(data, start)
        yield _decode_file(data, start, end)
        start = end + 2


def _check_file(data: bytes, start: int) -> int:
    """The end of the file's data (where its CRC sits) after checking its header and both checksums."""
    header_size = data[start]
    if header_size not in (12, 14) or data[start + 8 : start + 12] != b".FIT":
        raise FitNotBulk("not a FIT header")
    data_size = int.from_bytes(data[start + 4 : start + 8], "little")
    end = start + header_size + data_size
    if data_size == 0 or end + 2 > len(data):
        raise FitNotBulk("truncated, or no data size in the header")
    if header_size == 14:
        header_crc = int.from_bytes(data[start + 12 : start + 14], "little")
        if header_crc and crc16(data[start : start + 12]) != header_crc:
            raise FitNotBulk("header checksum mismatch")
    if crc16(data[start:end]) != int.from_bytes(data[end : end + 2], "little"):
        raise FitNotBulk("checksum mismatch")
    return end


def _decode_file(data: bytes, start: int, end: int) -> FitContent:
    definitions = _walk(data, start + data[start], end)
    content = FitContent()
    try:
        for message in fit_fitdecode.summary_messages(_summary_file(data, start, definitions)):
            content.add_summary(message)
    except ImportRefused as refusal:
        # The whole file through fitdecode decides, and words, what is wrong.
        raise FitNotBulk(f"summary messages: {refusal.reason}") from refusal
    records = [d for d in definitions if d.global_number == RECORD and d.offsets]
    if any(d.has_developer_fields for d in records) and content.developer_field_names & _RECORD_FIELD_NAMES:
        raise FitNotBulk("a developer field is named like a record field")
    content.columns = _record_columns(data, records)
    return content


def _walk(data: bytes, body: int, end: int) -> list[_Definition]:
    """Every definition of the file, each with the offsets of its data messages (after their header byte)."""
    definitions: list[_Definition] = []
    # Per header byte of a data message whose local number is defined: its message's length (header included) and
    # the append of its definition's offsets; 0 for definitions, compressed headers and undefined numbers.
    steps = [0] * 256
    lists: list[list[int]] = [[]] * 256  # (never used where steps is 0)
    appends = [offsets.append for offsets in lists]
    # Where the data messages since the last definition (or the last look for a cycle) start.
    recent: list[int] = []
    at = body
    while at < end:
        header = data[at]
        step = steps[header]
        if step:
            appends[header](at + 1)
            recent.append(at)
            at += step
            if len(recent) == _CYCLE_PROBE:
                at = _skip_cycles(data, at, end, recent, lists)
                recent.clear()
            continue
        if header & 0x80:
            raise FitNotBulk("compressed timestamp header")
        if not header & 0x40:
            raise FitNotBulk("data message before its definition")
        definition = _read_definition(data, at, end)
        definitions.append(definition)
        local = header & 0x0F
        # Every data header byte of this local number (bits 4 and 5 are reserved in a data header).
        for byte in (local, local | 0x10, local | 0x20, local | 0x30):
            steps[byte], lists[byte], appends[byte] = (
                1 + definition.size,
                definition.offsets,
                definition.offsets.append,
            )
        at += len(definition.raw)
        recent.clear()
    if at != end:
        raise FitNotBulk("the last message runs past the data")
    for definition in definitions:
        # Cycles are taken a message kind at a time: each definition's data messages back in file order.
        definition.offsets.sort()
    return definitions


def _skip_cycles(data: bytes, at: int, end: int, recent: list[int], lists: list[list[int]]) -> int:
    """Where the walk goes on after the repeats of the cycle that the last messages form, each noted.

    A recording device writes the same few data messages over and over (record; or record, hrv; ...). When the last
    2 x period messages are one cycle twice, the cycle's next repeats are found at a stride of its length in bytes: a
    repeat counts while every one of its header bytes is that of the cycle (a definition in between, or any other
    message, has another header byte and ends the repeats). Each header byte matching means a data message of that
    local number, of that size, so the next one starts where the cycle says: the same offsets as walking one by one.
    """
    headers = [data[position] for position in recent]
    for period in range(1, len(recent) // 2 + 1):
        if headers[-period:] != headers[-2 * period : -period]:
            continue
        cycle, length = headers[-period:], at - recent[-period]
        starts = [position + length for position in recent[-period:]]
        # At most `jump` repeats at a time, from a few (a cycle often breaks soon) doubling to _CYCLE_JUMP.
        jump = _CYCLE_PROBE
        while True:
            stop = min(end, at + length * jump)
            repeats = min(
                _leading(data[start:stop:length], header) for header, start in zip(cycle, starts, strict=True)
            )
            for header, start in zip(cycle, starts, strict=True):
                lists[header].extend(range(start + 1, start + 1 + repeats * length, length))
            at += repeats * length
            if repeats < jump:
                return at
            starts = [start + repeats * length for start in starts]
            jump = min(2 * jump, _CYCLE_JUMP)
    return at


def _leading(strided: bytes, header: int) -> int:
    """How many bytes at the front of strided are header (C speed: lstrip)."""
    return len(strided) - len(strided.lstrip(bytes((header,))))


def _read_definition(data: bytes, at: int, end: int) -> _Definition:
    header = data[at]
    count = data[at + 5] if at + 5 < end else 0
    fields_end = at + 6 + 3 * count
    developer_count = data[fields_end] if header & 0x20 and fields_end < end else 0
    definition_end = fields_end + (1 + 3 * developer_count if header & 0x20 else 0)
    if definition_end > end:
        raise FitNotBulk("a definition runs past the data")
    big_endian = data[at + 2] != 0
    number = int.from_bytes(data[at + 3 : at + 5], "big" if big_endian else "little")
    fields: dict[int, tuple[int, int, int]] = {}
    offset = 0
    for position in range(at + 6, fields_end, 3):
        field_number, size, base_type = data[position], data[position + 1], data[position + 2]
        if number == RECORD and field_number in fields:
            raise FitNotBulk("a record field defined twice")
        fields[field_number] = (offset, size, base_type)
        offset += size
    developer_size = sum(data[fields_end + 2 + 3 * index] for index in range(developer_count))
    return _Definition(
        global_number=number,
        raw=data[at:definition_end],
        size=offset + developer_size,
        big_endian=big_endian,
        fields=fields,
        has_developer_fields=developer_count > 0,
    )


def _summary_file(data: bytes, start: int, definitions: list[_Definition]) -> bytes:
    """A FIT stream of the summary messages alone, each after its own definition, in file order."""
    messages = sorted(
        (offset, definition)
        for definition in definitions
        if definition.global_number in SUMMARY_MESSAGES
        for offset in definition.offsets
    )
    body = b"".join(
        definition.raw + data[offset - 1 : offset + definition.size] for offset, definition in messages
    )
    # Protocol and profile versions as the original says; no CRC (the original's was checked).
    header = (
        bytes([12, data[start + 1]]) + data[start + 2 : start + 4] + len(body).to_bytes(4, "little") + b".FIT"
    )
    return header + body + b"\x00\x00"


def _record_columns(data: bytes, definitions: list[_Definition]) -> Columns:
    """The record messages of every definition, decoded per definition and put back in file order."""
    if not definitions:
        return FitContent().columns
    buffer = np.frombuffer(data, dtype=np.uint8)
    parts = [_decode_records(buffer, definition) for definition in definitions]
    offsets = np.concatenate([np.asarray(d.offsets, dtype=np.int64) for d in definitions])
    order = np.argsort(offsets, kind="stable")
    return {name: np.concatenate([part[name] for part in parts])[order] for name in RECORD_COLUMNS}


def _decode_records(buffer: npt.NDArray[np.uint8], definition: _Definition) -> Columns:
    if _COMPRESSED_SPEED_DISTANCE in definition.fields:
        raise FitNotBulk("compressed speed and distance (accumulated)")
    offsets = np.asarray(definition.offsets, dtype=np.int64)
    rows = buffer[offsets[:, None] + np.arange(definition.size, dtype=np.int64)]
    missing = np.full(len(offsets), np.nan)

    def column(number: int) -> npt.NDArray[np.float64]:
        found = definition.fields.get(number)
        if found is None:
            return missing
        values = _field_values(rows, found, definition.big_endian)
        _name, scale, offset = _PROFILE[number]
        # fitdecode divides then subtracts, in float64: the same operations give the same bits.
        if scale:
            values = values / scale
        if offset:
            values = values - offset
        return values

    timestamps = column(TIMESTAMP)
    cadence, fraction = column(_CADENCE), column(_FRACTIONAL_CADENCE)
    return {
        "seconds": np.where(timestamps >= FIT_TIMESTAMP_MIN, timestamps + FIT_EPOCH_UNIX_S, np.nan),
        "distance": column(_DISTANCE),
        "altitude": _altitude(definition, column(_ALTITUDE), column(_ENHANCED_ALTITUDE)),
        "hr": column(_HEART_RATE),
        "cadence": cadence + np.where(np.isfinite(fraction), fraction, 0.0),
        "lat": column(_POSITION_LAT) * SEMICIRCLE_DEGREES,
        "lon": column(_POSITION_LONG) * SEMICIRCLE_DEGREES,
    }


def _altitude(
    definition: _Definition, altitude: npt.NDArray[np.float64], enhanced: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """enhanced_altitude, else altitude, as fitdecode names them.

    fitdecode expands altitude (field 2) into an enhanced_altitude of the same value, and of two fields with one
    name the later in the definition wins: when field 2 comes after field 78, its value (even a missing one)
    stands for enhanced_altitude.
    """
    fields = definition.fields
    if _ALTITUDE in fields:
        base_type = fields[_ALTITUDE][2]
        if base_type != 0x84:
            raise FitNotBulk("altitude not written as uint16")
        if _ENHANCED_ALTITUDE not in fields or fields[_ALTITUDE][0] > fields[_ENHANCED_ALTITUDE][0]:
            return altitude
    return np.where(np.isfinite(enhanced), enhanced, altitude)


def _field_values(
    rows: npt.NDArray[np.uint8], found: tuple[int, int, int], big_endian: bool
) -> npt.NDArray[np.float64]:
    """One field of every row as float64, NaN where the value is FIT's "invalid"."""
    offset, size, base_type = found
    known = _BASE_TYPES.get(base_type)
    if known is None:
        raise FitNotBulk(f"record field of base type {base_type:#x}")
    code, invalid = known
    dtype = np.dtype(("<" if not big_endian else ">") + code)
    if size != dtype.itemsize:
        raise FitNotBulk("record field of an unexpected size")
    raw = np.ascontiguousarray(rows[:, offset : offset + size]).view(dtype)[:, 0]
    values = raw.astype(np.float64)
    if invalid is not None:
        values[raw == invalid] = np.nan
    return values


def crc16(data: bytes) -> int:
    """FIT's CRC (CRC-16/ARC) of data, computed over blocks side by side.

    The CRC is linear with a zero start, so leading zero bytes change nothing: the data is padded in front to whole
    blocks, and each block's CRC runs as one numpy lane, two bytes a step: a 16-bit CRC fed 16 bits is a table
    lookup of (crc ^ word) alone (a 65,536-entry table). The block CRCs are then joined in pairs, level by level:
    the left one moved past the right one's length of zero bytes (a table per level), XOR the right one; an odd
    count first takes a zero CRC in front (a leading zero block).
    """
    if not data:
        return 0
    word_table, past = _crc_tables()
    blocks = -(-len(data) // _CRC_BLOCK)
    padded = bytes(blocks * _CRC_BLOCK - len(data)) + data
    lanes = np.frombuffer(padded, dtype="<u2").reshape(blocks, _CRC_BLOCK // 2).T.astype(np.uint16)
    crcs = np.zeros(blocks, dtype=np.uint16)
    for words in lanes:
        crcs = word_table[crcs ^ words]
    level = 0
    while len(crcs) > 1:
        if len(crcs) % 2:
            crcs = np.concatenate((np.zeros(1, dtype=np.uint16), crcs))
        crcs = past(level)[crcs[0::2]] ^ crcs[1::2]
        level += 1
    return int(crcs[0])


@cache
def _byte_table() -> npt.NDArray[np.uint16]:
    """The byte table of CRC-16/ARC (reflected 0x8005)."""
    table = np.arange(256, dtype=np.uint32)
    for _ in range(8):
        table = np.where(table & 1, (table >> 1) ^ 0xA001, table >> 1).astype(np.uint32)
    return table.astype(np.uint16)


@cache
def _crc_tables() -> tuple[npt.NDArray[np.uint16], Callable[[int], npt.NDArray[np.uint16]]]:
    """The 16-bit word table (the CRC of a word fed to a CRC of zero), and the tables moving a CRC past zeros."""
    table = _byte_table()
    states = np.arange(65536, dtype=np.uint16)
    low = (states >> 8) ^ table[states & 0xFF]  # the low byte fed
    word_table = ((low >> 8) ^ table[low & 0xFF]).astype(np.uint16)  # then the high byte (its bits now low)
    return word_table, _past_zeros


@cache
def _past_zeros(level: int) -> npt.NDArray[np.uint16]:
    """Every CRC moved past _CRC_BLOCK x 2**level zero bytes."""
    if level > 0:
        half = _past_zeros(level - 1)
        return half[half]
    past = np.arange(65536, dtype=np.uint16)
    for _ in range(_CRC_BLOCK // 2):  # a zero word at a time
        past = _crc_tables()[0][past]
    return past
