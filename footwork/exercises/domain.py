"""The exercise library's rules: vocabulary, record validation, dosage wording and the progression graph.

Pure: standard library only. Records come from the shipped YAML file or from a coach's form, and both pass
through `parse_exercise`, so a private exercise obeys the same rules as a shipped one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CATEGORIES: dict[str, str] = {
    "warm-up": "Warm-up",
    "strength": "Strength",
    "isometric": "Isometric",
    "balance": "Balance / proprioception",
    "plyometric": "Plyometric / power",
    "mobility": "Mobility",
}
TARGETS: dict[str, str] = {
    "intrinsic-foot": "Intrinsic foot muscles",
    "extrinsic-foot": "Extrinsic foot muscles",
    "gastrocnemius": "Gastrocnemius",
    "soleus": "Soleus",
    "achilles": "Achilles tendon",
    "plantar-fascia": "Plantar fascia",
    "tibialis-anterior": "Tibialis anterior",
    "tibialis-posterior": "Tibialis posterior",
    "peroneals": "Peroneals",
    "glute-max": "Glute max",
    "glute-med": "Glute med",
    "hamstrings": "Hamstrings",
    "quadriceps": "Quadriceps",
    "core": "Core",
}
EQUIPMENT: dict[str, str] = {
    "none": "None",
    "step": "Step / stair",
    "wall": "Wall / rail",
    "towel": "Towel",
    "band": "Band",
    "weight": "Dumbbell / backpack",
    "box": "Box",
    "cushion": "Cushion",
}
# Dose kind → the word shown after the number when the record names no unit of its own.
DOSE_KINDS: dict[str, str] = {"reps": "reps", "hold_seconds": "s", "jumps": "jumps"}

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SUMMARY = 160

RECORD_FIELDS = frozenset(
    {
        "slug", "name", "summary", "category", "targets", "equipment", "difficulty", "per_side", "dosage",
        "instructions", "cue", "safety", "why", "contraindications", "progressions", "regressions", "evidence",
    }
)  # fmt: skip
DOSAGE_FIELDS = frozenset({"sets", "kind", "min", "max", "per_side", "unit", "tempo", "rest_seconds", "load"})
LINK_FIELDS = frozenset({"slug", "reason"})


@dataclass(frozen=True)
class Dosage:
    sets: int
    kind: str
    min: int
    max: int
    per_side: bool
    unit: str = ""
    tempo: str = ""
    rest_seconds: int = 60
    load: str = ""

    @property
    def unit_label(self) -> str:
        return self.unit or DOSE_KINDS[self.kind]

    def describe(self) -> str:
        """Short wording a runner reads, e.g. '3 sets × 15–30 s each side'."""
        amount = str(self.min) if self.min == self.max else f"{self.min}–{self.max}"
        text = f"{self.sets} {'set' if self.sets == 1 else 'sets'} × {amount} {self.unit_label}"
        return text + (" each side" if self.per_side else "")


@dataclass(frozen=True)
class Link:
    slug: str
    reason: str


@dataclass(frozen=True)
class ExerciseSpec:
    slug: str
    name: str
    summary: str
    category: str
    targets: tuple[str, ...]
    equipment: tuple[str, ...]
    difficulty: int
    per_side: bool
    dosage: Dosage
    instructions: tuple[str, ...]
    cue: str
    safety: str
    why: str
    contraindications: tuple[str, ...] = ()
    progressions: tuple[Link, ...] = ()
    regressions: tuple[Link, ...] = ()
    evidence: str = ""


@dataclass(frozen=True)
class Problem:
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.record}: {self.field}: {self.message}"


@dataclass
class LibraryError(Exception):
    """Every problem found, each naming the record and the field."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class _Record:
    """Reads typed fields from one raw record, collecting problems instead of stopping at the first."""

    def __init__(
        self, raw: Mapping[str, object], name: str, problems: list[Problem], prefix: str = ""
    ) -> None:
        self.raw, self.name, self.problems, self.prefix = raw, name, problems, prefix

    def problem(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.name, self.prefix + field_name, message))

    def text(self, key: str, *, required: bool = True, limit: int | None = None) -> str:
        value = self.raw.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.problem(key, "must be text")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(key, "is missing")
        if limit is not None and len(value) > limit:
            self.problem(key, f"is longer than {limit} characters")
        return value

    def integer(self, key: str, low: int, high: int | None = None) -> int:
        value = self.raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, "is missing" if value is None else "must be a whole number")
            return low
        if value < low or (high is not None and value > high):
            bound = f"from {low} to {high}" if high is not None else f"at least {low}"
            self.problem(key, f"must be {bound}, not {value}")
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw.get(key)
        if not isinstance(value, bool):
            self.problem(key, "is missing" if value is None else "must be true or false")
            return False
        return value

    def choice(self, key: str, allowed: Mapping[str, str]) -> str:
        value = self.raw.get(key)
        if value not in allowed:
            shown = "is missing" if value is None else f"unknown value {value!r}"
            self.problem(key, f"{shown}; choose one of {', '.join(allowed)}")
            return next(iter(allowed))
        return str(value)

    def choices(self, key: str, allowed: Mapping[str, str]) -> tuple[str, ...]:
        """A set of vocabulary slugs, sorted so that two equal records compare equal."""
        values = self.text_list(key, required=True)
        for value in values:
            if value not in allowed:
                self.problem(key, f"unknown value {value!r}; choose from {', '.join(allowed)}")
        return tuple(sorted(set(values)))

    def text_list(self, key: str, *, required: bool) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            self.problem(key, "must be a list of non-empty texts")
            return ()
        if required and not value:
            self.problem(key, "needs at least one entry")
        return tuple(item.strip() for item in value)

    def unknown_fields(self, allowed: frozenset[str]) -> None:
        for key in sorted(set(self.raw) - allowed):
            self.problem(str(key), "is not a known field")


