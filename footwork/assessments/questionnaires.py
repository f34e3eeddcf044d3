"""Patient-reported outcome measures: items, answer encoding and exact scoring (CLINICAL.md §2.1, §2.2, §2.4).

Pure Python so the web forms, the API, the CLI and the reports all score an answer set the same way. The item texts
are Footwork's own paraphrases: VISA-A and LEFS are copyrighted, so the original wording is never shipped.

Answer encoding (a public contract): one string per item, in item order. Whole numbers are written plainly ("7"),
FAAM's not-applicable is "na" and VISA-A item 8 is "branch:points" ("B:10"). Every item lists its allowed encoded
values in `choices`; `score` accepts an answer exactly when its normalised form is one of them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from footwork.core.rules import MCID

__all__ = [
    "INSTRUMENTS",
    "AnswerError",
    "Change",
    "Choice",
    "Instrument",
    "Item",
    "Score",
    "change",
    "parse_answers",
    "score",
]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    choices: tuple[Choice, ...]
    hint: str = ""


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    short_name: str
    description: str
    items: tuple[Item, ...]
    max_score: float
    unit: str
    mcid: float
    mcid_note: str
    source: str


class AnswerError(ValueError):
    """An answer set that cannot be scored; names the item (1-based) when one is at fault."""

    def __init__(self, message: str, item: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.item = item


@dataclass(frozen=True)
class Score:
    instrument: str
    score: float
    max: float
    answered: int
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    previous: float | None
    current: float
    delta: float | None
    exceeds_mcid: bool | None
    direction: str


# --- Items ------------------------------------------------------------------------------------------------------

NOT_APPLICABLE = "na"

# VISA-A item 8: branch letter -> (who answers it, points for nil / 1-10 / 11-20 / 21-30 / >30 min of training).
_VISA_BRANCHES: dict[str, tuple[str, tuple[int, ...]]] = {
    "A": ("no pain while training", (0, 7, 14, 21, 30)),
    "B": ("some pain, but can finish training", (0, 4, 10, 14, 20)),
    "C": ("pain stops training", (0, 2, 5, 7, 10)),
}
_VISA_MINUTES = ("nil", "1–10 min", "11–20 min", "21–30 min", "more than 30 min")
_VISA_ACTIVITY = (
    Choice("0", "No sport or physical activity at present"),
    Choice("4", "Modified training, with or without modified competition"),
    Choice("7", "Full training, with or without competition, but below the level before symptoms"),
    Choice("10", "Competing at the same level as before symptoms, or higher"),
)
_PAIN_HINT = "0 = severe pain, 10 = no pain"


def _pain_scale() -> tuple[Choice, ...]:
    ends = {0: "0 — severe pain", 10: "10 — no pain"}
    return tuple(Choice(str(v), ends.get(v, str(v))) for v in range(11))


def _stiffness_scale() -> tuple[Choice, ...]:
    # Scored in 10-minute steps: 0 min of stiffness earns 10 points, 100 min or more earns 0.
    def label(points: int) -> str:
        if points == 10:
            return "10 — no stiffness (0 min)"
        if points == 0:
            return "0 — 100 min or more"
        return f"{points} — about {(10 - points) * 10} min"

    return tuple(Choice(str(v), label(v)) for v in range(11))


def _hop_scale() -> tuple[Choice, ...]:
    def label(hops: int) -> str:
        return "0 — none" if hops == 0 else f"{hops} — {hops} hop{'s' if hops > 1 else ''}"

    return tuple(Choice(str(v), label(v)) for v in range(11))


def _branch_scale() -> tuple[Choice, ...]:
    return tuple(
        Choice(f"{letter}:{points}", f"{letter} ({who}) — {minutes}")
        for letter, (who, scale) in _VISA_BRANCHES.items()
        for points, minutes in zip(scale, _VISA_MINUTES, strict=True)
    )


_PAIN = _pain_scale()
_VISA_A_ITEMS = (
    Item(
        1,
        "For how many minutes is your Achilles stiff when you first get up in the morning?",
        _stiffness_scale(),
        "10 = no stiffness, 0 = 100 minutes or more (10 points less per 10 minutes)",
    ),
    Item(
        2,
        "With your knee straight, how painful is a full stretch of the tendon over the edge of a step?",
        _PAIN,
        _PAIN_HINT,
    ),
    Item(
        3,
        "After a 30-minute walk on flat ground, how painful is the tendon over the next 2 hours?",
        _PAIN,
        _PAIN_HINT + "; if you cannot walk for 30 minutes, choose 0",
    ),
    Item(4, "How painful is walking down stairs with your normal stride?", _PAIN, _PAIN_HINT),
    Item(
        5,
        "How painful are 10 single-leg heel raises from flat ground, during or just after them?",
        _PAIN,
        _PAIN_HINT,
    ),
    Item(
        6,
        "How many times can you hop on the affected leg without pain?",
        _hop_scale(),
        "1 point per pain-free hop, up to 10",
    ),
    Item(
        7,
        "How much sport or physical activity are you doing now?",
        _VISA_ACTIVITY,
        "Choose the one that fits best: 0 = none, 10 = competing at or above your level before symptoms",
    ),
    Item(
        8,
        "How long can you train in sport that loads your Achilles? Answer in the one branch that fits you.",
        _branch_scale(),
        "A = no pain while training, B = some pain but you can finish, C = pain stops you",
    ),
)


_FAAM_SCALE = (
    Choice("4", "No difficulty"),
    Choice("3", "Slight difficulty"),
    Choice("2", "Moderate difficulty"),
    Choice("1", "Extreme difficulty"),
    Choice("0", "Unable to do it"),
    Choice(NOT_APPLICABLE, "Not applicable: something other than my foot or ankle limits me"),
)
_FAAM_HINT = "4 = no difficulty, 0 = unable; na = limited by something other than your foot or ankle"
_FAAM_ADL = (
    "standing",
    "walking on level ground",
    "walking on level ground with bare feet",
    "walking up a hill",
    "walking down a hill",
    "climbing stairs",
    "going down stairs",
    "walking on uneven ground",
    "stepping up onto and down from a kerb",
    "squatting",
    "rising up onto your toes",
    "your first steps after rest",
    "walking for 5 minutes or less",
    "walking for about 10 minutes",
    "walking for 15 minutes or longer",
    "jobs around the home",
    "everyday activities",
    "personal care",
    "light to moderate work done standing or walking",
    "heavy work: pushing, pulling, climbing or carrying",
    "leisure and recreational activities",
)
_FAAM_SPORTS = (
    "running",
    "jumping",
    "landing from a jump",
    "starting and stopping quickly",
    "cutting and sideways movements",
    "low-impact activities",
    "doing your activity with your normal technique",
    "taking part in your chosen sport for as long as you like",
)

_LEFS_SCALE = (
    Choice("4", "No difficulty"),
    Choice("3", "A little difficulty"),
    Choice("2", "Moderate difficulty"),
    Choice("1", "A lot of difficulty"),
    Choice("0", "Extreme difficulty, or unable to do it"),
)
_LEFS_HINT = "4 = no difficulty, 0 = extreme difficulty or unable"
_LEFS_ACTIVITIES = (
    "your usual work, housework or school activities",
    "your usual hobbies, recreation or sport",
    "getting into or out of the bath",
    "walking from one room to another",
    "putting on shoes or socks",
    "squatting",
    "lifting something such as a bag of shopping from the floor",
    "light jobs around the home",
    "heavy jobs around the home",
    "getting into or out of a car",
    "walking two blocks",
    "walking a mile",
    "going up or down 10 stairs",
    "standing for an hour",
    "sitting for an hour",
    "running on even ground",
    "running on uneven ground",
    "turning sharply while running fast",
    "hopping",
    "rolling over in bed",
)


def _phrased_items(
    activities: Sequence[str], question: str, choices: tuple[Choice, ...], hint: str
) -> tuple[Item, ...]:
    # The instruments share one question per subscale; each item names its activity first so a list reads well.
    return tuple(
        Item(number, f"{activity[0].upper()}{activity[1:]}: {question}", choices, hint)
        for number, activity in enumerate(activities, start=1)
    )


_FAAM_QUESTION = "how much difficulty does your foot or ankle give you?"
_LEFS_QUESTION = "how much difficulty do you (or would you) have today because of your leg or foot problem?"


_FAAM_SOURCE = "Martin RL et al. 2005, Foot Ankle Int 26(11):968-983"
INSTRUMENTS: dict[str, Instrument] = {
    instrument.code: instrument
    for instrument in (
        Instrument(
            code="visa-a",
            name="VISA-A (Victorian Institute of Sport Assessment – Achilles)",
            short_name="VISA-A",
            description="How much Achilles tendinopathy affects pain, function and sport: 8 questions scored "
            "0–100. Higher is better; 100 means no symptoms.",
            items=_VISA_A_ITEMS,
            max_score=100.0,
            unit="points",
            mcid=MCID["visa-a"],
            mcid_note=f"{MCID['visa-a']:g} points over 12 weeks (default); 7 over 24 weeks",
            source="Robinson JM et al. 2001, Br J Sports Med 35:335-341",
        ),
        Instrument(
            code="faam-adl",
            name="FAAM ADL (Foot and Ankle Ability Measure – Activities of Daily Living)",
            short_name="FAAM ADL",
            description="How much the foot or ankle limits everyday activities such as standing, walking and "
            "stairs, as a percentage. Higher is better; 100% means no difficulty.",
            items=_phrased_items(_FAAM_ADL, _FAAM_QUESTION, _FAAM_SCALE, _FAAM_HINT),
            max_score=100.0,
            unit="%",
            mcid=MCID["faam-adl"],
            mcid_note=f"{MCID['faam-adl']:g} percentage points",
            source=_FAAM_SOURCE,
        ),
        Instrument(
            code="faam-sports",
            name="FAAM Sports (Foot and Ankle Ability Measure – Sports)",
            short_name="FAAM Sports",
            description="How much the foot or ankle limits running, jumping and other sport movements, as a "
            "percentage. Higher is better; 100% means no difficulty.",
            items=_phrased_items(_FAAM_SPORTS, _FAAM_QUESTION, _FAAM_SCALE, _FAAM_HINT),
            max_score=100.0,
            unit="%",
            mcid=MCID["faam-sports"],
            mcid_note=f"{MCID['faam-sports']:g} percentage points",
            source=_FAAM_SOURCE,
        ),
        Instrument(
            code="lefs",
            name="LEFS (Lower Extremity Functional Scale)",
            short_name="LEFS",
            description="How hard everyday and sporting activities are because of a leg, foot or ankle problem: "
            "20 items summed to 0–80. Higher is better.",
            items=_phrased_items(_LEFS_ACTIVITIES, _LEFS_QUESTION, _LEFS_SCALE, _LEFS_HINT),
            max_score=80.0,
            unit="points",
            mcid=MCID["lefs"],
            mcid_note=f"{MCID['lefs']:g} points (general population); 12 reported for Achilles tendinopathy",
            source="Binkley JM et al. 1999, Phys Ther 79(4):371-383",
        ),
    )
}

# FAAM is valid only when about 90% of items are answered; CLINICAL §2.2 fixes the counts at 19/21 and 7/8.
_FAAM_MIN_ANSWERED = {"faam-adl": 19, "faam-sports": 7}


# --- Parsing ----------------------------------------------------------------------------------------------------

_WHOLE = re.compile(r"-?[0-9]+")
_BRANCH_ANSWER = re.compile(r"([A-Za-z])\s*:\s*(.*)", re.DOTALL)
_BRANCH_CANONICAL = re.compile(r"([ABC]):(-?[0-9]+)")
# Longer digit strings are out of range anyway; capping them keeps int() away from huge inputs.
_MAX_DIGITS = 6


def _canonical_whole(text: str) -> str:
    """'07' -> '7', '-0' -> '0': one spelling per number, so an answer matches its choice value exactly."""
    if _WHOLE.fullmatch(text) and len(text.lstrip("-")) <= _MAX_DIGITS:
        return str(int(text))
    return text


def _normalise(answer: str) -> str:
    text = answer.strip()
    if text.lower() in {"na", "n/a"}:
        return NOT_APPLICABLE
    branch = _BRANCH_ANSWER.fullmatch(text)
    if branch:
        return f"{branch[1].upper()}:{_canonical_whole(branch[2].strip())}"
    return _canonical_whole(text)


def parse_answers(text: str) -> list[str]:
    """Split comma-separated answers and normalise each; empty answers stay so later items keep their numbers."""
    if not text.strip():
        return []
    return [_normalise(part) for part in text.split(",")]


# --- Validation of one answer -------------------------------------------------------------------------------------


def _shown(value: str) -> str:
    # Error messages echo the answer; a pasted essay should not become the message.
    return value if len(value) <= 12 else value[:11] + "…"


def _number(item: int, value: str, allows_na: bool = False) -> int | None:
    """The whole number an answer spells, None when it has too many digits to be in any range here."""
    if value == "":
        raise AnswerError(
            f"item {item}: no answer" + (" (use na if not applicable)" if allows_na else ""), item
        )
    if not _WHOLE.fullmatch(value):
        alternative = " or na" if allows_na else ""
        raise AnswerError(f"item {item}: {_shown(value)!r} is not a whole number{alternative}", item)
    return int(value) if len(value.lstrip("-")) <= _MAX_DIGITS else None


def _whole(item: int, value: str, low: int, high: int, allows_na: bool = False) -> int:
    """A whole number within low..high, or an AnswerError naming the item."""
    number = _number(item, value, allows_na)
    if number is None or not low <= number <= high:
        raise AnswerError(f"item {item}: {_shown(value)} is out of range ({low}-{high})", item)
    return number


def _one_of(item: int, value: str, allowed: Sequence[int], message: str) -> int:
    """A whole number from a fixed set; `message` is formatted with the item and the answer."""
    number = _number(item, value)
    if number is None or number not in allowed:
        raise AnswerError(message.format(item=item, value=_shown(value)), item)
    return number


def _visa_branch(value: str) -> tuple[str, int]:
    match = _BRANCH_CANONICAL.fullmatch(value)
    if not match:
        raise AnswerError("item 8: answer as A:n, B:n or C:n (e.g. B:10)", 8)
    letter = match[1]
    allowed = _VISA_BRANCHES[letter][1]
    message = f"item {{item}}: {{value}} is not a score of branch {letter} ({', '.join(map(str, allowed))})"
    return letter, _one_of(8, match[2], allowed, message)


# --- Scoring ------------------------------------------------------------------------------------------------------


def _score_visa_a(instrument: Instrument, values: list[str]) -> Score:
    total = sum(_whole(number, value, 0, 10) for number, value in enumerate(values[:6], start=1))
    total += _one_of(7, values[6], (0, 4, 7, 10), "item {item}: {value} is not one of 0, 4, 7, 10")
    branch, points = _visa_branch(values[7])
    return Score(instrument.code, float(total + points), instrument.max_score, 8, {"q8_branch": branch})


def _faam_item(number: int, value: str) -> int | None:
    return None if value == NOT_APPLICABLE else _whole(number, value, 0, 4, allows_na=True)


def _round_half_up_tenth(value: Fraction) -> float:
    # Exact arithmetic: float round() is banker's rounding on an inexact binary value (61.25 -> 61.2).
    return math.floor(value * 10 + Fraction(1, 2)) / 10


def _score_faam(instrument: Instrument, values: list[str]) -> Score:
    points = [_faam_item(number, value) for number, value in enumerate(values, start=1)]
    answered = [p for p in points if p is not None]
    needed = _FAAM_MIN_ANSWERED[instrument.code]
    if len(answered) < needed:
        message = f"only {len(answered)} of {len(values)} items answered (at least {needed} needed)"
        raise AnswerError(message)
    raw, raw_max = sum(answered), 4 * len(answered)
    percent = _round_half_up_tenth(Fraction(100 * raw, raw_max))
    details: dict[str, object] = {
        "not_applicable": len(values) - len(answered),
        "raw": raw,
        "raw_max": raw_max,
    }
    return Score(instrument.code, percent, instrument.max_score, len(answered), details)


def _score_lefs(instrument: Instrument, values: list[str]) -> Score:
    total = sum(_whole(number, value, 0, 4) for number, value in enumerate(values, start=1))
    return Score(instrument.code, float(total), instrument.max_score, len(values))


_SCORERS: dict[str, Callable[[Instrument, list[str]], Score]] = {
    "visa-a": _score_visa_a,
    "faam-adl": _score_faam,
    "faam-sports": _score_faam,
    "lefs": _score_lefs,
}


def _instrument(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code]
    except (KeyError, TypeError):
        known = ", ".join(INSTRUMENTS)
        raise AnswerError(f"unknown questionnaire {_shown(str(code))!r} (known: {known})") from None


def score(code: str, answers: Sequence[str]) -> Score:
    """Score one complete answer set; raises AnswerError naming the first item at fault."""
    instrument = _instrument(code)
    # A bare string is a Sequence[str] too; scoring it character by character would be a silent mistake.
    values = parse_answers(answers) if isinstance(answers, str) else [_normalise(a) for a in answers]
    expected = len(instrument.items)
    if len(values) != expected:
        first_missing = len(values) + 1 if len(values) < expected else None
        raise AnswerError(f"expected {expected} answers, got {len(values)}", first_missing)
    return _SCORERS[code](instrument, values)


def _decimal(value: float, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise AnswerError(f"the {what} score must be a finite number, not {value!r}")
    # str() gives the shortest decimal that round-trips, so 75.0 - 61.3 is 13.7, not 13.700000000000003.
    return Decimal(str(value))


def change(code: str, previous: float | None, current: float) -> Change:
    """The change between two scores of one instrument; higher is better for every instrument here."""
    instrument = _instrument(code)
    now = _decimal(current, "current")
    if previous is None:
        return Change(None, float(current), None, None, "first")
    delta = (now - _decimal(previous, "previous")).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    direction = "better" if delta > 0 else "worse" if delta < 0 else "same"
    exceeds = abs(delta) >= Decimal(str(instrument.mcid))
    return Change(float(previous), float(current), float(delta), exceeds, direction)
