"""Benchmark: 10 years of daily data through footwork.activities.load.compute(); prints the median time in ms.

Run by hand: `.venv/bin/python bench/load_bench.py`. Target: under 50 ms on a laptop.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from footwork.activities.load import DayLoad, compute

YEARS = 10
RUNS = 15
TARGET_MS = 50.0


def ten_years(seed: int = 2025) -> list[DayLoad]:
    """A plausible runner: 4-6 runs a week with rest days, strength days and the odd long run (fixed seed)."""
    rng = random.Random(seed)
    start = date(2015, 1, 5)
    days: list[DayLoad] = []
    for i in range(YEARS * 365):
        kind = rng.random()
        if kind < 0.25:  # rest
            days.append(DayLoad(start + timedelta(days=i), 0.0, 0.0, 0.0, 0, 0.0))
            continue
        km = 0.0 if kind < 0.35 else rng.uniform(5, 14) if kind < 0.9 else rng.uniform(16, 32)
        minutes = km * rng.uniform(4.5, 6.5) if km else rng.uniform(25, 45)
        rpe = rng.randint(2, 8)
        days.append(DayLoad(start + timedelta(days=i), km, minutes, rpe * minutes, 1 if km else 0, km))
    return days


def main() -> None:
    days = ten_years()
    compute(days)  # warm-up: imports, caches
    times_ms: list[float] = []
    for _ in range(RUNS):
        began = time.perf_counter()
        report = compute(days)
        times_ms.append((time.perf_counter() - began) * 1000)
    median = statistics.median(times_ms)
    verdict = "OK" if median < TARGET_MS else "SLOW"
    print(
        f"compute(): {len(days)} days, {len(report.weekly)} weeks, {len(report.warnings)} warnings; "
        f"median {median:.1f} ms over {RUNS} runs (min {min(times_ms):.1f}, max {max(times_ms):.1f}); "
        f"target < {TARGET_MS:.0f} ms: {verdict}"
    )


if __name__ == "__main__":
    main()
