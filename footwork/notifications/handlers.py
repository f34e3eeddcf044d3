"""What notifications does when core.events tells it of a write: after the write commits, never before.

A red flag is mailed to the coach at once. A workshop's announcement queues `tasks.announcement_email` at once (the
database queue's worker mails each participant who wants it; the immediate backend mails them then and there). A new
message queues `tasks.message_email` to run
MESSAGE_EMAIL_DELAY_MINUTES later, on a backend that can wait (the database queue and its worker); on one that runs
tasks at once there is nothing to queue, and `footwork jobs messages` (cron) sends the mail when it is due.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from footwork.core.rules import MESSAGE_EMAIL_DELAY_MINUTES
from footwork.notifications import services, tasks
from footwork.notifications.domain import RED_FLAG

if TYPE_CHECKING:
    from footwork.coaching.models import Alert
    from footwork.messaging.models import Message
    from footwork.workshops.models import Announcement

logger = logging.getLogger(__name__)


def alert_raised(alert: Alert) -> None:
    if alert.kind != RED_FLAG:
        return
    alert_id = alert.pk
    # robust: a mail server that fails does not fail the runner's report, which has already been stored.
    transaction.on_commit(lambda: services.mail_red_flag(alert_id=alert_id), robust=True)


def message_sent(message: Message) -> None:
    message_id, run_after = message.pk, message.sent_at + timedelta(minutes=MESSAGE_EMAIL_DELAY_MINUTES)

    def enqueue() -> None:
        task = tasks.message_email.using(run_after=run_after)
        if task.get_backend().supports_defer:
            task.enqueue(message_id)

    transaction.on_commit(enqueue, robust=True)


def announcement_posted(announcement: Announcement) -> None:
    announcement_id = announcement.pk
    # robust: a queue that fails does not fail the coach's post, which has already been stored.
    transaction.on_commit(lambda: tasks.announcement_email.enqueue(announcement_id), robust=True)
