"""The words of a season's plan as the JSON writes them: phases, strength rules, running advice. Pure."""

from __future__ import annotations

from enum import StrEnum

from footwork.core import adaptation as rule

__all__ = ["STRENGTH_ORDER", "Advice", "Phase", "Strength", "most_restrictive"]


class Phase(StrEnum):
    """The phase of one day (CLINICAL §6.1, §6.2, §6.4 and §6.5)."""

    BASE = "base"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"
    RACE = "race"
    RECOVERY = "recovery"
    COMEBACK = "comeback"


class Strength(StrEnum):
    """The strength rule of one day (CLINICAL section A "Race calendar", §6.3 and §6.4)."""

    # The values are core.adaptation's, which training reads without importing the season.
    HEAVY = rule.HEAVY
    LAST_HEAVY = rule.LAST_HEAVY
    MAINTENANCE = rule.MAINTENANCE
    ACTIVATION = rule.ACTIVATION
    NONE = rule.NONE
    LIGHT = rule.LIGHT
    HALF_LOAD = rule.HALF_LOAD


# Least work first: where two races' rules meet on one day, the day takes the first of them. Maintenance (one short
# session at half the sets) counts as less than half load (every session at half the load).
STRENGTH_ORDER: tuple[Strength, ...] = (
    Strength.NONE,
    Strength.ACTIVATION,
    Strength.LIGHT,
    Strength.MAINTENANCE,
    Strength.HALF_LOAD,
    Strength.LAST_HEAVY,
    Strength.HEAVY,
)


def most_restrictive(strengths: list[Strength]) -> Strength:
    """The rule with the least strength work; heavy (normal training) when no race asks for less."""
    return min(strengths, key=STRENGTH_ORDER.index, default=Strength.HEAVY)


class Advice(StrEnum):
    """What a running band says, worded by season.domain.wording."""

    TAPER_WEEK = "taper_week"
    RACE_WEEK = "race_week"
    REST_OR_WALK = "rest_or_walk"
    EASY = "easy"
    BUILDING = "building"
    BUILDING_STRIDES = "building_strides"
