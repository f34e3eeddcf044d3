from __future__ import annotations

from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "footwork.exercises"
    label = "exercises"
