"""Reads: a person's settings (the defaults while they have no row), unsubscribe tokens, messages due a mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core import signing

from footwork.accounts.models import User
from footwork.core.errors import InvalidInput
from footwork.core.rules import MESSAGE_EMAIL_DELAY_MINUTES, MESSAGE_EMAIL_SWEEP_HOURS, UNSUBSCRIBE_LINK_DAYS
from footwork.messaging.models import Message
from footwork.notifications.domain import FIELDS, KINDS, MESSAGE, Kind
from footwork.notifications.models import NotificationSettings, SentNotification

UNSUBSCRIBE_SALT = "footwork.notifications.unsubscribe"
BAD_LINK = "This unsubscribe link is not valid or has expired: change your emails on your account's Notifications page."


def settings_of(user: User) -> NotificationSettings:
    """The person's settings; an unsaved row with the defaults when they never changed them (a read writes nothing)."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found if found is not None else NotificationSettings(user=user)


def wants(user: User, kind: str) -> bool:
    """Whether an active person still wants this kind of mail and has an address to get it at."""
    if not user.is_active or not user.email:
        return False
    return bool(getattr(settings_of(user), KINDS[kind].field))


def settings_document(user: User) -> dict[str, bool]:
    found = settings_of(user)
    return {field: bool(getattr(found, field)) for field in FIELDS}


def unsubscribe_token(user: User, kind: str) -> str:
    """A signed token naming the person and the kind of mail: the link in a mail turns that mail off without login."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


@dataclass(frozen=True)
class Unsubscribe:
    user: User
    kind: Kind


def unsubscribe_of(token: str) -> Unsubscribe:
    """Whose mail and which kind a token names; InvalidInput (a 400 page) for a bad, altered or expired one."""
    try:
        data: Any = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=timedelta(days=UNSUBSCRIBE_LINK_DAYS))
    except signing.BadSignature as error:
        raise InvalidInput(BAD_LINK, field="token") from error
    if not isinstance(data, dict) or data.get("k") not in KINDS or not isinstance(data.get("u"), int):
        raise InvalidInput(BAD_LINK, field="token")
    user = User.objects.filter(pk=data["u"]).first()
    if user is None:
        raise InvalidInput(BAD_LINK, field="token")
    return Unsubscribe(user, KINDS[data["k"]])


def messages_due(now: datetime) -> list[int]:
    """Ids of unread messages sent between MESSAGE_EMAIL_SWEEP_HOURS and MESSAGE_EMAIL_DELAY_MINUTES ago that no
    mail was sent about, oldest first (a few days of messages: read in two queries)."""
    candidates = list(
        Message.objects.filter(
            read_at__isnull=True,
            deleted_at__isnull=True,
            sent_at__gte=now - timedelta(hours=MESSAGE_EMAIL_SWEEP_HOURS),
            sent_at__lte=now - timedelta(minutes=MESSAGE_EMAIL_DELAY_MINUTES),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    mailed = set(
        SentNotification.objects.filter(kind=MESSAGE, key__in=[str(pk) for pk in candidates]).values_list(
            "key", flat=True
        )
    )
    return [pk for pk in candidates if str(pk) not in mailed]
