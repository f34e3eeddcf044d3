"""The strength rule of each day around the races, with why, for the plan to follow. Pure.

periodise() lays the season from today; the plan also needs the days already behind (a rest day two days before a
race last month was not a missed session), so this walks only the days around each race, past or ahead, and gives
the same rule periodise() does for a day it plans: the least strength work any race asks for (most_restrictive).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from footwork.core import rules
from footwork.season.domain.races import PRIORITY_RANK, Race
from footwork.season.domain.settings import DEFAULT_SETTINGS, SeasonSettings
from footwork.season.domain.vocabulary import STRENGTH_ORDER, Strength
from footwork.season.domain.wording import STRENGTH_WORDS

__all__ = ["RaceStrength", "adaptation_words", "strength_days"]


@dataclass(frozen=True)
class RaceStrength:
    """A day whose strength work a race changes: the rule, the race that asks for it and the day from race day."""

    strength: Strength
    race: Race
    offset: int  # day - race day: negative before the race, 0 on it, positive after it


def strength_days(
    races: Iterable[Race], start: date, end: date, settings: SeasonSettings = DEFAULT_SETTINGS
) -> dict[date, RaceStrength]:
    """Every day from start to end whose strength rule is not heavy, with the race that sets it.

    Where two races' rules meet, the least strength work wins; at equal rules the higher priority, then the nearer
    race names the reason."""
    found: dict[date, RaceStrength] = {}
    for race in races:
        race_rules = settings.rules_for(race.priority)
        before = max((days for days, _rule in race_rules.strength_before), default=0)
        first = max(start, race.date - timedelta(days=before))
        last = min(end, race.date + timedelta(days=race_rules.recovery_days))
        for n in range((last - first).days + 1):
            day = first + timedelta(days=n)
            offset = (day - race.date).days
            rule = race_rules.strength_on(offset)
            if rule is Strength.HEAVY:
                continue
            candidate = RaceStrength(rule, race, offset)
            held = found.get(day)
            if held is None or _rank(candidate) < _rank(held):
                found[day] = candidate
    return found


def _rank(day: RaceStrength) -> tuple[int, int, int]:
    return (STRENGTH_ORDER.index(day.strength), PRIORITY_RANK[day.race.priority], abs(day.offset))


def _share(percent: int) -> str:
    return "half" if percent == 50 else f"{percent} %"


def _days(n: int) -> str:
    return f"{n} day{'s' * (n != 1)}"


def _when(day: RaceStrength) -> str:
    """'Taper: 10 days to Chicago', 'Race day', 'Recovery, day 5 after Chicago'."""
    name = day.race.name
    if day.offset == 0:
        return f"Race day ({name})"
    if day.offset < 0:
        return f"{'Race week' if -day.offset <= rules.RACE_WEEK_DAYS else 'Taper'}: {_days(-day.offset)} to {name}"
    return f"Recovery, day {day.offset} after {name}"


def adaptation_words(day: RaceStrength, *, sets_cap: int) -> tuple[str, str]:
    """Why the day's session is what it is: (the runner's words, the coach's words)."""
    runner_words = {
        Strength.LAST_HEAVY: (
            f"your last heavy session: at most {sets_cap} sets of each exercise, nothing new and no eccentric block"
        ),
        Strength.MAINTENANCE: (
            f"{_share(rules.MAINTENANCE_SETS_PERCENT)} the sets and "
            f"{_share(rules.MAINTENANCE_PLYO_PERCENT)} the jumps, at the same loads"
        ),
        Strength.ACTIVATION: "calf holds and foot-core drills only, nothing tiring",
        Strength.NONE: "no strength work today, rest your legs"
        if day.offset <= 0
        else "no strength work yet",
        Strength.LIGHT: (
            "light calf and foot work with your body weight, no jumps, "
            f"and only if pain is {rules.RECOVERY_GATE_PAIN_MAX} or less"
        ),
        Strength.HALF_LOAD: f"about {_share(rules.HALF_LOAD_PERCENT)} your usual load",
    }[day.strength]
    coach_words = {
        Strength.LAST_HEAVY: f"sets capped at {sets_cap}, no new exercises, no eccentric-emphasis block",
        Strength.MAINTENANCE: (
            f"{rules.MAINTENANCE_SETS_PERCENT} % of the sets, {rules.MAINTENANCE_PLYO_PERCENT} % of the "
            "plyometric contacts"
        ),
        Strength.ACTIVATION: "isometric holds and foot-core drills only",
        Strength.NONE: "nothing scheduled",
        Strength.LIGHT: f"bodyweight calf and foot work only, if pain is {rules.RECOVERY_GATE_PAIN_MAX} or less",
        Strength.HALF_LOAD: f"about {rules.HALF_LOAD_PERCENT} % of the load",
    }[day.strength]
    when = _when(day)
    return (
        f"{when}: {runner_words}.",
        f"{when}: {STRENGTH_WORDS[day.strength].lower()}, {coach_words}.",
    )
