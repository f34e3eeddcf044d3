from __future__ import annotations

from django.apps import AppConfig


# Not "messages": that label is django.contrib.messages'.
class MessagingConfig(AppConfig):
    name = "footwork.messaging"
    label = "messaging"

    def ready(self) -> None:
        from footwork.core.mediafiles import discard_with
        from footwork.messaging.models import Message

        # A row deleted along with something else (an account) takes its file with it.
        discard_with(Message, "attachment_path")
