from __future__ import annotations

from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "footwork.workshops"
    label = "workshops"
    verbose_name = "Workshops"

    def ready(self) -> None:
        from footwork.core.mediafiles import discard_with
        from footwork.workshops.models import Lesson, Workshop

        # A cover or a lesson's photo goes with its row however the row goes (a coach's account deleted).
        discard_with(Workshop, "cover_path")
        discard_with(Lesson, "media_path")
