"""Training rules: what a logged set may hold, and adherence, streaks and the month calendar. Pure."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from footwork.core.bounds import ACTIVITY_DATE
from footwork.core.wording import day_label
from footwork.programs.domain import DatedSession

PAIN_MAX = 10
SIDES = ("left", "right", "both")
AMOUNT_FIELDS = ("reps", "hold_seconds", "jumps")
MAX_AMOUNT = 10_000
MAX_LOAD_KG = 500


@dataclass(frozen=True)
class SetEntry:
    prescription_id: int | None
    exercise_slug: str
    set_number: int
    side: str
    reps: int | None = None
    hold_seconds: int | None = None
    jumps: int | None = None
    load_kg: float | None = None
    pain_during: int | None = None


def set_entry_problems(entry: SetEntry, where: str) -> list[str]:
    """Why a logged set is impossible, if it is (negative reps, pain 11, an unknown side…)."""
    problems = []
    if entry.set_number < 1 or entry.set_number > 20:
        problems.append(f"{where}.set_number must be from 1 to 20, not {entry.set_number}")
    if entry.side not in SIDES:
        problems.append(f"{where}.side must be one of {', '.join(SIDES)}, not {entry.side!r}")
    for name in AMOUNT_FIELDS:
        value = getattr(entry, name)
        if value is not None and not 0 <= value <= MAX_AMOUNT:
            problems.append(f"{where}.{name} must be from 0 to {MAX_AMOUNT}, not {value}")
    if entry.load_kg is not None and not 0 <= entry.load_kg <= MAX_LOAD_KG:
        problems.append(f"{where}.load_kg must be from 0 to {MAX_LOAD_KG}, not {entry.load_kg}")
    if entry.pain_during is not None and not 0 <= entry.pain_during <= PAIN_MAX:
        problems.append(f"{where}.pain_during must be from 0 to {PAIN_MAX}, not {entry.pain_during}")
    if all(getattr(entry, name) is None for name in AMOUNT_FIELDS):
        problems.append(f"{where} needs reps, hold_seconds or jumps")
    return problems


def pain_problem(name: str, value: int | None) -> str | None:
    if value is not None and not 0 <= value <= PAIN_MAX:
        return f"{name} must be from 0 to {PAIN_MAX}, not {value}"
    return None


def date_problem(day: date, today: date) -> str | None:
    """Why a log or check-in date is impossible: before 1970 or in the future (core.bounds.ACTIVITY_DATE)."""
    if problem := ACTIVITY_DATE.check(day, today=today):
        return problem[:1].upper() + problem[1:] + f" (today is {day_label(today)})"
    return None


# --- Status, adherence and streaks ---------------------------------------------------------------------------

Key = tuple[int, date]


@dataclass(frozen=True)
class LoggedSession:
    key: Key | None  # (session id, original date), None for an extra session
    date: date
    complete: bool


def session_status(item: DatedSession, logged: LoggedSession | None, today: date) -> str:
    """done, partial, skipped, missed, due or upcoming."""
    if logged is not None:
        return "done" if logged.complete else "partial"
    if item.skipped:
        return "skipped"
    if item.date < today:
        return "missed"
    return "due" if item.date == today else "upcoming"


def statuses(schedule: Iterable[DatedSession], logs: Iterable[LoggedSession], today: date) -> dict[Key, str]:
    by_key = {log.key: log for log in logs if log.key is not None}
    return {item.key: session_status(item, by_key.get(item.key), today) for item in schedule}


@dataclass(frozen=True)
class WeekAdherence:
    week_start: date
    scheduled: int
    done: int
    partial: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.scheduled) if self.scheduled else None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly_adherence(
    schedule: Iterable[DatedSession], status_by_key: Mapping[Key, str], weeks: int, today: date
) -> list[WeekAdherence]:
    """Sessions done ÷ scheduled so far for each of the last `weeks` ISO weeks, oldest first (skipped still count
    as scheduled). Days to come are not scheduled yet, and today counts once its session is logged: a Monday
    morning is not 0 %."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    counts = {first + timedelta(weeks=index): [0, 0, 0] for index in range(weeks)}
    for item in schedule:
        bucket = counts.get(week_start(item.date))
        status = status_by_key.get(item.key)
        if bucket is None or item.date > today or (item.date == today and status not in {"done", "partial"}):
            continue
        bucket[0] += 1
        bucket[1] += status == "done"
        bucket[2] += status == "partial"
    return [WeekAdherence(start, *numbers) for start, numbers in counts.items()]


@dataclass(frozen=True)
class Streaks:
    current: int
    longest: int


