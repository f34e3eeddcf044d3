"""A mail to a message's recipient when it is still unread MESSAGE_EMAIL_DELAY_MINUTES after it was sent.

One mail until they read: while an earlier unread message from the same sender was mailed about, or a later one
is still to be, this one sends nothing. The words of the message stay out of the mail: they are health details, and
a mail passes through servers Footwork does not run.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from footwork.core.rules import MESSAGE_EMAIL_DELAY_MINUTES
from footwork.messaging.models import Message
from footwork.messaging.selectors import linked
from footwork.notifications.domain import MESSAGE
from footwork.notifications.mail import absolute, compose
from footwork.notifications.models import SentNotification
from footwork.notifications.selectors import messages_due, wants
from footwork.notifications.services.sent import record_sent


@transaction.atomic
def mail_unread_message(*, message_id: int, now: datetime | None = None) -> bool:
    """Mail the recipient about a message still unread after the delay, the pair still linked and the setting on;
    whether a mail went (a retry, or a second machine, sends nothing again)."""
    now = now or timezone.now()
    message = (
        Message.objects.select_related("sender__runner_profile", "recipient__runner_profile")
        .filter(pk=message_id, read_at__isnull=True, deleted_at__isnull=True)
        .first()
    )
    if message is None or now < message.sent_at + timedelta(minutes=MESSAGE_EMAIL_DELAY_MINUTES):
        return False
    sender, recipient = message.sender, message.recipient
    if not sender.is_active or not linked(recipient, sender) or not wants(recipient, MESSAGE):
        return False
    unread = list(
        Message.objects.filter(
            sender=sender, recipient=recipient, read_at__isnull=True, deleted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if any(pk > message.pk for pk in unread):
        # A later message is unread too: its own mail (due later) tells of both.
        return False
    if SentNotification.objects.filter(
        kind=MESSAGE, user=recipient, key__in=[str(pk) for pk in unread]
    ).exists():
        # They were told of an earlier message and have not read since: one mail until they do.
        return False
    if not record_sent(kind=MESSAGE, key=str(message.pk), user=recipient):
        return False
    count = len(unread)
    subject = (
        f"{sender.display_name} sent you a message on Footwork"
        if count == 1
        else (f"{count} messages from {sender.display_name} on Footwork")
    )
    compose(
        user=recipient,
        kind=MESSAGE,
        subject=subject,
        template="message",
        context={
            "sender": sender,
            "count": count,
            "thread_link": absolute(reverse("messaging:thread", args=[sender.pk])),
        },
    ).send()
    return True


def sweep_messages(*, now: datetime | None = None) -> int:
    """Mail about every message due a mail and not mailed yet (for deployments without a worker); how many went."""
    now = now or timezone.now()
    return sum(mail_unread_message(message_id=pk, now=now) for pk in messages_due(now))
