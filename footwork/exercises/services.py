"""Writes to the exercise library: the shipped file, coaches' private exercises, their photos and videos."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from footwork.accounts.models import User
from footwork.core import mediafiles
from footwork.core.bounds import MEDIA_CAPTION_CHARACTERS, MEDIA_PER_EXERCISE
from footwork.core.datafile import DataFileError, read_yaml
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.media import MediaRefused, check_upload
from footwork.exercises.domain import (
    EQUIPMENT,
    TARGETS,
    Dosage,
    ExerciseSpec,
    LibraryError,
    Link,
    Problem,
    cycle_problems,
    dangling_links,
    easier_to_harder,
    parse_exercise,
    parse_library,
    slugify_name,
)
from footwork.exercises.models import Equipment, Exercise, ExerciseLink, ExerciseMedia, LinkKind, Target
from footwork.exercises.selectors import NO_MEDIA, visible_exercises, visible_media


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def read_library_file(path: Path) -> list[ExerciseSpec]:
    """Parse and validate a library file; LibraryError names each bad record and field."""
    try:
        data = read_yaml(path)
    except DataFileError as error:
        raise LibraryError([Problem(str(path), "(file)", str(error))]) from error
    return parse_library(data)


def ensure_vocabulary() -> None:
    """Keep the target and equipment tables equal to the domain's fixed vocabulary."""
    for model, names in ((Target, TARGETS), (Equipment, EQUIPMENT)):
        for slug, name in names.items():
            model.objects.update_or_create(slug=slug, defaults={"name": name})


def spec_of(exercise: Exercise) -> ExerciseSpec:
    """The validated record an exercise row was saved from."""
    links = list(exercise.links.select_related("target").order_by("position"))
    return ExerciseSpec(
        slug=exercise.slug,
        name=exercise.name,
        summary=exercise.summary,
        category=exercise.category,
        targets=tuple(sorted(target.slug for target in exercise.targets.all())),
        equipment=tuple(sorted(item.slug for item in exercise.equipment.all())),
        difficulty=exercise.difficulty,
        per_side=exercise.per_side,
        dosage=Dosage(
            sets=exercise.sets,
            kind=exercise.dose_kind,
            min=exercise.dose_min,
            max=exercise.dose_max,
            per_side=exercise.dose_per_side,
            unit=exercise.dose_unit,
            tempo=exercise.tempo,
            rest_seconds=exercise.rest_seconds,
            load=exercise.load_note,
        ),
        instructions=tuple(exercise.instructions),
        cue=exercise.cue,
        safety=exercise.safety,
        why=exercise.why,
        contraindications=tuple(exercise.contraindications),
        progressions=tuple(
            Link(link.target.slug, link.reason) for link in links if link.kind == "progression"
        ),
        regressions=tuple(Link(link.target.slug, link.reason) for link in links if link.kind == "regression"),
        evidence=exercise.evidence,
    )


def record_of(spec: ExerciseSpec) -> dict[str, Any]:
    """A spec back as a raw record, the shape `parse_exercise` reads."""
    dosage = spec.dosage
    return {
        "slug": spec.slug,
        "name": spec.name,
        "summary": spec.summary,
        "category": spec.category,
        "targets": list(spec.targets),
        "equipment": list(spec.equipment),
        "difficulty": spec.difficulty,
        "per_side": spec.per_side,
        "dosage": {
            "sets": dosage.sets,
            "kind": dosage.kind,
            "min": dosage.min,
            "max": dosage.max,
            "per_side": dosage.per_side,
            "unit": dosage.unit,
            "tempo": dosage.tempo,
            "rest_seconds": dosage.rest_seconds,
            "load": dosage.load,
        },
        "instructions": list(spec.instructions),
        "cue": spec.cue,
        "safety": spec.safety,
        "why": spec.why,
        "contraindications": list(spec.contraindications),
        "progressions": [{"slug": link.slug, "reason": link.reason} for link in spec.progressions],
        "regressions": [{"slug": link.slug, "reason": link.reason} for link in spec.regressions],
        "evidence": spec.evidence,
    }


