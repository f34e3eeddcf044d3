"""Things that happened, told to the apps above the one that wrote them (notifications mail about them).

The apps that raise alerts (progression) and send messages (messaging) sit below notifications, so they cannot call
it. Instead their services call `alert_raised(alert)` or `message_sent(message)` inside their transaction, and
notifications registers its handlers here when Django starts (`NotificationsConfig.ready`). A handler that does
anything outside the database waits for the commit (`transaction.on_commit`), so a rolled-back write tells no one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footwork.coaching.models import Alert
    from footwork.messaging.models import Message

AlertHandler = Callable[["Alert"], None]
MessageHandler = Callable[["Message"], None]

_alert_handlers: list[AlertHandler] = []
_message_handlers: list[MessageHandler] = []


def on_alert(handler: AlertHandler) -> None:
    """Called once per handler, from an AppConfig.ready()."""
    if handler not in _alert_handlers:
        _alert_handlers.append(handler)


def on_message(handler: MessageHandler) -> None:
    """Called once per handler, from an AppConfig.ready()."""
    if handler not in _message_handlers:
        _message_handlers.append(handler)


def alert_raised(alert: Alert) -> None:
    """A coach alert was stored (inside the writer's transaction)."""
    for handler in _alert_handlers:
        handler(alert)


def message_sent(message: Message) -> None:
    """A new message was stored (inside the writer's transaction; a repeat of the same client UUID is not new)."""
    for handler in _message_handlers:
        handler(message)
