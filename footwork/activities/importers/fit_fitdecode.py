"""FIT read through fitdecode, the reference decoder: every field of every message, in pure Python.

parse_fit uses it when the bulk decoder (fit_bulk) does not follow a file, for the whole of it; its errors become
refusals with a reason. Its profile also tells the bulk decoder how to decode the summary fields (summary_fields).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

# fitdecode ships no type information; every call into it is in this module, behind typed functions.
import fitdecode  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt
from fitdecode import profile

from .common import ImportRefused

SEMICIRCLE_DEGREES = 180.0 / 2**31
RECORD_COLUMNS = ("seconds", "distance", "altitude", "hr", "cadence", "lat", "lon")
# The messages besides records that the import reads: file_id, sport, session, and the developer data ids and
# field descriptions that name developer fields.
SUMMARY_MESSAGES = frozenset({0, 12, 18, 206, 207})
RECORD = 20
# What parse_fit reads of each summary message (fit.py the sport and start, fit_totals.py the totals; the field
# descriptions name developer fields), so only these are kept: avg_running_cadence is avg_cadence for a run.
SUMMARY_FIELDS: dict[int, frozenset[str]] = {
    0: frozenset({"type"}),
    12: frozenset({"sport", "sub_sport"}),
    18: frozenset(
        {
            # fit.py
            "start_time",
            "sport",
            "sub_sport",
            # fit_totals.py
            "total_distance",
            "total_elapsed_time",
            "total_timer_time",
            "total_moving_time",
            "total_ascent",
            "avg_heart_rate",
            "max_heart_rate",
            "avg_cadence",
            "avg_running_cadence",
            "avg_fractional_cadence",
        }  # fmt: skip (grouped by the module that reads them, one line per group)
    ),
    206: frozenset({"field_name"}),
    207: frozenset(),
}
Columns = dict[str, npt.NDArray[np.float64]]


@dataclass
class FitContent:
    """What one FIT file of a chain holds that the import needs: summary messages and the record columns.

    columns: one float64 array per RECORD_COLUMNS name, NaN where a record lacks the value; seconds are Unix
    times (NaN for a record whose timestamp counts from power-on, i.e. a device without a clock).
    """

    file_type: str | None = None
    sessions: list[dict[str, Any]] = field(default_factory=list)
    sport_message: dict[str, Any] | None = None
    developer_field_names: set[str] = field(default_factory=set)
    columns: Columns = field(default_factory=lambda: {name: np.empty(0) for name in RECORD_COLUMNS})

    @property
    def record_count(self) -> int:
        return len(self.columns["seconds"])

    def add_summary(self, number: int, values: dict[str, Any]) -> None:
        """Take what the import needs (SUMMARY_FIELDS) from one of the SUMMARY_MESSAGES: its values by field name."""
        kept = SUMMARY_FIELDS[number]
        values = {name: value for name, value in values.items() if name in kept}
        if number == 18:
            self.sessions.append(values)
        elif number == 0:
            file_type = values.get("type")
            self.file_type = None if file_type is None else str(file_type)
        elif number == 12 and self.sport_message is None:
            self.sport_message = values
        elif number == 206:
            name = values.get("field_name")
            if isinstance(name, str):
                self.developer_field_names.add(name)

    def is_activity(self) -> bool:
        # moxy.fit (a sensor's own recorder) has no file type but is an activity by its session and records.
        return self.file_type in ("activity", None) and bool(self.sessions or self.record_count)


def record_field(number: int) -> tuple[str, float, float]:
    """A record field's name, scale and offset in the FIT profile fitdecode decodes with (0.0: none)."""
    field = profile.MESSAGE_TYPES[RECORD].fields[number]
    return field.name, float(field.scale or 0), float(field.offset or 0)


def iter_files(data: bytes) -> Iterator[FitContent]:
    """Each file of a FIT chain, decoded by fitdecode, yielded once its checksum has been read and matched."""
    current, rows = FitContent(), _RecordRows()
    for frame in frames(data, check_crc=True):
        kind = frame.frame_type
        if kind == fitdecode.FIT_FRAME_HEADER:
            current, rows = FitContent(), _RecordRows()
        elif kind == fitdecode.FIT_FRAME_DATA:
            if frame.global_mesg_num == RECORD:
                rows.add(_values(frame))
            elif frame.global_mesg_num in SUMMARY_MESSAGES:
                current.add_summary(frame.global_mesg_num, _values(frame))
        elif kind == fitdecode.FIT_FRAME_CRC:
            current.columns = rows.columns()
            yield current


