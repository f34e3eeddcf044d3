from __future__ import annotations

from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "footwork.exercises"
    label = "exercises"

    def ready(self) -> None:
        from footwork.core.mediafiles import discard_with
        from footwork.exercises.models import ExerciseMedia

        # A row deleted along with something else (an account) takes its file with it.
        discard_with(ExerciseMedia, "path")
