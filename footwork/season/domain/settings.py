"""The numbers a season is laid out with, as one settings object whose defaults are core.rules' constants. Pure.

Strength rules and running bands are ladders keyed by the day relative to race day (day 0; negative before, positive
after), so a coach can move a boundary without touching the code that reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from footwork.core import rules
from footwork.season.domain.races import Priority
from footwork.season.domain.vocabulary import Advice, Strength

__all__ = [
    "A_RACE",
    "B_RACE",
    "C_RACE",
    "DEFAULT_SETTINGS",
    "GateSettings",
    "RaceRules",
    "RunningBand",
    "SeasonSettings",
]


@dataclass(frozen=True)
class RunningBand:
    """From `day` (relative to race day) on: this range of the runner's recent peak weekly volume."""

    day: int
    min_percent: int
    max_percent: int
    advice: Advice


@dataclass(frozen=True)
class RaceRules:
    """How one priority of race shapes the days around it.

    strength_before: (days out, rule) from the farthest: the rule holds from that many days before the race up to the
    next step, the last step up to race day. strength_after: (day, rule) from day 1: the rule holds from that day after
    the race, within the recovery. running_before and running_after likewise, within the taper and the recovery.
    """

    taper_days: int
    recovery_days: int
    strength_before: tuple[tuple[int, Strength], ...]
    strength_after: tuple[tuple[int, Strength], ...] = ()
    running_before: tuple[RunningBand, ...] = ()
    running_after: tuple[RunningBand, ...] = ()
    retest_from_day: int | None = None

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise ValueError(problem)

    def problem(self) -> str | None:
        """Why these rules cannot be used, or None."""
        if self.taper_days < 0 or self.recovery_days < 0:
            return "taper and recovery days cannot be negative"
        out = [days for days, _rule in self.strength_before]
        if out != sorted(set(out), reverse=True) or any(days < 0 for days in out):
            return "strength_before steps must count down to race day without repeating"
        after = [day for day, _rule in self.strength_after]
        if after != sorted(set(after)) or any(day < 1 for day in after):
            return "strength_after steps must count up from day 1 without repeating"
        if any(band.day < 1 for band in self.running_before):
            return "running_before steps are days before the race, 1 or more"
        if [band.day for band in self.running_before] != sorted(
            {b.day for b in self.running_before}, reverse=True
        ):
            return "running_before steps must count down without repeating"
        if [band.day for band in self.running_after] != sorted({b.day for b in self.running_after}):
            return "running_after steps must count up without repeating"
        if self.running_after and self.running_after[0].day != 1:
            return "running_after must start on day 1"
        bands = (*self.running_before, *self.running_after)
        if any(not 0 <= band.min_percent <= band.max_percent for band in bands):
            return "running percentages must be 0 or more, the lower first"
        return None

    def strength_on(self, offset: int) -> Strength:
        """The strength rule this race asks for on the day `offset` days from it (negative before)."""
        if offset <= 0:
            rule = Strength.HEAVY
            for days_out, step in self.strength_before:
                if -offset <= days_out:
                    rule = step
            return rule
        if offset > self.recovery_days:
            return Strength.HEAVY
        rule = Strength.HEAVY
        for day, step in self.strength_after:
            if offset >= day:
                rule = step
        return rule

    def running_before_race(self, days_out: int) -> RunningBand | None:
        """The taper band `days_out` days before the race: the first band also covers any earlier taper day."""
        chosen = self.running_before[0] if self.running_before else None
        for band in self.running_before:
            if days_out <= band.day:
                chosen = band
        return chosen

    def running_after_race(self, day: int) -> RunningBand | None:
        """The recovery band of day `day` after the race."""
        chosen = None
        for band in self.running_after:
            if day >= band.day:
                chosen = band
        return chosen


_RACE_DAY_ONLY = ((0, Strength.NONE),)

