"""Running-load metrics (CLINICAL.md section A "Load metrics" and §5): daily series, ACWR, fitness/fatigue, warnings.

Pure: standard library and numpy only; every threshold and window comes from footwork.core.rules. Same input, same
output. Load is session RPE × minutes (Foster 2001), summed over the day's runs and strength sessions.

Interpretations the rules leave open (each says why in the code):
- The series is one row per calendar day with no gaps; compute() refuses gaps, duplicates and disorder rather than
  guessing, because every window below counts days, not rows.
- History starts on the first day of the series with anything recorded (a run, a strength session, load or
  minutes): days before it are unknown, not rest, so a series that starts earlier (a page showing the last 90 days
  of a runner who began yesterday) must not make their first day look like a spike.
- A ratio that is undefined (fewer than ACWR_CHRONIC_DAYS days of history, a zero denominator) or not finite is None.
- A day's duration counts every session (runs and strength), like its load; distance, runs and the longest run count
  runs only. A CSV row with 0 km is not a run (a strength or cross-training session, or a rest day written out).
- The ACWR spike warning is reported on the first day of each stretch of days above ACWR_SPIKE, not every day of it.
- The weekly distance rule needs both previous ISO weeks complete in the series (7 days each) and each with a
  record: a week cut by the start of the series, or one from before the first record, would understate the reference
  and warn for nothing.
- The long-run rule compares a day's longest run with the longest run of the previous LONG_RUN_LOOKBACK_DAYS days
  (today excluded) that lie in the series: before its first day nothing was recorded.
- Percent comparisons are made at 1e-6 precision, so that float sums such as 0.1 + 0.2 do not cross a threshold
  that the written figures do not cross.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from footwork.core.rules import (
    ACWR_ACUTE_DAYS,
    ACWR_CHRONIC_DAYS,
    ACWR_SPIKE,
    FATIGUE_DAYS,
    FITNESS_DAYS,
    LONG_RUN_LOOKBACK_DAYS,
    LONG_RUN_RISE_PERCENT,
    MAX_TIME_CONSTANT_DAYS,
    WEEKLY_DISTANCE_RISE_PERCENT,
)
from footwork.core.units import KM, distance_text, units_or_km
from footwork.core.wording import day_label

__all__ = [
    "ACWR_CAVEAT",
    "CSV_COLUMNS",
    "DEFAULT_TIME_CONSTANTS",
    "WARNING_KINDS",
    "DailyMetrics",
    "DayLoad",
    "InvalidTimeConstant",
    "LoadReport",
    "Session",
    "TimeConstants",
    "Warning",
    "WeekTotals",
    "compute",
    "daily_loads",
    "parse_daily_csv",
    "report_document",
    "warnings_for",
    "weekly_totals",
]

FloatArray = npt.NDArray[np.float64]

# Sources of the caveat: Lolli 2019 (the coupling), Impellizzeri and colleagues 2020-2021 (no predictive value).
ACWR_CAVEAT = (
    "The acute:chronic workload ratio puts the last 7 days inside the 28-day average it is divided by, which builds "
    "in a spurious correlation, so the uncoupled ratio is shown beside it. Later studies got the same injury "
    "associations with fixed or random chronic loads and found no predictive value, "
    "so read the ratio as a trend to check, never as a gate or an injury forecast."
)

CSV_COLUMNS: tuple[str, ...] = ("date", "distance_km", "duration_min", "rpe")
# Warnings of one day come out in this order.
WARNING_KINDS: tuple[str, ...] = ("acwr_spike", "weekly_distance", "long_run")

_RPE_MAX = 10.0  # CR-10 scale
# The uncoupled chronic window: days t-27..t-7, the chronic window without the acute week.
_PRIOR_DAYS = ACWR_CHRONIC_DAYS - ACWR_ACUTE_DAYS
# Percent comparisons ignore float noise below this many decimals (see the module docstring).
_COMPARE_DECIMALS = 6
_DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
# Plain decimal numbers only: float() would also take "nan", "inf" and "1_000".
_NUMBER_PATTERN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


@dataclass(frozen=True)
class Session:
    """One run or strength session as recorded."""

    date: date
    distance_km: float  # 0 for strength
    duration_min: float
    rpe: float | None  # CR-10; None → no load counted (distance still counts)
    elevation_m: float = 0.0
    is_run: bool = True


@dataclass(frozen=True)
class DayLoad:
    date: date
    distance_km: float
    duration_min: float
    load: float  # session RPE × minutes (Foster 2001), summed over the day's sessions (runs and strength)
    runs: int
    longest_run_km: float


@dataclass(frozen=True)
class DailyMetrics:
    date: date
    load: float
    distance_km: float
    acwr_rolling: float | None  # mean(load t-6..t) / mean(load t-27..t)
    acwr_uncoupled: float | None  # mean(t-6..t) / mean(t-27..t-7)
    acwr_ewma: float | None  # EWMA acute (N=7) / EWMA chronic (N=28), both 0 before the first day
    fitness: float  # fitness_t = fitness_{t-1} + (load_t - fitness_{t-1}) / fitness_days
    fatigue: float  # same with fatigue_days
    form: float  # fitness_{t-1} - fatigue_{t-1}


@dataclass(frozen=True)
class WeekTotals:
    week: str  # ISO week "YYYY-Www"
    start: date  # its Monday
    distance_km: float
    duration_min: float
    load: float
    runs: int
    elevation_m: float = 0.0


@dataclass(frozen=True)
class Warning:  # shadows the builtin by design (the interface); import it under another name where that matters
    date: date
    kind: str  # "acwr_spike" | "weekly_distance" | "long_run"
    message: str  # in km, as the API gives it
    # The two distances the message names, in km (the week's total and the reference; the run and the longest
    # before it), so that a page or table in miles can word it again.
    distances_km: tuple[float, ...] = ()

    def message_in(self, units: str) -> str:
        """The message with its distances in units ("km" or "mi")."""
        if units_or_km(units) == KM or len(self.distances_km) != 2:
            return self.message
        first, second = self.distances_km
        if self.kind == "weekly_distance":
            return _weekly_message(self.date - timedelta(days=self.date.weekday()), first, second, units)
        if self.kind == "long_run":
            return _long_run_message(first, second, units)
        return self.message


@dataclass(frozen=True)
class LoadReport:
    daily: tuple[DailyMetrics, ...]
    weekly: tuple[WeekTotals, ...]
    warnings: tuple[Warning, ...]


# --- Daily series ---------------------------------------------------------------------------------------------------


def daily_loads(
    sessions: Iterable[Session], start: date | None = None, end: date | None = None
) -> list[DayLoad]:
    """One row per calendar day from start (default: first session) to end (default: last session), rest days 0.

    Sessions outside [start, end] are left out.
    """
    by_day: dict[date, list[Session]] = {}
    for session in sessions:
        _check_session(session)
        by_day.setdefault(session.date, []).append(session)
    if start is not None and end is not None and start > end:
        raise ValueError(f"start {start.isoformat()} is after end {end.isoformat()}")
    first = start if start is not None else min(by_day, default=end)
    last = end if end is not None else max(by_day, default=start)
    if first is None or last is None or first > last:
        return []  # a defaulted bound beyond the other one: no day to show
    return [
        _day_load(first + timedelta(days=i), by_day.get(first + timedelta(days=i), []))
        for i in range((last - first).days + 1)
    ]


def _check_session(session: Session) -> None:
    for name in ("distance_km", "duration_min"):
        value = getattr(session, name)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"session of {session.date.isoformat()}: {name} {value} must be a number ≥ 0")
    if session.rpe is not None and not 0 <= session.rpe <= _RPE_MAX:
        raise ValueError(f"session of {session.date.isoformat()}: rpe {session.rpe} is outside 0-10")


def _day_load(day: date, sessions: Sequence[Session]) -> DayLoad:
    runs = [s for s in sessions if s.is_run]
    return DayLoad(
        date=day,
        distance_km=sum(s.distance_km for s in runs),
        duration_min=sum(s.duration_min for s in sessions),
        load=sum(s.rpe * s.duration_min for s in sessions if s.rpe is not None),
        runs=len(runs),
        longest_run_km=max((s.distance_km for s in runs), default=0.0),
    )


# --- Metrics --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeConstants:
    """The fitness and fatigue curves' time constants in days (42 and 7 by default; settable, CLINICAL §5).

    Whole days from 1 to MAX_TIME_CONSTANT_DAYS, fatigue shorter than fitness (otherwise "form" inverts); ValueError
    says which is wrong.
    """

    fitness_days: int = FITNESS_DAYS
    fatigue_days: int = FATIGUE_DAYS

    def __post_init__(self) -> None:
        for name in ("fitness_days", "fatigue_days"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 1 <= value <= MAX_TIME_CONSTANT_DAYS
            ):
                raise InvalidTimeConstant(name, f"a whole number of days from 1 to {MAX_TIME_CONSTANT_DAYS}")
        if self.fatigue_days >= self.fitness_days:
            raise InvalidTimeConstant("fatigue_days", "shorter than fitness_days")

    @classmethod
    def of(cls, fitness_days: int | None = None, fatigue_days: int | None = None) -> TimeConstants:
        """The constants asked for, the default where None."""
        return cls(
            fitness_days=FITNESS_DAYS if fitness_days is None else fitness_days,
            fatigue_days=FATIGUE_DAYS if fatigue_days is None else fatigue_days,
        )


class InvalidTimeConstant(ValueError):
    """A time constant out of bounds: .field names it ("fitness_days" or "fatigue_days")."""

    def __init__(self, field: str, expected: str) -> None:
        super().__init__(f"{field} must be {expected}")
        self.field = field


DEFAULT_TIME_CONSTANTS = TimeConstants()


def compute(days: Sequence[DayLoad], constants: TimeConstants = DEFAULT_TIME_CONSTANTS) -> LoadReport:
    """Daily metrics, ISO-week totals and warnings of a gap-free daily series."""
    _check_series(days)
    metrics = _daily_metrics(days, constants)
    return LoadReport(
        daily=tuple(metrics),
        weekly=tuple(weekly_totals(days)),
        warnings=tuple(warnings_for(days, metrics)),
    )


def _check_series(days: Sequence[DayLoad]) -> None:
    # Windows count days, so a missing or repeated day would shift every ratio silently.
    for previous, current in pairwise(days):
        if current.date != previous.date + timedelta(days=1):
            raise ValueError(
                f"days must be consecutive calendar days: {current.date.isoformat()} follows "
                f"{previous.date.isoformat()} (use daily_loads() to fill rest days)"
            )
    for day in days:
        if not (
            math.isfinite(day.load)
            and day.load >= 0
            and math.isfinite(day.distance_km)
            and day.distance_km >= 0
        ):
            raise ValueError(f"day {day.date.isoformat()}: load and distance must be numbers ≥ 0")


def _recorded(day: DayLoad) -> bool:
    """Something was recorded that day: a run, or a session with minutes or load."""
    return day.runs > 0 or day.duration_min > 0 or day.load > 0 or day.distance_km > 0


def _history_start(days: Sequence[DayLoad]) -> int:
    """The index of the first recorded day; len(days) when nothing is recorded."""
    return next((i for i, day in enumerate(days) if _recorded(day)), len(days))


def _daily_metrics(days: Sequence[DayLoad], constants: TimeConstants) -> list[DailyMetrics]:
    loads = np.array([day.load for day in days], dtype=np.float64)
    # Every ratio needs ACWR_CHRONIC_DAYS days of history, counted from the first recorded day (CLINICAL section A).
    first_defined = _history_start(days) + ACWR_CHRONIC_DAYS - 1
    rolling, uncoupled = (_from(values, first_defined) for values in _rolling_ratios(loads))
    acute = _ewma(loads, ACWR_ACUTE_DAYS)
    chronic = _ewma(loads, ACWR_CHRONIC_DAYS)
    ewma = _ratios(acute, chronic, first_defined=first_defined)
    fitness = _impulse_response(loads, constants.fitness_days)
    fatigue = _impulse_response(loads, constants.fatigue_days)
    # Form today is yesterday's fitness minus yesterday's fatigue: today's session has not been absorbed yet.
    form = [0.0, *(f - g for f, g in zip(fitness[:-1], fatigue[:-1], strict=True))][: len(days)]
    return [
        DailyMetrics(day.date, day.load, day.distance_km, r, u, e, fi, fa, fo)
        for day, r, u, e, fi, fa, fo in zip(
            days, rolling, uncoupled, ewma, fitness, fatigue, form, strict=True
        )
    ]


def _from(values: list[float | None], first_defined: int) -> list[float | None]:
    return [None if i < first_defined else value for i, value in enumerate(values)]


def _rolling_ratios(loads: FloatArray) -> tuple[list[float | None], list[float | None]]:
    """Coupled and uncoupled rolling ACWR of each day (CLINICAL §5: Gabbett; Lolli/Windt)."""
    n = len(loads)
    if n < ACWR_CHRONIC_DAYS:
        return [None] * n, [None] * n
    # Window sums as differences of one running total: adding loads ≥ 0 never lowers it and a rest day leaves it
    # unchanged, so an all-rest window is exactly 0 (undefined, not a huge ratio) and no window sum is negative.
    total = np.concatenate(([0.0], np.cumsum(loads)))
    end = np.arange(ACWR_CHRONIC_DAYS, n + 1)  # total[end] includes day t = end - 1
    acute = total[end] - total[end - ACWR_ACUTE_DAYS]  # days t-6..t
    prior = total[end - ACWR_ACUTE_DAYS] - total[end - ACWR_CHRONIC_DAYS]  # days t-27..t-7
    acute_mean = acute / ACWR_ACUTE_DAYS
    chronic_mean = (acute + prior) / ACWR_CHRONIC_DAYS
    prior_mean = prior / _PRIOR_DAYS
    lead: list[float | None] = [None] * (ACWR_CHRONIC_DAYS - 1)
    return lead + _ratios(acute_mean, chronic_mean), lead + _ratios(acute_mean, prior_mean)


def _ratios(numerators: FloatArray, denominators: FloatArray, first_defined: int = 0) -> list[float | None]:
    """numerator ÷ denominator, None where the denominator is 0, the result not finite, or before first_defined."""
    quotients = np.full(len(numerators), np.nan)
    with np.errstate(over="ignore"):  # a tiny denominator may overflow: that ratio becomes None below
        np.divide(numerators, denominators, out=quotients, where=denominators > 0)
    values: list[float] = quotients.tolist()
    return [None if i < first_defined or not math.isfinite(v) else v for i, v in enumerate(values)]


def _ewma(loads: FloatArray, span: int) -> FloatArray:
    """EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}, λ = 2/(span+1), 0 before the first day (Williams 2017)."""
    smoothing = 2 / (span + 1)
    keep = 1 - smoothing
    out = np.empty(len(loads))
    level = 0.0
    # A recurrence: each day needs yesterday's value; a plain loop is well inside the time budget.
    for i, load in enumerate(loads.tolist()):
        level = smoothing * load + keep * level
        out[i] = level
    return out


def _impulse_response(loads: FloatArray, days: int) -> list[float]:
    """level_t = level_{t−1} + (load_t − level_{t−1}) / days, 0 before the first day (CTL/ATL, simple form)."""
    out: list[float] = []
    level = 0.0
    for load in loads.tolist():
        level += (load - level) / days
        out.append(level)
    return out


# --- Weeks ----------------------------------------------------------------------------------------------------------


def weekly_totals(days: Sequence[DayLoad], sessions: Iterable[Session] | None = None) -> list[WeekTotals]:
    """Totals per ISO week of the days given, in date order; elevation from the sessions of those days, if given.

    A week cut by the start or end of the series holds only its days in the series.
    """
    in_series = {day.date for day in days}
    elevation: dict[date, float] = {}
    for session in sessions or ():
        if session.date in in_series:
            monday = _monday(session.date)
            elevation[monday] = elevation.get(monday, 0.0) + session.elevation_m
    return [
        WeekTotals(
            week=_iso_week(monday),
            start=monday,
            distance_km=sum(d.distance_km for d in week),
            duration_min=sum(d.duration_min for d in week),
            load=sum(d.load for d in week),
            runs=sum(d.runs for d in week),
            elevation_m=elevation.get(monday, 0.0),
        )
        for monday, week in sorted(_weeks(days).items())
    ]


def _weeks(days: Sequence[DayLoad]) -> dict[date, list[DayLoad]]:
    """Days grouped by the Monday of their ISO week, in the order the days come."""
    weeks: dict[date, list[DayLoad]] = {}
    for day in days:
        weeks.setdefault(_monday(day.date), []).append(day)
    return weeks


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# --- Warnings -------------------------------------------------------------------------------------------------------


def warnings_for(days: Sequence[DayLoad], metrics: Sequence[DailyMetrics]) -> list[Warning]:
    """Load warnings: guides to check, never gates. Ordered by date, then WARNING_KINDS."""
    if [d.date for d in days] != [m.date for m in metrics]:
        raise ValueError("days and metrics must cover the same dates in the same order")
    found = [*_spike_warnings(metrics), *_weekly_distance_warnings(days), *_long_run_warnings(days)]
    return sorted(found, key=lambda w: (w.date, WARNING_KINDS.index(w.kind)))


def _spike_warnings(metrics: Sequence[DailyMetrics]) -> list[Warning]:
    """EWMA ACWR above ACWR_SPIKE, on the first day of each stretch above it (one spike, one warning)."""
    found: list[Warning] = []
    above_yesterday = False
    for day in metrics:
        ratio = day.acwr_ewma
        above = ratio is not None and ratio > ACWR_SPIKE
        if ratio is not None and above and not above_yesterday:
            found.append(Warning(day.date, "acwr_spike", _spike_message(ratio)))
        above_yesterday = above
    return found


def _spike_message(ratio: float) -> str:
    return (
        f"Your recent load (7-day average, EWMA) is {_above_text(ratio, ACWR_SPIKE, 2)} times your longer-term load (28-day), above "
        f"{ACWR_SPIKE:g}: a large spike: check how your legs and tendons feel before adding more. "
        "The ratio is a guide, not a predictor of injury."
    )


def _weekly_distance_warnings(days: Sequence[DayLoad]) -> list[Warning]:
    """This ISO week's distance above WEEKLY_DISTANCE_RISE_PERCENT % of the mean of the two weeks before (Nielsen 2014).

    Reported on the first day of the week that takes the running total over the line.
    """
    weeks = _weeks(days)
    found: list[Warning] = []
    for monday, week in weeks.items():
        before = [weeks.get(monday - timedelta(weeks=back), []) for back in (1, 2)]
        if any(len(previous) != 7 or not any(map(_recorded, previous)) for previous in before):
            continue  # the rule needs both previous weeks, whole and with records
        reference = sum(sum(d.distance_km for d in previous) for previous in before) / 2
        if reference <= 0:
            continue
        total = 0.0
        for day in week:
            total += day.distance_km
            if _exceeds(total, reference, WEEKLY_DISTANCE_RISE_PERCENT):
                message = _weekly_message(monday, total, reference)
                found.append(Warning(day.date, "weekly_distance", message, (total, reference)))
                break
    return found


def _weekly_message(monday: date, total: float, reference: float, units: str = KM) -> str:
    return (
        f"The week of {day_label(monday)} has reached {distance_text(total, units)}, {_percent_text(total, reference, WEEKLY_DISTANCE_RISE_PERCENT)} % of the "
        f"{distance_text(reference, units)} average of the two weeks before. Rises above {WEEKLY_DISTANCE_RISE_PERCENT} % may raise "
        "the risk of some overuse injuries: consider keeping the rest of the week easy."
    )


def _long_run_warnings(days: Sequence[DayLoad]) -> list[Warning]:
    """A run longer than LONG_RUN_RISE_PERCENT % of the longest run in the previous days (Frandsen 2025)."""
    longest = np.array([day.longest_run_km if day.runs else 0.0 for day in days], dtype=np.float64)
    if not len(longest):
        return []
    # Window t covers days t-LOOKBACK..t-1 (today excluded); zeros stand for the days before the series.
    padded = np.concatenate([np.zeros(LONG_RUN_LOOKBACK_DAYS), longest])
    previous_best: list[float] = (
        sliding_window_view(padded, LONG_RUN_LOOKBACK_DAYS)[: len(days)].max(axis=1).tolist()
    )
    found: list[Warning] = []
    for day, today, best in zip(days, longest.tolist(), previous_best, strict=True):
        if best > 0 and _exceeds(today, best, LONG_RUN_RISE_PERCENT):
            found.append(Warning(day.date, "long_run", _long_run_message(today, best), (today, best)))
    return found


def _long_run_message(run_km: float, best_km: float, units: str = KM) -> str:
    return (
        f"A {distance_text(run_km, units)} run is {_percent_text(run_km, best_km, LONG_RUN_RISE_PERCENT)} % of your longest run in the previous "
        f"{LONG_RUN_LOOKBACK_DAYS} days ({distance_text(best_km, units)}). Single runs more than {LONG_RUN_RISE_PERCENT} % of it "
        "were linked with more injuries: build the long run in smaller steps."
    )


def _exceeds(value: float, reference: float, percent: float) -> bool:
    """value > percent % of reference, ignoring float noise (0.1 + 0.2 must not beat 0.3)."""
    return round(value * 100 - percent * reference, _COMPARE_DECIMALS) > 0


def _percent_text(value: float, reference: float, limit: float) -> str:
    return _above_text(value / reference * 100, limit, 1).removesuffix(".0")


def _above_text(value: float, limit: float, decimals: int) -> str:
    """value with enough decimals to read as above limit: a warning must not say "1.50, above 1.5"."""
    text = f"{value:.{decimals}f}"
    while float(text) <= limit and decimals < _COMPARE_DECIMALS:
        decimals += 1
        text = f"{value:.{decimals}f}"
    return text


# --- Document -------------------------------------------------------------------------------------------------------


def report_document(report: LoadReport) -> dict[str, object]:
    """The JSON document: ratios to 3 decimals, km/load/fitness to 2; anything not finite becomes null."""
    return {
        "daily": [
            {
                "date": m.date.isoformat(),
                "load": _rounded(m.load, 2),
                "distance_km": _rounded(m.distance_km, 2),
                "acwr_rolling": _rounded(m.acwr_rolling, 3),
                "acwr_uncoupled": _rounded(m.acwr_uncoupled, 3),
                "acwr_ewma": _rounded(m.acwr_ewma, 3),
                "fitness": _rounded(m.fitness, 2),
                "fatigue": _rounded(m.fatigue, 2),
                "form": _rounded(m.form, 2),
            }
            for m in report.daily
        ],
        "weekly": [
            {
                "week": w.week,
                "distance_km": _rounded(w.distance_km, 2),
                "load": _rounded(w.load, 2),
                "runs": w.runs,
            }
            for w in report.weekly
        ],
        "warnings": [
            {"date": w.date.isoformat(), "kind": w.kind, "message": w.message} for w in report.warnings
        ],
    }


def _rounded(value: float | None, decimals: int) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(value, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0, which JSON would print as "-0.0"


# --- CSV ------------------------------------------------------------------------------------------------------------


def parse_daily_csv(text: str) -> list[Session]:
    """Sessions of a `date,distance_km,duration_min,rpe` CSV with a header row, one session a row, in file order.

    Several rows may share a date; an empty rpe means no load counted; days missing from the file are rest days
    (daily_loads() fills them). Errors are ValueErrors naming the line and the column.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(reader, None)
    if header is None:
        raise ValueError(f"line 1: the file is empty; expected the header {','.join(CSV_COLUMNS)}")
    names = [name.strip().lower() for name in header]
    for column in CSV_COLUMNS:
        if column not in names:
            raise ValueError(f"line 1, column '{column}': missing from the header")
    positions = {column: names.index(column) for column in CSV_COLUMNS}
    sessions: list[Session] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue  # a blank line is not a session
        line = reader.line_num
        if len(row) > len(names):
            raise ValueError(f"line {line}: {len(row)} fields, but the header has {len(names)}")
        sessions.append(_session_of_row(row, positions, line))
    return sessions


