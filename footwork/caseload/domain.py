"""The coach's roster rules: adherence over a window of days, the worst light, and who needs attention and why;
and for one runner's workspace: the symptom trend, a test's change against its smallest meaningful change, and the
timeline's kinds, window and order.

Pure: dates, statuses and numbers in, dataclasses out; the thresholds are core.rules'.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from footwork.core import rules

# Statuses of a scheduled session that count as done for adherence (a partial session is scheduled, not done).
DONE = "done"
LOGGED = frozenset({"done", "partial"})
LIGHTS = ("green", "amber", "red")


@dataclass(frozen=True)
class Scheduled:
    """One scheduled session the roster counts (held-back and rested ones are left out before)."""

    day: date
    status: str  # done, partial, skipped, missed, due or upcoming (training.domain.session_status)


def window_adherence(schedule: Iterable[Scheduled], start: date, end: date, today: date) -> int | None:
    """Sessions done ÷ scheduled from start to end, as a percent; None with nothing scheduled. As the weekly
    adherence does: days to come are not scheduled yet, and today counts once its session is logged."""
    scheduled = done = 0
    for item in schedule:
        if not start <= item.day <= end or item.day > today:
            continue
        if item.day == today and item.status not in LOGGED:
            continue
        scheduled += 1
        done += item.status == DONE
    return round(100 * done / scheduled) if scheduled else None


def missed_in_a_row(schedule: Iterable[Scheduled], today: date) -> int:
    """Scheduled days before today with nothing logged, counted back from yesterday until a day with a session
    logged; skipped days neither count nor break the run."""
    by_day: dict[date, list[str]] = {}
    for item in schedule:
        if item.day < today:
            by_day.setdefault(item.day, []).append(item.status)
    run = 0
    for day in sorted(by_day, reverse=True):
        found = by_day[day]
        if any(status in LOGGED for status in found):
            break
        run += "missed" in found
    return run


def worst_light(lights: Iterable[str]) -> str | None:
    """The worst of the lights given (red, then amber, then green); None with none."""
    ranks = [LIGHTS.index(light) for light in lights if light in LIGHTS]
    return LIGHTS[max(ranks)] if ranks else None


@dataclass(frozen=True)
class Signals:
    """What the attention rules read about one runner."""

    today: date
    red_flag: bool = False  # a red flag referral not cleared
    stop: bool = False  # a stop decision not cleared
    regress: bool = False  # an open step-back decision
    adherence_30d: int | None = None
    adherence_previous_30d: int | None = None
    missed_in_a_row: int = 0
    load_warnings: tuple[str, ...] = ()  # load warning messages of the last days
    unanswered_hours: float | None = None  # how long their unread messages have waited for an answer


@dataclass(frozen=True)
class Reason:
    """Why a runner needs attention: a code for filters and the API, and the words a coach reads."""

    code: str  # red_flag, stop, regress, adherence_drop, missed_days, load_spike, unanswered_message
    words: str


# The order reasons are given in, and runners sorted by: safety first.
REASON_ORDER = (
    "red_flag", "stop", "regress", "missed_days", "adherence_drop", "load_spike", "unanswered_message",
)  # fmt: skip


def attention(signals: Signals) -> tuple[Reason, ...]:
    """Why the runner needs their coach's attention now, most urgent first; () when they do not."""
    found = []
    if signals.red_flag:
        found.append(Reason("red_flag", "Red flag not cleared yet"))
    if signals.stop:
        found.append(Reason("stop", "Told to stop and see a clinician: not cleared yet"))
    if signals.regress:
        found.append(Reason("regress", "Stepping back on an exercise"))
    if signals.missed_in_a_row >= rules.ATTENTION_MISSED_SCHEDULED_DAYS:
        found.append(Reason("missed_days", f"No session on the last {signals.missed_in_a_row} training days"))
    drop = _adherence_drop(signals)
    if drop is not None and drop >= rules.ATTENTION_ADHERENCE_DROP_POINTS:
        found.append(
            Reason(
                "adherence_drop",
                f"Adherence down {drop} points on the {rules.ROSTER_ADHERENCE_LONG_DAYS} days before",
            )
        )
    if signals.load_warnings:
        found.append(Reason("load_spike", f"Load warning: {signals.load_warnings[0]}"))
    waited = signals.unanswered_hours
    if waited is not None and waited >= 24 * rules.ATTENTION_UNANSWERED_MESSAGE_DAYS:
        found.append(Reason("unanswered_message", "A message waiting for your answer for over a day"))
    return tuple(found)


def _adherence_drop(signals: Signals) -> int | None:
    if signals.adherence_30d is None or signals.adherence_previous_30d is None:
        return None
    return signals.adherence_previous_30d - signals.adherence_30d


def windows(today: date) -> dict[str, tuple[date, date]]:
    """The adherence windows: the last 7 days, the last 30, and the 30 before those, today included."""
    short, long = rules.ROSTER_ADHERENCE_SHORT_DAYS, rules.ROSTER_ADHERENCE_LONG_DAYS
    return {
        "short": (today - timedelta(days=short - 1), today),
        "long": (today - timedelta(days=long - 1), today),
        "previous": (today - timedelta(days=2 * long - 1), today - timedelta(days=long)),
    }


@dataclass(frozen=True)
class NextRace:
    id: int
    name: str
    short_name: str  # "Chicago" for "Chicago Marathon"
    date: date
    days_to: int


