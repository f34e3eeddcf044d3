from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "footwork.notifications"
    label = "notifications"

    def ready(self) -> None:
        from footwork.core import events
        from footwork.notifications import handlers

        events.on_alert(handlers.alert_raised)
        events.on_message(handlers.message_sent)
        events.on_announcement(handlers.announcement_posted)
