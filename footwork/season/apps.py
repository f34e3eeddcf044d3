from __future__ import annotations

from django.apps import AppConfig


class SeasonConfig(AppConfig):
    name = "footwork.season"
    label = "season"
