from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from footwork.accounts.models import User
from footwork.exercises.domain import CATEGORIES, DOSE_KINDS, Dosage


class Target(models.Model):
    """A muscle or tissue an exercise loads (fixed vocabulary from the domain module)."""

    slug = models.SlugField(primary_key=True)
    name = models.CharField(max_length=60)

    def __str__(self) -> str:
        return self.name


class Equipment(models.Model):
    slug = models.SlugField(primary_key=True)
    name = models.CharField(max_length=60)

    class Meta:
        verbose_name_plural = "equipment"

    def __str__(self) -> str:
        return self.name


class Exercise(models.Model):
    """One exercise; `owner` is empty for the shipped library and set for a coach's private exercise."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    summary = models.CharField(max_length=160)
    category = models.CharField(max_length=12, choices=list(CATEGORIES.items()))
    targets = models.ManyToManyField(Target, related_name="exercises")
    equipment = models.ManyToManyField(Equipment, related_name="exercises")
    difficulty = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    per_side = models.BooleanField(help_text="Done on the left and on the right.")
    sets = models.PositiveSmallIntegerField()
    dose_kind = models.CharField(max_length=12, choices=[(kind, kind) for kind in DOSE_KINDS])
    dose_min = models.PositiveSmallIntegerField()
    dose_max = models.PositiveSmallIntegerField()
    dose_per_side = models.BooleanField()
    dose_unit = models.CharField(max_length=20, blank=True)
    tempo = models.CharField(max_length=20, blank=True)
    rest_seconds = models.PositiveSmallIntegerField()
    load_note = models.CharField(max_length=240, blank=True)
    instructions = models.JSONField(default=list)
    cue = models.TextField()
    safety = models.TextField()
    why = models.TextField()
    contraindications = models.JSONField(default=list, blank=True)
    evidence = models.CharField(max_length=400, blank=True)
    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="private_exercises"
    )
    retired = models.BooleanField(default=False, help_text="Removed from the shipped file; kept for history.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(dose_max__gte=models.F("dose_min")), name="exercise_dose_range"
            ),
            models.CheckConstraint(
                condition=models.Q(difficulty__gte=1, difficulty__lte=5), name="exercise_difficulty_1_5"
            ),
            models.CheckConstraint(condition=models.Q(sets__gte=1), name="exercise_sets_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dosage(self) -> Dosage:
        return Dosage(
            sets=self.sets,
            kind=self.dose_kind,
            min=self.dose_min,
            max=self.dose_max,
            per_side=self.dose_per_side,
            unit=self.dose_unit,
            tempo=self.tempo,
            rest_seconds=self.rest_seconds,
            load=self.load_note,
        )

    @property
    def is_shipped(self) -> bool:
        return self.owner_id is None


class LinkKind(models.TextChoices):
    PROGRESSION = "progression", "Progression"
    REGRESSION = "regression", "Regression"


class ExerciseLink(models.Model):
    """A step up or down from one exercise to another, with the reason to take it."""

    source = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="links")
    target = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="linked_from")
    kind = models.CharField(max_length=12, choices=LinkKind.choices)
    reason = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["kind", "position"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="exercise_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="exercise_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.kind} → {self.target}"


class MediaKind(models.TextChoices):
    PHOTO = "photo", "Photo"
    VIDEO = "video", "Video"


class ExerciseMedia(models.Model):
    """A coach's photo or short video of an exercise: on their private one, or their demonstration of a shipped one.

    Seen by the coach and the runners they coach now, where those may see the exercise (selectors.visible_media).
    The file lies under MEDIA_ROOT at `path` (exercises/<owner id>/<random name>), never under its uploaded name.
    """

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="media")
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="exercise_media")
    kind = models.CharField(max_length=5, choices=MediaKind.choices)
    content_type = models.CharField(max_length=20)
    path = models.CharField(max_length=200, unique=True)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    caption = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["pk"]
        verbose_name_plural = "exercise media"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["exercise", "owner"], name="exercise_media_by_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.exercise_id} by {self.owner_id}"
