"""Analysing a test session: norms, percent of norm, limb symmetry, flags, ranked weak links and the exercises that
fix them. Pure: standard library, the battery data and the rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from footwork.assessments.battery import BY_SLUG, NormBand, TestDefinition
from footwork.core.rules import (
    LSI_ASYMMETRY,
    LSI_CLEAR_DEFICIT,
    PAIN_AMBER_MAX,
    PAIN_GREEN_MAX,
    PAIN_MAX,
    PAINFUL_AREA_WEIGHT,
    PLYO_MAX_HOP_PAIN,
    PLYO_MIN_HEEL_RAISES,
    PLYO_MIN_STANCE_SECONDS,
)
from footwork.exercises.domain import Dosage

SIDES = ("left", "right")


@dataclass(frozen=True)
class Subject:
    age: int | None = None
    sex: str | None = None  # "female" | "male"
    painful_side: str | None = None  # "left" | "right"


@dataclass(frozen=True)
class Result:
    test: str
    left: float | None = None
    right: float | None = None
    pain: int | None = None  # pain during the test at the painful area, 0-10
    leg_length_cm: float | None = None


@dataclass(frozen=True)
class Analysis:
    test: str
    name: str
    unit: str
    left: float | None
    right: float | None
    norm: float | None
    norm_source: str
    norm_certainty: str
    target: float | None
    percent_of_norm: dict[str, float | None]
    percent_of_target: dict[str, float | None]
    normalised: dict[str, float | None]  # per cent of leg length (Y-balance)
    lsi: float | None
    involved_side: str | None
    flags: tuple[str, ...]
    severity: float


@dataclass(frozen=True)
class ExerciseOption:
    """What suggesting an exercise needs to know of it."""

    slug: str
    name: str
    category: str
    targets: frozenset[str]
    difficulty: int
    dosage: Dosage


@dataclass(frozen=True)
class Suggestion:
    slug: str
    name: str
    dosage: str
    reason: str


@dataclass(frozen=True)
class WeakLink:
    test: str
    name: str
    severity: float
    flags: tuple[str, ...]
    targets: tuple[str, ...]
    exercises: tuple[Suggestion, ...]
    weight: float = 1.0  # ranking_weight: how much its painful area makes it count (1: not weighed)


def norm_for(test: TestDefinition, age: int | None, sex: str | None) -> NormBand | None:
    """The band matching age and sex (a band without a sex fits both); None outside the published ages."""
    if age is None:
        return None
    for band in test.norms:
        if band.age_min <= age <= band.age_max and band.sex in (None, sex):
            return band
    return None


def limb_symmetry(
    involved: float | None, uninvolved: float | None, *, lower_is_better: bool = False
) -> float | None:
    """Involved ÷ uninvolved × 100 (uninvolved ÷ involved where lower is better); None when a side is missing or 0."""
    if involved is None or uninvolved is None:
        return None
    numerator, denominator = (uninvolved, involved) if lower_is_better else (involved, uninvolved)
    if denominator == 0:
        return None
    return round(100 * numerator / denominator, 1)


def result_problems(result: Result) -> list[str]:
    """Why a result cannot be stored: an unknown test, a negative or impossible value, pain outside 0-10."""
    test = BY_SLUG.get(result.test)
    if test is None:
        return [f"{result.test}: unknown test"]
    problems = []
    for side in SIDES:
        value = getattr(result, side)
        if value is not None and not 0 <= value <= test.maximum:
            problems.append(
                f"{result.test}.{side}: {value:g} is out of range (0-{test.maximum:g} {test.unit})"
            )
        if value is not None and test.unit == "pass" and value not in (0, 1):
            problems.append(f"{result.test}.{side}: answer 1 (pass) or 0 (fail)")
    if result.pain is not None and not 0 <= result.pain <= PAIN_MAX:
        problems.append(f"{result.test}.pain: {result.pain} is out of range (0-{PAIN_MAX})")
    if result.leg_length_cm is not None and not 40 <= result.leg_length_cm <= 130:
        problems.append(f"{result.test}.leg_length_cm: {result.leg_length_cm:g} is out of range (40-130)")
    return problems


def _involved(test: TestDefinition, result: Result, subject: Subject) -> str | None:
    if result.left is None or result.right is None:
        return None
    if subject.painful_side in SIDES:
        return subject.painful_side
    worse_is_lower = not test.lower_is_better
    return (
        "left" if (result.left < result.right) == worse_is_lower and result.left != result.right else "right"
    )


def _percent(value: float | None, reference: float | None) -> float | None:
    if value is None or not reference:
        return None
    return round(100 * value / reference, 1)


def analyse(result: Result, subject: Subject) -> Analysis:
    """One test's analysis: percent of norm and target, LSI, flags and how severe the weakness is."""
    test = BY_SLUG[result.test]
    band = norm_for(test, subject.age, subject.sex)
    norm = band.value if band else None
    sides = {"left": result.left, "right": result.right}
    involved = _involved(test, result, subject)
    other = {"left": "right", "right": "left"}.get(involved or "")
    lsi = None
    if involved and other and test.unit not in {"pain", "pass"}:
        lsi = limb_symmetry(sides[involved], sides[other], lower_is_better=test.lower_is_better)
    percent_of_norm = {
        side: None if test.lower_is_better else _percent(value, norm) for side, value in sides.items()
    }
    percent_of_target = {side: _percent(value, test.runner_target) for side, value in sides.items()}
    normalised = {side: _percent(value, result.leg_length_cm) for side, value in sides.items()}
    flags = _flags(test, result, norm, lsi)
    return Analysis(
        test=test.slug, name=test.name, unit=test.unit, left=result.left, right=result.right, norm=norm,
        norm_source=test.norm_source, norm_certainty=test.norm_certainty, target=test.runner_target,
        percent_of_norm=percent_of_norm, percent_of_target=percent_of_target, normalised=normalised, lsi=lsi,
        involved_side=involved, flags=flags, severity=_severity(test, result, percent_of_norm, percent_of_target, lsi, flags),
    )  # fmt: skip