def _save_fields(exercise: Exercise, spec: ExerciseSpec) -> None:
    exercise.slug = spec.slug
    exercise.name = spec.name
    exercise.summary = spec.summary
    exercise.category = spec.category
    exercise.difficulty = spec.difficulty
    exercise.per_side = spec.per_side
    exercise.sets = spec.dosage.sets
    exercise.dose_kind = spec.dosage.kind
    exercise.dose_min = spec.dosage.min
    exercise.dose_max = spec.dosage.max
    exercise.dose_per_side = spec.dosage.per_side
    exercise.dose_unit = spec.dosage.unit
    exercise.tempo = spec.dosage.tempo
    exercise.rest_seconds = spec.dosage.rest_seconds
    exercise.load_note = spec.dosage.load
    exercise.instructions = list(spec.instructions)
    exercise.cue = spec.cue
    exercise.safety = spec.safety
    exercise.why = spec.why
    exercise.contraindications = list(spec.contraindications)
    exercise.evidence = spec.evidence
    exercise.retired = False
    exercise.save()
    exercise.targets.set(Target.objects.filter(slug__in=spec.targets))
    exercise.equipment.set(Equipment.objects.filter(slug__in=spec.equipment))


def _save_links(exercise: Exercise, spec: ExerciseSpec, by_slug: dict[str, Exercise]) -> None:
    exercise.links.all().delete()
    for kind, links in ((LinkKind.PROGRESSION, spec.progressions), (LinkKind.REGRESSION, spec.regressions)):
        for position, link in enumerate(links):
            ExerciseLink.objects.create(
                source=exercise, target=by_slug[link.slug], kind=kind, reason=link.reason, position=position
            )


@transaction.atomic
def load_library(path: Path | None = None) -> LoadReport:
    """Load the shipped library idempotently; a bad file is refused whole and nothing is written."""
    specs = read_library_file(path or Path(settings.FOOTWORK_LIBRARY_PATH))
    clashes = Exercise.objects.filter(slug__in=[spec.slug for spec in specs], owner__isnull=False)
    if clashes.exists():
        raise LibraryError(
            [
                Problem(slug, "slug", "is already used by a coach's private exercise")
                for slug in clashes.values_list("slug", flat=True)
            ]
        )
    ensure_vocabulary()
    report = LoadReport()
    existing = {exercise.slug: exercise for exercise in Exercise.objects.filter(owner__isnull=True)}
    changed: list[ExerciseSpec] = []
    for spec in specs:
        exercise = existing.get(spec.slug)
        if exercise is not None and not exercise.retired and spec_of(exercise) == spec:
            report.unchanged.append(spec.slug)
            continue
        (report.updated if exercise is not None else report.created).append(spec.slug)
        exercise = exercise or Exercise()
        _save_fields(exercise, spec)
        existing[spec.slug] = exercise
        changed.append(spec)
    for spec in changed:
        _save_links(existing[spec.slug], spec, existing)
    in_file = {spec.slug for spec in specs}
    for slug, exercise in existing.items():
        if slug not in in_file and not exercise.retired:
            exercise.retired = True
            exercise.save(update_fields=["retired"])
            report.retired.append(slug)
    return report


def _unique_slug(base: str) -> str:
    slug, suffix = base, 2
    while Exercise.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def _validate_private(actor: User, record: dict[str, Any], name: str) -> ExerciseSpec:
    """The same record rules as the shipped file, with links limited to what the coach can see."""
    problems: list[Problem] = []
    spec = parse_exercise(record, name, problems)
    if spec is not None:
        visible = visible_exercises(actor)
        problems.extend(dangling_links(spec, set(visible.values_list("slug", flat=True))))
        others = ExerciseLink.objects.filter(source__in=visible.exclude(slug=spec.slug), target__in=visible)
        base: dict[str, set[str]] = {}
        for source, target, kind in others.values_list("source__slug", "target__slug", "kind"):
            easier, harder = (source, target) if kind == LinkKind.PROGRESSION else (target, source)
            base.setdefault(easier, set()).add(harder)
        problems.extend(cycle_problems(easier_to_harder([spec], base)))
    if problems or spec is None:
        first = problems[0]
        raise InvalidInput(f"{first.field}: {first.message}", field=first.field)
    return spec


