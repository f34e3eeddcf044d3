"""Program rules: template validation, weekly progression and schedule expansion. Pure: standard library only."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from footwork.exercises.domain import DOSE_KINDS, SLUG_PATTERN, LibraryError, Problem

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
THEN_CHOICES = ("none", "next_exercise", "add_load")


@dataclass(frozen=True)
class ProgressionRule:
    """Add `add` to the amount every `every_weeks` weeks up to `up_to`; then stay, switch exercise or add load."""

    add: int
    every_weeks: int
    up_to: int
    then: str = "none"
    load_percent: int = 0


@dataclass(frozen=True)
class WeekDose:
    amount: int
    load_kg: float | None
    exercise_step: int  # 0: the prescribed exercise; n: its n-th first-progression
    load_percent_added: int


def dose_in_week(amount: int, load_kg: float | None, rule: ProgressionRule | None, week: int) -> WeekDose:
    """The dosage of a prescription in a week of its phase (0-based), following its progression rule."""
    if rule is None or week <= 0:
        return WeekDose(amount, load_kg, 0, 0)
    steps = week // rule.every_weeks
    steps_to_cap = max(1, math.ceil((rule.up_to - amount) / rule.add))
    if steps <= steps_to_cap or rule.then == "none":
        return WeekDose(min(amount + steps * rule.add, rule.up_to), load_kg, 0, 0)
    if rule.then == "next_exercise":
        # A step at the cap is held once, then the next exercise starts again from the first amount.
        cycle = steps_to_cap + 1
        within = steps % cycle
        return WeekDose(min(amount + within * rule.add, rule.up_to), load_kg, steps // cycle, 0)
    extra = steps - steps_to_cap
    percent = extra * rule.load_percent
    load = None if load_kg is None else round(load_kg * (1 + rule.load_percent / 100) ** extra * 2) / 2
    return WeekDose(rule.up_to, load, 0, percent)


def describe_rule(rule: ProgressionRule, unit: str) -> str:
    """E.g. '+5 s each week up to 30 s, then switch to the exercise's first progression'."""
    spacing = "each week" if rule.every_weeks == 1 else f"every {rule.every_weeks} weeks"
    text = f"+{rule.add} {unit} {spacing} up to {rule.up_to} {unit}"
    if rule.then == "next_exercise":
        return text + ", then switch to the exercise's first progression"
    if rule.then == "add_load":
        return text + f", then add {rule.load_percent} % load {spacing}"
    return text


@dataclass(frozen=True)
class PhaseShape:
    """What the schedule needs of a phase: its length, its training days and its sessions in rotation."""

    weeks: int
    weekdays: tuple[int, ...] = ()  # 0 = Monday
    every_days: int | None = None
    session_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Override:
    session_id: int
    original_date: date
    new_date: date | None = None
    skipped: bool = False
    reason: str = ""


SessionKey = tuple[int, date]


@dataclass(frozen=True)
class DatedSession:
    session_id: int
    original_date: date
    date: date
    phase_index: int
    week_in_phase: int
    skipped: bool = False
    moved: bool = False
    reason: str = ""

    @property
    def key(self) -> SessionKey:
        return (self.session_id, self.original_date)


def phase_days(start: date, phase: PhaseShape) -> list[date]:
    """The training days of one phase that starts on `start`."""
    days = [start + timedelta(days=offset) for offset in range(phase.weeks * 7)]
    if phase.every_days:
        return days[:: phase.every_days]
    return [day for day in days if day.weekday() in phase.weekdays]


def expand_schedule(
    start: date, phases: Sequence[PhaseShape], overrides: Iterable[Override] = ()
) -> list[DatedSession]:
    """Every dated session of a plan; each phase's training days cycle through its sessions (A, B, A…)."""
    by_key = {(item.session_id, item.original_date): item for item in overrides}
    schedule: list[DatedSession] = []
    phase_start = start
    for index, phase in enumerate(phases):
        if phase.session_ids:
            for number, day in enumerate(phase_days(phase_start, phase)):
                session_id = phase.session_ids[number % len(phase.session_ids)]
                override = by_key.get((session_id, day))
                schedule.append(
                    DatedSession(
                        session_id=session_id,
                        original_date=day,
                        date=override.new_date if override and override.new_date else day,
                        phase_index=index,
                        week_in_phase=(day - phase_start).days // 7,
                        skipped=bool(override and override.skipped),
                        moved=bool(override and override.new_date and override.new_date != day),
                        reason=override.reason if override else "",
                    )
                )
        phase_start += timedelta(weeks=phase.weeks)
    return sorted(schedule, key=lambda item: (item.date, item.phase_index, item.session_id))


def plan_end(start: date, phases: Sequence[PhaseShape]) -> date:
    """The last day of a plan."""
    return start + timedelta(weeks=sum(phase.weeks for phase in phases)) - timedelta(days=1)


