"""Races for tests, through the one write path, and what the season's tests read pages with."""

from __future__ import annotations

import html as markup
import re
from datetime import UTC, date, datetime

import time_machine

from footwork.season.domain.races import MARATHON_KM
from footwork.season.services import add_race


def race(runner, *, name="Chicago Marathon", day=date(2026, 10, 11), km=MARATHON_KM, priority="A", **extra):
    return add_race(actor=runner, name=name, date=day, distance_km=km, priority=priority, **extra)


# A raw ISO date in text a person reads (plain words forbid them).
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def at(day: date) -> time_machine.travel:
    """Noon UTC of the day, frozen."""
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


def visible_text(html: str) -> str:
    """What a person reads: no tags, no attribute values, entities read as their characters."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)))


def weekly(runner, km: float, units: str = "km") -> None:
    """The runner's usual (peak) weekly distance and units, as the profile form saves them."""
    profile = runner.runner_profile
    profile.weekly_distance_km = km
    profile.units = units
    profile.save()