A_RACE = RaceRules(
    taper_days=rules.TAPER_DAYS,
    recovery_days=rules.RECOVERY_DAYS,
    strength_before=(
        (rules.STRENGTH_LAST_HEAVY_DAYS_OUT, Strength.LAST_HEAVY),
        (rules.STRENGTH_MAINTENANCE_DAYS_OUT, Strength.MAINTENANCE),
        (rules.STRENGTH_ACTIVATION_DAYS_OUT, Strength.ACTIVATION),
        (rules.STRENGTH_NONE_DAYS_OUT, Strength.NONE),
    ),
    strength_after=(
        (1, Strength.NONE),
        (rules.STRENGTH_LIGHT_FROM_DAY, Strength.LIGHT),
        (rules.STRENGTH_HALF_LOAD_FROM_DAY, Strength.HALF_LOAD),
        (rules.STRENGTH_HEAVY_FROM_DAY, Strength.HEAVY),
    ),
    running_before=(
        RunningBand(rules.TAPER_DAYS, *rules.TAPER_WEEK_PERCENT, Advice.TAPER_WEEK),
        RunningBand(rules.RACE_WEEK_DAYS, *rules.RACE_WEEK_PERCENT, Advice.RACE_WEEK),
    ),
    running_after=(
        RunningBand(1, 0, 0, Advice.REST_OR_WALK),
        RunningBand(rules.RECOVERY_EASY_FROM_DAY, *rules.RECOVERY_EASY_PERCENT, Advice.EASY),
        RunningBand(rules.RECOVERY_BUILD_FROM_DAY, *rules.RECOVERY_BUILD_PERCENT, Advice.BUILDING),
        RunningBand(rules.RECOVERY_STRIDES_FROM_DAY, *rules.RECOVERY_BUILD_PERCENT, Advice.BUILDING_STRIDES),
    ),
    retest_from_day=rules.RECOVERY_RETEST_FROM_DAY,
)

# CLINICAL is silent on B races: the A ladders compressed into a race-week taper and a one-week recovery (rules.py).
B_RACE = RaceRules(
    taper_days=rules.B_TAPER_DAYS,
    recovery_days=rules.B_RECOVERY_DAYS,
    strength_before=(
        (rules.B_STRENGTH_MAINTENANCE_DAYS_OUT, Strength.MAINTENANCE),
        (rules.B_STRENGTH_ACTIVATION_DAYS_OUT, Strength.ACTIVATION),
        (rules.STRENGTH_NONE_DAYS_OUT, Strength.NONE),
    ),
    strength_after=(
        (1, Strength.NONE),
        (rules.B_STRENGTH_LIGHT_FROM_DAY, Strength.LIGHT),
        (rules.B_STRENGTH_HALF_LOAD_FROM_DAY, Strength.HALF_LOAD),
        (rules.B_STRENGTH_HEAVY_FROM_DAY, Strength.HEAVY),
    ),
    running_before=(RunningBand(rules.B_TAPER_DAYS, *rules.TAPER_WEEK_PERCENT, Advice.TAPER_WEEK),),
    running_after=(
        RunningBand(1, 0, 0, Advice.REST_OR_WALK),
        RunningBand(rules.B_RECOVERY_EASY_FROM_DAY, *rules.RECOVERY_EASY_PERCENT, Advice.EASY),
        RunningBand(
            rules.B_RECOVERY_STRIDES_FROM_DAY, *rules.RECOVERY_BUILD_PERCENT, Advice.BUILDING_STRIDES
        ),
    ),
)

# A C race changes nothing but the day itself: no strength work on race day, nothing before or after.
C_RACE = RaceRules(taper_days=0, recovery_days=0, strength_before=_RACE_DAY_ONLY)


@dataclass(frozen=True)
class GateSettings:
    """The recovery gate of CLINICAL §6.4."""

    heel_raise_percent: int = rules.RECOVERY_GATE_HEEL_RAISE_PERCENT
    pain_max: int = rules.RECOVERY_GATE_PAIN_MAX
    score_drop: float = rules.RECOVERY_GATE_SCORE_DROP


@dataclass(frozen=True)
class SeasonSettings:
    """Everything periodise() reads: the rules per priority, the macro phase lengths and the comeback."""

    a_race: RaceRules = A_RACE
    b_race: RaceRules = B_RACE
    c_race: RaceRules = C_RACE
    peak_days: int = rules.SEASON_PEAK_WEEKS * 7
    build_days: int = rules.SEASON_BUILD_WEEKS * 7
    comeback_step_days: int = rules.COMEBACK_STEP_DAYS
    comeback_percent: tuple[int, int] = rules.COMEBACK_PERCENT
    # A week may hold this % more distance than the two before it (CLINICAL §5 app rule 2, Nielsen 2014).
    weekly_rise_percent: int = rules.WEEKLY_DISTANCE_RISE_PERCENT - 100
    gate: GateSettings = field(default_factory=GateSettings)

    def __post_init__(self) -> None:
        if self.peak_days < 0 or self.build_days < 0 or self.comeback_step_days < 1:
            raise ValueError("peak and build days cannot be negative, and a comeback step is at least a day")
        if not 0 <= self.comeback_percent[0] <= self.comeback_percent[1]:
            raise ValueError("comeback percentages must be 0 or more, the lower first")

    def rules_for(self, priority: Priority) -> RaceRules:
        return {Priority.A: self.a_race, Priority.B: self.b_race, Priority.C: self.c_race}[priority]


DEFAULT_SETTINGS = SeasonSettings()
