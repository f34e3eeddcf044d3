from __future__ import annotations

from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    """The coach's caseload: the roster's figures gathered from every app that holds a runner's record."""

    name = "footwork.caseload"
    label = "caseload"

    def ready(self) -> None:
        from footwork.caseload.services import refresh_standing
        from footwork.core import derived

        # After progression's refresher (INSTALLED_APPS order): the held-back marks it sets are not scheduled.
        derived.register(refresh_standing, reads_races=True)