# --- Template validation -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrescriptionSpec:
    exercise: str
    sets: int
    kind: str
    amount: int
    per_side: bool
    load_kg: float | None = None
    load: str = ""
    tempo: str = ""
    rest_seconds: int = 60
    notes: str = ""
    progression: ProgressionRule | None = None


@dataclass(frozen=True)
class SessionSpec:
    name: str
    minutes: int
    prescriptions: tuple[PrescriptionSpec, ...]


@dataclass(frozen=True)
class PhaseSpec:
    name: str
    weeks: int
    weekdays: tuple[int, ...]
    every_days: int | None
    notes: str
    sessions: tuple[SessionSpec, ...]


@dataclass(frozen=True)
class ProgramSpec:
    slug: str
    name: str
    goal: str
    audience: str
    description: str
    duration_weeks: int
    phases: tuple[PhaseSpec, ...] = field(default=())


@dataclass(frozen=True)
class ExerciseFacts:
    """What program validation needs to know of a library exercise."""

    per_side: bool
    has_progression: bool


class _Reader:
    def __init__(self, raw: Mapping[str, object], record: str, where: str, problems: list[Problem]) -> None:
        self.raw, self.record, self.where, self.problems = raw, record, where, problems

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.record, f"{self.where}{key}", message))

    def known(self, allowed: set[str]) -> None:
        for key in sorted(set(self.raw) - allowed):
            self.problem(str(key), "is not a known field")

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.raw.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problem(key, "must be text")
            return ""
        if required and not value.strip():
            self.problem(key, "is missing")
        return value.strip()

    def integer(self, key: str, low: int, high: int, default: int | None = None) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, "is missing" if value is None else "must be a whole number")
            return low
        if not low <= value <= high:
            self.problem(key, f"must be from {low} to {high}, not {value}")
        return value

    def mapping(self, key: str) -> Mapping[str, object] | None:
        value = self.raw.get(key)
        if value is not None and not isinstance(value, Mapping):
            self.problem(key, "must be a mapping")
            return None
        return value

    def items(self, key: str) -> list[Mapping[str, object]]:
        value = self.raw.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(item, Mapping) for item in value):
            self.problem(key, "must be a non-empty list")
            return []
        return value


def parse_rule(
    raw: Mapping[str, object] | None, reader: _Reader, amount: int, facts: ExerciseFacts | None
) -> ProgressionRule | None:
    if raw is None:
        return None
    rule = _Reader(raw, reader.record, reader.where + "progression.", reader.problems)
    rule.known({"add", "every_weeks", "up_to", "then", "load_percent"})
    then = raw.get("then", "none")
    if then not in THEN_CHOICES:
        rule.problem("then", f"unknown value {then!r}; choose one of {', '.join(THEN_CHOICES)}")
        then = "none"
    parsed = ProgressionRule(
        add=rule.integer("add", 1, 1000),
        every_weeks=rule.integer("every_weeks", 1, 12, default=1),
        up_to=rule.integer("up_to", 1, 10000),
        then=str(then),
        load_percent=rule.integer("load_percent", 1, 20) if then == "add_load" else 0,
    )
    # Equal is allowed: a prescription progressed to its rule's cap holds there until the rule's `then`.
    if parsed.up_to < amount:
        rule.problem("up_to", f"must be at or above the starting amount {amount}")
    if then == "next_exercise" and facts is not None and not facts.has_progression:
        rule.problem("then", "next_exercise needs an exercise with a progression in the library")
    return parsed


def check_rule(
    raw: object, amount: int, facts: ExerciseFacts | None
) -> tuple[ProgressionRule | None, list[Problem]]:
    """Validate a progression rule given on its own (a plan edit)."""
    problems: list[Problem] = []
    if raw is not None and not isinstance(raw, Mapping):
        return None, [Problem("prescription", "progression", "must be a mapping or null")]
    holder = _Reader({"progression": raw}, "prescription", "", problems)
    return parse_rule(holder.mapping("progression"), holder, amount, facts), problems


def parse_prescription(
    raw: Mapping[str, object], reader: _Reader, exercises: Mapping[str, ExerciseFacts]
) -> PrescriptionSpec:
    item = _Reader(raw, reader.record, reader.where, reader.problems)
    item.known(
        {
            "exercise",
            "sets",
            "kind",
            "amount",
            "per_side",
            "load_kg",
            "load",
            "tempo",
            "rest_seconds",
            "notes",
            "progression",
        }
    )
    slug = item.text("exercise")
    facts = exercises.get(slug)
    if slug and facts is None:
        item.problem("exercise", f"unknown exercise {slug!r}")
    kind = raw.get("kind")
    if kind not in DOSE_KINDS:
        item.problem("kind", f"unknown value {kind!r}; choose one of {', '.join(DOSE_KINDS)}")
        kind = "reps"
    per_side = raw.get("per_side", False)
    if not isinstance(per_side, bool):
        item.problem("per_side", "must be true or false")
        per_side = False
    if per_side and facts is not None and not facts.per_side:
        item.problem("per_side", "the exercise is not done per side")
    load_kg = raw.get("load_kg")
    if load_kg is not None and (
        isinstance(load_kg, bool) or not isinstance(load_kg, int | float) or load_kg < 0
    ):
        item.problem("load_kg", "must be a number of kilograms, 0 or more")
        load_kg = None
    amount = item.integer("amount", 1, 10000)
    return PrescriptionSpec(
        exercise=slug,
        sets=item.integer("sets", 1, 10),
        kind=str(kind),
        amount=amount,
        per_side=per_side,
        load_kg=float(load_kg) if load_kg is not None else None,
        load=item.text("load", required=False),
        tempo=item.text("tempo", required=False),
        rest_seconds=item.integer("rest_seconds", 0, 600, default=60),
        notes=item.text("notes", required=False),
        progression=parse_rule(item.mapping("progression"), item, amount, facts),
    )