def _session_of_row(row: Sequence[str], positions: dict[str, int], line: int) -> Session:
    def cell(column: str) -> str:
        if positions[column] >= len(row):
            raise ValueError(f"line {line}, column '{column}': missing")
        return row[positions[column]].strip()

    distance = _number(cell("distance_km"), line, "distance_km")
    rpe_text = cell("rpe")
    rpe = _number(rpe_text, line, "rpe") if rpe_text else None
    if rpe is not None and rpe > _RPE_MAX:
        raise ValueError(f"line {line}, column 'rpe': {rpe_text} is outside 0-10")
    return Session(
        date=_date(cell("date"), line),
        distance_km=distance,
        duration_min=_number(cell("duration_min"), line, "duration_min"),
        rpe=rpe,
        # Without a type column, distance tells: a 0 km row is strength, cross-training or a rest day written out.
        is_run=distance > 0,
    )


def _date(text: str, line: int) -> date:
    try:
        if not _DATE_PATTERN.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"line {line}, column 'date': {text!r} is not a date (YYYY-MM-DD)") from None


def _number(text: str, line: int, column: str) -> float:
    if not _NUMBER_PATTERN.fullmatch(text):
        raise ValueError(f"line {line}, column '{column}': {text!r} is not a number")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"line {line}, column '{column}': {text!r} is too large")
    if value < 0:
        raise ValueError(f"line {line}, column '{column}': {text} is negative")
    return value
