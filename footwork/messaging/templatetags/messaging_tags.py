"""The unread-messages count for the navigation, and a message's text with its web addresses linked.

In messaging, not core: core is the lowest layer and may not read messages.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from footwork.core.rules import MESSAGE_DELETE_MINUTES
from footwork.core.wording import day_label
from footwork.messaging.domain import pieces
from footwork.messaging.models import Message
from footwork.messaging.selectors import unread_total

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages(context: dict[str, Any]) -> int:
    """How many messages the signed-in person has not read yet (one count query; none when signed out). A page that
    counted them already (the roster, the messages list) passes `unread_total` in its context."""
    counted = context.get("unread_total")
    if isinstance(counted, int):
        return counted
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread_total(user)


@register.filter
def message_text(body: str) -> SafeString:
    """A message as HTML: every character escaped, http(s) addresses made links and nothing else."""
    html = "".join(
        format_html('<a href="{}" rel="noopener nofollow" target="_blank">{}</a>', piece.href, piece.text)
        if piece.href
        else escape(piece.text)
        for piece in pieces(body)
    )
    # Each piece is escaped above: the join holds no markup of the writer's.
    return mark_safe(html)  # noqa: S308  # every piece escaped by escape or format_html


@register.filter
def moment(value: datetime | None) -> str:
    """When, in the active time zone: '14:02' today, 'Mon 1 Dec, 14:02' another day."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    today = timezone.localdate()
    clock = f"{local:%H:%M}"
    return clock if local.date() == today else f"{day_label(local.date(), today)}, {clock}"


@register.filter
def deletable(message: Message) -> bool:
    """Whether its author may still delete the message (rules.MESSAGE_DELETE_MINUTES)."""
    return timezone.now() <= message.sent_at + timedelta(minutes=MESSAGE_DELETE_MINUTES)
