"""Record messages decoded together, a definition at a time, from a numpy array of their bytes: the track columns.

The columns follow fitdecode's rules to the bit (scale then offset in float64, invalid values dropped, timestamps
under 0x10000000 meaning "no clock", altitude's expansion into enhanced_altitude).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .. import fit_fitdecode
from ..fit_fitdecode import RECORD_COLUMNS, SEMICIRCLE_DEGREES, Columns, FitContent
from .walk import Definition, FitNotBulk

TIMESTAMP = 253
FIT_EPOCH_UNIX_S = 631065600  # 1989-12-31T00:00:00Z, FIT's zero
FIT_TIMESTAMP_MIN = 0x10000000  # below: seconds since the device powered on
_POSITION_LAT, _POSITION_LONG, _ALTITUDE, _HEART_RATE, _CADENCE, _DISTANCE = 0, 1, 2, 3, 4, 5
_COMPRESSED_SPEED_DISTANCE, _FRACTIONAL_CADENCE, _ENHANCED_ALTITUDE = 8, 53, 78
# FIT base types with a numeric meaning: numpy type and the value meaning "invalid" (None: NaN for floats).
BASE_TYPES: dict[int, tuple[str, int | None]] = {
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
RECORD_FIELD_NAMES = frozenset(name for name, _scale, _offset in _PROFILE.values())


def record_columns(data: bytes, definitions: list[Definition]) -> Columns:
    """The record messages of every definition, decoded per definition and put back in file order."""
    if not definitions:
        return FitContent().columns
    buffer = np.frombuffer(data, dtype=np.uint8)
    parts = [_decode_records(buffer, definition) for definition in definitions]
    offsets = np.concatenate([np.asarray(d.offsets, dtype=np.int64) for d in definitions])
    order = np.argsort(offsets, kind="stable")
    return {name: np.concatenate([part[name] for part in parts])[order] for name in RECORD_COLUMNS}


def _decode_records(buffer: npt.NDArray[np.uint8], definition: Definition) -> Columns:
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
    definition: Definition, altitude: npt.NDArray[np.float64], enhanced: npt.NDArray[np.float64]
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
    known = BASE_TYPES.get(base_type)
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
