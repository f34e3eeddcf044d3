"""The engine's input and output: frozen dataclasses, the kinds they hold and the painful areas."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

from footwork.programs.domain import ProgressionRule

DecisionKind = Literal["progress", "hold", "regress", "stop"]
Light = Literal["green", "amber", "red"]
Advice = Literal["keep", "reduce", "pause"]

# How cautious a decision is (higher = more cautious).
ORDER: dict[str, int] = {"progress": 0, "hold": 1, "regress": 2, "stop": 3}
ADVICE_ORDER: dict[str, int] = {"keep": 0, "reduce": 1, "pause": 2}
LIGHTS: tuple[Light, ...] = ("green", "amber", "red")
# Dose kind → the key of the amount in HISTORY.json and in the decisions document.
DOSE_KEYS: dict[str, str] = {"reps": "reps", "hold_seconds": "hold_s", "jumps": "jumps"}


# The library targets each painful area puts load on (CLINICAL §4): an exercise working one of them loads the area.
# "other" loads nothing specific: exercises are judged on the overall readings.
AREA_TARGETS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "achilles": frozenset({"achilles", "gastrocnemius", "soleus"}),
        "calf": frozenset({"gastrocnemius", "soleus"}),
        "plantar_heel": frozenset({"plantar-fascia", "intrinsic-foot"}),
        "other": frozenset(),
    }
)
# How reasons name an area: "red flag reported for the Achilles", "heel pain the morning after…".
AREA_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "achilles": ("the Achilles", "Achilles"),
        "calf": ("the calf", "calf"),
        "plantar_heel": ("the heel", "heel"),
        "other": ("the painful area", "other"),
    }
)


def areas_loaded(targets: Iterable[str], painful: Iterable[str]) -> frozenset[str]:
    """The runner's painful areas that an exercise with these library targets loads ("other": none)."""
    worked = frozenset(targets)
    return frozenset(area for area in painful if AREA_TARGETS.get(area, frozenset()) & worked)


@dataclass(frozen=True)
class Dose:
    sets: int
    kind: str  # "reps" | "hold_seconds" | "jumps"
    amount: int  # per set (per side when the exercise is per side)
    load_kg: float | None = None
    load_percent_added: int = 0  # load added by a rule when load_kg is None ("+5 % load")


@dataclass(frozen=True)
class PrescriptionState:
    id: str
    exercise: str  # library slug
    dose: Dose
    progression: ProgressionRule | None = None
    next_exercise: str | None = None  # first progression of the exercise in the library chain
    regression_exercise: str | None = None  # first regression in the library chain
    plyometric: bool = False
    next_is_plyometric: bool = False
    regressed: bool = False  # its last accepted decision was a regress (needed by the stop rule)
    name: str = (
        ""  # the exercise's name, e.g. "Forefoot balance on a step edge"; "": History.names, else the slug
    )
    unit: str = ""  # the library's dosage unit, e.g. "passes"; "": reps, seconds or jumps by the dose kind
    per_side: bool = False  # the amount is per side: "15 → 20 seconds each side"
    counts_from: date | None = None  # its dosage changed that day: earlier sessions do not count for it
    areas: frozenset[str] = frozenset()  # the runner's painful areas it loads (areas_loaded)


@dataclass(frozen=True)
class EntryRecord:
    prescription: str
    sets_done: int
    amount: int | None  # the least done in a set (reps, seconds or jumps); None when not recorded
    pain_during: int | None


@dataclass(frozen=True)
class SessionRecord:
    date: date
    rpe: int | None
    pain_after: int | None
    entries: tuple[EntryRecord, ...]


@dataclass(frozen=True)
class CheckinRecord:
    date: date
    pain: int  # the worst across areas
    stiffness: int  # the worst across areas
    areas: tuple[
        tuple[str, int, int], ...
    ] = ()  # (area, pain, stiffness) of each painful area, when asked per area


@dataclass(frozen=True)
class History:
    today: date
    prescriptions: tuple[PrescriptionState, ...]
    sessions: tuple[SessionRecord, ...]
    checkins: tuple[CheckinRecord, ...]
    baseline_morning_pain: float | None = None  # None: computed by baseline_of()
    red_flag: bool = False
    load_warning: bool = False  # a running-load warning is active (weekly distance spike, ACWR…)
    plyometric_exclusions: tuple[
        str, ...
    ] = ()  # plain reasons from tests, e.g. "hopping hurt 4/10 … no jumping yet"
    # (slug, name) of the exercises reasons may name (next and regression exercises): pairs keep History frozen and
    # hashable; a slug without a name is shown as words ("single-leg-heel-raise" → "Single leg heel raise").
    names: tuple[tuple[str, str], ...] = ()
    red_flag_areas: frozenset[str] = (
        frozenset()
    )  # areas with a red flag in force; red_flag stays "any red flag"


@dataclass(frozen=True)
class ExerciseDecision:
    prescription: str
    exercise: str
    decision: DecisionKind
    light: Light
    new_dose: Dose | None  # None: dosage unchanged
    new_exercise: str | None  # None: same exercise
    reasons: tuple[str, ...]  # plain language, naming the numbers
    held_back: tuple[str, ...] = ()  # non-empty: not to be done now, and why (a stop, a plyometric exclusion)


@dataclass(frozen=True)
class RunningAdvice:
    advice: Advice
    reduce_percent: int | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Decisions:
    exercises: tuple[ExerciseDecision, ...]
    running: RunningAdvice
    baseline: float | None
    held_back: tuple[str, ...] = ()  # the plyometric exclusions in force (overall readings)