def streaks(trained: set[date], required: set[date], today: date) -> Streaks:
    """Runs of training days. A day with a session logged counts; a day with a scheduled session left undone breaks
    the run; rest days and skipped days neither count nor break it. Today only breaks it once it is over."""
    if not trained:
        return Streaks(0, 0)
    longest = run = 0
    day = min(trained | {day for day in required if day <= today})
    while day <= today:
        if day in trained:
            run += 1
            longest = max(longest, run)
        elif day in required and day != today:
            run = 0
        day += timedelta(days=1)
    return Streaks(run, longest)


def day_statuses(
    schedule: Iterable[DatedSession],
    status_by_key: Mapping[Key, str],
    trained: set[date],
    days: Iterable[date],
) -> dict[date, str]:
    """One word per calendar day: done, partial, missed, skipped, due, upcoming or rest."""
    by_day: dict[date, list[str]] = {}
    for item in schedule:
        by_day.setdefault(item.date, []).append(status_by_key.get(item.key, "upcoming"))
    result = {}
    for day in days:
        words = by_day.get(day, [])
        if not words:
            result[day] = "done" if day in trained else "rest"
        elif all(word == "done" for word in words):
            result[day] = "done"
        elif any(word in {"done", "partial"} for word in words):
            result[day] = "partial"
        else:
            result[day] = next(
                (word for word in ("missed", "due", "upcoming", "skipped") if word in words), "rest"
            )
    return result


# --- One day, one session ------------------------------------------------------------------------------------

# The order of a merged day: warm up, wake the foot up, then load, balance, jump, and finish with mobility.
DAY_ORDER = ("warm-up", "foot-core", "strength", "isometric", "balance", "plyometric", "mobility")
# Minutes are estimated from the work itself: a rep takes about 3 s, a jump about 1 s, plus the rests.
SECONDS_PER_REP = 3
SECONDS_PER_JUMP = 1
SECONDS_PER_EXERCISE_CHANGE = 30


@dataclass(frozen=True)
class DayPart:
    """One prescription due today, as one plan prescribes it this week."""

    plan_id: int
    plan_name: str
    session_id: int
    scheduled_date: date
    prescription_id: int
    exercise: str  # library slug
    name: str
    category: str  # exercise category, "foot-core" for foot strength drills
    sets: int
    kind: str
    amount: int
    per_side: bool
    rest_seconds: int
    dosage: str  # "3 sets × 20 seconds each side"
    held_back_reason: str = ""
    unit: str = ""  # the prescription's unit when it is not one of the kinds' own (s, reps, jumps)
    load_kg: float | None = None
    # Not done today because the season says so (a taper, a recovery), and why; unlike an exclusion it is no warning.
    rested_reason: str = ""


@dataclass(frozen=True)
class DayExercise:
    """One exercise of the day's session: the largest dosage of the plans that prescribe it, all of them named."""

    chosen: DayPart
    parts: tuple[DayPart, ...]

    @property
    def held_back_reason(self) -> str:
        # Safety first: held back in any plan is held back in the day's session.
        return next((part.held_back_reason for part in self.parts if part.held_back_reason), "")

    @property
    def held_back(self) -> bool:
        return bool(self.held_back_reason)

    @property
    def rested_reason(self) -> str:
        return "" if self.held_back else self.chosen.rested_reason

    @property
    def rested(self) -> bool:
        return bool(self.rested_reason)

    @property
    def plan_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(part.plan_name for part in self.parts))


def _volume(part: DayPart) -> tuple[int, int, int]:
    return (part.sets * part.amount * (2 if part.per_side else 1), part.amount, part.sets)


def merge_day(parts: Iterable[DayPart]) -> tuple[DayExercise, ...]:
    """The prescriptions due today from every active plan as one session: each exercise once, at the larger
    dosage, in the day's order (warm-up, foot core, strength, balance, plyometrics, mobility)."""
    grouped: dict[str, list[DayPart]] = {}
    for part in parts:
        grouped.setdefault(part.exercise, []).append(part)
    merged = [DayExercise(max(group, key=_volume), tuple(group)) for group in grouped.values()]
    first_seen = {slug: index for index, slug in enumerate(grouped)}

    def rank(item: DayExercise) -> tuple[int, int]:
        category = item.chosen.category
        order = DAY_ORDER.index(category) if category in DAY_ORDER else len(DAY_ORDER)
        return (order, first_seen[item.chosen.exercise])

    return tuple(sorted(merged, key=rank))


def part_seconds(part: DayPart) -> int:
    """How long one prescription takes: its work, both sides, and the rests between sets."""
    per_set = {
        "hold_seconds": part.amount,
        "reps": part.amount * SECONDS_PER_REP,
        "jumps": part.amount * SECONDS_PER_JUMP,
    }.get(part.kind, part.amount * SECONDS_PER_REP)
    sides = 2 if part.per_side else 1
    return (
        part.sets * per_set * sides + max(part.sets - 1, 0) * part.rest_seconds + SECONDS_PER_EXERCISE_CHANGE
    )


