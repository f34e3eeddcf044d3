from __future__ import annotations

from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "footwork.progression"
    label = "progression"
