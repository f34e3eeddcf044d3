"""Races: who may see which race (written once here), and a race in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from footwork.accounts.models import User
from footwork.accounts.selectors import can_view_runner, coached_by, units_of
from footwork.core import rules
from footwork.core.clock import today_for
from footwork.core.errors import NotFound
from footwork.core.limits import MAX_ID
from footwork.core.units import KM
from footwork.core.wording import day_label
from footwork.season.domain import (
    Priority,
)
from footwork.season.domain import Race as SeasonRace
from footwork.season.domain.wording import PRIORITY_WORDS, distance_words
from footwork.season.models import Race
from footwork.season.times import time_words

# Words a race's name often ends with that /today/ leaves out: "Chicago Marathon" is "Chicago in 23 days".
_DISTANCE_WORDS = {"marathon", "half", "half-marathon", "5k", "10k", "50k", "ultra", "race", "run"}


def races_of(runner: User) -> QuerySet[Race]:
    """The runner's races, by date."""
    return Race.objects.filter(runner=runner).order_by("date", "pk")


def races_visible_to(actor: User) -> QuerySet[Race]:
    """The races the actor may see: their own, and a coach's runners'."""
    if not actor.is_authenticated or not actor.is_active:
        return Race.objects.none()
    visible = Q(runner=actor)
    if actor.is_coach:
        visible |= coached_by(actor) & Q(runner__is_active=True)
    return Race.objects.filter(visible).select_related("runner__runner_profile").order_by("date", "pk")


def race_for(actor: User, race_id: int) -> Race:
    """A race the actor may see, or NotFound: the same answer whether it exists or not."""
    # A larger number names nothing, and the database driver would fail on it before answering "no such row".
    race = None if race_id > MAX_ID else races_visible_to(actor).filter(pk=race_id).first()
    if race is None or not can_view_runner(actor, race.runner):
        raise NotFound("No such race.")
    return race


def race_document(race: Race) -> dict[str, Any]:
    """The API's and `races list --json`'s shape of a race: metric, seconds, ISO dates."""
    return {
        "id": race.pk,
        "name": race.name,
        "date": race.date.isoformat(),
        "distance_km": race.distance_km,
        "priority": race.priority,
        "goal_seconds": race.goal_seconds,
        "notes": race.notes,
        "result": _result_document(race) if race.recorded_at is not None else None,
    }


def _result_document(race: Race) -> dict[str, Any]:
    next_morning: int | str | None = race.next_morning_pain
    if next_morning is None:
        next_morning = race.next_morning or None
    return {
        "finish_seconds": race.finish_seconds,
        "how_it_went": race.how_it_went,
        "pain_during": race.pain_during,
        "pain_after": race.pain_after,
        "next_morning": next_morning,
        "recorded_at": race.recorded_at.isoformat() if race.recorded_at else None,
    }


def season_race(race: Race) -> SeasonRace:
    return SeasonRace(race.name, race.date, race.distance_km, Priority(race.priority))


def days_words(days: int) -> str:
    """'today', 'tomorrow', 'in 23 days', 'yesterday', '3 days ago'."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def short_name(name: str) -> str:
    """The race's name without the distance words it ends with: 'Chicago Marathon' is 'Chicago'."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _DISTANCE_WORDS:
        words.pop()
    return " ".join(words)


def next_race(runner: User, today: date) -> Race | None:
    return races_of(runner).filter(date__gte=today).first()


def next_race_line(runner: User, today: date) -> str | None:
    """'Chicago in 23 days' for the runner's next race (today's included), or None with none ahead."""
    race = next_race(runner, today)
    if race is None:
        return None
    return f"{short_name(race.name)} {days_words((race.date - today).days)}"


@dataclass(frozen=True)
class RaceLine:
    """A race as a page shows it, in plain words."""

    race: Race
    when: str  # "Sun 11 Oct, in 23 days"
    distance: str  # "marathon (42.2 km)"
    priority: str  # "A: goal race"
    goal: str  # "3:15:00", or ""
    result_due: bool  # race day has come and no result is recorded
    result: str  # "Finished in 3:21:40 · pain 3 during, 4 after", or ""
    hiccup: bool  # a pain at the red line or above on race day or the next morning


def race_line(race: Race, today: date, units: str = KM) -> RaceLine:
    """The race in plain words, its distance in the runner's units."""
    priority = Priority(race.priority)
    return RaceLine(
        race=race,
        when=f"{day_label(race.date, today)}, {days_words((race.date - today).days)}",
        distance=distance_words(race.distance_km, units),
        priority=f"{priority.value}: {PRIORITY_WORDS[priority]}",
        goal=time_words(race.goal_seconds) if race.goal_seconds else "",
        result_due=race.date <= today and race.recorded_at is None,
        result=result_words(race),
        hiccup=hiccup(race),
    )


def race_lines(runner: User, today: date | None = None, races: list[Race] | None = None) -> list[RaceLine]:
    """Every race of the runner in plain words, by date (`races`: those races, where the caller has read them)."""
    today = today or today_for(runner)
    units = units_of(runner)
    return [race_line(race, today, units) for race in (races_of(runner) if races is None else races)]


def result_words(race: Race) -> str:
    if race.recorded_at is None:
        return ""
    finish = f"Finished in {time_words(race.finish_seconds)}" if race.finish_seconds else "No finish time"
    parts = [finish, f"pain {race.pain_during} during, {race.pain_after} after"]
    if race.next_morning_pain is not None:
        parts.append(f"{race.next_morning_pain} the next morning")
    return " · ".join(parts)


def red_line_pains(race: Race) -> list[str]:
    """The race's pain readings at the red line or above, in words: ['7 during the race']."""
    readings = (
        (race.pain_during, "during the race"),
        (race.pain_after, "after it"),
        (race.next_morning_pain, "the next morning"),
    )
    return [f"{pain} {when}" for pain, when in readings if pain is not None and pain > rules.PAIN_AMBER_MAX]


def hiccup(race: Race) -> bool:
    """A race-day hiccup: any pain of the result in the red (above PAIN_AMBER_MAX)."""
    return bool(red_line_pains(race))
