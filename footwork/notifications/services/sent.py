"""One mail of a kind, key and person, ever: the row is stored before the mail goes, in the mail's transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from footwork.accounts.models import User
from footwork.notifications.models import SentNotification


def record_sent(*, kind: str, key: str, user: User) -> bool:
    """Store that this mail goes out now; False when it went before (here or on another machine), so send nothing.

    Called inside the sender's transaction: a mail that then fails to send rolls the row back with it. On PostgreSQL
    a second machine's insert waits for the first's commit and then fails; SQLite runs one writer at a time."""
    if SentNotification.objects.filter(kind=kind, key=key, user=user).exists():
        return False
    try:
        with transaction.atomic():
            SentNotification.objects.create(kind=kind, key=key, user=user)
    except IntegrityError:
        return False
    return True
