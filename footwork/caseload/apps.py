from __future__ import annotations

from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    """The coach's caseload: the roster's figures gathered from every app that holds a runner's record."""

    name = "footwork.caseload"
    label = "caseload"
