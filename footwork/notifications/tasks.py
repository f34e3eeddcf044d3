"""Background work: load the message id, call one service."""

from __future__ import annotations

from django_tasks import task

from footwork.notifications import services


@task()
def message_email(message_id: int) -> bool:
    """Mail the recipient of a message still unread (services.mail_unread_message); whether a mail went."""
    return services.mail_unread_message(message_id=message_id)