def _flags(test: TestDefinition, result: Result, norm: float | None, lsi: float | None) -> tuple[str, ...]:
    values = [value for value in (result.left, result.right) if value is not None]
    flags = []
    if test.unit == "pass" and 0 in values:
        flags.append("fail")
    if norm is not None and not test.lower_is_better and any(value < norm for value in values):
        flags.append("below_norm")
    if test.runner_target is not None and any(value < test.runner_target for value in values):
        flags.append("below_target")
    difference = (
        abs(result.left - result.right) if result.left is not None and result.right is not None else 0
    )
    if test.asymmetry_difference is not None:
        # Distances measured against a wall or a line: CLINICAL gives an absolute left-right threshold, not an LSI.
        if difference > test.asymmetry_difference:
            flags.append("asymmetry")
    elif lsi is not None and lsi < (test.asymmetry_lsi or LSI_ASYMMETRY):
        flags.append("asymmetry")
        if lsi < LSI_CLEAR_DEFICIT:
            flags.append("clear_deficit")
    pain_limit = test.pain_flag_above if test.pain_flag_above is not None else PAIN_GREEN_MAX
    pain_values = values if test.unit == "pain" else [result.pain] if result.pain is not None else []
    if any(value > pain_limit for value in pain_values):
        flags.append("pain")
    return tuple(flags)


def _severity(
    test: TestDefinition,
    result: Result,
    percent_of_norm: Mapping[str, float | None],
    percent_of_target: Mapping[str, float | None],
    lsi: float | None,
    flags: Sequence[str],
) -> float:
    """How far below norm (or target) plus how asymmetric, in percentage points; failures and pain add to it."""
    percents = [
        value for value in (*percent_of_norm.values(), *percent_of_target.values()) if value is not None
    ]
    below = max(0.0, 100 - min(percents)) if percents else 0.0
    asymmetry = max(0.0, 100 - lsi) if lsi is not None and test.asymmetry_difference is None else 0.0
    if (
        test.asymmetry_difference is not None
        and "asymmetry" in flags
        and result.left is not None
        and result.right is not None
    ):
        asymmetry = 10 * abs(result.left - result.right) / test.asymmetry_difference
    fails = 25.0 * sum(1 for value in (result.left, result.right) if test.unit == "pass" and value == 0)
    pains = [
        v for v in ((result.left, result.right) if test.unit == "pain" else (result.pain,)) if v is not None
    ]
    pain = 10.0 * max(0.0, max(pains, default=0) - PAIN_GREEN_MAX)
    return round(below + asymmetry + fails + pain, 1)


_NO_JUMPING = "no jumping yet"


def _side_value(item: Analysis, pick: str) -> tuple[float, str]:
    """The lowest (pick "min") or highest value of a result, with the side it was on ("" without sides)."""
    sides = [
        (value, side) for side, value in (("left", item.left), ("right", item.right)) if value is not None
    ]
    value, side = min(sides) if pick == "min" else max(sides)
    both = item.left is not None and item.right is not None and item.left != item.right
    return value, f" on the {side}" if both else ""


def _percent_below(value: float, limit: float) -> str:
    """A percentage in whole numbers, unless rounding would carry it to the limit it is below."""
    return f"{value:.0f}" if round(value) < limit else f"{value:.1f}"


