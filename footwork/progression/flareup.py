"""Flare-up screening and the flare-up toolbox (CLINICAL.md §7 red flags, §4.5 isometrics, §6.5 return after a flare).

Pure: standard library and other pure modules only; data comes in already parsed (yaml.safe_load or json.load).

A flare-up starts with red-flag screening for the painful area. Any "yes" means the runner stops training that area
and sees a clinician, the same day for the urgent flags; this is never overridden by a toolbox. Only when every answer
is "no" does the runner get the area's toolbox: settled-down loading, less running and what to track each morning,
until `exit_ready` says the mornings have been back at baseline long enough to return to the main plan.

Error messages name the place of the problem as a path: ``achilles.exercises[0].amount`` (list indexes from 0) or
``answers.sudden_pop``. Every problem found is reported at once, joined with "; " (so no single problem contains
"; ", and a caller may split the message back into its problems).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from footwork.core import rules
from footwork.exercises.domain import DOSE_KINDS

AREAS: dict[str, str] = {"achilles": "Achilles", "calf": "Calf", "plantar_heel": "Heel (plantar)"}
Urgency = Literal["today", "soon"]

_ALL = tuple(AREAS)
_ACHILLES_CALF = ("achilles", "calf")
_HEEL = ("achilles", "plantar_heel")


@dataclass(frozen=True)
class RedFlag:
    code: str
    question: str
    urgency: Urgency
    why: str
    areas: tuple[str, ...]


# CLINICAL §7. "today" = same-day urgent referral (rupture, DVT, infection); "soon" = referral without the same-day
# urgency (bone stress, nerve, back, systemic, tumour). Questions are asked in this order, the urgent ones first.
RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        code="sudden_pop",
        question="Did you feel a sudden pop, snap or kick at the back of the ankle or in the calf, as if someone had "
        "hit or kicked you there?",
        urgency="today",
        why="a sudden pop or kick can be a torn (ruptured) Achilles tendon, which is missed surprisingly often",
        areas=_ACHILLES_CALF,
    ),
    RedFlag(
        code="cannot_tiptoe",
        question="Are you unable to rise up onto your tiptoes on the painful leg alone?",
        urgency="today",
        why="not being able to rise on tiptoe on one leg can mean a torn Achilles tendon or calf muscle",
        areas=_ACHILLES_CALF,
    ),
    RedFlag(
        code="calf_swelling",
        question="Is your calf swollen, warm or tender to touch, especially after a long flight, a long car journey or "
        "an operation?",
        urgency="today",
        why="a swollen, warm, tender calf can be a blood clot in a deep vein (DVT)",
        areas=_ALL,
    ),
    RedFlag(
        code="fever_redness",
        question="Do you have a fever, or is the sore area red, hot or swollen, or near a wound or a recent injection?",
        urgency="today",
        why="fever, redness and heat, or a wound or injection nearby, can mean an infection",
        areas=_ALL,
    ),
    RedFlag(
        code="night_pain",
        question="Does the pain wake you at night or stay when you rest, or have you lost weight without trying?",
        urgency="soon",
        why="pain at night or at rest, or unexplained weight loss, needs checking for bone stress or, rarely, a "
        "tumour",
        areas=_ALL,
    ),
    RedFlag(
        code="bone_pain",
        question="Does it hurt to walk without easing as you warm up, did heel pain start after you increased your "
        "training, or does hopping or squeezing the sides of the heel hurt?",
        urgency="soon",
        why="pain on walking that does not ease, heel pain after a load increase or pain on hopping or squeezing the "
        "heel can be a stress fracture of the heel bone (bone stress)",
        areas=_HEEL,
    ),
    RedFlag(
        code="numbness",
        question="Do you have burning, tingling or numbness in the heel, the sole of the foot or the calf?",
        urgency="soon",
        why="burning, tingling or numbness point to an irritated or trapped nerve (for example tarsal tunnel)",
        areas=_ALL,
    ),
    RedFlag(
        code="back_pain",
        question="Do you have back or buttock pain together with your heel or calf pain, or pins and needles running "
        "down the leg?",
        urgency="soon",
        why="back or buttock pain with heel pain or pins and needles can come from a nerve root in the lower back "
        "(S1)",
        areas=_ALL,
    ),
    RedFlag(
        code="both_heels",
        question="Are both heels (or both Achilles tendons) painful, with long-lasting morning stiffness in several "
        "joints such as the back, hips or knees?",
        urgency="soon",
        why="pain in both heels with long morning stiffness in several joints can be an inflammatory (rheumatic) "
        "condition",
        areas=_HEEL,
    ),
)
_FLAGS_BY_CODE: dict[str, RedFlag] = {flag.code: flag for flag in RED_FLAGS}


@dataclass(frozen=True)
class ToolboxExercise:
    exercise: str
    sets: int
    kind: str
    amount: int
    per_side: bool
    notes: str = ""


@dataclass(frozen=True)
class Toolbox:
    area: str
    title: str
    exercises: tuple[ToolboxExercise, ...]
    running: tuple[str, ...]
    track: tuple[str, ...]
    exit_days: int = rules.FLARE_EXIT_DAYS
    notes: str = ""


class ToolboxError(ValueError):
    """A toolbox document is not valid; the message names each area and field at fault."""


class ScreeningError(ValueError):
    """A screening answers document is not valid; the message names each question at fault."""


@dataclass(frozen=True)
class Referral:
    area: str
    urgency: Urgency
    flags: tuple[RedFlag, ...]
    message: str


@dataclass(frozen=True)
class FlarePlan:
    area: str
    toolbox: Toolbox
    running_reduce_percent: int
    message: str


# --------------------------------------------------------------------------------------------------- screening


def _area_problem(area: object) -> str | None:
    if isinstance(area, str) and area in AREAS:
        return None
    shown = "is missing" if area is None else f"unknown area {area!r}"
    return f"area: {shown} (choose one of {', '.join(AREAS)})"


def questions_for(area: str) -> tuple[RedFlag, ...]:
    """The red-flag questions asked for one area, in asking order."""
    problem = _area_problem(area)
    if problem:
        raise ScreeningError(problem)
    return tuple(flag for flag in RED_FLAGS if area in flag.areas)


def _answer_problems(area: str, answers: Mapping[str, object]) -> list[str]:
    """Every question of the area answered true or false, and nothing else answered."""
    asked = {flag.code for flag in questions_for(area)}
    problems = []
    for flag in questions_for(area):
        if flag.code not in answers:
            problems.append(f"answers.{flag.code}: missing (answer true or false)")
        elif not isinstance(answers[flag.code], bool):
            problems.append(f"answers.{flag.code}: answer true or false")
    for code in answers:
        if code in asked:
            continue
        if code in _FLAGS_BY_CODE:
            # Refused rather than ignored: a "yes" to a question not asked for this area must not vanish silently.
            problems.append(f"answers.{code}: not asked for the {AREAS[area]} area")
        else:
            problems.append(f"answers.{code}: unknown question")
    return problems


def parse_screening(data: object) -> tuple[str, dict[str, bool]]:
    """Read an answers document: {"area": "achilles", "answers": {"sudden_pop": false, ...}}."""
    if not isinstance(data, Mapping):
        raise ScreeningError('the answers file must be an object with "area" and "answers"')
    problems = [f"{key}: unknown field" for key in data if key not in ("area", "answers")]
    area, answers = data.get("area"), data.get("answers")
    area_problem = _area_problem(area)
    if area_problem:
        problems.append(area_problem)
    if not isinstance(answers, Mapping):
        problems.append(
            "answers: " + ("is missing" if answers is None else "must be an object of question: true/false")
        )
    elif isinstance(area, str) and not area_problem:
        problems.extend(_answer_problems(area, answers))
    if problems or not isinstance(area, str) or not isinstance(answers, Mapping):
        raise ScreeningError("; ".join(problems))
    return area, {flag.code: bool(answers[flag.code]) for flag in questions_for(area)}


def referral_wording(urgency: Urgency) -> tuple[str, str]:
    """A referral's message around its reasons: (before, after). The offline red-flag screen (offline.js) joins
    them the same way, so the words a runner reads with no signal are these very ones."""
    when = "today" if urgency == "today" else "in the next few days"
    return (
        f"Stop training this area and see a clinician {when}: ",
        ". Pause running until you have been seen; the flare-up toolbox is not a substitute for that visit.",
    )


def _referral(area: str, flags: tuple[RedFlag, ...]) -> Referral:
    urgency: Urgency = "today" if any(flag.urgency == "today" for flag in flags) else "soon"
    before, after = referral_wording(urgency)
    message = before + "; ".join(flag.why for flag in flags) + after
    return Referral(area=area, urgency=urgency, flags=flags, message=message)


def _flare_plan(area: str, toolbox: Toolbox) -> FlarePlan:
    low, high = rules.RUNNING_REDUCE_RANGE
    message = (
        f"No red flags. Follow the {toolbox.title}: cut weekly running by about {rules.RUNNING_REDUCE_PERCENT} % "
        f"({low}–{high} %) and drop hills, speed work and running on consecutive days. Return to your main plan after "
        f"{toolbox.exit_days} mornings in a row with pain and stiffness at or below your usual level."
    )
    return FlarePlan(
        area=area,
        toolbox=toolbox,
        running_reduce_percent=rules.RUNNING_REDUCE_PERCENT,
        message=message,
    )


def screen(area: str, answers: Mapping[str, bool], toolboxes: Mapping[str, Toolbox]) -> Referral | FlarePlan:
    """Any red flag answered yes → Referral; all no → the area's toolbox. Unanswered questions are refused, not
    taken as "no"."""
    problems = _answer_problems(area, answers)  # raises ScreeningError for an unknown area
    if problems:
        raise ScreeningError("; ".join(problems))
    flags = tuple(flag for flag in questions_for(area) if answers[flag.code])
    if flags:
        return _referral(area, flags)
    if area not in toolboxes:
        raise ToolboxError(f"{area}: no toolbox for this area")
    return _flare_plan(area, toolboxes[area])


def screening_document(result: Referral | FlarePlan) -> dict[str, object]:
    """The JSON shape of a screening outcome, for the API and `--json` output."""
    if isinstance(result, Referral):
        return {
            "outcome": "referral",
            "area": result.area,
            "urgency": result.urgency,
            "flags": [
                {"code": flag.code, "question": flag.question, "urgency": flag.urgency, "why": flag.why}
                for flag in result.flags
            ],
            "message": result.message,
        }
    document = toolbox_document(result.toolbox)
    return {
        "outcome": "flare_plan",
        "area": result.area,
        "message": result.message,
        "running_reduce_percent": result.running_reduce_percent,
        "exercises": document["exercises"],
        "running": document["running"],
        "track": document["track"],
        "exit_days": result.toolbox.exit_days,
    }


# ----------------------------------------------------------------------------------------------------- toolbox

TOOLBOX_FIELDS = frozenset({"title", "exercises", "running", "track", "exit_days", "notes"})
EXERCISE_FIELDS = frozenset({"exercise", "sets", "kind", "amount", "per_side", "notes"})
MAX_SETS = 20
MAX_AMOUNT = 600  # ten minutes of holding, or 600 reps: anything above is a typing error
MAX_EXIT_DAYS = 28
# Running lines may say these instead of numbers, so that the reduction always follows core.rules (one place).
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _placeholders() -> dict[str, str]:
    low, high = rules.RUNNING_REDUCE_RANGE
    return {"reduce_percent": str(rules.RUNNING_REDUCE_PERCENT), "reduce_range": f"{low}–{high}"}


class _Reader:
    """Reads typed fields of one raw mapping, collecting problems under a path instead of stopping at the first."""

    def __init__(self, raw: Mapping[object, object], path: str, problems: list[str]) -> None:
        self.raw, self.path, self.problems = raw, path, problems

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.path}.{key}: {message}")

    def unknown_fields(self, allowed: frozenset[str]) -> None:
        for key in self.raw:
            if key not in allowed:
                self.problem(str(key), f"unknown field (use {', '.join(sorted(allowed))})")

    def text(self, key: str, *, required: bool) -> str:
        value = self.raw.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(key, "is missing" if value is None else "must be non-empty text")
            return ""
        return value.strip()

    def integer(self, key: str, low: int, high: int, default: int | None = None) -> int:
        value = self.raw.get(key)
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(key, f"must be a whole number {low}-{high}")
            return low
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw.get(key)
        if not isinstance(value, bool):
            self.problem(key, "must be true or false")
            return False
        return value

    def lines(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(i, str) and i.strip() for i in value)
        ):
            self.problem(key, "must be a list of one or more non-empty texts")
            return ()
        return tuple(item.strip() for item in value)


def _fill_placeholders(reader: _Reader, key: str, lines: tuple[str, ...]) -> tuple[str, ...]:
    values = _placeholders()
    filled = []
    for index, line in enumerate(lines):
        for name in _PLACEHOLDER.findall(line):
            if name not in values:
                reader.problem(
                    f"{key}[{index}]",
                    f"unknown placeholder {{{name}}} (use {{reduce_percent}} or {{reduce_range}})",
                )
        filled.append(_PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), line))
    return tuple(filled)


def _parse_exercise(raw: object, path: str, known: set[str] | None, problems: list[str]) -> ToolboxExercise:
    if not isinstance(raw, Mapping):
        problems.append(f"{path}: must be a record with {', '.join(sorted(EXERCISE_FIELDS))}")
        return ToolboxExercise("", 1, "reps", 1, False)
    reader = _Reader(raw, path, problems)
    reader.unknown_fields(EXERCISE_FIELDS)
    slug = reader.text("exercise", required=True)
    if slug and known is not None and slug not in known:
        reader.problem("exercise", f"unknown exercise {slug!r} (use a slug of the exercise library)")
    kind = raw.get("kind")
    if kind not in DOSE_KINDS:
        reader.problem("kind", f"must be one of {', '.join(DOSE_KINDS)}")
    return ToolboxExercise(
        exercise=slug,
        sets=reader.integer("sets", 1, MAX_SETS),
        kind=str(kind),
        amount=reader.integer("amount", 1, MAX_AMOUNT),
        per_side=reader.boolean("per_side"),
        notes=reader.text("notes", required=False),
    )


def _parse_exercises(
    raw: object, area: str, known: set[str] | None, problems: list[str]
) -> tuple[ToolboxExercise, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{area}.exercises: must be a list of one or more exercises")
        return ()
    exercises = tuple(
        _parse_exercise(item, f"{area}.exercises[{index}]", known, problems) for index, item in enumerate(raw)
    )
    seen: set[str] = set()
    for index, exercise in enumerate(exercises):
        if exercise.exercise and exercise.exercise in seen:
            problems.append(f"{area}.exercises[{index}].exercise: {exercise.exercise!r} is listed twice")
        seen.add(exercise.exercise)
    return exercises


def _parse_one(area: object, raw: object, known: set[str] | None, problems: list[str]) -> Toolbox | None:
    if not isinstance(area, str) or area not in AREAS:
        problems.append(f"{area}: unknown area (choose one of {', '.join(AREAS)})")
        return None
    if not isinstance(raw, Mapping):
        problems.append(f"{area}: must be a record with {', '.join(sorted(TOOLBOX_FIELDS))}")
        return None
    reader = _Reader(raw, area, problems)
    reader.unknown_fields(TOOLBOX_FIELDS)
    return Toolbox(
        area=area,
        title=reader.text("title", required=True),
        exercises=_parse_exercises(raw.get("exercises"), area, known, problems),
        running=_fill_placeholders(reader, "running", reader.lines("running")),
        track=reader.lines("track"),
        # Optional in the file: by default the exit follows the app-wide rule, so a change there reaches every area.
        exit_days=reader.integer("exit_days", 1, MAX_EXIT_DAYS, default=rules.FLARE_EXIT_DAYS),
        notes=reader.text("notes", required=False),
    )


def parse_toolbox(data: object, known_exercises: set[str] | None = None) -> dict[str, Toolbox]:
    """Read a toolbox document {"version": 1, "toolboxes": {area: record}}; one area or several.

    An area missing from the document has no toolbox (a coach's override may hold one area only); `screen` refuses
    to plan for it. `known_exercises`, when given, are the library slugs each exercise must be one of.
    """
    if not isinstance(data, Mapping):
        raise ToolboxError('the toolbox file must be a mapping with "version" and "toolboxes"')
    problems = [f"{key}: unknown top-level field" for key in data if key not in ("version", "toolboxes")]
    version = data.get("version", 1)
    if isinstance(version, bool) or version != 1:  # True == 1 in Python; a YAML `version: yes` is still wrong
        problems.append("version: must be 1")
    raw = data.get("toolboxes")
    toolboxes: dict[str, Toolbox] = {}
    if not isinstance(raw, Mapping) or not raw:
        problems.append("toolboxes: must map one or more areas to their toolbox")
    else:
        for area, record in raw.items():
            toolbox = _parse_one(area, record, known_exercises, problems)
            if toolbox is not None:
                toolboxes[toolbox.area] = toolbox
    if problems:
        raise ToolboxError("; ".join(problems))
    return toolboxes


def toolbox_document(toolbox: Toolbox) -> dict[str, object]:
    """The record shape of one area's toolbox, as under `toolboxes.<area>` in the file (parse_toolbox reads it back)."""
    return {
        "title": toolbox.title,
        "exercises": [
            {
                "exercise": item.exercise,
                "sets": item.sets,
                "kind": item.kind,
                "amount": item.amount,
                "per_side": item.per_side,
                "notes": item.notes,
            }
            for item in toolbox.exercises
        ],
        "running": list(toolbox.running),
        "track": list(toolbox.track),
        "exit_days": toolbox.exit_days,
        "notes": toolbox.notes,
    }


# -------------------------------------------------------------------------------------------------------- exit


def _settled(pain: int, stiffness: int, limit: float) -> bool:
    return pain <= limit and stiffness <= limit


def _number(value: float) -> str:
    return f"{value:g}"


def exit_ready(
    mornings: Sequence[tuple[date, int, int]], baseline: float | None, days: int, today: date
) -> tuple[bool, str]:
    """Whether the last `days` consecutive mornings were settled, so the runner can go back to the main plan.

    The run ends today, or yesterday while today has no check-in yet (the morning is not over). Settled means pain
    and stiffness both at or below the baseline; without a baseline yet, both in the green (0 to PAIN_GREEN_MAX).
    A missing morning breaks the run: an unrecorded day cannot show that symptoms stayed down. Two check-ins on one
    date count as the worse of the two.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    worst: dict[date, tuple[int, int]] = {}
    for day, pain, stiffness in mornings:
        before = worst.get(day, (pain, stiffness))
        worst[day] = (max(pain, before[0]), max(stiffness, before[1]))
    limit = float(rules.PAIN_GREEN_MAX) if baseline is None else baseline
    day = today if today in worst else today - timedelta(days=1)
    settled = 0
    while settled < days and day in worst and _settled(*worst[day], limit):
        settled += 1
        day -= timedelta(days=1)
    if settled < days:
        return False, f"{settled} of {days} mornings settled; {days - settled} to go"
    if baseline is None:
        return (
            True,
            f"{days} of {days} mornings in the green (pain and stiffness 0-{rules.PAIN_GREEN_MAX}/10; no baseline yet)",
        )
    return True, f"{days} of {days} mornings at or below your {_number(baseline)}/10 baseline"
