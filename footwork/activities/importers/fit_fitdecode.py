"""FIT read through fitdecode, the reference decoder: every field of every message, in pure Python.

parse_fit uses it for the few summary messages of every file and, when the bulk decoder (fit_bulk.py) does not
follow a file, for the whole of it; its errors become refusals with a reason.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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

    def add_summary(self, message: Any) -> None:
        """Take what the import needs from one of the SUMMARY_MESSAGES (fitdecode's data message)."""
        number = message.global_mesg_num
        if number == 18:
            self.sessions.append(_values(message))
        elif number == 0:
            file_type = _values(message).get("type")
            self.file_type = None if file_type is None else str(file_type)
        elif number == 12 and self.sport_message is None:
            self.sport_message = _values(message)
        elif number == 206:
            name = _values(message).get("field_name")
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
                current.add_summary(frame)
        elif kind == fitdecode.FIT_FRAME_CRC:
            current.columns = rows.columns()
            yield current


def summary_messages(data: bytes) -> Iterator[Any]:
    """The data messages of a FIT stream whose checksum was already checked (the bulk decoder's summary file)."""
    for frame in frames(data, check_crc=False):
        if frame.frame_type == fitdecode.FIT_FRAME_DATA:
            yield frame


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
