"""The season's say over a day's strength work, heard by the apps below the season.

Training (the schedule, the day's session, the logs) sits below the season app (races, periodisation), so it cannot
ask the season what a day's strength rule is. The season registers a provider here when Django starts, as progression
registers its refresher in core.derived; training asks `adaptations(runner, start, end)` and applies the rules with
its own pure functions (training.domain.adapt). With no provider (no season app) every day is normal training.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footwork.accounts.models import User

# The strength rules of CLINICAL section A "Race calendar" (the season's Strength values): every day not named by a
# provider is HEAVY, normal training.
HEAVY = "heavy"
LAST_HEAVY = "last_heavy"
MAINTENANCE = "maintenance"
ACTIVATION = "activation"
NONE = "none"
LIGHT = "light"
HALF_LOAD = "half_load"
STRENGTH_RULES = (HEAVY, LAST_HEAVY, MAINTENANCE, ACTIVATION, NONE, LIGHT, HALF_LOAD)


@dataclass(frozen=True)
class DayAdaptation:
    """How a day's strength work bends around a race, and why, in the runner's words and the coach's."""

    strength: str  # one of STRENGTH_RULES other than HEAVY
    reason: str  # "Taper: 10 days to Chicago — half the sets and half the jumps."
    coach_reason: (
        str  # "Chicago Marathon in 10 days: taper maintenance, 50 % of the sets, 50 % of the contacts."
    )

    def __post_init__(self) -> None:
        if self.strength not in STRENGTH_RULES or self.strength == HEAVY:
            raise ValueError(f"not a strength rule that changes a day: {self.strength!r}")


Provider = Callable[["User", date, date], Mapping[date, DayAdaptation]]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Called once per provider, from an AppConfig.ready()."""
    if provider not in _providers:
        _providers.append(provider)


def adaptations(runner: User, start: date, end: date) -> dict[date, DayAdaptation]:
    """The days from start to end (both included) whose strength work a race changes; the others are normal."""
    found: dict[date, DayAdaptation] = {}
    if end < start:
        return found
    for provider in _providers:
        found.update(provider(runner, start, end))
    return found


def adaptation_on(runner: User, day: date) -> DayAdaptation | None:
    return adaptations(runner, day, day).get(day)
