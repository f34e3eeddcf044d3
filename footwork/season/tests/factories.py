"""Races for tests, through the one write path."""

from __future__ import annotations

from datetime import date

from footwork.season.domain.races import MARATHON_KM
from footwork.season.services import add_race


def race(runner, *, name="Chicago Marathon", day=date(2026, 10, 11), km=MARATHON_KM, priority="A", **extra):
    return add_race(actor=runner, name=name, date=day, distance_km=km, priority=priority, **extra)
