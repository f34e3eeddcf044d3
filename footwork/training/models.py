from __future__ import annotations

from typing import Any, ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from footwork.accounts.domain import area_name
from footwork.accounts.models import User
from footwork.exercises.models import Exercise
from footwork.programs.models import Plan, Prescription, ProgramSession

PAIN = [MinValueValidator(0), MaxValueValidator(10)]


class SessionLog(models.Model):
    """One done session: a dated session of a plan, or an extra one."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="session_logs")
    client_uuid = models.UUIDField(
        unique=True, help_text="Made by the client; sending a log twice stores it once."
    )
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="logs")
    session = models.ForeignKey(
        ProgramSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scheduled_date = models.DateField(
        null=True, blank=True, help_text="The original date of the dated session."
    )
    date = models.DateField(help_text="The runner's local date it was done.")
    rpe = models.PositiveSmallIntegerField("session effort (CR-10)", null=True, blank=True, validators=PAIN)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    notes = models.CharField(max_length=500, blank=True)
    # The prescriptions an exclusion held back when this was logged: they were not scheduled that day.
    held_back = models.JSONField(default=list, blank=True)
    # What the dated session asked for when it was logged: {prescription id: set entries} (training.domain).
    asked = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the runner made the entry, if it was made offline and sent later (core.bounds.RECORDED_AT); null: when
    # it was stored (created_at).
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["runner", "date"], name="sessionlog_runner_date"),
        ]

    def __str__(self) -> str:
        return f"{self.runner} on {self.date}"


class SetLog(models.Model):
    log = models.ForeignKey(SessionLog, on_delete=models.CASCADE, related_name="sets")
    # The log's runner, kept on each set: "which exercises has she logged" and one exercise's history are read by
    # (runner, exercise) on an index, instead of through every runner's session logs.
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+", editable=False)
    prescription = models.ForeignKey(
        Prescription, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    set_number = models.PositiveSmallIntegerField()
    side = models.CharField(max_length=5, choices=[("left", "Left"), ("right", "Right"), ("both", "Both")])
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    jumps = models.PositiveSmallIntegerField(null=True, blank=True)
    load_kg = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)

    class Meta:
        ordering: ClassVar[list[str]] = ["pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["runner", "exercise"], name="setlog_runner_exercise")
        ]

    def __str__(self) -> str:
        return f"{self.exercise} set {self.set_number} {self.side}"


class MorningCheckin(models.Model):
    """Pain and stiffness on waking, 0–10 each, per painful area; one per local day."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="checkins")
    client_uuid = models.UUIDField(unique=True)
    date = models.DateField()
    # The worst of the areas, so readers that know one area keep working.
    pain = models.PositiveSmallIntegerField(validators=PAIN)
    stiffness = models.PositiveSmallIntegerField(validators=PAIN)
    # `{"achilles": {"pain": 2, "stiffness": 1}, ...}` in the profile's order; {} when asked as one question.
    areas = models.JSONField(default=dict, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the runner made the entry, if it was made offline and sent later (core.bounds.RECORDED_AT); null: when
    # it was stored (created_at).
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["runner", "date"], name="one_checkin_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.runner} on {self.date}: pain {self.pain}, stiffness {self.stiffness}"

    @property
    def area_answers(self) -> list[dict[str, Any]]:
        """Each area's answer with its plain name ("Achilles tendon"), in the order they were asked."""
        return [
            {"area": area, "name": area_name(area), "pain": answer["pain"], "stiffness": answer["stiffness"]}
            for area, answer in (self.areas or {}).items()
        ]


class DaySummary(models.Model):
    """One runner's day in a few numbers, kept by the write services (training.services.summaries) so pages read a
    row per day instead of every log and set; `footwork rebuild-summaries` makes them anew from the records."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="day_summaries")
    date = models.DateField()
    # [[session id or null, scheduled ISO date or null, complete], ...] for each session logged that day.
    sessions = models.JSONField(default=list, blank=True)
    sets = models.PositiveIntegerField(default=0)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    morning_pain = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)
    morning_stiffness = models.PositiveSmallIntegerField(null=True, blank=True, validators=PAIN)

    class Meta:
        ordering: ClassVar[list[str]] = ["date"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["runner", "date"], name="one_summary_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.runner} on {self.date}: {len(self.sessions)} session(s)"

    @property
    def trained(self) -> bool:
        return bool(self.sessions)
