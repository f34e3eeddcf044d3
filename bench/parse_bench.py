"""Benchmark: one upload parsed (decode, checks, totals, compact track), beside fitdecode decoding the same bytes.

Run by hand: `.venv/bin/python bench/parse_bench.py`. Goals: a 1-hour run under 300 ms (median), a 3-hour 1 MB
file under 1 s. The 3-hour file is the 1-hour fixture's messages written three times over, each copy shifted to
follow the one before (import_bench.shift_fit), in one FIT file with a fresh checksum.
"""

from __future__ import annotations

import io
import statistics
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import fitdecode  # type: ignore[import-untyped]  # noqa: E402

from bench.import_bench import FIXTURES, shift_fit  # noqa: E402
from footwork.activities.importers import parse_bytes  # noqa: E402
from footwork.activities.importers.fit_bulk import crc16  # noqa: E402

TYPICAL = "Fr955v19.28andStryd.fit"  # 52 min of running at 1 s, with Stryd developer fields
REPEATS = 15


def three_hours(data: bytes, seconds: int) -> bytes:
    """The file's data three times (2.6 hours and 1 MB from the 52-minute fixture), each copy `seconds` later than the one before, with a new header and CRC."""
    header_size = data[0]
    bodies = [shift_fit(data, copy * seconds)[header_size:-2] for copy in range(3)]
    body = b"".join(bodies)
    header = (
        data[:4] + struct.pack("<I", len(body)) + data[8:12] + (b"\x00\x00" if header_size == 14 else b"")
    )
    return header + body + struct.pack("<H", crc16(header + body))


def median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def fitdecode_all(data: bytes) -> int:
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        return sum(1 for frame in reader if frame.frame_type == fitdecode.FIT_FRAME_DATA)


def main() -> None:
    typical = (FIXTURES / "fit" / TYPICAL).read_bytes()
    activity = parse_bytes(TYPICAL, typical)
    long_run = three_hours(typical, int(activity.elapsed_s) + 60)
    long_activity = parse_bytes("three-hours.fit", long_run)
    for label, data, parsed in (("typical FIT", typical, activity), ("long FIT", long_run, long_activity)):
        ours = median_ms(lambda data=data: parse_bytes("run.fit", data))
        reference = median_ms(lambda data=data: fitdecode_all(data))
        print(
            f"{label}: {len(data) / 1e6:.2f} MB, {parsed.elapsed_s / 3600:.2f} h, {len(parsed.track)} points: "
            f"footwork {ours:.1f} ms median; fitdecode alone {reference:.0f} ms ({reference / ours:.0f}x)"
        )
    for name in ("gpx/korita-zbevnica.gpx", "tcx/10kUNLP2014-Garmin15.tcx"):
        data = (FIXTURES / name).read_bytes()
        ours = median_ms(lambda name=name, data=data: parse_bytes(name, data))
        print(f"{name}: {len(data) / 1e6:.2f} MB: footwork {ours:.1f} ms median")


if __name__ == "__main__":
    main()