@dataclass(frozen=True)
class RosterRow:
    """One runner on the coach's roster."""

    runner: int
    name: str
    about: str  # painful areas and goal race in words
    today: date  # the runner's
    last_session: date | None
    adherence_7d: int | None
    adherence_30d: int | None
    light: str | None
    load_warnings: tuple[str, ...]
    next_race: NextRace | None
    phase: str | None  # the season's phase value today
    unread: int | None  # None: messaging is not there to say
    reasons: tuple[Reason, ...] = field(default=())
    # A runner who is not the coach's client but shares their data with them through a workshop (labelled so).
    workshop_runner: bool = False

    @property
    def load_flag(self) -> bool:
        return bool(self.load_warnings)

    @property
    def needs_attention(self) -> bool:
        return bool(self.reasons)


def sort_rows(rows: Iterable[RosterRow]) -> list[RosterRow]:
    """Those who need attention first (the most urgent reason first), then by name."""

    def urgency(row: RosterRow) -> tuple[int, int, str]:
        first = min((REASON_ORDER.index(reason.code) for reason in row.reasons), default=len(REASON_ORDER))
        return (not row.needs_attention, first, row.name.casefold())

    return sorted(rows, key=urgency)


@dataclass(frozen=True)
class RosterFilter:
    light: str = ""  # green, amber, red, or "" for any
    phase: str = ""  # a season phase value, or ""
    attention: bool = False  # only those who need attention
    query: str = ""  # part of the name


def filter_rows(rows: Sequence[RosterRow], which: RosterFilter) -> list[RosterRow]:
    """The rows the filter keeps, in their order."""
    query = which.query.strip().casefold()
    return [
        row
        for row in rows
        if (not which.light or row.light == which.light)
        and (not which.phase or row.phase == which.phase)
        and (not which.attention or row.needs_attention)
        and (not query or query in row.name.casefold())
    ]


# --- One runner's workspace ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SymptomTrend:
    """Pain during, after and in the morning each day of a window (None: nothing logged), with the baseline."""

    days: tuple[date, ...]
    during: tuple[int | None, ...]
    after: tuple[int | None, ...]
    morning: tuple[int | None, ...]
    baseline: float | None

    @property
    def logged(self) -> bool:
        return any(value is not None for value in (*self.during, *self.after, *self.morning))


Readings = tuple[int | None, int | None, int | None]  # pain during, after, morning


def symptom_trend(
    start: date, end: date, readings: Mapping[date, Readings], baseline: float | None
) -> SymptomTrend:
    """Each day from start to end with its readings; a baseline that is not a finite number is none."""
    days = tuple(start + timedelta(days=offset) for offset in range((end - start).days + 1))
    empty: Readings = (None, None, None)
    rows = [readings.get(day, empty) for day in days]
    finite = baseline if baseline is not None and math.isfinite(baseline) else None
    return SymptomTrend(
        days,
        tuple(row[0] for row in rows),
        tuple(row[1] for row in rows),
        tuple(row[2] for row in rows),
        finite,
    )


@dataclass(frozen=True)
class MeasuredChange:
    """A test's latest value against the one before; `beyond` whether the change is at least the smallest change
    worth believing (None: no such figure for this test, or nothing to compare with)."""

    latest: float
    previous: float | None
    delta: float | None
    smallest: float | None
    beyond: bool | None
    better: bool | None  # None when the same or nothing to compare with


def measured_change(
    latest: float, previous: float | None, smallest: float | None, *, lower_is_better: bool = False
) -> MeasuredChange:
    """The change since the test before, weighed against its smallest meaningful change."""
    if previous is None or not math.isfinite(previous) or not math.isfinite(latest):
        return MeasuredChange(latest, None, None, smallest, None, None)
    delta = round(latest - previous, 1)
    beyond = None if smallest is None else abs(delta) >= smallest
    better = None if delta == 0 else (delta < 0) == lower_is_better
    return MeasuredChange(latest, previous, delta, smallest, beyond, better)


class TimelineKind(StrEnum):
    """What a timeline entry is; the API's `kind` values, in the order they sort within one moment."""

    SESSION = "session"
    CHECKIN = "checkin"
    RUN = "run"
    TEST = "test"
    QUESTIONNAIRE = "questionnaire"
    DECISION = "decision"
    PLAN_CHANGE = "plan_change"
    FLARE_UP = "flare_up"
    RACE = "race"
    MESSAGE = "message"
    NOTE = "note"


KIND_ORDER = {kind: position for position, kind in enumerate(TimelineKind)}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated thing in a runner's record: its day, its moment when it has one, and its words."""

    date: date
    at: datetime | None
    kind: TimelineKind
    title: str
    detail: str = ""
    link: str = ""


def in_date_order(entries: Iterable[TimelineEntry], *, newest_first: bool = False) -> list[TimelineEntry]:
    """Entries by day; within a day, those with only a day first, then by moment; then by kind and title."""

    def key(entry: TimelineEntry) -> tuple[date, bool, float, int, str]:
        moment = entry.at.timestamp() if entry.at is not None else 0.0
        return (entry.date, entry.at is not None, moment, KIND_ORDER[entry.kind], entry.title)

    return sorted(entries, key=key, reverse=newest_first)


def window_problem(start: date, end: date, *, max_days: int) -> tuple[str, str] | None:
    """None for a window a timeline may cover, else the field at fault and why."""
    if end < start:
        return "end", "end is before start"
    if (end - start).days >= max_days:
        return "end", f"a timeline covers at most {max_days} days"
    return None


def excerpt(text: str, limit: int) -> str:
    """The text on one line, cut at a word before `limit` characters with an ellipsis when longer."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] if " " in line[: limit - 1] else line[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"
