from __future__ import annotations

from django.apps import AppConfig


class SeasonConfig(AppConfig):
    name = "footwork.season"
    label = "season"

    def ready(self) -> None:
        # Training sits below the season: it hears each day's strength rule through core.adaptation.
        from footwork.core import adaptation
        from footwork.season.selectors import day_adaptations

        adaptation.register(day_adaptations)