def plyometrics_blocked(analyses: Iterable[Analysis], pain_now: int | None = None) -> list[str]:
    """The reasons of CLINICAL §7 found in the test results that hold plyometrics back, in plain words with numbers."""
    reasons = []
    for item in analyses:
        values = [value for value in (item.left, item.right) if value is not None]
        if item.test == "heel-raise" and values and min(values) < PLYO_MIN_HEEL_RAISES:
            low, where = _side_value(item, "min")
            reasons.append(
                f"fewer than {PLYO_MIN_HEEL_RAISES} single-leg heel raises (you did {low:g}{where}) — {_NO_JUMPING}"
            )
        if item.test == "heel-raise" and item.lsi is not None and item.lsi < LSI_CLEAR_DEFICIT:
            symmetry = _percent_below(item.lsi, LSI_CLEAR_DEFICIT)
            reasons.append(
                f"clear deficit — {_NO_JUMPING} (heel-raise symmetry {symmetry} %, below {LSI_CLEAR_DEFICIT:g} %)"
            )
        if item.test == "hop-pain" and values and max(values) > PLYO_MAX_HOP_PAIN:
            high, where = _side_value(item, "max")
            reasons.append(
                f"hopping hurt {high:g}/10{where} (more than {PLYO_MAX_HOP_PAIN}/10) — {_NO_JUMPING}"
            )
        if item.test == "single-leg-stance-eyes-open" and values and min(values) < PLYO_MIN_STANCE_SECONDS:
            low, where = _side_value(item, "min")
            reasons.append(
                f"single-leg balance under {PLYO_MIN_STANCE_SECONDS} seconds (you held {low:g} seconds{where}) "
                f"— {_NO_JUMPING}"
            )
    if pain_now is not None and pain_now > PAIN_AMBER_MAX:
        reasons.append(f"pain is {pain_now}/10 (above {PAIN_AMBER_MAX}/10) — no jumping for now")
    return reasons


def _difficulty_cap(analysis: Analysis) -> int:
    if "pain" in analysis.flags or "clear_deficit" in analysis.flags or analysis.severity >= 40:
        return 2
    return 3 if analysis.severity >= 15 else 4


def suggest(
    analysis: Analysis, options: Iterable[ExerciseOption], *, no_plyometrics: bool, limit: int = 4
) -> tuple[Suggestion, ...]:
    """2-4 library exercises for a weak link: matching targets, the test's categories first, at a level its result allows."""
    test = BY_SLUG[analysis.test]
    cap = _difficulty_cap(analysis)
    wanted = set(test.targets)
    fits = [
        option for option in options
        if option.targets & wanted and option.difficulty <= cap and option.category in test.categories
        and not (no_plyometrics and option.category == "plyometric")
    ]  # fmt: skip
    fits.sort(
        key=lambda o: (test.categories.index(o.category), -len(o.targets & wanted), o.difficulty, o.name)
    )
    # A painful or clearly weaker side starts at the low end of the dosage range.
    gentle = "pain" in analysis.flags or "clear_deficit" in analysis.flags
    chosen = []
    for option in fits[:limit]:
        dosage = replace(option.dosage, max=option.dosage.min) if gentle else option.dosage
        reason = f"works the {', '.join(sorted(option.targets & wanted))}"
        chosen.append(Suggestion(option.slug, option.name, dosage.describe(), reason))
    return tuple(chosen)


# The calf-Achilles-plantar fascia chain each painful area puts load on, for the weak-link ranking. The intrinsic
# foot muscles are left out on purpose: for a heel runner a calf deficit should rank above a balance deficit.
_CALF_CHAIN = frozenset({"gastrocnemius", "soleus", "achilles", "plantar-fascia"})
RANKING_CHAINS: Mapping[str, frozenset[str]] = MappingProxyType(
    {"achilles": _CALF_CHAIN, "calf": _CALF_CHAIN, "plantar_heel": _CALF_CHAIN}
)
RANKING_EXPLANATION = (
    "Weak links are ranked by how far each result falls below the norm plus how uneven your legs are; with a painful "
    "Achilles, calf or heel, tests of the calf, soleus, Achilles and plantar fascia count up to "
    f"{PAINFUL_AREA_WEIGHT:g} times as much."
)


