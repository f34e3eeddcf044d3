"""Which place of the runner's navigation a page belongs to, so the bar can mark it (aria-current)."""

from __future__ import annotations

from django import template
from django.http import HttpRequest

register = template.Library()

# Pages a runner opens every day, by URL name; every other page of a runner's lives under "More".
RUNNER_TABS = {
    "training:today": "today",
    "training:player": "today",
    "training:day_player": "today",
    "training:progress": "progress",
    "training:exercise_progress": "progress",
    "activities:runs": "runs",
    "activities:run": "runs",
    "activities:import": "runs",
}


@register.simple_tag
def runner_tab(request: HttpRequest | None) -> str:
    """'today', 'progress', 'runs' or 'more': the tab a page belongs to."""
    match = getattr(request, "resolver_match", None)
    return RUNNER_TABS.get(match.view_name if match else "", "more")
