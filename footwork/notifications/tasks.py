"""Background work: load the message's or the announcement's id, call one service."""

from __future__ import annotations

from django_tasks import task

from footwork.notifications import services


@task()
def message_email(message_id: int) -> bool:
    """Mail the recipient of a message still unread (services.mail_unread_message); whether a mail went."""
    return services.mail_unread_message(message_id=message_id)


@task()
def announcement_email(announcement_id: int) -> int:
    """Mail a workshop's announcement to its participants who want it (services.mail_announcement); how many went."""
    return services.mail_announcement(announcement_id=announcement_id)
