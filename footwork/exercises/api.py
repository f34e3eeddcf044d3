"""`/api/v1/exercises`: browse the library; coaches add and edit private exercises."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from footwork.core.api import actor
from footwork.core.pagination import PageQuery, page_of
from footwork.exercises import selectors, services

router = Router(tags=["exercises"])

Category = Literal["warm-up", "strength", "isometric", "balance", "plyometric", "mobility"]
DoseKind = Literal["reps", "hold_seconds", "jumps"]


class DosageOut(Schema):
    sets: int
    kind: DoseKind
    min: int
    max: int
    per_side: bool
    unit: str
    tempo: str
    rest_seconds: int
    load: str
    text: str


class LinkOut(Schema):
    slug: str
    name: str
    reason: str


class ExerciseOut(Schema):
    slug: str
    name: str
    summary: str
    category: Category
    targets: list[str]
    equipment: list[str]
    difficulty: int
    per_side: bool
    dosage: DosageOut
    instructions: list[str]
    cue: str
    safety: str
    why: str
    contraindications: list[str]
    progressions: list[LinkOut]
    regressions: list[LinkOut]
    evidence: str
    private: bool


class ExercisePage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[ExerciseOut]


class ExerciseFilters(PageQuery):
    q: str = ""
    category: Category | None = None
    target: str = ""
    equipment: str = ""
    difficulty: int | None = Field(None, ge=1, le=5)


class DosageIn(Schema):
    sets: int
    kind: DoseKind
    min: int
    max: int
    per_side: bool = False
    unit: str = ""
    tempo: str = ""
    rest_seconds: int = 60
    load: str = ""


class LinkIn(Schema):
    slug: str
    reason: str


class ExerciseIn(Schema):
    slug: str = ""
    name: str
    summary: str
    category: Category
    targets: list[str]
    equipment: list[str] = Field(default_factory=lambda: ["none"])
    difficulty: int
    per_side: bool = False
    dosage: DosageIn
    instructions: list[str]
    cue: str
    safety: str
    why: str
    contraindications: list[str] = Field(default_factory=list)
    progressions: list[LinkIn] = Field(default_factory=list)
    regressions: list[LinkIn] = Field(default_factory=list)
    evidence: str = ""


class ExercisePatch(Schema):
    name: str | None = None
    summary: str | None = None
    category: Category | None = None
    targets: list[str] | None = None
    equipment: list[str] | None = None
    difficulty: int | None = None
    per_side: bool | None = None
    dosage: dict[str, Any] | None = None
    instructions: list[str] | None = None
    cue: str | None = None
    safety: str | None = None
    why: str | None = None
    contraindications: list[str] | None = None
    progressions: list[LinkIn] | None = None
    regressions: list[LinkIn] | None = None
    evidence: str | None = None


@router.get("", response=ExercisePage, summary="Search the exercise library")
def list_exercises(request: HttpRequest, filters: Query[ExerciseFilters]) -> dict[str, Any]:
    user = actor(request)
    exercises = selectors.search_exercises(
        user,
        q=filters.q,
        category=filters.category or "",
        target=filters.target,
        equipment=filters.equipment,
        difficulty=filters.difficulty,
    )
    items, described = page_of(exercises, filters)
    return {**described, "items": selectors.exercise_documents(list(items), user)}


@router.get("/{slug}", response=ExerciseOut, summary="One exercise with dosage, cues and its chain")
def get_exercise(request: HttpRequest, slug: str) -> dict[str, Any]:
    user = actor(request)
    return selectors.exercise_document(selectors.exercise_for(user, slug), user)


@router.post("", response={201: ExerciseOut}, summary="Add a private exercise (coaches)")
def create_exercise(request: HttpRequest, payload: ExerciseIn) -> Status[dict[str, Any]]:
    user = actor(request)
    exercise = services.create_private_exercise(actor=user, record=payload.model_dump())
    return Status(201, selectors.exercise_document(exercise, user))


@router.patch("/{slug}", response=ExerciseOut, summary="Edit one of your private exercises (coaches)")
def update_exercise(request: HttpRequest, slug: str, payload: ExercisePatch) -> dict[str, Any]:
    user = actor(request)
    changes = payload.model_dump(exclude_unset=True)
    exercise = services.update_private_exercise(actor=user, slug=slug, changes=changes)
    return selectors.exercise_document(exercise, user)