@dataclass(frozen=True)
class SummaryField:
    """One field (or sub-field) of a summary message as fitdecode's profile decodes it.

    type_name: the profile's type ("date_time", "sport", "uint32", ...); enum: its names by raw value, if any;
    subfields: the sub-fields that replace it, each with the (field number, raw value) pairs that select it.
    """

    name: str
    type_name: str
    enum: dict[Any, str] | None
    scale: float | None
    offset: float | None
    subfields: tuple[tuple[SummaryField, tuple[tuple[int, int], ...]], ...] = ()


def summary_fields(number: int) -> dict[int, SummaryField]:
    """The fields of a summary message that the import reads (SUMMARY_FIELDS), by field number."""
    kept = SUMMARY_FIELDS[number]
    found: dict[int, SummaryField] = {}
    for field_number, profile_field in profile.MESSAGE_TYPES[number].fields.items():
        subfields = tuple(
            (_summary_field(sub), tuple((ref.def_num, ref.raw_value) for ref in sub.ref_fields))
            for sub in profile_field.subfields or ()
        )
        if profile_field.name in kept or any(sub.name in kept for sub, _refs in subfields):
            found[field_number] = replace(_summary_field(profile_field), subfields=subfields)
    return found


def component_sources(number: int, targets: set[int]) -> frozenset[int]:
    """The fields of a message whose components fitdecode expands into one of the target fields."""
    fields = profile.MESSAGE_TYPES[number].fields
    return frozenset(
        field_number
        for field_number, profile_field in fields.items()
        for part in (profile_field, *(profile_field.subfields or ()))
        if any(component.def_num in targets for component in part.components or ())
    )


def base_type_size(base_type: int) -> int | None:
    """The size of one value of a FIT base type as fitdecode reads it; None for a type it does not know."""
    known = fitdecode.types.BASE_TYPES.get(base_type)
    return None if known is None else int(known.size)


def _summary_field(profile_field: Any) -> SummaryField:
    kind = profile_field.type
    return SummaryField(
        name=profile_field.name,
        type_name=kind.name,
        enum=dict(kind.enum) if kind.enum else None,
        scale=profile_field.scale,
        offset=profile_field.offset,
    )


def frames(data: bytes, *, check_crc: bool) -> Iterator[Any]:
    """fitdecode's frames, its errors turned into refusals with a reason."""
    try:
        # CRC RAISE: a damaged file is refused rather than imported with wrong numbers. Error handling IGNORE:
        # devices that write odd field sizes (coros-pace-2) still decode, and no warnings reach the log.
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE if check_crc else fitdecode.CrcCheck.DISABLED,
            error_handling=fitdecode.ErrorHandling.IGNORE,
        ) as reader:
            yield from reader
    except fitdecode.FitEOFError as error:
        raise ImportRefused("truncated FIT file (unexpected end of data)") from error
    except fitdecode.FitCRCError as error:
        raise ImportRefused("corrupt FIT file (checksum mismatch)") from error
    except fitdecode.FitHeaderError as error:
        raise ImportRefused("corrupt FIT file (bad header)") from error
    except fitdecode.FitParseError as error:
        detail = re.sub(r"^FIT parsing error @ \d+: ", "", str(error))
        raise ImportRefused(f"corrupt FIT file ({detail})") from error
    # fitdecode is pure Python: hostile bytes can surface as any built-in error, and each means a corrupt file.
    except Exception as error:
        raise ImportRefused(f"corrupt FIT file ({type(error).__name__})") from error


class _RecordRows:
    """Record messages one at a time, as the bulk decoder reads them: see FitContent.columns."""

    def __init__(self) -> None:
        self._rows: dict[str, list[float]] = {name: [] for name in RECORD_COLUMNS}

    def add(self, values: dict[str, Any]) -> None:
        when = values.get("timestamp")
        fraction = _first_number(values, "fractional_cadence")
        row = {
            # A timestamp under 0x10000000 is seconds since the device powered on (decoded as an int): no clock.
            "seconds": when.timestamp() if isinstance(when, datetime) else math.nan,
            "distance": _first_number(values, "distance"),
            "altitude": _first_number(values, "enhanced_altitude", "altitude"),
            "hr": _first_number(values, "heart_rate"),
            "cadence": _first_number(values, "cadence") + (fraction if math.isfinite(fraction) else 0.0),
            "lat": _first_number(values, "position_lat") * SEMICIRCLE_DEGREES,
            "lon": _first_number(values, "position_long") * SEMICIRCLE_DEGREES,
        }
        for name, column in self._rows.items():
            column.append(row[name])

    def columns(self) -> Columns:
        return {name: np.array(values, dtype=np.float64) for name, values in self._rows.items()}


def _values(message: Any) -> dict[str, Any]:
    # Later fields of the same name win, as in a dict built in message order (developer fields come last).
    return {item.name: item.value for item in message.fields}


def _first_number(values: dict[str, Any], *names: str) -> float:
    for name in names:
        value = values.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return math.nan
