"""A person's email settings: changed on their page or the API, or one kind turned off by a mail's link."""

from __future__ import annotations

from django.db import transaction

from footwork.accounts.models import User
from footwork.core.errors import InvalidInput
from footwork.notifications.domain import FIELDS, Kind
from footwork.notifications.models import NotificationSettings
from footwork.notifications.selectors import unsubscribe_of


@transaction.atomic
def update_settings(*, actor: User, changes: dict[str, bool]) -> NotificationSettings:
    """Set the actor's own email settings (the fields given; the rest keep their values)."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        first = sorted(unknown)[0]
        raise InvalidInput(f"Unknown setting {first!r}: use {', '.join(FIELDS)}.", field=first)
    found, _created = NotificationSettings.objects.select_for_update().get_or_create(user=actor)
    for field, value in changes.items():
        if not isinstance(value, bool):
            raise InvalidInput(f"{field} is true or false.", field=field)
        setattr(found, field, value)
    found.save()
    return found


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[User, Kind]:
    """Turn off the kind of mail a signed unsubscribe link names; the token is the credential (no login needed)."""
    found = unsubscribe_of(token)
    settings, _created = NotificationSettings.objects.select_for_update().get_or_create(user=found.user)
    setattr(settings, found.kind.field, False)
    settings.save(update_fields=[found.kind.field])
    return found.user, found.kind