def day_minutes(exercises: Iterable[DayExercise]) -> int:
    """The estimated minutes of the day's session; held-back and rested exercises are not done, so not counted."""
    seconds = sum(part_seconds(item.chosen) for item in exercises if not item.held_back and not item.rested)
    return math.ceil(seconds / 60) if seconds else 0


# --- Per-day summaries ------------------------------------------------------------------------------------------
# Pages read a small row per trained or checked-in day instead of every log and set of the runner's history. The
# write services keep them (training.services.summaries) and `footwork rebuild-summaries` makes them anew from the
# logs, sets and check-ins, with these same functions.


def entries_asked(prescriptions: Iterable[tuple[int, int, bool]]) -> dict[str, int]:
    """What a dated session asked for when it was logged: set entries per prescription (twice when per side).
    Kept on the log, so raising the sets later does not turn a session done in full into a partial one."""
    return {str(pk): sets * (2 if per_side else 1) for pk, sets, per_side in prescriptions}


def log_complete(
    asked: Mapping[str, int], held_back: Iterable[int], done: Mapping[int, int], sets_logged: int
) -> bool:
    """A log is complete when it holds a set and every prescription asked for has all its entries; one held back
    when it was logged was not asked for, so leaving it out is complete."""
    excused = {str(pk) for pk in held_back}
    return sets_logged > 0 and all(
        done.get(int(pk), 0) >= count for pk, count in asked.items() if pk not in excused
    )


@dataclass(frozen=True)
class LogFacts:
    """One session log as a day's summary needs it."""

    session_id: int | None
    scheduled_date: date | None
    complete: bool
    sets: int
    pain_during: int | None  # the worst of its sets
    pain_after: int | None


def _worst(values: Iterable[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def summarise_day(logs: Iterable[LogFacts], morning: tuple[int, int] | None) -> dict[str, object] | None:
    """The summary fields of one day, or None when nothing was logged or checked in (no row is kept)."""
    logs = sorted(
        logs, key=lambda log: (log.session_id or 0, log.scheduled_date or date.min, log.complete, log.sets)
    )
    if not logs and morning is None:
        return None
    return {
        "sessions": [
            [log.session_id, log.scheduled_date.isoformat() if log.scheduled_date else None, log.complete]
            for log in logs
        ],
        "sets": sum(log.sets for log in logs),
        "pain_during": _worst(log.pain_during for log in logs),
        "pain_after": _worst(log.pain_after for log in logs),
        "morning_pain": morning[0] if morning else None,
        "morning_stiffness": morning[1] if morning else None,
    }


# (log id, runner id, date, session id, scheduled date, asked, held back, pain after), as values_list reads them.
LogRow = tuple[
    int, int, date, int | None, date | None, Mapping[str, int] | None, list[int] | None, int | None
]
SetRow = tuple[int, int | None, int | None]  # (log id, prescription id, pain during)
CheckinRow = tuple[int, date, int, int]  # (runner id, date, pain, stiffness)


def summaries_from_records(
    logs: Iterable[LogRow], sets: Iterable[SetRow], checkins: Iterable[CheckinRow]
) -> dict[tuple[int, date], dict[str, object]]:
    """The summary fields of every (runner id, day) the records hold: what the writes keep, the rebuild command
    makes anew and the migration first filled."""
    done: dict[int, Counter[int]] = defaultdict(Counter)
    count: Counter[int] = Counter()
    pain_during: dict[int, int] = {}
    for log_id, prescription_id, pain in sets:
        count[log_id] += 1
        if prescription_id is not None:
            done[log_id][prescription_id] += 1
        if pain is not None:
            pain_during[log_id] = max(pain, pain_during.get(log_id, 0))
    facts: dict[tuple[int, date], list[LogFacts]] = defaultdict(list)
    for log_id, runner_id, day, session_id, scheduled, asked, held_back, pain_after in logs:
        keyed = session_id is not None and scheduled is not None
        facts[(runner_id, day)].append(
            LogFacts(
                session_id if keyed else None,
                scheduled if keyed else None,
                log_complete(asked or {}, held_back or [], done[log_id], count[log_id]),
                count[log_id],
                pain_during.get(log_id),
                pain_after,
            )
        )
    mornings = {(runner_id, day): (pain, stiffness) for runner_id, day, pain, stiffness in checkins}
    result = {}
    for key in set(facts) | set(mornings):
        fields = summarise_day(facts.get(key, []), mornings.get(key))
        if fields is not None:
            result[key] = fields
    return result


def logged_from_summary(day: date, sessions: Iterable[list[object]]) -> list[LoggedSession]:
    """The logged sessions a day's summary holds (its `sessions` JSON)."""
    result = []
    for session_id, scheduled, complete in sessions:
        key = (
            (int(str(session_id)), date.fromisoformat(str(scheduled)))
            if session_id is not None and scheduled is not None
            else None
        )
        result.append(LoggedSession(key=key, date=day, complete=bool(complete)))
    return result
