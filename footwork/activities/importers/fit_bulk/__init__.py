"""FIT decoded in bulk: record messages as numpy columns, the few summary fields read straight from their bytes.

fitdecode decodes every field of every message in Python, about 600 ms for a one-hour run. Here each file of a
chain is checked against its CRC (crc.py, with numpy), walked once to note where each message starts (walk.py), the
record messages of each definition are decoded together from a numpy array of their bytes (records.py), and of the
handful of summary messages (file_id, sport, session, developer field descriptions) only the fields the import reads
are decoded, with fitdecode's profile, exactly as fitdecode decodes them (summary.py).

Whatever this decoder does not follow raises FitNotBulk and the caller decodes the file with fitdecode instead,
which also words the refusal of a broken file: compressed timestamp headers, compressed speed/distance, array-sized
or oddly typed record or summary fields, developer fields named like a field the import reads, a checksum mismatch,
a truncated file. test_fit_decoder.py proves both decoders agree on every FIT fixture.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..fit_fitdecode import RECORD, FitContent
from .crc import crc16
from .records import RECORD_FIELD_NAMES, record_columns
from .summary import add_summaries
from .walk import FitNotBulk, walk_messages

__all__ = ["FitNotBulk", "crc16", "iter_files"]


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
    definitions = walk_messages(data, start + data[start], end)
    content = FitContent()
    add_summaries(content, data, definitions)
    records = [d for d in definitions if d.global_number == RECORD and d.offsets]
    if any(d.has_developer_fields for d in records) and content.developer_field_names & RECORD_FIELD_NAMES:
        raise FitNotBulk("a developer field is named like a record field")
    content.columns = record_columns(data, records)
    return content
