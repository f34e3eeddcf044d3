"""The runner's season laid from their races, its phases as a timeline, and the strength days races change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from footwork.accounts.models import User
from footwork.accounts.selectors import units_of
from footwork.core import bounds, rules
from footwork.core.adaptation import DayAdaptation
from footwork.core.clock import today_for
from footwork.core.errors import NotAllowed
from footwork.core.wording import day_label
from footwork.season.domain import (
    Priority,
    Season,
    periodise,
)
from footwork.season.domain import Race as SeasonRace
from footwork.season.domain.adaptation import adaptation_words, strength_days
from footwork.season.domain.wording import PHASE_WORDS
from footwork.season.models import Race
from footwork.season.selectors.races import races_of, season_race, short_name


def peak_weekly_km(runner: User) -> float | None:
    """The profile's weekly distance as the season's peak week, when it is a plausible one (0 while injured is not)."""
    profile = getattr(runner, "runner_profile", None)
    km = None if profile is None or profile.weekly_distance_km is None else float(profile.weekly_distance_km)
    return km if km is not None and bounds.PEAK_WEEKLY_KM.contains(km) else None


def season_of(runner: User, today: date | None = None, races: list[Race] | None = None) -> Season:
    """The runner's season laid backwards from their races of the last year and ahead (today: the runner's).
    `races`: every race of the runner by date, where the caller has read them already (races_of)."""
    if not runner.is_runner:
        raise NotAllowed("A season is a runner's: choose one of your runners.")
    today = today or today_for(runner)
    first, _last = bounds.SEASON_RACE_DATE.window(today)
    chosen = (
        races_of(runner).filter(date__gte=first)
        if races is None
        else [race for race in races if race.date >= first]
    )
    seasonal = [season_race(race) for race in chosen]
    return periodise(seasonal, today, peak_weekly_km=peak_weekly_km(runner), units=units_of(runner))


@dataclass(frozen=True)
class PhaseLine:
    words: str  # "Taper: Sun 27 Sep – Sat 10 Oct"
    race: str  # the race it belongs to or heads for, or ""
    phase: str  # the phase's enum value, for a CSS class only


def phase_lines(season: Season) -> list[PhaseLine]:
    """The season's phases as a timeline: 'Taper: Sun 27 Sep – Sat 10 Oct'."""
    today = season.today
    lines = []
    for span in season.phases:
        start, end = day_label(span.start, today), day_label(span.end, today)
        when = start if span.start == span.end else f"{start} – {end}"
        race = span.race.name if span.race is not None else ""
        lines.append(PhaseLine(f"{PHASE_WORDS[span.phase]}: {when}", race, str(span.phase)))
    return lines


def day_adaptations(runner: User, start: date, end: date) -> dict[date, DayAdaptation]:
    """The days from start to end whose strength work the runner's races change, and why (core.adaptation's
    provider: training applies them to the schedule, the day's session and what a log asks for)."""
    # Only the races whose taper or recovery can reach the days asked about, with the short names people use.
    reach = timedelta(days=max(rules.TAPER_DAYS, rules.RECOVERY_DAYS, rules.STRENGTH_LAST_HEAVY_DAYS_OUT))
    rows = races_of(runner).filter(date__gte=start - reach, date__lte=end + reach)
    races = [
        SeasonRace(short_name(race.name), race.date, race.distance_km, Priority(race.priority))
        for race in rows
    ]
    if not races:
        return {}
    found = {}
    for day, race_day in strength_days(races, start, end).items():
        reason, coach_reason = adaptation_words(race_day, sets_cap=rules.LAST_HEAVY_SETS_MAX)
        found[day] = DayAdaptation(str(race_day.strength), reason, coach_reason)
    return found


# --- After a race: the recovery day by day, the comeback, the recovery gate; today's running combined -------------
