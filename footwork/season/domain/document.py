"""A season as JSON (the `footwork season plan --json` contract): exact enum strings and ISO dates. Pure."""

from __future__ import annotations

from typing import Any

from footwork.season.domain.plan import Season, SeasonDay
from footwork.season.domain.races import Race

__all__ = ["DAY_KEYS", "DOCUMENT_KEYS", "PHASE_KEYS", "RACE_KEYS", "season_document"]

DOCUMENT_KEYS = ("races", "phases", "days", "warnings")
RACE_KEYS = ("name", "date", "distance_km", "priority", "in_plan")
PHASE_KEYS = ("phase", "start", "end", "race")
DAY_KEYS = ("date", "phase", "race", "days_to_race", "strength", "running")


def season_document(season: Season) -> dict[str, Any]:
    """{"races", "phases", "days", "warnings"}; a day's race is the race's name (None when no race lies ahead)."""
    return {
        "races": [_race(race, race in season.planned) for race in season.races],
        "phases": [
            {
                "phase": str(span.phase),
                "start": span.start.isoformat(),
                "end": span.end.isoformat(),
                "race": _name(span.race),
            }
            for span in season.phases
        ],
        "days": [_day(day) for day in season.days],
        "warnings": [
            {"kind": str(warning.kind), "race": _name(warning.race), "message": warning.message}
            for warning in season.warnings
        ],
    }


def _race(race: Race, in_plan: bool) -> dict[str, Any]:
    return {
        "name": race.name,
        "date": race.date.isoformat(),
        "distance_km": race.distance_km,
        "priority": str(race.priority),
        "in_plan": in_plan,
    }


def _day(day: SeasonDay) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "phase": str(day.phase),
        "race": _name(day.race),
        "days_to_race": day.days_to_race,
        "strength": str(day.strength),
        "running": {
            "min_percent": day.running.min_percent,
            "max_percent": day.running.max_percent,
            "note": day.running.note,
        },
    }


def _name(race: Race | None) -> str | None:
    return None if race is None else race.name
