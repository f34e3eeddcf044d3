from __future__ import annotations

from django.apps import AppConfig


# Not "messages": that label is django.contrib.messages'.
class MessagingConfig(AppConfig):
    name = "footwork.messaging"
    label = "messaging"
