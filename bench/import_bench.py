"""Benchmark: a synthetic Strava export of N runs imported end to end, beside a plain reference decode of the same zip.

Run by hand: `make bench`, or `.venv/bin/python bench/import_bench.py [--count 1000] [--workers N]` after
`pip install -e '.[bench]'` (the reference decoders). The goals (issue 12): a first import of 1,000 activities under
2.5 s on 2 cores, at least 20 times the reference decode's speed measured in the same run, a re-import of the same
export (every member a duplicate) under 0.5 s per 1,000, and under 200 MB for the whole process tree (the parser
pool included) at 1,000 and at 5,000 activities. --workers sets FOOTWORK_IMPORT_WORKERS (1: parse inline, no pool).
The imports run as `footwork import` runs them: from a file, without Django's query log.

The archive is built from the test fixtures: 75 % FIT, the rest GPX and TCX, every member gzipped, with Strava's
activities.csv. Each activity is made unique by shifting all of its times by its own number of 3-hour steps: in
GPX and TCX by rewriting the ISO times in the text; in FIT by walking the messages, shifting every timestamp field
(253, file_id.time_created, session/lap start_time, activity local_timestamp) and recomputing the file CRC. A FIT
fixture the walker cannot shift cleanly (its re-parse fails or its start does not move) is left out of the pool.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from footwork.activities.importers.fit_bulk import crc16  # noqa: E402  (after the path: run as a script)

FIXTURES = ROOT / "footwork" / "activities" / "tests" / "fixtures"
FIT_RUNS = [
    "10kUNLP2014-Garmin15.fit", "3386684871.fit", "Fr955v19.28andStryd.fit", "Move_2020_01_15_19_27_16_Running.fit",
    "activity-small-fenix2-run.fit", "developer-types-sample.fit", "2013-02-06-12-11-14.fit", "HRV-Data.fit",
]  # fmt: skip
TEXT_RUNS = [
    "gpx/fittrackee-e2e-test.gpx", "gpx/korita-zbevnica.gpx", "gpx/cerknicko-jezero.gpx",
    "tcx/10kUNLP2014-Garmin15.tcx", "tcx/tcxparser-test.tcx",
]  # fmt: skip
STEP = timedelta(hours=3)
FIT_EPOCH_OFFSET = 631065600  # seconds from 1970 to FIT's 1989-12-31
STRAVA_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description", "Elapsed Time",
    "Distance", "Max Heart Rate", "Relative Effort", "Commute", "Activity Private Note", "Activity Gear", "Filename",
]  # fmt: skip
_ISO = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")
# (global message, field) pairs holding a date_time besides field 253 (timestamp) in every message.
_TIME_FIELDS = {(0, 4), (18, 2), (19, 2), (34, 5)}


def shift_fit(data: bytes, seconds: int) -> bytes:
    """Every date_time field moved by seconds; raises ValueError on a layout it does not follow."""
    out = bytearray(data)
    header_size = data[0]
    (data_size,) = struct.unpack_from("<I", data, 4)
    end = header_size + data_size
    definitions: dict[int, tuple[int, str, list[tuple[int, int]], int]] = {}
    at = header_size
    while at < end:
        head = data[at]
        at += 1
        if head & 0x80:  # compressed timestamp header: offsets from the last (shifted) timestamp
            local = (head >> 5) & 0x3
        elif head & 0x40:
            arch = "<" if data[at + 1] == 0 else ">"
            (number,) = struct.unpack_from(arch + "H", data, at + 2)
            count = data[at + 4]
            fields = [(data[at + 5 + 3 * i], data[at + 6 + 3 * i]) for i in range(count)]
            at += 5 + 3 * count
            developer = 0
            if head & 0x20:
                developer_count = data[at]
                developer = sum(data[at + 2 + 3 * i] for i in range(developer_count))
                at += 1 + 3 * developer_count
            definitions[head & 0x0F] = (number, arch, fields, developer)
            continue
        else:
            local = head & 0x0F
        number, arch, fields, developer = definitions[local]
        for field, size in fields:
            if size == 4 and (field == 253 or (number, field) in _TIME_FIELDS):
                (value,) = struct.unpack_from(arch + "I", out, at)
                if value != 0xFFFFFFFF and value >= 0x10000000:
                    struct.pack_into(arch + "I", out, at, value + seconds)
            at += size
        at += developer
    if at != end:
        raise ValueError("walk did not end at the data end")
    del out[end:]
    return bytes(out) + struct.pack("<H", crc16(bytes(out)))


def shift_text(data: bytes, seconds: int) -> bytes:
    def moved(match: re.Match[bytes]) -> bytes:
        moment = datetime.fromisoformat(match.group().decode().replace("Z", "+00:00"))
        return (moment + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z").encode()

    return _ISO.sub(moved, data)


def fit_pool() -> list[tuple[str, bytes]]:
    from footwork.activities.importers import parse_bytes

    pool = []
    for name in FIT_RUNS:
        data = (FIXTURES / "fit" / name).read_bytes()
        try:
            shifted = shift_fit(data, 3600)
            if parse_bytes(name, shifted).start - parse_bytes(name, data).start == timedelta(hours=1):
                pool.append((name, data))
            else:
                print(f"  left out {name}: its start did not move", file=sys.stderr)
        except Exception as error:  # a fixture the simple walker cannot follow
            print(f"  left out {name}: {error!r}", file=sys.stderr)
    return pool


def build_archive(count: int) -> bytes:
    """activities.csv plus `count` gzipped members, 75 % FIT, each shifted by its own number of STEPs."""
    fits = fit_pool()
    texts = [(Path(name).name, (FIXTURES / name).read_bytes()) for name in TEXT_RUNS]
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(STRAVA_HEADER)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            seconds = int(STEP.total_seconds()) * (index + 1)
            if index % 4 != 3:
                name, data = fits[index % len(fits)]
                member = shift_fit(data, seconds)
            else:
                name, data = texts[index % len(texts)]
                member = shift_text(data, seconds)
            extension = "".join(Path(name).suffixes)
            filename = f"activities/{index + 1}{extension}.gz"
            archive.writestr(filename, gzip.compress(member, 6))
            writer.writerow(
                [index + 1, "", f"Run {index + 1}", "Run", "", "", "", "", "", "false", "", "", filename]
            )
        archive.writestr("activities.csv", rows.getvalue())
    return buffer.getvalue()


def reference(archive_path: Path) -> int:
    """The plain way, as the issue defines it: fitdecode for FIT, gpxpy for GPX, tcxreader for TCX, every record
    decoded, nothing stored; returns the points seen."""
    try:
        import fitdecode
        import gpxpy
        from tcxreader.tcxreader import TCXReader
    except ImportError as error:
        raise SystemExit(
            f"the reference decoders are missing ({error}): `make bench` installs them"
        ) from error

    points = 0
    tcx_reader = TCXReader()
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(archive_path) as archive:
        tcx_path = Path(folder) / "activity.tcx"  # tcxreader reads from a path only
        for info in archive.infolist():
            if not info.filename.endswith(".gz"):
                continue
            data = gzip.decompress(archive.read(info))
            if info.filename.endswith(".fit.gz"):
                with fitdecode.FitReader(io.BytesIO(data)) as reader:
                    for frame in reader:
                        if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                            points += 1
            elif info.filename.endswith(".gpx.gz"):
                gpx = gpxpy.parse(data.decode("utf-8"))
                points += sum(len(segment.points) for track in gpx.tracks for segment in track.segments)
            else:
                tcx_path.write_bytes(data)
                points += len(tcx_reader.read(str(tcx_path), only_gps=False).trackpoints)
    return points


class TreeMemory:
    """Samples the resident memory of this process and its descendants (the parser pool) to find the peak (Linux)."""

    def __init__(self, every_s: float = 0.1) -> None:
        self.peak = 0
        self.cpu_s = 0.0
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        # Per process below this one: the CPU ticks it had when last seen (the parser pool's CPU, sampled).
        self.cpu_ticks: dict[int, int] = {}

    def children_cpu_s(self) -> float:
        """CPU seconds of the processes below this one, as last sampled (a worker's last moments may be missed)."""
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._every_s):
            self.peak = max(self.peak, tree_rss(os.getpid(), self.cpu_ticks))
        # The sampler's own CPU, left out of the import's.
        self.cpu_s = time.thread_time()

    @staticmethod
    def available() -> bool:
        return Path("/proc/self/status").exists()


