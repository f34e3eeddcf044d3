"""`/api/v1/exercises`: browse the library; coaches add and edit private exercises, and photos and videos of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from footwork.core.api import actor
from footwork.core.bounds import MEDIA_CAPTION_CHARACTERS, MEDIA_PHOTO_BYTES, MEDIA_VIDEO_BYTES
from footwork.core.limits import Id
from footwork.core.media import megabytes
from footwork.core.mediafiles import upload_bytes
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


class MediaOut(Schema):
    id: int
    kind: Literal["photo", "video"]
    content_type: str
    url: str = Field(..., description="Where the file is served, to those who may see it (session or token).")
    caption: str
    size: int = Field(..., description="Bytes stored (a photo's after re-encoding).")
    width: int | None = Field(..., description="A photo's pixels across; null for a video.")
    height: int | None
    owner: int = Field(..., description="The coach who added it.")
    created_at: datetime


MEDIA_FILE = File(  # type: ignore[type-arg]
    None,
    description=(
        f"A JPEG, PNG or WebP photo (at most {megabytes(MEDIA_PHOTO_BYTES.high)}) or an MP4 or WebM video (at most "
        f"{megabytes(MEDIA_VIDEO_BYTES.high)}), judged by its content. Photos are re-encoded without metadata."
    ),
)
# Form() is untyped for mypy, as File() is.
CAPTION = Form(  # type: ignore[type-arg]
    "",
    max_length=int(MEDIA_CAPTION_CHARACTERS.high),
    description=f"At most {int(MEDIA_CAPTION_CHARACTERS.high)} characters.",
)


@router.get("/{slug}/media", response=list[MediaOut], summary="An exercise's photos and videos you may see")
def list_media(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    user = actor(request)
    exercise = selectors.exercise_for(user, slug)
    return [selectors.media_document(item) for item in selectors.media_for(user, exercise)]


@router.post(
    "/{slug}/media",
    response={201: MediaOut},
    summary="Add a photo or video to an exercise (coaches, multipart)",
)
def add_media(
    request: HttpRequest, slug: str, file: UploadedFile | None = MEDIA_FILE, caption: str = CAPTION
) -> Status[dict[str, Any]]:
    item = services.add_media(actor=actor(request), slug=slug, data=upload_bytes(file), caption=caption)
    return Status(201, selectors.media_document(item))


@router.delete("/{slug}/media/{media_id}", response={204: None}, summary="Remove a photo or video you added")
def remove_media(request: HttpRequest, slug: str, media_id: Id) -> Status[None]:
    services.remove_media(actor=actor(request), media_id=media_id, slug=slug)
    return Status(204, None)
