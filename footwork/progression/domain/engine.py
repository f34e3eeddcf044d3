"""The engine: what the rules read, one decision per prescription, the running advice and the documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from types import MappingProxyType

from footwork.progression.domain.held_back import _held_back
from footwork.progression.domain.lights import baseline_of, weekly_trend
from footwork.progression.domain.prescription import _decide_one
from footwork.progression.domain.readings import Item, _as_read, _Context
from footwork.progression.domain.records import (
    AREA_TARGETS,
    DOSE_KEYS,
    CheckinRecord,
    Decisions,
    ExerciseDecision,
    History,
    PrescriptionState,
    SessionRecord,
)
from footwork.progression.domain.running import _running
from footwork.progression.domain.wording import _name_of

# Areas an exercise loads specifically: a red flag for any other area stops everything.
_SPECIFIC_AREAS = frozenset(area for area, targets in AREA_TARGETS.items() if targets)


def _mornings(checkins: Sequence[CheckinRecord]) -> dict[date, CheckinRecord]:
    mornings: dict[date, CheckinRecord] = {}
    for checkin in checkins:
        # Two check-ins on one morning: the worse one counts, to stay on the safe side.
        known = mornings.get(checkin.date)
        if known is None or max(checkin.pain, checkin.stiffness) > max(known.pain, known.stiffness):
            mornings[checkin.date] = checkin
    return mornings


def _context(history: History, areas: frozenset[str], baseline: float | None) -> _Context:
    """What the rules read, for an exercise loading `areas` (empty: the overall readings)."""
    today = history.today
    sessions = tuple(
        sorted((item for item in history.sessions if item.date <= today), key=lambda item: item.date)
    )
    checkins = tuple(
        _as_read(item, areas)
        for item in sorted(
            (item for item in history.checkins if item.date <= today), key=lambda item: item.date
        )
    )
    names = dict(history.names)
    labels = {rx.id: rx.name or _name_of(rx.exercise, names) for rx in history.prescriptions}
    flagged = history.red_flag or bool(history.red_flag_areas)
    stop_all = flagged and not (history.red_flag_areas and history.red_flag_areas <= _SPECIFIC_AREAS)
    context = _Context(
        today, sessions, checkins, _mornings(checkins), baseline, weekly_trend(checkins, today), (),
        MappingProxyType(names), MappingProxyType(labels), history.red_flag_areas, stop_all,
    )  # fmt: skip
    return replace(context, held_back=_held_back(history, context))


def _items_of(rx: PrescriptionState, sessions: Sequence[SessionRecord]) -> list[Item]:
    """The sessions holding an entry of the prescription since its dosage counts, oldest first (first entry each)."""
    items: list[Item] = []
    for session in sessions:
        if rx.counts_from is not None and session.date < rx.counts_from:
            continue
        entry = next((entry for entry in session.entries if entry.prescription == rx.id), None)
        if entry is not None:
            items.append((session, entry))
    return items


def _baseline(history: History) -> float | None:
    if history.baseline_morning_pain is not None:
        return history.baseline_morning_pain
    return baseline_of([item for item in history.checkins if item.date <= history.today])


def decide(history: History) -> Decisions:
    """One decision per prescription, in their order, and the running advice."""
    baseline = _baseline(history)
    overall = _context(history, frozenset(), baseline)
    contexts: dict[frozenset[str], _Context] = {frozenset(): overall}
    decisions: list[ExerciseDecision] = []
    logged: set[str] = set()
    for rx in history.prescriptions:
        if rx.areas not in contexts:
            contexts[rx.areas] = _context(history, rx.areas, baseline)
        context = contexts[rx.areas]
        items = _items_of(rx, context.sessions)
        if items:
            logged.add(rx.id)
        decisions.append(_decide_one(rx, items, context))
    running = _running(history, decisions, logged, overall)
    return Decisions(tuple(decisions), running, baseline, overall.held_back)


def dosage_document(decision: ExerciseDecision) -> dict[str, object] | None:
    dose = decision.new_dose
    if dose is None:
        return None
    return {
        "exercise": decision.new_exercise or decision.exercise,
        "sets": dose.sets,
        DOSE_KEYS.get(dose.kind, dose.kind): dose.amount,
        "load_kg": dose.load_kg,
    }


def decisions_document(decisions: Decisions) -> dict[str, object]:
    """The decisions as the JSON document of the API and the CLI."""
    return {
        "decisions": [
            {
                "prescription": item.prescription,
                "exercise": item.exercise,
                "decision": item.decision,
                "light": item.light,
                "new_dosage": dosage_document(item),
                "reasons": list(item.reasons),
                "held_back": list(item.held_back),
            }
            for item in decisions.exercises
        ],
        "running": {
            "advice": decisions.running.advice,
            "reduce_percent": decisions.running.reduce_percent,
            "reasons": list(decisions.running.reasons),
        },
        "baseline_morning_pain": decisions.baseline,
        "held_back": list(decisions.held_back),
    }
