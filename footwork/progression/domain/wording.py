"""How reasons are worded: exercise names, areas, numbers, amounts in their own unit and doses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from footwork.core.wording import amount_label, unit_word
from footwork.progression.domain.records import (
    AREA_WORDS,
    CheckinRecord,
    Dose,
    EntryRecord,
    PrescriptionState,
)


def humanised(slug: str) -> str:
    """A slug as words when no name is known: 'single-leg-heel-raise' → 'Single leg heel raise'."""
    words = " ".join(slug.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def _name_of(slug: str, names: Mapping[str, str]) -> str:
    return names.get(slug) or humanised(slug)


def _listed(words: Iterable[str]) -> str:
    items = list(words)
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def _area_words(areas: Iterable[str], form: int) -> str:
    """Form 0: "the Achilles and the heel"; form 1: "Achilles and heel"."""
    return _listed(AREA_WORDS.get(area, (humanised(area).lower(),) * 2)[form] for area in sorted(areas))


def _where(checkin: CheckinRecord, name: str, value: int) -> str:
    """'Achilles ' when the value is the Achilles reading of a per-area check-in, '' for an overall reading."""
    index = 2 if name == "stiffness" else 1
    found = [item[0] for item in checkin.areas if item[index] == value]
    return f"{_area_words(found, 1)} " if found else ""


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def describe_dose(dose: Dose, unit: str = "", per_side: bool = False) -> str:
    """E.g. '3 × 15 reps at 20 kg', '3 × 30 seconds each side +5 % load' or, with unit 'passes', '3 × 2 passes'."""
    text = f"{dose.sets} × {amount_label(dose.kind, dose.amount, unit)}"
    if per_side:
        text += " each side"
    if dose.load_kg is not None:
        text += f" at {dose.load_kg:g} kg"
    if dose.load_percent_added:
        text += f" +{dose.load_percent_added} % load"
    return text


def _dose_of(rx: PrescriptionState, dose: Dose | None = None) -> str:
    """A dose of the prescription's own exercise, in its unit."""
    return describe_dose(rx.dose if dose is None else dose, rx.unit, rx.per_side)


def _amount_of(rx: PrescriptionState, amount: int) -> str:
    return amount_label(rx.dose.kind, amount, rx.unit) + (" each side" if rx.per_side else "")


def _step(rx: PrescriptionState, amount: int) -> str:
    """The real change: '2 → 3 passes', '15 → 20 seconds each side'."""
    return f"{rx.dose.amount} → {_amount_of(rx, amount)}"


def _done(entry: EntryRecord, rx: PrescriptionState) -> str:
    if entry.amount is None:
        return f"{entry.sets_done} × ? {unit_word(rx.dose.kind, 2, rx.unit)} done"
    return f"{entry.sets_done} × {amount_label(rx.dose.kind, entry.amount, rx.unit)} done"
