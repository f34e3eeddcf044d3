"""Direct messages between a coach and a runner they coach: one thread per pair."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from footwork.accounts.models import User


class Message(models.Model):
    """One message; the thread of a pair is every message between the two, oldest first."""

    sender = models.ForeignKey(User, on_delete=models.CASCADE, related_name="messages_sent")
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="messages_received")
    body = models.TextField()
    # Made by the sender's client: a retry of the same send stores nothing new.
    client_uuid = models.UUIDField()
    sent_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Deleted by its author: left out of the thread, its words cleared.
    deleted_at = models.DateTimeField(null=True, blank=True)
    # An optional photo or short video (a runner's form): the file under MEDIA_ROOT at attachment_path
    # (messages/<coach id>-<runner id>/<random name>), served to the pair while they are linked; "" for none.
    attachment_path = models.CharField(max_length=200, blank=True)
    attachment_kind = models.CharField(
        max_length=5, blank=True, choices=[("photo", "Photo"), ("video", "Video")]
    )
    attachment_type = models.CharField(max_length=20, blank=True)
    attachment_size = models.PositiveIntegerField(null=True, blank=True)
    attachment_width = models.PositiveIntegerField(null=True, blank=True)
    attachment_height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["sender", "client_uuid"], name="messaging_one_message_per_client_uuid"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            # A thread is read by its pair in id order; the unread counts by recipient.
            models.Index(fields=["sender", "recipient", "id"], name="messaging_thread"),
            models.Index(fields=["recipient", "read_at"], name="messaging_unread"),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} from {self.sender_id} to {self.recipient_id}"
