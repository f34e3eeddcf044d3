"""The decision for one prescription: progress, hold, regress or stop, and why."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from footwork.core.rules import (
    NEXT_EXERCISE_RESTART,
    PROGRESS_PERCENT_WITHOUT_RULE,
    PROGRESS_SESSIONS,
    REGRESS_PERCENT,
    STOP_RED_DAYS,
    STOP_WINDOW_DAYS,
)
from footwork.programs.domain import ProgressionRule
from footwork.progression.domain.lights import weekly_trend
from footwork.progression.domain.readings import (
    Item,
    _Context,
    _exercise_light,
    _light_of,
    _session_parts,
    _trend_part,
)
from footwork.progression.domain.records import (
    DecisionKind,
    Dose,
    EntryRecord,
    ExerciseDecision,
    Light,
    PrescriptionState,
)
from footwork.progression.domain.wording import (
    _amount_of,
    _area_words,
    _done,
    _dose_of,
    _listed,
    _name_of,
    _step,
    describe_dose,
)

_STOP_WORDS = "stop this exercise and see a clinician"


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _achieved(entry: EntryRecord, dose: Dose) -> bool:
    return entry.sets_done >= dose.sets and entry.amount is not None and entry.amount >= dose.amount


@dataclass(frozen=True)
class _Change:
    kind: DecisionKind
    dose: Dose | None = None
    exercise: str | None = None
    reasons: tuple[str, ...] = ()


def _logged(rx: PrescriptionState, count: int, context: _Context) -> str:
    sessions = f"{count} session{'' if count == 1 else 's'}"
    if rx.counts_from is None:
        return f"{sessions} logged"
    return f"{sessions} at this dosage since {context.day(rx.counts_from)}"


def _readiness(
    rx: PrescriptionState, items: Sequence[Item], context: _Context
) -> tuple[bool, tuple[str, ...]]:
    """Fully achieved with green symptoms in each of the last PROGRESS_SESSIONS sessions of the exercise."""
    if len(items) < PROGRESS_SESSIONS:
        logged = _logged(rx, len(items), context)
        return False, (f"only {logged}: {PROGRESS_SESSIONS} needed before progressing",)
    problems: list[str] = []
    for session, entry in items[-PROGRESS_SESSIONS:]:
        day = context.day(session.date)
        if not _achieved(entry, rx.dose):
            problems.append(f"{_dose_of(rx)} not achieved on {day} ({_done(entry, rx)})")
        parts = _session_parts((session, entry), context)
        if all(part.light is None for part in parts):
            problems.append(
                f"no pain recorded for the session on {day}: green symptoms needed before progressing"
            )
        elif (light := _light_of(parts)) != "green":
            problems.append(f"the session on {day} was {light}: green sessions needed before progressing")
    if problems:
        return False, tuple(problems)
    return True, (f"{_dose_of(rx)} achieved in each of the last {PROGRESS_SESSIONS} sessions, all green",)


def _to_next(rx: PrescriptionState, base: int, why: str, names: Mapping[str, str]) -> _Change:
    if rx.next_exercise is None:
        return _Change("hold", reasons=(f"{why} and no next exercise in the library: keep the same dose",))
    # A harder exercise restarts at a fraction of the dose reached; the rule's added load stays behind.
    dose = replace(rx.dose, amount=max(1, _half_up(base * NEXT_EXERCISE_RESTART)), load_percent_added=0)
    name = _name_of(rx.next_exercise, names)
    # The next exercise's own unit is not known here: its dose is worded by kind.
    return _Change(
        "progress", dose, rx.next_exercise, (f"{why}: move on to {name} at {describe_dose(dose)}",)
    )


def _add_load(rx: PrescriptionState, percent: int, why: str) -> _Change:
    dose = rx.dose
    if dose.load_kg is None:
        new = replace(dose, load_percent_added=dose.load_percent_added + percent)
    else:
        # Rounded to 0.5 kg, but at least one 0.5 kg step: a light load would otherwise never grow.
        kilos = max(math.floor(dose.load_kg * (1 + percent / 100) * 2 + 0.5) / 2, dose.load_kg + 0.5)
        new = replace(dose, load_kg=kilos)
    return _Change("progress", new, None, (f"{why}: add {percent} % load ({_dose_of(rx, new)})",))


def _progress_by_rule(rx: PrescriptionState, rule: ProgressionRule, names: Mapping[str, str]) -> _Change:
    dose = rx.dose
    if dose.amount < rule.up_to:
        amount = min(dose.amount + rule.add, rule.up_to)
        reason = f"progress: {_step(rx, amount)} ({rule.add} more each time, up to {rule.up_to})"
        return _Change("progress", replace(dose, amount=amount), None, (reason,))
    top = f"at the top of its progression ({_amount_of(rx, rule.up_to)})"
    if rule.then == "next_exercise":
        return _to_next(rx, rule.up_to, top, names)
    if rule.then == "add_load":
        return _add_load(rx, rule.load_percent, top)
    return _Change("hold", reasons=(f"{top}: keep the same dose",))


def _progress(rx: PrescriptionState, names: Mapping[str, str]) -> _Change:
    if rx.progression is not None:
        return _progress_by_rule(rx, rx.progression, names)
    if rx.next_exercise is not None:
        return _to_next(rx, rx.dose.amount, "no progression rule", names)
    step = max(1, -(-rx.dose.amount * PROGRESS_PERCENT_WITHOUT_RULE // 100))  # ceil, in whole numbers
    dose = replace(rx.dose, amount=rx.dose.amount + step)
    reason = f"no progression rule and no next exercise: +{PROGRESS_PERCENT_WITHOUT_RULE} % ({_step(rx, dose.amount)})"
    return _Change("progress", dose, None, (reason,))


def _regress(rx: PrescriptionState, names: Mapping[str, str]) -> _Change:
    dose = rx.dose
    if rx.progression is not None and dose.amount > 1:
        amount = max(1, dose.amount - rx.progression.add)
        reason = f"red: one step down its progression, {_step(rx, amount)}"
        return _Change("regress", replace(dose, amount=amount), None, (reason,))
    if rx.regression_exercise is not None:
        # The dose goes with the exercise so that the change can be applied as it stands.
        name = _name_of(rx.regression_exercise, names)
        reason = f"red: step back to {name} at the same dose ({describe_dose(dose)})"
        return _Change("regress", dose, rx.regression_exercise, (reason,))
    if dose.amount > 1:
        less = _half_up(dose.amount * (100 - REGRESS_PERCENT) / 100)
        amount = max(1, min(dose.amount - 1, less))
        reason = f"red: {REGRESS_PERCENT} % less, {_step(rx, amount)}"
        return _Change("regress", replace(dose, amount=amount), None, (reason,))
    lowest = _amount_of(rx, 1)
    return _Change(
        "regress", reasons=(f"red: already at the lowest dose ({lowest}) with no easier exercise: rest it",)
    )


def _red_days(items: Sequence[Item], context: _Context) -> list[date]:
    """Distinct days within the stop window on which a session of the exercise was red."""
    start = context.today - timedelta(days=STOP_WINDOW_DAYS - 1)
    days = set()
    for item in items:
        if start <= item[0].date:
            trend = _trend_part(weekly_trend(context.checkins, item[0].date))
            if _light_of(_session_parts(item, context) + trend) == "red":
                days.add(item[0].date)
    return sorted(days)


def _choose(rx: PrescriptionState, items: Sequence[Item], light: Light, context: _Context) -> _Change:
    red_days = _red_days(items, context)
    if rx.regressed and len(red_days) >= STOP_RED_DAYS:
        listed = _listed(context.day(day) for day in red_days)
        reason = (
            f"red on {len(red_days)} days within the last {STOP_WINDOW_DAYS} ({listed}) after it was already "
            f"stepped back: {_STOP_WORDS}"
        )
        return _Change("stop", reasons=(reason,))
    if light == "red":
        return _regress(rx, context.names)
    if light == "amber":
        return _Change("hold", reasons=("amber: repeat the same dose; do not progress",))
    ready, why = _readiness(rx, items, context)
    if not ready or (rx.plyometric and context.held_back):
        return _Change("hold", reasons=why)
    change = _progress(rx, context.names)
    if change.exercise is not None and rx.next_is_plyometric and context.held_back:
        name = _name_of(change.exercise, context.names)
        blocked = (
            f"its next exercise, {name}, is a jumping exercise and jumping is held back: keep the same dose"
        )
        return _Change("hold", reasons=(*why, blocked, *context.held_back))
    return replace(change, reasons=why + change.reasons)


def _red_flag(rx: PrescriptionState, context: _Context) -> _Change | None:
    """A stop for a red flag in force: one for an area the exercise loads, or one that stops everything."""
    flagged = rx.areas & context.red_flag_areas
    if flagged:
        where = _area_words(flagged, 0)
        return _Change(
            "stop", reasons=(f"red flag reported for {where}: stop training this area and see a clinician",)
        )
    if context.stop_all:
        return _Change("stop", reasons=(f"a red flag is recorded: {_STOP_WORDS}",))
    return None


def _decide_one(rx: PrescriptionState, items: Sequence[Item], context: _Context) -> ExerciseDecision:
    if items:
        light, reasons = _exercise_light(items[-1], context)
        change = _choose(rx, items, light, context)
    else:
        nothing = "no session logged yet"
        if rx.counts_from is not None:
            nothing = f"no session logged at this dosage since {context.day(rx.counts_from)} yet"
        light, reasons, change = "green", [nothing], _Change("hold")
    flag = _red_flag(rx, context)
    if flag is not None:
        light = "red" if rx.areas & context.red_flag_areas else light
        change = flag
    plyometric = context.held_back if rx.plyometric else ()
    extra = plyometric if change.kind == "hold" else ()
    held_back = (*(change.reasons if change.kind == "stop" else ()), *plyometric)
    return ExerciseDecision(
        prescription=rx.id,
        exercise=rx.exercise,
        decision=change.kind,
        light=light,
        new_dose=change.dose,
        new_exercise=change.exercise,
        reasons=(*reasons, *change.reasons, *extra),
        held_back=tuple(dict.fromkeys(held_back)),
    )