def _parse_dosage(raw: object, record: _Record, exercise_per_side: bool) -> Dosage:
    if not isinstance(raw, Mapping):
        record.problem(
            "dosage", "is missing" if raw is None else "must be a mapping of sets, kind, min, max…"
        )
        return Dosage(sets=1, kind="reps", min=1, max=1, per_side=False)
    dose = _Record(raw, record.name, record.problems, prefix="dosage.")
    dose.unknown_fields(DOSAGE_FIELDS)
    values = Dosage(
        sets=dose.integer("sets", 1, 20),
        kind=dose.choice("kind", DOSE_KINDS),
        min=dose.integer("min", 1, 1000),
        max=dose.integer("max", 1, 1000),
        per_side=dose.boolean("per_side"),
        unit=dose.text("unit", required=False, limit=20),
        tempo=dose.text("tempo", required=False, limit=20),
        rest_seconds=dose.integer("rest_seconds", 0, 900),
        load=dose.text("load", required=False, limit=240),
    )
    if values.max < values.min:
        record.problem("dosage.max", f"must not be below dosage.min ({values.max} < {values.min})")
    if values.per_side and not exercise_per_side:
        record.problem("dosage.per_side", "cannot be true when the exercise is not done per side")
    return values


def _parse_links(raw: object, record: _Record, key: str) -> tuple[Link, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        record.problem(key, "must be a list of {slug, reason}")
        return ()
    links = []
    for position, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping) or not isinstance(item.get("slug"), str):
            record.problem(f"{key}[{position}]", "must have a slug and a reason")
            continue
        for extra in sorted(set(item) - LINK_FIELDS):
            record.problem(f"{key}[{position}].{extra}", "is not a known field")
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            record.problem(f"{key}[{position}].reason", "is missing")
            reason = ""
        links.append(Link(slug=item["slug"].strip(), reason=reason.strip()))
    return tuple(links)


def parse_exercise(raw: object, name: str, problems: list[Problem]) -> ExerciseSpec | None:
    """Validate one record; problems are appended, and None is returned when there were any."""
    if not isinstance(raw, Mapping):
        problems.append(Problem(name, "(record)", "must be a mapping of fields"))
        return None
    before = len(problems)
    record = _Record(raw, name, problems)
    record.unknown_fields(RECORD_FIELDS)
    slug = record.text("slug", limit=80)
    if slug and not SLUG_PATTERN.match(slug):
        record.problem("slug", f"{slug!r} must be lowercase words joined by hyphens")
    per_side = record.boolean("per_side")
    spec = ExerciseSpec(
        slug=slug,
        name=record.text("name", limit=120),
        summary=record.text("summary", limit=MAX_SUMMARY),
        category=record.choice("category", CATEGORIES),
        targets=record.choices("targets", TARGETS),
        equipment=record.choices("equipment", EQUIPMENT),
        difficulty=record.integer("difficulty", 1, 5),
        per_side=per_side,
        dosage=_parse_dosage(raw.get("dosage"), record, per_side),
        instructions=record.text_list("instructions", required=True),
        cue=record.text("cue"),
        safety=record.text("safety"),
        why=record.text("why"),
        contraindications=record.text_list("contraindications", required=False),
        progressions=_parse_links(raw.get("progressions"), record, "progressions"),
        regressions=_parse_links(raw.get("regressions"), record, "regressions"),
        evidence=record.text("evidence", required=False, limit=400),
    )
    if "none" in spec.equipment and len(spec.equipment) > 1:
        record.problem("equipment", "'none' cannot be combined with other equipment")
    return spec if len(problems) == before else None


