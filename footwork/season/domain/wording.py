"""Plain words for a season's plan: phase and strength names, running notes, lengths of time. Pure.

The JSON keeps the exact enum strings; whatever a person reads comes from here (dates through core.wording.day_label).
"""

from __future__ import annotations

from footwork.core import rules
from footwork.core.units import KM, distance_unit, from_km
from footwork.season.domain.races import DISTANCES_KM, Priority
from footwork.season.domain.vocabulary import Advice, Phase, Strength

__all__ = [
    "COMEBACK_STEPS",
    "PHASE_WORDS",
    "PRIORITY_WORDS",
    "STRENGTH_DETAILS",
    "STRENGTH_WORDS",
    "USUAL_WEEK",
    "about_distance",
    "advice_note",
    "comeback_note",
    "distance_words",
    "percent_words",
    "phase_note",
    "span_words",
]

PHASE_WORDS = {
    Phase.BASE: "Base",
    Phase.BUILD: "Build",
    Phase.PEAK: "Peak",
    Phase.TAPER: "Taper",
    Phase.RACE: "Race day",
    Phase.RECOVERY: "Recovery",
    Phase.COMEBACK: "Comeback",
}

PRIORITY_WORDS = {Priority.A: "goal race", Priority.B: "tune-up race", Priority.C: "training race"}

STRENGTH_WORDS = {
    Strength.HEAVY: "Heavy (normal training)",
    Strength.LAST_HEAVY: "Last heavy session",
    Strength.MAINTENANCE: "Maintenance session",
    Strength.ACTIVATION: "Activation only",
    Strength.NONE: "No strength work",
    Strength.LIGHT: "Light bodyweight work",
    Strength.HALF_LOAD: "Half load",
}

STRENGTH_DETAILS = {
    Strength.HEAVY: "your usual heavy calf and foot sessions",
    Strength.LAST_HEAVY: "low volume at a well-practised load; no new exercises and no eccentric-emphasis block",
    Strength.MAINTENANCE: (
        f"one short session with about {rules.MAINTENANCE_SETS_PERCENT} % of the sets at the same loads and about "
        f"{rules.MAINTENANCE_PLYO_PERCENT} % of the plyometric volume"
    ),
    Strength.ACTIVATION: "isometric calf holds and foot-core drills only, nothing tiring",
    Strength.NONE: "strides and light mobility only",
    Strength.LIGHT: f"light bodyweight calf and foot work, only if pain is {rules.RECOVERY_GATE_PAIN_MAX} or less",
    Strength.HALF_LOAD: f"about {rules.HALF_LOAD_PERCENT} % of your usual loads",
}

# The standard distances by the names runners use (DISTANCES_KM's keys are for commands).
_DISTANCE_NAMES = {"5k": "5K", "10k": "10K", "half": "half marathon", "marathon": "marathon", "50k": "50K"}

_ADVICE = {
    Advice.TAPER_WEEK: "Taper: less volume, the same number of runs, 1–2 short race-pace sessions",
    Advice.RACE_WEEK: "Race week, the race not counted: short easy runs and a few strides, the same number of runs",
    Advice.REST_OR_WALK: "No running, or walking only (20–40 minutes) and easy mobility",
    Advice.EASY: "2–3 easy runs of 20–30 minutes at a conversational pace; cycling or swimming are fine",
    Advice.BUILDING: "4–5 easy runs, building up; no strides yet",
    Advice.BUILDING_STRIDES: "4–5 easy runs, building up; strides are fine",
}

_RETEST = (
    "Time for the re-test: single-leg heel raises and the questionnaire, to see if you can leave recovery"
)

# The order running comes back in after recovery (CLINICAL §6.5).
COMEBACK_STEPS = ("more runs a week", "longer runs", "running on consecutive days", "faster running")


def span_words(days: int) -> str:
    """'3 weeks', '2 weeks and 3 days', '1 day'."""
    weeks, rest = divmod(days, 7)
    parts = [f"{weeks} week{'s' * (weeks != 1)}"] if weeks else []
    if rest or not weeks:
        parts.append(f"{rest} day{'s' * (rest != 1)}")
    return " and ".join(parts)


# Recovery, comeback and today's limits are shares of the runner's usual week, not of a peak they are resting from.
USUAL_WEEK = "the usual week"


def about_distance(km: float, units: str = KM) -> str:
    """'about 20 km', 'about 12 mi'."""
    return f"about {from_km(km, units):.0f} {distance_unit(units)}"


def percent_words(
    low: int | None,
    high: int | None,
    peak_weekly_km: float | None,
    units: str = KM,
    *,
    week: str = "your peak week",
) -> str:
    """'25–35 % of your peak week (about 12–17 km)', '50 % of the usual week (about 19 mi)', 'no running, or walking
    only'; empty when the day has no range."""
    if low is None or high is None:
        return ""
    if high == 0:
        return "no running, or walking only"
    text = f"{low}–{high} % of {week}" if low != high else f"{high} % of {week}"
    if peak_weekly_km is not None:
        if low == high:
            return f"{text} ({about_distance(peak_weekly_km * high / 100, units)})"
        first, last = (from_km(peak_weekly_km * share / 100, units) for share in (low, high))
        text += f" (about {first:.0f}–{last:.0f} {distance_unit(units)})"
    return text


def advice_note(
    advice: Advice, *, retest: bool, peak_weekly_km: float | None, low: int, high: int, units: str = KM
) -> str:
    """The note of a taper or recovery day: the amount, what to run, and the re-test when it is due."""
    parts = [f"About {percent_words(low, high, peak_weekly_km, units)}"] if high else []
    parts.append(_ADVICE[advice])
    if retest:
        parts.append(_RETEST)
    return ". ".join(parts) + "."


def phase_note(phase: Phase, rise_percent: int) -> str:
    """The note of a base, build, peak or race day (no range of the peak week: CLINICAL gives none)."""
    cap = f"no week more than {rise_percent} % above the average of the two before it"
    notes = {
        Phase.BASE: f"Base: build volume with mostly easy running and strides; {cap}.",
        Phase.BUILD: f"Build: threshold and race-pace work, the longest long runs; {cap}.",
        Phase.PEAK: "Peak: race-pace long runs; hold the volume, do not add to it.",
        Phase.RACE: "Race day: an easy warm-up, then the race.",
    }
    return notes[phase]


def comeback_note(
    step: int, *, step_days: int, low: int, high: int, peak_weekly_km: float | None, units: str = KM
) -> str:
    """The note of a comeback day, `step` steps (of step_days) after recovery ended."""
    amount = f"About {percent_words(low, high, peak_weekly_km, units)}"
    if step >= len(COMEBACK_STEPS):
        return f"{amount}. All back: normal training, one change at a time."
    later = COMEBACK_STEPS[step + 1 :]
    then = f"; then {', then '.join(later)}" if later else ""
    return (
        f"{amount}. Add back {COMEBACK_STEPS[step]} now{then}; one change every {span_words(step_days)}, "
        "and only while pain stays green."
    )


def distance_words(km: float, units: str = KM) -> str:
    """'marathon (42.2 km)' for a standard distance, else '30 km'; in miles 'marathon (26.2 mi)', '18.6 mi'."""
    amount = f"{from_km(km, units):,.1f}".removesuffix(".0") + f" {distance_unit(units)}"
    for key, standard in DISTANCES_KM.items():
        if abs(km - standard) < 1e-9:
            return f"{_DISTANCE_NAMES[key]} ({amount})"
    return amount
