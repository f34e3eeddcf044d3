"""Reading a HISTORY.json document (already parsed by json.load) into the decision engine's History. Pure.

The first problem found is raised as a HistoryError whose message names the field as a path, list indexes from 0:
``sessions[2].entries[1].pain_during: 11 is out of range (0-10)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NoReturn

from footwork.core.rules import PAIN_MAX
from footwork.exercises.domain import ExerciseSpec
from footwork.programs.domain import THEN_CHOICES, ProgressionRule
from footwork.progression.domain import (
    DOSE_KEYS,
    CheckinRecord,
    Dose,
    EntryRecord,
    History,
    PrescriptionState,
    SessionRecord,
)
from footwork.training.domain import MAX_AMOUNT, MAX_LOAD_KG

RPE_MAX = 10  # the CR-10 session-RPE scale (Foster 2001)
_KINDS = {key: kind for kind, key in DOSE_KEYS.items()}  # "hold_s" → "hold_seconds"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOP = frozenset(
    {"baseline_morning_pain", "today", "red_flag", "load_warning", "plyometric_exclusions"}
    | {"prescriptions", "sessions", "checkins"}
)
_PRESCRIPTION = frozenset({"id", "exercise", "sets", "load_kg", "progression", "regressed", *_KINDS})
_RULE = frozenset({"add", "every_weeks", "up_to", "then", "load_percent"})
_SESSION = frozenset({"date", "rpe", "pain_after", "entries"})
_ENTRY = frozenset({"prescription", "sets_done", "pain_during", *_KINDS})
_CHECKIN = frozenset({"date", "pain", "stiffness"})


@dataclass(frozen=True)
class LibraryFacts:
    next_exercise: str | None
    regression_exercise: str | None
    plyometric: bool


class HistoryError(ValueError):
    """The document is not a valid history; the message names the field."""


def library_facts(specs: Iterable[ExerciseSpec]) -> dict[str, LibraryFacts]:
    """Each exercise's first progression and first regression, and whether it is plyometric."""
    return {
        spec.slug: LibraryFacts(
            next_exercise=spec.progressions[0].slug if spec.progressions else None,
            regression_exercise=spec.regressions[0].slug if spec.regressions else None,
            plyometric=spec.category == "plyometric",
        )
        for spec in specs
    }


# --- Typed fields ---------------------------------------------------------------------------------------------------


def _fail(where: str, message: str) -> NoReturn:
    raise HistoryError(f"{where}: {message}")


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _record(
    value: object, where: str, allowed: frozenset[str], required: Iterable[str]
) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        _fail(where or "(document)", "must be an object")
    for key in sorted(map(str, value)):
        if key not in allowed:
            _fail(_at(where, key), "is not a known field")
    for key in required:
        if key not in value:
            _fail(_at(where, key), "is missing")
    return value