def easier_to_harder(
    specs: Iterable[ExerciseSpec], base: Mapping[str, Iterable[str]] | None = None
) -> dict[str, set[str]]:
    """Edges from each exercise to the harder ones, from progression and regression links, added to `base`."""
    edges: dict[str, set[str]] = {slug: set(harder) for slug, harder in (base or {}).items()}
    for spec in specs:
        edges.setdefault(spec.slug, set())
        for link in spec.progressions:
            edges[spec.slug].add(link.slug)
        for link in spec.regressions:
            edges.setdefault(link.slug, set()).add(spec.slug)
    return edges


def find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    """One cycle in a directed graph as a list of nodes (first repeated last), or None."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(edges, white)
    for start in edges:
        if colour[start] != white:
            continue
        path: list[str] = [start]
        stack = [iter(sorted(edges[start]))]
        colour[start] = grey
        while stack:
            following = next(stack[-1], None)
            if following is None:
                colour[path.pop()] = black
                stack.pop()
            elif colour.get(following, white) == grey:
                return [*path[path.index(following) :], following]
            elif colour.get(following, white) == white:
                colour[following] = grey
                path.append(following)
                stack.append(iter(sorted(edges.get(following, ()))))
    return None


def dangling_links(spec: ExerciseSpec, known_slugs: set[str]) -> list[Problem]:
    """Links of one record that point to itself or to no known exercise."""
    problems = []
    for key in ("progressions", "regressions"):
        for link in getattr(spec, key):
            if link.slug == spec.slug:
                problems.append(Problem(spec.slug, key, "an exercise cannot link to itself"))
            elif link.slug not in known_slugs:
                problems.append(Problem(spec.slug, key, f"links to unknown exercise {link.slug!r}"))
    return problems


def cycle_problems(edges: Mapping[str, Iterable[str]]) -> list[Problem]:
    cycle = find_cycle(edges)
    if cycle is None:
        return []
    return [Problem(cycle[0], "progressions", "the progression chain loops: " + " → ".join(cycle))]


def check_links(specs: Iterable[ExerciseSpec]) -> list[Problem]:
    """Dangling and self links, and cycles in the easier→harder graph."""
    specs = list(specs)
    known = {spec.slug for spec in specs}
    problems = [problem for spec in specs for problem in dangling_links(spec, known)]
    return problems or cycle_problems(easier_to_harder(specs))


def parse_library(data: object) -> list[ExerciseSpec]:
    """Validate a whole library document; raise LibraryError naming every bad record and field."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping) or not isinstance(data.get("exercises"), list):
        raise LibraryError([Problem("(file)", "exercises", "the file must hold a list under 'exercises'")])
    specs: list[ExerciseSpec] = []
    seen: set[str] = set()
    for position, raw in enumerate(data["exercises"], start=1):
        slug = raw.get("slug") if isinstance(raw, Mapping) else None
        name = slug if isinstance(slug, str) and slug else f"record #{position}"
        spec = parse_exercise(raw, name, problems)
        if spec is None:
            continue
        if spec.slug in seen:
            problems.append(Problem(name, "slug", "is used by an earlier record"))
            continue
        seen.add(spec.slug)
        specs.append(spec)
    if not problems:
        problems.extend(check_links(specs))
    if problems:
        raise LibraryError(problems)
    return specs


def slugify_name(name: str) -> str:
    """A slug for a coach's new exercise, from its name."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:70] or "exercise"


def chain_through(slug: str, first_easier: Mapping[str, str], first_harder: Mapping[str, str]) -> list[str]:
    """The linear chain an exercise sits in: its first regressions back to the start, then its first progressions."""
    easier: list[str] = []
    current = slug
    while current in first_easier and first_easier[current] not in easier and first_easier[current] != slug:
        current = first_easier[current]
        easier.append(current)
    chain = [*reversed(easier), slug]
    current = slug
    while current in first_harder and first_harder[current] not in chain:
        current = first_harder[current]
        chain.append(current)
    return chain