def tree_rss(root: int, cpu_ticks: dict[int, int] | None = None) -> int:
    """Bytes resident in root and every process below it (its fork server and the parser workers).

    cpu_ticks, when given, gets the user and system CPU ticks of every process below root.
    """
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name is in parentheses and may hold spaces: the parent pid is the second field after it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            pid = int(stat.parent.name)
            parents[pid] = int(fields[1])
            ticks[pid] = int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= below
        grew = bool(below)
    if cpu_ticks is not None:
        cpu_ticks.update({pid: ticks[pid] for pid in tree - {root} if pid in ticks})
    return sum(resident(pid) for pid in tree)


def resident(pid: int) -> int:
    """A process's proportional resident set (shared pages split among their sharers), else its plain RSS."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            lines = Path(path).read_text().splitlines()
        except OSError:
            continue
        found = next((int(line.split()[1]) * 1024 for line in lines if line.startswith(key)), None)
        if found is not None:
            return found
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--workers", type=int, default=None, help="FOOTWORK_IMPORT_WORKERS (default: the CPUs)"
    )
    parser.add_argument(
        "--no-reference", action="store_true", help="skip the reference decode (minutes at 5,000): no ratio"
    )
    parser.add_argument("--write-archive", type=Path, help=argparse.SUPPRESS)  # the child that builds the zip
    arguments = parser.parse_args()
    if arguments.write_archive is not None:
        arguments.write_archive.write_bytes(build_archive(arguments.count))
        return
    if arguments.workers is not None:
        os.environ["FOOTWORK_IMPORT_WORKERS"] = str(arguments.workers)
    workdir = Path(tempfile.mkdtemp(prefix="footwork-import-bench-"))
    os.environ["FOOTWORK_DATA_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "footwork.config.settings")
    # The database is made and the zip built by child processes: this process then holds what `footwork import`
    # holds, not the migrations' state or the zip's building (some 40 MB the tree's memory would count otherwise).
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"], check=True)
    archive_path = workdir / "export.zip"
    print(f"building a Strava-style zip of {arguments.count} activities…")
    build = [sys.executable, __file__, "--count", str(arguments.count), "--write-archive", str(archive_path)]
    subprocess.run(build, check=True)
    print(f"  {archive_path.stat().st_size / 1024 / 1024:.1f} MB")
    import django

    django.setup()
    from django.conf import settings

    from footwork.accounts.tests.factories import runner as make_runner
    from footwork.activities import services
    from footwork.activities.models import Run

    runner = make_runner(email="bench@example.test")
    first = timed_import(services.import_files, runner, archive_path)
    again = timed_import(services.import_files, runner, archive_path)
    started = time.perf_counter()
    points = 0 if arguments.no_reference else reference(archive_path)
    reference_s = time.perf_counter() - started
    report = first.report
    print(
        f"first import: imported {len(report.imported)}, duplicates {len(report.duplicates)}, skipped "
        f"{len(report.skipped)}, refused {len(report.refused)}; {Run.objects.count()} runs stored; "
        f"re-import: {len(again.report.duplicates)} duplicates, {len(again.report.imported)} imported"
    )
    per_1000 = 1000 / arguments.count
    speed_up = reference_s / first.elapsed
    tree = TreeMemory.available()
    peak = max(first.peak, again.peak)
    rows = [
        ("first import", f"{first.elapsed:.2f} s ({arguments.count / first.elapsed:.0f} activities/s)",
         "< 2.5 s per 1,000", first.elapsed * per_1000 < 2.5),
        ("re-import (all duplicates)", f"{again.elapsed:.2f} s", "< 0.5 s per 1,000", again.elapsed * per_1000 < 0.5),
        ("CPU, first import", f"{first.cpu:.1f} s (the parser pool's sampled; this process {first.main_cpu:.1f} s)",
         "", None),
        ("CPU, re-import", f"{again.cpu:.2f} s", "", None),
        ("peak memory, process tree", f"{peak / 1e6:.0f} MB" if tree else "n/a (no /proc)", "< 200 MB",
         peak < 200e6 if tree else None),
    ]  # fmt: skip
    if not arguments.no_reference:
        rows += [
            ("reference decode", f"{reference_s:.1f} s ({points} points; fitdecode, gpxpy, tcxreader)", "", None),
            ("speed-up over the reference", f"{speed_up:.0f}×", "≥ 20×", speed_up >= 20),
        ]  # fmt: skip
    print(f"{settings.FOOTWORK_IMPORT_WORKERS} parser worker(s), {os.cpu_count()} CPUs")
    for label, figure, goal, met in rows:
        verdict = "" if met is None else ("  met" if met else "  NOT MET")
        print(f"  {label:30} {figure:58} {goal:18}{verdict}")
    for outcome in (report.duplicates + report.refused)[:5]:
        print(f"  {outcome.name}: {outcome.reason}")
    single_upload(services.import_files, make_runner)


@dataclass
class Timed:
    report: Any
    elapsed: float
    cpu: float
    main_cpu: float
    peak: int


def timed_import(import_files: Callable[..., Any], runner: Any, archive_path: Path) -> Timed:
    """One import of the zip, as `footwork import` does it: wall time, CPU of the process tree, peak tree memory."""
    from footwork.activities.services.imports import without_query_log

    cpu = time.process_time()
    started = time.perf_counter()
    with TreeMemory() as memory, archive_path.open("rb") as archive_file, without_query_log():
        report = import_files(actor=runner, files=[("export.zip", archive_file)])
    elapsed = time.perf_counter() - started
    main_cpu = time.process_time() - cpu - memory.cpu_s
    return Timed(report, elapsed, main_cpu + memory.children_cpu_s(), main_cpu, memory.peak)


def single_upload(
    import_files: Callable[..., Any], make_runner: Callable[..., Any], repeats: int = 15
) -> None:
    """One 1-hour FIT uploaded and stored end to end (parse, duplicate checks, insert, original kept), median."""
    name = "Fr955v19.28andStryd.fit"
    data = (FIXTURES / "fit" / name).read_bytes()
    times = []
    for index in range(repeats):
        runner = make_runner(email=f"single-{index}@example.test")  # a new runner: never a duplicate
        started = time.perf_counter()
        report = import_files(actor=runner, files=[(name, data)])
        times.append(time.perf_counter() - started)
        assert len(report.imported) == 1, report
    print(f"single upload of a 1-hour FIT ({name}), stored: {statistics.median(times) * 1000:.0f} ms median")


if __name__ == "__main__":
    main()
