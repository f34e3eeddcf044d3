"""Reads of the exercise library, scoped to what the actor may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from footwork.accounts.models import User
from footwork.accounts.selectors import coach_of
from footwork.core.errors import NotFound
from footwork.exercises.domain import CATEGORIES, DOSE_KINDS, EQUIPMENT, TARGETS, chain_through
from footwork.exercises.models import Exercise, ExerciseLink, ExerciseMedia, LinkKind

# An exercise's long texts: its own page shows them; a list, a day's session or a decision needs only its name and
# dosage, so reads that join an exercise in leave these out (`.defer(*long_texts("prescription__exercise"))`).
LONG_TEXTS = ("summary", "instructions", "cue", "safety", "why", "contraindications", "evidence")


def long_texts(path: str) -> tuple[str, ...]:
    """The long texts of the exercise reached through `path` (a select_related path), for `.defer()`."""
    return tuple(f"{path}__{name}" for name in LONG_TEXTS)


def visible_exercises(actor: User | None) -> QuerySet[Exercise]:
    """The shipped library plus the private exercises of the actor (a coach) or of the actor's coach.

    Without an actor (the command line with no --user), the shipped library only.
    """
    if actor is None:
        return Exercise.objects.filter(owner__isnull=True, retired=False)
    owners = [actor.pk] if actor.is_coach else []
    coach = coach_of(actor) if actor.is_runner else None
    if coach is not None:
        owners.append(coach.pk)
    return Exercise.objects.filter(Q(owner__isnull=True, retired=False) | Q(owner_id__in=owners))


def search_exercises(
    actor: User | None,
    *,
    q: str = "",
    category: str = "",
    target: str = "",
    equipment: str = "",
    difficulty: int | None = None,
) -> QuerySet[Exercise]:
    """Library search by words in the name or summary, and by facets."""
    exercises = visible_exercises(actor)
    for word in q.split():
        exercises = exercises.filter(Q(name__icontains=word) | Q(summary__icontains=word))
    if category:
        exercises = exercises.filter(category=category)
    if target:
        exercises = exercises.filter(targets__slug=target)
    if equipment:
        exercises = exercises.filter(equipment__slug=equipment)
    if difficulty is not None:
        exercises = exercises.filter(difficulty=difficulty)
    return exercises.distinct().prefetch_related("targets", "equipment").order_by("difficulty", "name")


def exercise_for(actor: User, slug: str) -> Exercise:
    exercise = visible_exercises(actor).filter(slug=slug).prefetch_related("targets", "equipment").first()
    if exercise is None:
        raise NotFound(f"No exercise {slug!r}.")
    return exercise


def visible_links(actor: User, exercise: Exercise, kind: str) -> list[ExerciseLink]:
    visible = visible_exercises(actor)
    return list(
        ExerciseLink.objects.filter(source=exercise, kind=kind, target__in=visible)
        .select_related("target")
        .order_by("position")
    )


def progression_chain(actor: User, exercise: Exercise) -> list[Exercise]:
    """The exercise's chain from easiest to hardest, through first links the actor may see."""
    links = ExerciseLink.objects.filter(
        source__in=visible_exercises(actor), target__in=visible_exercises(actor)
    )
    first_harder: dict[str, str] = {}
    first_easier: dict[str, str] = {}
    for source, target, kind in links.order_by("position").values_list(
        "source__slug", "target__slug", "kind"
    ):
        (first_harder if kind == LinkKind.PROGRESSION else first_easier).setdefault(source, target)
    slugs = chain_through(exercise.slug, first_easier, first_harder)
    by_slug = {item.slug: item for item in visible_exercises(actor).filter(slug__in=slugs)}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def _visible_links(exercise_ids: list[int], actor: User | None) -> dict[int, list[ExerciseLink]]:
    """The exercises' progression and regression links to exercises the actor may see, in order, in one query."""
    by_source: dict[int, list[ExerciseLink]] = {exercise_id: [] for exercise_id in exercise_ids}
    links = (
        ExerciseLink.objects.filter(source_id__in=exercise_ids, target__in=visible_exercises(actor))
        .select_related("target")
        .only("source", "target", "kind", "reason", "position", "target__slug", "target__name")
        .order_by("position", "pk")
    )
    for link in links:
        by_source[link.source_id].append(link)
    return by_source


def exercise_documents(exercises: list[Exercise], actor: User | None = None) -> list[dict[str, Any]]:
    """exercise_document of each exercise (with its targets and equipment prefetched), links read in one query."""
    links = _visible_links([exercise.pk for exercise in exercises], actor)
    return [exercise_document(exercise, actor, links[exercise.pk]) for exercise in exercises]


