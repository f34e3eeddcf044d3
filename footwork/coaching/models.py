from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from footwork.accounts.models import User


class Invitation(models.Model):
    """A coach's invitation code; the runner who accepts it becomes the coach's client."""

    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations_sent")
    code = models.CharField(max_length=32, unique=True)
    note = models.CharField(max_length=120, blank=True, help_text="Who it is for, to recognise it later.")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations_accepted"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation {self.code} from {self.coach}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"


class Alert(models.Model):
    """Something a coach should know about a runner: a regress or stop decision, a red flag, a flare-up."""

    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="alerts")
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    message = models.CharField(max_length=500)
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Alerts of one event share it ("red_flag:12"); blank groups by runner, kind and the runner's day
    # (coaching.domain.event_key), which is what every "stop" of one day becomes.
    event = models.CharField(max_length=60, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["coach", "resolved_at"], name="alert_coach_open"),
            # The inbox groups a coach's alerts into events (runner, kind, event) and reads a page's events back.
            models.Index(fields=["coach", "runner", "kind", "event", "created_at"], name="alert_coach_event"),
            models.Index(fields=["runner", "kind", "event"], name="alert_runner_event"),
        ]

    def __str__(self) -> str:
        return self.message
