from __future__ import annotations

from typing import ClassVar

from django.db import models

from footwork.accounts.models import User
from footwork.programs.models import Plan, Prescription


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"
    SUPERSEDED = "superseded", "Superseded"
    # A stop is never dismissed by the runner: their coach (or, self-guided, the runner after seeing a clinician)
    # clears it with a note that is kept.
    CLEARED = "cleared", "Cleared"


# A decision in the words a runner or a coach reads.
DECISION_WORDS = {
    "progress": "can progress",
    "hold": "hold",
    "regress": "step back",
    "stop": "stop and see a clinician",
    "keep": "keep running",
    "reduce": "reduce running",
    "pause": "pause running",
}


class Recommendation(models.Model):
    """A decision of the pain-monitoring model for one prescription, or the running advice, with its reasons."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recommendations")
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="recommendations"
    )
    prescription = models.ForeignKey(
        Prescription, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=[("exercise", "Exercise"), ("running", "Running")])
    decision = models.CharField(max_length=10)  # progress/hold/regress/stop, or keep/reduce/pause for running
    light = models.CharField(max_length=6, blank=True)
    reasons = models.JSONField(default=list)
    new_dosage = models.JSONField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    automatic = models.BooleanField(
        default=False, help_text="Applied automatically (self-guided runner's choice)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=1000, blank=True, help_text="Why a stop was cleared, kept.")
    seen_clinician_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            # The open decisions of many runners at once (the roster, the day's page): a year of superseded ones
            # under each runner is not read to find them.
            models.Index(fields=["runner", "status"], name="recommendation_runner_status"),
            # The open ones alone, with what the roster reads of them: a few per runner among a year of others, so
            # the roster's distinct (runner, decision, light) of 200 runners reads this small index and no table
            # (the status is in it too: SQLite checks the query's condition from the index, not the table).
            models.Index(
                fields=["runner", "decision", "light", "status"],
                condition=models.Q(status=RecommendationStatus.OPEN),
                name="recommendation_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision} ({self.status})"

    @property
    def decision_words(self) -> str:
        return DECISION_WORDS.get(self.decision, self.decision)


class FlareUpStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"
    REFERRED = "referred", "Referred to a clinician"


class FlareUp(models.Model):
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="flare_ups")
    area = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)
    red_flags = models.JSONField(default=list)
    urgency = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=10, choices=FlareUpStatus.choices)
    baseline = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    main_plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    flare_plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Made by the client (the app's offline queue): a screening sent twice is stored once. Null from older clients.
    client_uuid = models.UUIDField(unique=True, null=True, blank=True)
    # When the runner answered, if offline and sent later (core.bounds.RECORDED_AT); null: when it was stored.
    recorded_at = models.DateTimeField(null=True, blank=True)
    # A referral stays in force until cleared: by the runner's coach, or a self-guided runner who saw a clinician.
    cleared_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    cleared_note = models.CharField(max_length=1000, blank=True)
    seen_clinician_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.area} flare-up of {self.runner} ({self.status})"


class ToolboxOverride(models.Model):
    """A coach's own version of one area's flare-up toolbox, used for their runners."""

    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="toolboxes")
    area = models.CharField(max_length=20)
    content = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["coach", "area"], name="one_toolbox_per_coach_and_area")
        ]

    def __str__(self) -> str:
        return f"{self.area} toolbox of {self.coach}"
