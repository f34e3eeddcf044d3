"""A day's strength work bent to the season's rule for it (core.adaptation): the taper's fewer sets, race week's
holds and foot drills, recovery's light and half-load days. Pure.

The day's session (selectors.day_parts), one plan's session in the player (selectors.session_to_do) and what a log
asks for (services.records) all go through adapt_dose, so what the runner is shown is what completes the session.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from footwork.core import adaptation as rule
from footwork.core import rules
from footwork.core.wording import amount_label
from footwork.training.domain import DayPart

__all__ = ["Dose", "adapt_dose", "adapt_part", "dosage_words"]

# Exercises the last heavy session leaves out (CLINICAL 6.3: no eccentric-emphasis block before a race): the
# library names its eccentric lowering drills so.
ECCENTRIC_MARK = "eccentric"
# What a runner may still do in race week's activation days and the light days after a race.
ACTIVATION_CATEGORIES = frozenset({"isometric", "foot-core"})
LIGHT_CATEGORIES = frozenset({"warm-up", "foot-core", "isometric", "strength", "balance", "mobility"})

_ECCENTRIC_WORDS = "Taper: no eccentric block before the race"
_NEW_WORDS = "Taper: not the time for a new exercise"
_ACTIVATION_WORDS = "Race week: calf holds and foot-core drills only"
_LIGHT_WORDS = "Recovery: body weight only, no jumps yet"
_PAIN_WORDS = f"Recovery: pain above {rules.RECOVERY_GATE_PAIN_MAX} this morning, so no strength work today"
_NONE_WORDS = "No strength work today"


@dataclass(frozen=True)
class Dose:
    """One prescription as the day asks for it: its exercise, what it is, and how much."""

    exercise: str  # library slug
    category: str  # exercise category, "foot-core" for foot strength drills
    kind: str  # reps, hold_seconds, jumps, ...
    sets: int
    amount: int
    load_kg: float | None = None
    rested_reason: str = ""  # not to be done today, and why


def _share(value: int, percent: int) -> int:
    """About percent % of value, at least 1 (a session keeps one set of what it keeps)."""
    return max(1, math.ceil(value * percent / 100))


def _contacts(dose: Dose, percent: int) -> Dose:
    """Fewer sets and, where needed, fewer jumps a set, so the contacts come to about percent % of them."""
    sets = _share(dose.sets, percent)
    amount = max(1, math.ceil(_share(dose.sets * dose.amount, percent) / sets))
    return replace(dose, sets=sets, amount=min(amount, dose.amount))


def adapt_dose(
    dose: Dose, strength: str, *, known: frozenset[str] | None = None, pain_today: int | None = None
) -> Dose:
    """The dose on a day with the given strength rule (core.adaptation). `known`: the exercises the runner has logged
    before (the last heavy session adds nothing new); `pain_today`: the morning's pain (light days need it low)."""
    if strength == rule.HEAVY:
        return dose
    plyometric = dose.category == "plyometric" or dose.kind == "jumps"
    if strength == rule.LAST_HEAVY:
        if ECCENTRIC_MARK in dose.exercise:
            return replace(dose, rested_reason=_ECCENTRIC_WORDS)
        if known is not None and dose.exercise not in known:
            return replace(dose, rested_reason=_NEW_WORDS)
        return replace(dose, sets=min(dose.sets, rules.LAST_HEAVY_SETS_MAX))
    if strength == rule.MAINTENANCE:
        if plyometric:
            return _contacts(dose, rules.MAINTENANCE_PLYO_PERCENT)
        return replace(dose, sets=_share(dose.sets, rules.MAINTENANCE_SETS_PERCENT))
    if strength == rule.ACTIVATION:
        if dose.category in ACTIVATION_CATEGORIES or (dose.kind == "hold_seconds" and not plyometric):
            return dose
        return replace(dose, rested_reason=_ACTIVATION_WORDS)
    if strength == rule.LIGHT:
        if pain_today is not None and pain_today > rules.RECOVERY_GATE_PAIN_MAX:
            return replace(dose, rested_reason=_PAIN_WORDS)
        if plyometric or dose.load_kg or dose.category not in LIGHT_CATEGORIES:
            return replace(dose, rested_reason=_LIGHT_WORDS)
        return replace(dose, sets=_share(dose.sets, rules.HALF_LOAD_PERCENT))
    if strength == rule.HALF_LOAD:
        if plyometric:
            return _contacts(dose, rules.HALF_LOAD_PERCENT)
        if dose.load_kg:
            return replace(dose, load_kg=round(dose.load_kg * rules.HALF_LOAD_PERCENT / 100, 1))
        return replace(dose, sets=_share(dose.sets, rules.HALF_LOAD_PERCENT))
    return replace(dose, rested_reason=_NONE_WORDS)


def dosage_words(sets: int, kind: str, amount: int, unit: str, per_side: bool, load_kg: float | None) -> str:
    """'3 sets × 20 seconds each side', '2 sets × 8 reps with 10 kg'."""
    shown_unit = unit if unit not in {"s", "reps", "jumps"} else ""
    text = f"{sets} set{'s' * (sets != 1)} × {amount_label(kind, amount, shown_unit)}"
    if per_side:
        text += " each side"
    if load_kg:
        text += f" with {load_kg:g} kg"
    return text


def adapt_part(
    part: DayPart, strength: str, *, known: frozenset[str] | None = None, pain_today: int | None = None
) -> DayPart:
    """A day's prescription under the day's strength rule, its dosage written anew when it changed."""
    dose = Dose(part.exercise, part.category, part.kind, part.sets, part.amount, part.load_kg)
    adapted = adapt_dose(dose, strength, known=known, pain_today=pain_today)
    if adapted == dose:
        return part
    changed = (adapted.sets, adapted.amount, adapted.load_kg) != (dose.sets, dose.amount, dose.load_kg)
    return replace(
        part,
        sets=adapted.sets,
        amount=adapted.amount,
        load_kg=adapted.load_kg,
        rested_reason=adapted.rested_reason,
        dosage=(
            dosage_words(adapted.sets, part.kind, adapted.amount, part.unit, part.per_side, adapted.load_kg)
            if changed
            else part.dosage
        ),
    )