def parse_days(raw: Mapping[str, object] | None, reader: _Reader) -> tuple[tuple[int, ...], int | None]:
    if raw is None or set(raw) not in ({"weekdays"}, {"every"}):
        reader.problem("days", "must be {weekdays: [mon, …]} or {every: N}")
        return (), None
    if "every" in raw:
        every = raw["every"]
        if isinstance(every, bool) or not isinstance(every, int) or not 1 <= every <= 7:
            reader.problem("days.every", "must be a whole number from 1 to 7")
            return (), None
        return (), every
    names = raw["weekdays"]
    if not isinstance(names, list) or not names or any(name not in WEEKDAYS for name in names):
        reader.problem("days.weekdays", f"must be a non-empty list of {', '.join(WEEKDAYS)}")
        return (), None
    return tuple(sorted({WEEKDAYS.index(str(name)) for name in names})), None


def parse_program(
    raw: object, name: str, exercises: Mapping[str, ExerciseFacts], problems: list[Problem]
) -> ProgramSpec | None:
    """Validate one program record; problems are appended and None returned when there were any."""
    if not isinstance(raw, Mapping):
        problems.append(Problem(name, "(record)", "must be a mapping of fields"))
        return None
    before = len(problems)
    top = _Reader(raw, name, "", problems)
    top.known({"slug", "name", "goal", "audience", "description", "duration_weeks", "phases"})
    slug = top.text("slug")
    if slug and not SLUG_PATTERN.match(slug):
        top.problem("slug", f"{slug!r} must be lowercase words joined by hyphens")
    phases = []
    for p_index, phase_raw in enumerate(top.items("phases"), start=1):
        phase = _Reader(phase_raw, name, f"phases[{p_index}].", problems)
        phase.known({"name", "weeks", "days", "notes", "sessions"})
        weekdays, every = parse_days(phase.mapping("days"), phase)
        sessions = []
        for s_index, session_raw in enumerate(phase.items("sessions"), start=1):
            session = _Reader(session_raw, name, f"phases[{p_index}].sessions[{s_index}].", problems)
            session.known({"name", "minutes", "prescriptions"})
            prescriptions = tuple(
                parse_prescription(
                    item, _Reader(item, name, f"{session.where}prescriptions[{i}].", problems), exercises
                )
                for i, item in enumerate(session.items("prescriptions"), start=1)
            )
            sessions.append(
                SessionSpec(session.text("name"), session.integer("minutes", 1, 120), prescriptions)
            )
        phases.append(
            PhaseSpec(
                phase.text("name"),
                phase.integer("weeks", 1, 52),
                weekdays,
                every,
                phase.text("notes", required=False),
                tuple(sessions),
            )
        )
    spec = ProgramSpec(
        slug=slug,
        name=top.text("name"),
        goal=top.text("goal"),
        audience=top.text("audience"),
        description=top.text("description"),
        duration_weeks=top.integer("duration_weeks", 1, 104),
        phases=tuple(phases),
    )
    if phases and spec.duration_weeks != sum(phase.weeks for phase in phases):
        top.problem(
            "duration_weeks",
            f"is {spec.duration_weeks} but the phases add up to {sum(p.weeks for p in phases)}",
        )
    return spec if len(problems) == before else None


def parse_programs(data: object, exercises: Mapping[str, ExerciseFacts]) -> list[ProgramSpec]:
    """Validate a programs document; raise ProgramError naming every problem."""
    if not isinstance(data, Mapping) or not isinstance(data.get("programs"), list):
        raise ProgramError([Problem("(file)", "programs", "the file must hold a list under 'programs'")])
    problems: list[Problem] = []
    specs: list[ProgramSpec] = []
    for position, raw in enumerate(data["programs"], start=1):
        slug = raw.get("slug") if isinstance(raw, Mapping) else None
        spec = parse_program(
            raw, slug if isinstance(slug, str) and slug else f"program #{position}", exercises, problems
        )
        if spec is not None:
            if spec.slug in {item.slug for item in specs}:
                problems.append(Problem(spec.slug, "slug", "is used by an earlier program"))
            specs.append(spec)
    if problems:
        raise ProgramError(problems)
    return specs


class ProgramError(LibraryError):
    """Every problem of a programs file, each naming the program and the field."""
