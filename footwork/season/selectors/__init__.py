"""Reads of races and the season, with who may see which race written once (in races)."""

from footwork.season.selectors.plan import day_adaptations, peak_weekly_km, phase_lines, season_of
from footwork.season.selectors.races import (
    RaceLine,
    days_words,
    hiccup,
    next_race,
    next_race_line,
    race_document,
    race_for,
    race_line,
    race_lines,
    races_of,
    races_visible_to,
    red_line_pains,
    result_words,
    season_race,
    short_name,
)
from footwork.season.selectors.recovery import AfterRace, GateDue, after_races, recovery_gate_for
from footwork.season.selectors.today import TodayCard, running_today, today_card

__all__ = [
    "AfterRace",
    "GateDue",
    "RaceLine",
    "TodayCard",
    "after_races",
    "day_adaptations",
    "days_words",
    "hiccup",
    "next_race",
    "next_race_line",
    "peak_weekly_km",
    "phase_lines",
    "race_document",
    "race_for",
    "race_line",
    "race_lines",
    "races_of",
    "races_visible_to",
    "recovery_gate_for",
    "red_line_pains",
    "result_words",
    "running_today",
    "season_of",
    "season_race",
    "short_name",
    "today_card",
]
