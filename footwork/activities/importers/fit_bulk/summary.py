"""The summary messages (file_id, sport, session, developer data ids and field descriptions), decoded as fitdecode
decodes them, without fitdecode.

Only the fields the import reads (fit_fitdecode.SUMMARY_FIELDS), each as fitdecode's profile says: the raw value read
with the base type its definition gives (and that type's "invalid" value), a sub-field chosen by its reference
field's raw value, an enum's name, then the scale (as a float) and the offset, and a date_time from 0x10000000 made a
UTC datetime. Developer fields are only checked, at their definition, against the descriptions read so far, as
fitdecode resolves them: one without a description, named like a field the import reads, or of a size fitdecode
would read otherwise declines the file (FitNotBulk), as does anything else not followed here (an array, a field of
size 0, a component expanding into a field the import reads, a description fitdecode would refuse).
"""

from __future__ import annotations

import math
import struct
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from ..fit_fitdecode import (
    SUMMARY_FIELDS,
    SUMMARY_MESSAGES,
    FitContent,
    SummaryField,
    base_type_size,
    component_sources,
    summary_fields,
)
from .records import BASE_TYPES, FIT_EPOCH_UNIX_S, FIT_TIMESTAMP_MIN
from .walk import Definition, FitNotBulk

_DEVELOPER_DATA_ID, _FIELD_DESCRIPTION = 207, 206
_STRING = 0x07
# struct codes of the numeric base types (BASE_TYPES gives numpy's and the invalid values).
_STRUCT = dict(zip(("u1", "i1", "u2", "i2", "u4", "i4", "u8", "i8", "f4", "f8"), "BbHhIiQqfd", strict=True))
_FIELDS = {number: summary_fields(number) for number in SUMMARY_MESSAGES}
_COMPONENT_SOURCES = {number: component_sources(number, set(fields)) for number, fields in _FIELDS.items()}
# Types fitdecode's default processor changes besides date_time: none of the fields read has one.
_PROCESSED_TYPES = frozenset({"bool", "local_date_time", "localtime_into_day"})
_MISSING = object()


def add_summaries(content: FitContent, data: bytes, definitions: list[Definition]) -> None:
    """Each summary message of the file into content, in file order; FitNotBulk where not followed."""
    summary = [d for d in definitions if d.global_number in SUMMARY_MESSAGES]
    for definition in summary:
        if any(size == 0 for _offset, size, _base in definition.fields.values()):
            raise FitNotBulk("a summary field of size 0")
        if _COMPONENT_SOURCES[definition.global_number] & definition.fields.keys():
            raise FitNotBulk("a component expands into a summary field")
    # Definitions with developer fields are checked where they stand (fitdecode resolves them there).
    events: list[tuple[int, Definition, int | None]] = [
        (definition.position, definition, None) for definition in summary if definition.developer_fields
    ]
    events += [(offset, definition, offset) for definition in summary for offset in definition.offsets]
    developers = _Developers()
    for _position, definition, offset in sorted(events, key=itemgetter(0)):
        if offset is None:
            developers.check(definition)
        elif definition.global_number == _DEVELOPER_DATA_ID:
            developers.declare(_Message(data, definition, offset))
        elif definition.global_number == _FIELD_DESCRIPTION:
            name = developers.describe(_Message(data, definition, offset))
            content.add_summary(_FIELD_DESCRIPTION, {"field_name": name})
        else:
            content.add_summary(definition.global_number, _Message(data, definition, offset).values())


