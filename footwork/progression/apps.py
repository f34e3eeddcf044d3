from __future__ import annotations

from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "footwork.progression"
    label = "progression"

    def ready(self) -> None:
        from footwork.core import derived
        from footwork.progression.services import refresh_for

        # Every write to a runner's inputs (logs, check-ins, tests, runs, plans) refreshes what derives from them.
        derived.register(refresh_for)
