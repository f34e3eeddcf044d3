from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from footwork.accounts.models import User
from footwork.exercises.domain import DOSE_KINDS
from footwork.exercises.models import Exercise
from footwork.programs.domain import PhaseShape, ProgressionRule


class Program(models.Model):
    """A program: a reusable template, or a runner's own copy of one inside a Plan."""

    slug = models.SlugField(max_length=80, blank=True)
    name = models.CharField(max_length=160)
    goal = models.CharField(max_length=300)
    audience = models.TextField("who it is for", blank=True)
    description = models.TextField(blank=True)
    duration_weeks = models.PositiveSmallIntegerField()
    is_template = models.BooleanField(default=True)
    owner = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="programs",
        help_text="Empty for the shipped programs; the coach for a coach's own template.",
    )
    fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Digest of the shipped record it came from."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(is_template=True), name="program_template_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def shapes(self) -> list[PhaseShape]:
        return [phase.shape() for phase in self.phases.all()]


class Phase(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    weeks = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(52)])
    weekdays = models.CharField(
        max_length=7, blank=True, help_text="Training weekdays, 0 = Monday, e.g. '024'."
    )
    every_days = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Or: every N days.")
    notes = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["position"]

    def __str__(self) -> str:
        return f"{self.program}: {self.name}"

    def shape(self) -> PhaseShape:
        return PhaseShape(
            weeks=self.weeks,
            weekdays=tuple(int(day) for day in self.weekdays),
            every_days=self.every_days,
            session_ids=tuple(session.pk for session in self.sessions.all()),
        )


class ProgramSession(models.Model):
    """One session of a phase: an ordered list of prescriptions."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="sessions")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    minutes = models.PositiveSmallIntegerField(default=15)

    class Meta:
        ordering: ClassVar[list[str]] = ["position"]
        verbose_name = "session"

    def __str__(self) -> str:
        return self.name


class Prescription(models.Model):
    session = models.ForeignKey(ProgramSession, on_delete=models.CASCADE, related_name="prescriptions")
    position = models.PositiveSmallIntegerField()
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    sets = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10)])
    kind = models.CharField(max_length=12, choices=[(kind, kind) for kind in DOSE_KINDS])
    amount = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    per_side = models.BooleanField(default=False)
    load_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    load_note = models.CharField(max_length=240, blank=True)
    tempo = models.CharField(max_length=20, blank=True)
    rest_seconds = models.PositiveSmallIntegerField(default=60)
    notes = models.CharField(max_length=300, blank=True)
    progression = models.JSONField(null=True, blank=True)
    rule_start_week = models.PositiveSmallIntegerField(
        default=0,
        help_text="The week of the phase its progression rule counts from (moved when a decision is accepted).",
    )
    # Derived, kept by progression's refresh: why an exclusion (CLINICAL section 7) holds this prescription back
    # now; blank when it is offered. Read wherever the prescription appears (today, player, plan, handout, API).
    held_back_reason = models.CharField(max_length=300, blank=True)
    held_back_since = models.DateField(null=True, blank=True)
    # Why it came back, shown once to the runner ("your heel-raise test of Tue 2 Dec: 92 % symmetry").
    released_reason = models.CharField(max_length=300, blank=True)
    released_on = models.DateField(null=True, blank=True)
    # Sessions logged before this date do not count towards the next decision: the dosage changed that day.
    counts_from = models.DateField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["position"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(sets__gte=1, amount__gte=1), name="prescription_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} in {self.session}"

    @property
    def rule(self) -> ProgressionRule | None:
        return ProgressionRule(**self.progression) if self.progression else None


# The longest "why" a plan's history keeps; forms, API schemas and services read it from here.
WHY_MAX_LENGTH = 500


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    # Paused by hand (the runner or their coach) or by a flare-up plan running in its place: see Plan.paused_on.
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class Plan(models.Model):
    """A runner's own copy of a program, dated from its start."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="plans")
    program = models.OneToOneField(Program, on_delete=models.PROTECT, related_name="plan")
    source = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments"
    )
    start_date = models.DateField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    # Set only by a pause by hand: a flare-up pauses the main plan without a date and brings it back itself.
    paused_on = models.DateField(null=True, blank=True)
    paused_why = models.CharField(max_length=WHY_MAX_LENGTH, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.program.name} for {self.runner} from {self.start_date}"

    @property
    def paused_for_flare_up(self) -> bool:
        return self.status == PlanStatus.PAUSED and self.paused_on is None

    @property
    def status_label(self) -> str:
        return "Paused for a flare-up" if self.paused_for_flare_up else self.get_status_display()


class PlanChange(models.Model):
    """The plan's history: what changed, who changed it, when and why."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=300)
    why = models.CharField(max_length=WHY_MAX_LENGTH, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.what


class SessionOverride(models.Model):
    """A dated session moved to another day or skipped, keyed by its session and original date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="overrides")
    session = models.ForeignKey(ProgramSession, on_delete=models.CASCADE, related_name="+")
    original_date = models.DateField()
    new_date = models.DateField(null=True, blank=True)
    skipped = models.BooleanField(default=False)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["plan", "session", "original_date"], name="one_override_per_dated_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session} of {self.original_date}"