def ranking_weight(test: str, painful_areas: Iterable[str] = ()) -> float:
    """1 + (PAINFUL_AREA_WEIGHT − 1) × the share of the test's targets in the chain its painful areas load.

    With no painful area (or "other") every test weighs 1: the ranking is the severity alone. With a painful
    Achilles, calf or heel, the heel-raise test (all its targets in the chain) weighs PAINFUL_AREA_WEIGHT, the
    single-leg hop half as much extra, a stance test (intrinsic foot, hip) 1.
    """
    chain = frozenset().union(*(RANKING_CHAINS.get(area, frozenset()) for area in painful_areas))
    targets = BY_SLUG[test].targets
    if not chain or not targets:
        return 1.0
    share = sum(1 for target in targets if target in chain) / len(targets)
    return round(1 + (PAINFUL_AREA_WEIGHT - 1) * share, 3)


def weak_links(
    analyses: Sequence[Analysis],
    options: Sequence[ExerciseOption],
    pain_now: int | None = None,
    *,
    painful_areas: Iterable[str] = (),
) -> list[WeakLink]:
    """Flagged tests, most severe first (severity × ranking_weight; battery order breaks ties), with their exercises.

    `painful_areas` (e.g. ["achilles", "plantar_heel"]) weighs the tests of the chain those areas load: see
    ranking_weight and RANKING_EXPLANATION. None given: the ranking is the severity alone, as before.
    """
    order = list(BY_SLUG)
    areas = tuple(painful_areas)
    no_plyometrics = bool(plyometrics_blocked(analyses, pain_now))
    weights = {item.test: ranking_weight(item.test, areas) for item in analyses}
    flagged = sorted(
        (item for item in analyses if item.flags),
        key=lambda item: (-item.severity * weights[item.test], order.index(item.test)),
    )
    return [
        WeakLink(
            item.test,
            item.name,
            item.severity,
            item.flags,
            BY_SLUG[item.test].targets,
            suggest(item, options, no_plyometrics=no_plyometrics),
            weights[item.test],
        )
        for item in flagged
    ]


SEX_CODES = {"F": "female", "M": "male", "female": "female", "male": "male"}
SIDE_CODES = {"L": "left", "R": "right", "left": "left", "right": "right"}


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where}: {value!r} is not a number")
    return float(value)


def parse_result(slug: str, raw: object) -> Result:
    """One test's entry of a results document: {"L": v, "R": v, "pain": n, "leg_length_cm": x} (or v for a test
    without sides); refused with the reason when it is not that, or when a value is impossible."""
    test = BY_SLUG.get(slug)
    if test is None:
        raise ValueError(f"{slug}: unknown test; known tests: {', '.join(BY_SLUG)}")
    if not isinstance(raw, Mapping):
        if test.per_side:
            raise ValueError(f'{slug}: give each side, e.g. {{"L": 18, "R": 27}}')
        raw = {"L": raw}
    unknown = set(raw) - {"L", "R", "pain", "leg_length_cm"}
    if unknown:
        raise ValueError(
            f"{slug}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; use L, R, pain, leg_length_cm"
        )
    values = {
        key: None if raw.get(key) is None else _number(raw[key], f"{slug}.{key}")
        for key in ("L", "R", "leg_length_cm")
    }
    pain = raw.get("pain")
    if pain is not None and (isinstance(pain, bool) or not isinstance(pain, int)):
        raise ValueError(f"{slug}.pain: {pain!r} is not a whole number 0-10")
    result = Result(slug, values["L"], values["R"], pain, values["leg_length_cm"])
    if result.left is None and result.right is None:
        raise ValueError(f"{slug}: no value for either side")
    problems = result_problems(result)
    if problems:
        raise ValueError("; ".join(problems))
    return result


def parse_results_document(data: object) -> tuple[Subject, list[Result]]:
    """`{"age": N, "sex": "F"|"M", "painful_side": "L"|"R"|null, "results": {...}}` as used by `footwork assess`."""
    if not isinstance(data, Mapping) or not isinstance(data.get("results"), Mapping):
        raise ValueError('the file must be a JSON object with "results": {"<test-slug>": {"L": v, "R": v}}')
    age = data.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 5 <= age <= 110):
        raise ValueError(f"age: {age!r} must be a whole number of years (5-110)")
    sex = data.get("sex")
    if sex is not None and sex not in SEX_CODES:
        raise ValueError(f"sex: {sex!r} must be F or M")
    side = data.get("painful_side")
    if side is not None and side not in SIDE_CODES:
        raise ValueError(f"painful_side: {side!r} must be L, R or null")
    subject = Subject(age, SEX_CODES.get(sex) if sex else None, SIDE_CODES.get(side) if side else None)
    return subject, [parse_result(str(slug), raw) for slug, raw in data["results"].items()]


FLAG_LABELS = {
    "below_norm": "below norm",
    "below_target": "below the runner target",
    "asymmetry": "asymmetry",
    "clear_deficit": "clear deficit: no plyometrics",
    "pain": "painful",
    "fail": "failed",
}