class _Message:
    """One data message of a summary definition, its fields read on demand."""

    def __init__(self, data: bytes, definition: Definition, offset: int) -> None:
        self._data = data
        self._definition = definition
        self._offset = offset

    def raw(self, number: int) -> Any:
        """A field's raw value (None: FIT's invalid value; _MISSING: not in the message), as fitdecode parses it."""
        found = self._definition.fields.get(number)
        if found is None:
            return _MISSING
        field_offset, size, base_type = found
        if base_type == _STRING:
            text = self._data[self._offset + field_offset : self._offset + field_offset + size]
            # fitdecode's parse_string: up to the first zero byte, UTF-8 with replacements, "" as None.
            return text.split(b"\x00", 1)[0].decode("utf-8", errors="replace") or None
        known = BASE_TYPES.get(base_type)
        if known is None:
            raise FitNotBulk(f"a summary field of base type {base_type:#x}")
        code, invalid = known
        order = ">" if self._definition.big_endian else "<"
        if size != struct.calcsize(_STRUCT[code]):
            raise FitNotBulk("an array or oddly sized summary field")
        (value,) = struct.unpack_from(order + _STRUCT[code], self._data, self._offset + field_offset)
        if invalid is None:
            return None if math.isnan(value) else value
        return None if value == invalid else value

    def number(self, field_number: int) -> Any:
        """A raw value fitdecode takes as a number (its int(), or None; a string would fail it)."""
        value = self.raw(field_number)
        if isinstance(value, str):
            raise FitNotBulk("a string where fitdecode expects a number")
        return value

    def values(self) -> dict[str, Any]:
        """The fields the import reads, by name, decoded as fitdecode decodes them."""
        fields = _FIELDS[self._definition.global_number]
        values: dict[str, Any] = {}
        for number in self._definition.fields:
            if number not in fields:
                continue
            spec = self._resolved(fields[number])
            values[spec.name] = _decoded(spec, self.number(number))
        return values

    def _resolved(self, spec: SummaryField) -> SummaryField:
        """The sub-field whose reference field holds its raw value, else the field (fitdecode's _resolve_subfield)."""
        for subfield, references in spec.subfields:
            for reference, raw_value in references:
                if reference in self._definition.fields and self.number(reference) == raw_value:
                    return subfield
        return spec


def _decoded(spec: SummaryField, raw: Any) -> Any:
    """fitdecode's render, then scale and offset, then its default processor."""
    if spec.type_name in _PROCESSED_TYPES:
        raise FitNotBulk(f"a summary field of type {spec.type_name}")
    value: Any = spec.enum[raw] if spec.enum and raw in spec.enum else raw
    if isinstance(value, int | float):
        if spec.scale:
            value = float(value) / spec.scale
        if spec.offset:
            value = value - spec.offset
    if spec.type_name == "date_time" and value is not None and value >= FIT_TIMESTAMP_MIN:
        try:
            return datetime.fromtimestamp(FIT_EPOCH_UNIX_S + value, UTC)
        except (ValueError, OverflowError, OSError) as error:
            # fitdecode fails the same way, and the file is refused as corrupt.
            raise FitNotBulk("a date_time out of range") from error
    return value


class _Developers:
    """The developer data ids and field descriptions read so far, as fitdecode registers them."""

    def __init__(self) -> None:
        # developer data index -> field number -> (field name, size of one value)
        self._fields: dict[int | None, dict[Any, tuple[str | None, int]]] = {}

    def declare(self, message: _Message) -> None:
        index = message.number(3)
        if index is None:
            # fitdecode's int(None) fails on an invalid index.
            raise FitNotBulk("a developer data id without its index")
        self._fields[None if index is _MISSING else int(index)] = {}

    def describe(self, message: _Message) -> str | None:
        """Register a field description; its field name."""
        index, number, base_type = (message.number(field) for field in (0, 1, 2))
        index = None if index is _MISSING or index is None else int(index)
        if index not in self._fields:
            raise FitNotBulk("a developer field description of an undeclared developer")
        size = 1 if base_type is _MISSING or base_type is None else base_type_size(base_type)
        if size is None:
            raise FitNotBulk("a developer field of an unknown base type")
        found = message.raw(3)
        if not (found is None or found is _MISSING or isinstance(found, str)):
            raise FitNotBulk("a developer field name that is not a string")
        name: str | None = found if isinstance(found, str) else None
        self._fields[index][None if number is _MISSING else number] = (name, size)
        return name

    def check(self, definition: Definition) -> None:
        if definition.global_number in (_DEVELOPER_DATA_ID, _FIELD_DESCRIPTION):
            raise FitNotBulk("developer fields in developer data")
        kept = SUMMARY_FIELDS[definition.global_number]
        for number, size, index in definition.developer_fields:
            described = self._fields.get(index, {}).get(number)
            if described is None:
                raise FitNotBulk("a developer field without its description")
            name, value_size = described
            if name in kept:
                raise FitNotBulk("a developer field is named like a summary field")
            if size == 0 or size % value_size:
                raise FitNotBulk("a developer field of a size fitdecode reads otherwise")
