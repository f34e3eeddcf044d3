"""A notification mail as people read it: plain text, the links absolute (FOOTWORK_SITE_URL), an unsubscribe link.

Every mail carries List-Unsubscribe (the link) and List-Unsubscribe-Post (RFC 8058 one-click), so a mail client's
"unsubscribe" button turns that kind of mail off with one POST to the same link.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from footwork.accounts.models import User
from footwork.notifications.selectors import unsubscribe_token


def absolute(path: str) -> str:
    """A path on this Footwork as a full address for a mail."""
    return f"{settings.FOOTWORK_SITE_URL.rstrip('/')}{path}"


def compose(*, user: User, kind: str, subject: str, template: str, context: dict[str, Any]) -> EmailMessage:
    """The mail of one kind to one person, from templates/notifications/email/<template>.txt."""
    unsubscribe = absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kind)]))
    body = render_to_string(
        f"notifications/email/{template}.txt",
        {
            **context,
            "user": user,
            "unsubscribe_link": unsubscribe,
            "settings_link": absolute(reverse("notifications:settings")),
        },
    )
    return EmailMessage(
        subject,
        body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
