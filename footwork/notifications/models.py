"""Each person's email settings, the mails already sent (so none goes twice), and the days each daily job claimed."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from footwork.accounts.models import User


class NotificationSettings(models.Model):
    """Which mails a person wants; a person without a row has the defaults (every mail on), so reading writes nothing."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_settings")
    message_emails = models.BooleanField(default=True)
    red_flag_emails = models.BooleanField(default=True)
    daily_digest = models.BooleanField(default=True)
    # Runners: their workshops' announcements (issue 15).
    announcement_emails = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Notification settings of {self.user_id}"


class SentNotification(models.Model):
    """A mail that went out: one per kind, key and person, so a retry or a second machine sends nothing again."""

    kind = models.CharField(max_length=20)  # domain.MESSAGE, RED_FLAG, DIGEST or ANNOUNCEMENT
    key = models.CharField(max_length=40)  # the message's, alert's or announcement's id, the digest's day
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["kind", "key", "user"], name="notifications_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} to {self.user_id}"


class JobClaim(models.Model):
    """A daily job done (or being done) for a day: the first machine to store the row runs it, the others skip."""

    job = models.CharField(max_length=40)
    day = models.DateField()
    claimed_at = models.DateTimeField(default=timezone.now)
    host = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["job", "day"], name="notifications_one_claim_per_job_and_day"),
        ]

    def __str__(self) -> str:
        return f"{self.job} for {self.day}"