def exercise_document(
    exercise: Exercise, actor: User | None = None, links: list[ExerciseLink] | None = None
) -> dict[str, Any]:
    """The stable JSON shape of one exercise, used by the API and `footwork exercises … --json`."""
    dosage = exercise.dosage
    if links is None:
        links = _visible_links([exercise.pk], actor)[exercise.pk]
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "summary": exercise.summary,
        "category": exercise.category,
        "targets": sorted(target.slug for target in exercise.targets.all()),
        "equipment": sorted(item.slug for item in exercise.equipment.all()),
        "difficulty": exercise.difficulty,
        "per_side": exercise.per_side,
        "dosage": {
            "sets": dosage.sets,
            "kind": dosage.kind,
            "min": dosage.min,
            "max": dosage.max,
            "per_side": dosage.per_side,
            "unit": dosage.unit_label,
            "tempo": dosage.tempo,
            "rest_seconds": dosage.rest_seconds,
            "load": dosage.load,
            "text": dosage.describe(),
        },
        "instructions": list(exercise.instructions),
        "cue": exercise.cue,
        "safety": exercise.safety,
        "why": exercise.why,
        "contraindications": list(exercise.contraindications),
        "progressions": [
            {"slug": link.target.slug, "name": link.target.name, "reason": link.reason}
            for link in links
            if link.kind == LinkKind.PROGRESSION
        ],
        "regressions": [
            {"slug": link.target.slug, "name": link.target.name, "reason": link.reason}
            for link in links
            if link.kind == LinkKind.REGRESSION
        ],
        "evidence": exercise.evidence,
        "private": not exercise.is_shipped,
    }


def vocabulary() -> dict[str, dict[str, str]]:
    return {"categories": CATEGORIES, "targets": TARGETS, "equipment": EQUIPMENT, "dose_kinds": DOSE_KINDS}


NO_MEDIA = "No such photo or video."


def _media_owners(viewer: User | None) -> list[int]:
    """Whose photos and videos the viewer sees: their own (a coach) and their coach's now (a runner)."""
    if viewer is None or not viewer.is_authenticated or not viewer.is_active:
        return []
    owners = [viewer.pk] if viewer.is_coach else []
    coach = coach_of(viewer) if viewer.is_runner else None
    if coach is not None:
        owners.append(coach.pk)
    return owners


def visible_media(viewer: User | None) -> QuerySet[ExerciseMedia]:
    """The photos and videos the viewer may see: their own or their coach's, on exercises the viewer may see.

    A coach's demonstration of a shipped exercise reaches that coach's runners only; another coach never sees it.
    """
    owners = _media_owners(viewer)
    if not owners:
        return ExerciseMedia.objects.none()
    return ExerciseMedia.objects.filter(owner_id__in=owners, exercise__in=visible_exercises(viewer))


def media_for(viewer: User | None, exercise: Exercise) -> list[ExerciseMedia]:
    """The exercise's photos and videos the viewer may see, oldest first (one query)."""
    return media_by_exercise(viewer, [exercise.pk])[exercise.pk]


def media_by_exercise(viewer: User | None, exercise_ids: list[int]) -> dict[int, list[ExerciseMedia]]:
    """Each exercise's photos and videos the viewer may see, for a whole session in one query."""
    by_exercise: dict[int, list[ExerciseMedia]] = {exercise_id: [] for exercise_id in exercise_ids}
    owners = _media_owners(viewer)
    if not owners or not exercise_ids:
        return by_exercise
    items = visible_media(viewer).filter(exercise_id__in=exercise_ids).order_by("pk")
    for item in items:
        by_exercise[item.exercise_id].append(item)
    return by_exercise


def media_item(viewer: User | None, media_id: int) -> ExerciseMedia:
    """One photo or video the viewer may see; NotFound otherwise (whether it exists or not)."""
    item = visible_media(viewer).filter(pk=media_id).select_related("exercise").first()
    if item is None:
        raise NotFound(NO_MEDIA)
    return item


def media_url(item: ExerciseMedia) -> str:
    return reverse("exercise_media:file", args=[item.pk])


def media_document(item: ExerciseMedia) -> dict[str, Any]:
    """The JSON shape of an exercise's photo or video, for the API."""
    return {
        "id": item.pk,
        "kind": item.kind,
        "content_type": item.content_type,
        "url": media_url(item),
        "caption": item.caption,
        "size": item.size,
        "width": item.width,
        "height": item.height,
        "owner": item.owner_id,
        "created_at": item.created_at,
    }
