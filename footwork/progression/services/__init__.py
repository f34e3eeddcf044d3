"""Progression's writes: the decision engine's recommendations and held-back exercises, and flare-ups.

A package since it passed ~400 lines; every public name is re-exported here so callers import from
`footwork.progression.services` as before.
"""

from __future__ import annotations

from footwork.progression.services.clearances import check_clearance, clear_stop
from footwork.progression.services.flare_ups import (
    active_flare_up,
    clear_referral,
    end_flare_up,
    exit_status,
    flare_document,
    known_exercises_for,
    latest_referral,
    save_toolbox,
    shipped_toolboxes,
    start_flare_up,
    toolboxes_for,
)
from footwork.progression.services.recommendations import (
    accept_recommendation,
    alert_coach,
    baseline_for,
    build_history,
    current_prescriptions,
    dismiss_recommendation,
    recommendation_for,
    refresh_for,
    refresh_recommendations,
)

__all__ = [
    "accept_recommendation",
    "active_flare_up",
    "alert_coach",
    "baseline_for",
    "build_history",
    "check_clearance",
    "clear_referral",
    "clear_stop",
    "current_prescriptions",
    "dismiss_recommendation",
    "end_flare_up",
    "exit_status",
    "flare_document",
    "known_exercises_for",
    "latest_referral",
    "recommendation_for",
    "refresh_for",
    "refresh_recommendations",
    "save_toolbox",
    "shipped_toolboxes",
    "start_flare_up",
    "toolboxes_for",
]
