"""The walk over a FIT file's messages: every definition, with where each of its data messages starts."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fit_fitdecode import RECORD, SUMMARY_MESSAGES

# The walk looks for a repeating cycle of messages every _CYCLE_PROBE data messages (so it may be up to half as
# long), and skips at most _CYCLE_JUMP repeats of it at once (bounding the strided copy of the file it reads).
_CYCLE_PROBE = 16
_CYCLE_JUMP = 4096


class FitNotBulk(Exception):
    """The bulk decoder does not follow this file; decode it with fitdecode."""


@dataclass
class Definition:
    """One definition message: where each field sits in its data messages, and where those messages start.

    position: where the definition itself starts; developer_fields: its (field number, size, developer data
    index) triples, in order.
    """

    global_number: int
    raw: bytes
    size: int
    big_endian: bool
    fields: dict[int, tuple[int, int, int]]  # field number -> (offset, size, base type)
    has_developer_fields: bool
    position: int = 0
    developer_fields: tuple[tuple[int, int, int], ...] = ()
    offsets: list[int] = field(default_factory=list)


def walk_messages(data: bytes, body: int, end: int) -> list[Definition]:
    """Every definition of the file, each with the offsets of its data messages (after their header byte)."""
    definitions: list[Definition] = []
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
        definition = read_definition(data, at, end)
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


def read_definition(data: bytes, at: int, end: int) -> Definition:
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
        # fitdecode keeps both (the later wins by name, the earlier picks sub-fields): not followed here.
        if field_number in fields and (number == RECORD or number in SUMMARY_MESSAGES):
            raise FitNotBulk(f"a {'record' if number == RECORD else 'summary'} field defined twice")
        fields[field_number] = (offset, size, base_type)
        offset += size
    developer_fields = tuple(
        (data[place], data[place + 1], data[place + 2]) for place in range(fields_end + 1, definition_end, 3)
    )
    return Definition(
        global_number=number,
        raw=data[at:definition_end],
        size=offset + sum(size for _number, size, _index in developer_fields),
        big_endian=big_endian,
        fields=fields,
        has_developer_fields=developer_count > 0,
        position=at,
        developer_fields=developer_fields,
    )
