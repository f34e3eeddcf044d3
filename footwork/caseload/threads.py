"""What the roster needs of the coach's messages: unread counts, and since when a runner has waited for an answer.

Messaging was built beside the roster: it is imported when asked, so the roster still works (without its messages
column) where that app is not installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps

from footwork.accounts.models import User
from footwork.accounts.selectors import clients_of


@dataclass(frozen=True)
class Waiting:
    unread: dict[int, int]  # unread messages by runner id
    # Since when each runner whose message is the thread's last word has waited for an answer, read or not.
    since: dict[int, datetime]


def waiting_for(coach: User) -> Waiting | None:
    """The coach's unread messages by runner; None when the messaging app is not installed."""
    if not apps.is_installed("footwork.messaging"):
        return None
    # Imported here: the messaging app may be absent (see the module's docstring).
    from footwork.messaging.selectors import last_messages, unread_counts

    runner_ids = list(clients_of(coach, linked_only=True).order_by().values_list("pk", flat=True))
    counts = unread_counts(coach)
    since = {
        runner_id: sent_at
        for runner_id, (sent_at, sender) in last_messages(coach, runner_ids).items()
        if sender == runner_id
    }
    return Waiting({runner_id: counts.get(runner_id, 0) for runner_id in runner_ids}, since)