@transaction.atomic
def create_private_exercise(*, actor: User, record: dict[str, Any]) -> Exercise:
    """A coach adds an exercise seen only by them and their runners."""
    if not actor.is_coach:
        raise NotAllowed("Only coaches can add exercises.")
    ensure_vocabulary()
    record = dict(record)
    if not record.get("slug"):
        record["slug"] = _unique_slug(slugify_name(str(record.get("name") or "exercise")))
    elif Exercise.objects.filter(slug=record["slug"]).exists():
        raise InvalidInput(f"slug: {record['slug']!r} is already taken.", field="slug")
    spec = _validate_private(actor, record, str(record["slug"]))
    exercise = Exercise(owner=actor)
    _save_fields(exercise, spec)
    _save_links(exercise, spec, {item.slug: item for item in visible_exercises(actor)})
    return exercise


@transaction.atomic
def update_private_exercise(*, actor: User, slug: str, changes: dict[str, Any]) -> Exercise:
    """A coach edits one of their own exercises; the shipped library is read-only."""
    exercise = visible_exercises(actor).filter(slug=slug).first()
    if exercise is None:
        raise NotFound(f"No exercise {slug!r}.")
    if exercise.owner_id != actor.pk:
        raise NotAllowed("The shipped library is read-only; copy the exercise to make your own version.")
    record = record_of(spec_of(exercise))
    dosage_changes = changes.get("dosage")
    record.update({key: value for key, value in changes.items() if key not in {"slug", "dosage"}})
    if isinstance(dosage_changes, dict):
        record["dosage"] = {**record["dosage"], **dosage_changes}
    elif dosage_changes is not None:
        record["dosage"] = dosage_changes
    spec = _validate_private(actor, record, slug)
    _save_fields(exercise, spec)
    _save_links(exercise, spec, {item.slug: item for item in visible_exercises(actor)})
    return exercise


def _caption(caption: str) -> str:
    text = " ".join(caption.split())
    if "\x00" in text:
        raise InvalidInput("A caption may not hold a NUL character.", field="caption")
    most = int(MEDIA_CAPTION_CHARACTERS.high)
    if len(text) > most:
        raise InvalidInput(
            f"A caption holds at most {most} characters; this one has {len(text)}.", field="caption"
        )
    return text


@transaction.atomic
def add_media(*, actor: User, slug: str, data: bytes, caption: str = "") -> ExerciseMedia:
    """A coach adds a photo or short video to an exercise they may see (their own, or a shipped one), for their runners."""
    if not actor.is_coach:
        raise NotAllowed("Only coaches add photos and videos to exercises.")
    exercise = visible_exercises(actor).filter(slug=slug).first()
    if exercise is None:
        raise NotFound(f"No exercise {slug!r}.")
    text = _caption(caption)
    # The exercise row is locked so two uploads at once cannot both pass the count.
    Exercise.objects.select_for_update().filter(pk=exercise.pk).first()
    most = int(MEDIA_PER_EXERCISE.high)
    if ExerciseMedia.objects.filter(exercise=exercise, owner=actor).count() >= most:
        raise InvalidInput(
            f"An exercise holds at most {most} of your photos and videos; remove one first.", field="file"
        )
    try:
        checked = check_upload(data)
    except MediaRefused as refusal:
        raise InvalidInput(refusal.reason, field="file") from refusal
    path = mediafiles.store(f"exercises/{actor.pk}", checked.data, checked.extension)
    # Written before its row: if the row cannot be stored the file is removed, so nothing is left unowned.
    try:
        with transaction.atomic():
            return ExerciseMedia.objects.create(
                exercise=exercise,
                owner=actor,
                kind=checked.kind,
                content_type=checked.content_type,
                path=path,
                size=len(checked.data),
                width=checked.width,
                height=checked.height,
                caption=text,
            )
    except BaseException:
        mediafiles.discard(path)
        raise


@transaction.atomic
def remove_media(*, actor: User, media_id: int, slug: str | None = None) -> None:
    """Its coach removes a photo or video (of the exercise `slug`, when given); the file goes once that is committed."""
    item = visible_media(actor).select_for_update().filter(pk=media_id).select_related("exercise").first()
    if item is None or (slug is not None and item.exercise.slug != slug):
        raise NotFound(NO_MEDIA)
    if item.owner_id != actor.pk:
        raise NotAllowed("Only the coach who added a photo or video can remove it.")
    path = item.path
    item.delete()
    transaction.on_commit(lambda: mediafiles.discard(path))