def _integer(value: object, where: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(where, f"must be a whole number, not {value!r}")
    if value < low or (high is not None and value > high):
        _fail(
            where,
            f"{value} is out of range ({low}-{high})" if high is not None else f"{value} is below {low}",
        )
    return value


def _optional_integer(
    raw: Mapping[str, object], key: str, where: str, low: int, high: int | None
) -> int | None:
    value = raw.get(key)
    return None if value is None else _integer(value, _at(where, key), low, high)


def _number(value: object, where: str, low: float, high: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        _fail(where, f"must be a number, not {value!r}")
    if value < low or (high is not None and value > high):
        _fail(
            where,
            f"{value} is out of range ({low:g}-{high:g})"
            if high is not None
            else f"{value} is below {low:g}",
        )
    return float(value)


def _boolean(raw: Mapping[str, object], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        _fail(_at(where, key), f"must be true or false, not {value!r}")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        _fail(where, f"must be non-empty text, not {value!r}")
    return value.strip()


def _date(value: object, where: str) -> date:
    if not isinstance(value, str) or not _DATE.match(value):
        _fail(where, f"must be a date written YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(where, f"{value} is not a real date")


def _list(raw: Mapping[str, object], key: str, where: str) -> list[object]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        _fail(_at(where, key), "must be a list")
    return value


def _amount(raw: Mapping[str, object], where: str, *, low: int) -> tuple[str, int | None]:
    """(dose kind, amount) from the one of reps / hold_s / jumps given; the amount may be null (not recorded)."""
    given = [key for key in _KINDS if key in raw]
    if len(given) > 1:
        _fail(_at(where, given[1]), f"give only one of {', '.join(_KINDS)}, not {' and '.join(given)}")
    if not given:
        _fail(_at(where, "reps"), f"is missing: give one of {', '.join(_KINDS)}")
    value = raw[given[0]]
    amount = None if value is None else _integer(value, _at(where, given[0]), low, MAX_AMOUNT)
    return _KINDS[given[0]], amount


# --- Records --------------------------------------------------------------------------------------------------------


def _rule(raw: object, where: str, amount: int) -> ProgressionRule:
    rule = _record(raw, where, _RULE, ("add", "up_to", "then"))
    then = rule["then"]
    if then not in THEN_CHOICES:
        _fail(_at(where, "then"), f"unknown value {then!r}; choose one of {', '.join(THEN_CHOICES)}")
    up_to = _integer(rule["up_to"], _at(where, "up_to"), 1)
    if up_to < amount:
        _fail(_at(where, "up_to"), f"{up_to} is below the prescribed amount {amount}")
    if then == "add_load" and "load_percent" not in rule:
        _fail(_at(where, "load_percent"), "is missing (needed by then: add_load)")
    return ProgressionRule(
        add=_integer(rule["add"], _at(where, "add"), 1),
        every_weeks=_integer(rule.get("every_weeks", 1), _at(where, "every_weeks"), 1),
        up_to=up_to,
        then=str(then),
        # add_load needs a real step; the other rules ignore the percentage.
        load_percent=_integer(
            rule.get("load_percent", 0), _at(where, "load_percent"), int(then == "add_load"), 100
        ),
    )


def _prescription(value: object, where: str, library: Mapping[str, LibraryFacts]) -> PrescriptionState:
    raw = _record(value, where, _PRESCRIPTION, ("id", "exercise", "sets"))
    slug = _text(raw["exercise"], _at(where, "exercise"))
    facts = library.get(slug)
    if facts is None:
        _fail(_at(where, "exercise"), f"unknown exercise {slug!r}")
    kind, amount = _amount(raw, where, low=1)
    if amount is None:
        _fail(_at(where, DOSE_KEYS[kind]), "must be a whole number, not None")
    load = raw.get("load_kg")
    dose = Dose(
        sets=_integer(raw["sets"], _at(where, "sets"), 1, MAX_AMOUNT),
        kind=kind,
        amount=amount,
        load_kg=None if load is None else _number(load, _at(where, "load_kg"), 0, MAX_LOAD_KG),
    )
    following = library.get(facts.next_exercise) if facts.next_exercise else None
    rule = raw.get("progression")
    return PrescriptionState(
        id=_text(raw["id"], _at(where, "id")),
        exercise=slug,
        dose=dose,
        progression=None if rule is None else _rule(rule, _at(where, "progression"), dose.amount),
        next_exercise=facts.next_exercise,
        regression_exercise=facts.regression_exercise,
        plyometric=facts.plyometric,
        next_is_plyometric=following is not None and following.plyometric,
        regressed=_boolean(raw, "regressed", where),
    )


def _entry(value: object, where: str, prescriptions: Mapping[str, PrescriptionState]) -> EntryRecord:
    raw = _record(value, where, _ENTRY, ("prescription", "sets_done", "pain_during"))
    rx_id = _text(raw["prescription"], _at(where, "prescription"))
    rx = prescriptions.get(rx_id)
    if rx is None:
        _fail(_at(where, "prescription"), f"unknown prescription {rx_id!r}")
    kind, amount = _amount(raw, where, low=0)
    if kind != rx.dose.kind:
        key = DOSE_KEYS[kind]
        _fail(_at(where, key), f"prescription {rx_id!r} is dosed in {DOSE_KEYS[rx.dose.kind]}, not {key}")
    return EntryRecord(
        prescription=rx_id,
        sets_done=_integer(raw["sets_done"], _at(where, "sets_done"), 0, MAX_AMOUNT),
        amount=amount,
        pain_during=_optional_integer(raw, "pain_during", where, 0, PAIN_MAX),
    )


def _session(value: object, where: str, prescriptions: Mapping[str, PrescriptionState]) -> SessionRecord:
    raw = _record(value, where, _SESSION, ("date", "rpe", "pain_after", "entries"))
    entries = tuple(
        _entry(item, f"{where}.entries[{index}]", prescriptions)
        for index, item in enumerate(_list(raw, "entries", where))
    )
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry.prescription in seen:
            _fail(
                f"{where}.entries[{index}].prescription", f"{entry.prescription!r} is already in this session"
            )
        seen.add(entry.prescription)
    return SessionRecord(
        date=_date(raw["date"], _at(where, "date")),
        rpe=_optional_integer(raw, "rpe", where, 0, RPE_MAX),
        pain_after=_optional_integer(raw, "pain_after", where, 0, PAIN_MAX),
        entries=entries,
    )


def _checkin(value: object, where: str) -> CheckinRecord:
    raw = _record(value, where, _CHECKIN, ("date", "pain", "stiffness"))
    return CheckinRecord(
        date=_date(raw["date"], _at(where, "date")),
        pain=_integer(raw["pain"], _at(where, "pain"), 0, PAIN_MAX),
        stiffness=_integer(raw["stiffness"], _at(where, "stiffness"), 0, PAIN_MAX),
    )


# --- The document ---------------------------------------------------------------------------------------------------


def _prescriptions(
    raw: Mapping[str, object], library: Mapping[str, LibraryFacts]
) -> tuple[PrescriptionState, ...]:
    items: dict[str, PrescriptionState] = {}
    for index, value in enumerate(_list(raw, "prescriptions", "")):
        rx = _prescription(value, f"prescriptions[{index}]", library)
        if rx.id in items:
            _fail(f"prescriptions[{index}].id", f"{rx.id!r} is used by an earlier prescription")
        items[rx.id] = rx
    return tuple(items.values())


def _checkins(raw: Mapping[str, object]) -> tuple[CheckinRecord, ...]:
    items: dict[date, CheckinRecord] = {}
    for index, value in enumerate(_list(raw, "checkins", "")):
        checkin = _checkin(value, f"checkins[{index}]")
        if checkin.date in items:
            _fail(f"checkins[{index}].date", f"{checkin.date.isoformat()} already has a check-in")
        items[checkin.date] = checkin
    return tuple(items.values())


def _today(
    raw: Mapping[str, object], sessions: Iterable[SessionRecord], checkins: Iterable[CheckinRecord]
) -> date:
    dated = [("sessions", index, item.date) for index, item in enumerate(sessions)]
    dated += [("checkins", index, item.date) for index, item in enumerate(checkins)]
    if "today" not in raw:
        if not dated:
            _fail("today", "is missing and there is no session or check-in to take it from")
        return max(day for _name, _index, day in dated)
    today = _date(raw["today"], "today")
    for name, index, day in dated:
        if day > today:
            _fail(f"{name}[{index}].date", f"{day.isoformat()} is after today ({today.isoformat()})")
    return today


def _exclusions(raw: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(
        _text(item, f"plyometric_exclusions[{index}]")
        for index, item in enumerate(_list(raw, "plyometric_exclusions", ""))
    )


def parse_history(data: object, library: Mapping[str, LibraryFacts]) -> History:
    """The engine's History from a HISTORY.json document; HistoryError names the first bad field."""
    raw = _record(data, "", _TOP, ("prescriptions", "sessions", "checkins"))
    prescriptions = _prescriptions(raw, library)
    by_id = {rx.id: rx for rx in prescriptions}
    sessions = tuple(
        _session(item, f"sessions[{index}]", by_id) for index, item in enumerate(_list(raw, "sessions", ""))
    )
    checkins = _checkins(raw)
    baseline = raw.get("baseline_morning_pain")
    return History(
        today=_today(raw, sessions, checkins),
        prescriptions=prescriptions,
        sessions=sessions,
        checkins=checkins,
        baseline_morning_pain=None
        if baseline is None
        else _number(baseline, "baseline_morning_pain", 0, PAIN_MAX),
        red_flag=_boolean(raw, "red_flag", ""),
        load_warning=_boolean(raw, "load_warning", ""),
        plyometric_exclusions=_exclusions(raw),
    )
