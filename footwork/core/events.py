"""Things that happened, told to the apps above the one that wrote them (notifications mail about them).

The apps that raise alerts (progression), send messages (messaging) and post workshop announcements (workshops) sit
below notifications, so they cannot call it. Instead their services call `alert_raised(alert)`,
`message_sent(message)` or `announcement_posted(announcement)` inside their transaction, and
notifications registers its handlers here when Django starts (`NotificationsConfig.ready`). A handler that does
anything outside the database waits for the commit (`transaction.on_commit`), so a rolled-back write tells no one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footwork.coaching.models import Alert
    from footwork.messaging.models import Message
    from footwork.workshops.models import Announcement

AlertHandler = Callable[["Alert"], None]
MessageHandler = Callable[["Message"], None]
AnnouncementHandler = Callable[["Announcement"], None]

_alert_handlers: list[AlertHandler] = []
_message_handlers: list[MessageHandler] = []
_announcement_handlers: list[AnnouncementHandler] = []


def on_alert(handler: AlertHandler) -> None:
    """Called once per handler, from an AppConfig.ready()."""
    if handler not in _alert_handlers:
        _alert_handlers.append(handler)


def on_message(handler: MessageHandler) -> None:
    """Called once per handler, from an AppConfig.ready()."""
    if handler not in _message_handlers:
        _message_handlers.append(handler)


def on_announcement(handler: AnnouncementHandler) -> None:
    """Called once per handler, from an AppConfig.ready()."""
    if handler not in _announcement_handlers:
        _announcement_handlers.append(handler)


def alert_raised(alert: Alert) -> None:
    """A coach alert was stored (inside the writer's transaction)."""
    for handler in _alert_handlers:
        handler(alert)


def message_sent(message: Message) -> None:
    """A new message was stored (inside the writer's transaction; a repeat of the same client UUID is not new)."""
    for handler in _message_handlers:
        handler(message)


def announcement_posted(announcement: Announcement) -> None:
    """A workshop's coach posted an announcement to its participants (inside the writer's transaction)."""
    for handler in _announcement_handlers:
        handler(announcement)
