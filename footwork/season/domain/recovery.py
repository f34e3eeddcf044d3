"""The recovery after a race day by day, and the comeback from its end to the next goal race's build. Pure.

Both read what periodise() laid in Season.days: the recovery plan is the race's recovery days (14 after an A race,
7 after a B race; CLINICAL §6.4), the comeback the comeback days after it, cut into steps of the settings'
comeback_step_days in CLINICAL §6.5's return order (frequency → duration → consecutive days → intensity, one
variable at a time). With no goal race after it the season ends with the recovery, so the comeback is laid from the
settings alone: one step per variable from the day after the recovery, then the usual week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from footwork.core.units import KM
from footwork.season.domain import wording
from footwork.season.domain.gate import QUESTIONNAIRE_NAMES, RecoveryGate
from footwork.season.domain.plan import RunningGuidance, Season, SeasonDay, recovery_end
from footwork.season.domain.races import Priority, Race
from footwork.season.domain.settings import DEFAULT_SETTINGS, RaceRules, SeasonSettings
from footwork.season.domain.vocabulary import Phase, Strength

__all__ = [
    "RETURN_ORDER",
    "ComebackPlan",
    "ComebackStep",
    "RecoveryDay",
    "RecoveryPlan",
    "comeback_plan",
    "gate_prompts",
    "heel_raise_count",
    "recovery_plan",
]

# CLINICAL §6.5's return order: the variable a coach names, and what the runner adds back (the words wording's
# comeback notes use, read from there so the two never differ).
RETURN_ORDER: tuple[tuple[str, str], ...] = tuple(
    zip(("frequency", "duration", "consecutive days", "intensity"), wording.COMEBACK_STEPS, strict=True)
)


@dataclass(frozen=True)
class RecoveryDay:
    day: int  # days after race day (day 1 is the day after)
    date: date
    strength: Strength
    strength_words: str  # "Light bodyweight work"
    strength_detail: str  # "light bodyweight calf and foot work, only if pain is 2 or less"
    running: RunningGuidance
    running_words: (
        str  # "25–35 % of the usual week (about 12–17 km)" in the runner's units; "No running, or …"
    )
    running_advice: str  # what to run: "2–3 easy runs of 20–30 minutes at a conversational pace; …"
    retest: bool  # the re-test of the recovery gate is due (from the rules' retest day, A races only)


@dataclass(frozen=True)
class RecoveryPlan:
    race: Race
    days: tuple[
        RecoveryDay, ...
    ]  # the recovery days the season holds, from today on when it started inside them
    retest_from: date | None  # the first re-test day, or None (a B race has no gate)


@dataclass(frozen=True)
class ComebackStep:
    number: int  # 1 for the first step
    start: date
    end: date
    variable: str  # the coach's word: "frequency"; "" for the usual week after the last one
    adds: str  # the runner's words: "more runs a week"; "" for the usual week
    running: RunningGuidance
    running_words: str
    partial: bool  # the next goal race's build begins before the step's full length


@dataclass(frozen=True)
class ComebackPlan:
    race: Race
    next_race: Race | None  # the next A race, whose build the comeback leads to
    steps: tuple[ComebackStep, ...]
    summary: str  # a plain sentence for the runner
    coach_summary: str


def recovery_plan(
    season: Season,
    race: Race,
    *,
    peak_weekly_km: float | None = None,
    units: str = KM,
    settings: SeasonSettings = DEFAULT_SETTINGS,
) -> RecoveryPlan:
    """One entry per recovery day of the race in the season: strength rule, running and the gate's re-test."""
    rules = settings.rules_for(race.priority)
    retest_day = rules.retest_from_day
    days = tuple(
        _recovery_day(day, rules, peak_weekly_km, units)
        for day in season.days
        if day.phase is Phase.RECOVERY and day.race == race and day.days_to_race is not None
    )
    retest_from = None if retest_day is None else race.date + timedelta(days=retest_day)
    return RecoveryPlan(race, days, retest_from)


def _recovery_day(day: SeasonDay, rules: RaceRules, km: float | None, units: str) -> RecoveryDay:
    n = day.days_to_race or 0
    band = rules.running_after_race(n)
    # An advice note with no amount (0 %) is the advice's own words: what to run, without the % already shown.
    advice = (
        ""
        if band is None
        else wording.advice_note(band.advice, retest=False, peak_weekly_km=None, low=0, high=0)
    )
    words = wording.percent_words(
        day.running.min_percent, day.running.max_percent, km, units, week=wording.USUAL_WEEK
    )
    if day.running.max_percent == 0 and advice:
        # "No running, or walking only (20–40 minutes) and easy mobility" says both at once.
        words, advice = advice.rstrip("."), ""
    retest_day = rules.retest_from_day
    return RecoveryDay(
        day=n,
        date=day.date,
        strength=day.strength,
        strength_words=wording.STRENGTH_WORDS[day.strength],
        strength_detail=wording.STRENGTH_DETAILS[day.strength],
        running=day.running,
        running_words=words,
        running_advice=advice,
        retest=retest_day is not None and n >= retest_day,
    )


def comeback_plan(
    season: Season,
    race: Race,
    *,
    peak_weekly_km: float | None = None,
    units: str = KM,
    settings: SeasonSettings = DEFAULT_SETTINGS,
) -> ComebackPlan:
    """From the end of the race's recovery to the next A race's build, one §6.5 variable per step."""
    first = recovery_end(race, settings) + timedelta(days=1)
    following = [d for d in season.days if d.date >= first]
    ahead = next(
        (r for r in season.planned if r.priority is Priority.A and r.date >= first and r is not race), None
    )
    if ahead is None:
        return _without_goal(race, first, peak_weekly_km, units, settings)
    comeback = []
    for day in following:
        if day.phase is not Phase.COMEBACK:
            break
        comeback.append(day)
    step_days = settings.comeback_step_days
    steps = _steps(comeback, first, step_days, peak_weekly_km, units)
    return ComebackPlan(race, ahead, steps, *_goal_summary(race, ahead, steps, step_days))


def _steps(
    days: list[SeasonDay], first: date, step_days: int, km: float | None, units: str
) -> tuple[ComebackStep, ...]:
    """The comeback days cut into steps counted from the day after recovery; the last step holds what is left."""
    if not days:
        return ()
    groups: dict[int, list[SeasonDay]] = {}
    for day in days:
        index = min((day.date - first).days // step_days, len(RETURN_ORDER))
        groups.setdefault(index, []).append(day)
    steps = []
    for index, group in groups.items():
        start, end = group[0].date, group[-1].date
        full = (end - start).days + 1 >= step_days or index == len(RETURN_ORDER)
        steps.append(_step(index, start, end, group[0].running, km, units, partial=not full))
    return tuple(steps)


def _step(
    index: int,
    start: date,
    end: date,
    running: RunningGuidance,
    km: float | None,
    units: str,
    *,
    partial: bool,
) -> ComebackStep:
    variable, adds = RETURN_ORDER[index] if index < len(RETURN_ORDER) else ("", "")
    words = wording.percent_words(
        running.min_percent, running.max_percent, km, units, week=wording.USUAL_WEEK
    )
    return ComebackStep(index + 1, start, end, variable, adds, running, words, partial)


def _without_goal(
    race: Race, first: date, km: float | None, units: str, settings: SeasonSettings
) -> ComebackPlan:
    low, high = settings.comeback_percent
    step_days = settings.comeback_step_days
    steps = []
    for index in range(len(RETURN_ORDER)):
        note = wording.comeback_note(index, step_days=step_days, low=low, high=high, peak_weekly_km=None)
        start = first + timedelta(days=index * step_days)
        end = start + timedelta(days=step_days - 1)
        steps.append(_step(index, start, end, RunningGuidance(low, high, note), km, units, partial=False))
    every = wording.span_words(step_days)
    summary = (
        f"No goal race after {race.name} yet: the comeback adds back one thing every {every}, in order, "
        "until you are back to your usual week."
    )
    coach = (
        f"No A race after {race.name}: the comeback runs the return order "
        f"({', '.join(variable for variable, _adds in RETURN_ORDER)}), one every {every}, back to the usual week."
    )
    return ComebackPlan(race, None, tuple(steps), summary, coach)


def _goal_summary(
    race: Race, ahead: Race, steps: tuple[ComebackStep, ...], step_days: int
) -> tuple[str, str]:
    if not steps:
        text = f"{ahead.name}'s build starts as soon as the recovery after {race.name} ends: there is no comeback."
        return text, text
    done = {step.variable for step in steps if step.variable}
    left = [adds for variable, adds in RETURN_ORDER if variable not in done]
    short = (
        f" The build starts before the last of them: add back {', then '.join(left)} in the build."
        if left
        else ""
    )
    coach_left = [variable for variable, _adds in RETURN_ORDER if variable not in done]
    coach_short = f" Not reached before the build: {', '.join(coach_left)}." if coach_left else ""
    every = wording.span_words(step_days)
    return (
        f"From the end of your recovery to {ahead.name}'s build, one thing back every {every}, in order.{short}",
        f"Comeback toward {ahead.name}: the return order, one variable every {every}.{coach_short}",
    )


# --- The recovery gate's re-test, as the runner and the coach are asked for it ------------------------------------


def heel_raise_count(left: float | None, right: float | None, side: str) -> int | None:
    """The heel raises the gate compares: the painful side's ("left"/"right"); with both sides or none, the weaker
    side's, since the gate must hold for both."""
    counts = {"left": left, "right": right}
    chosen = [counts[side]] if side in counts else [left, right]
    return min((round(value) for value in chosen if value is not None), default=None)


def gate_prompts(
    gate: RecoveryGate,
    *,
    race_name: str,
    day: int,
    questionnaire: str,
    retested: bool,
    answered: bool,
    settings: SeasonSettings = DEFAULT_SETTINGS,
) -> tuple[str, str]:
    """One line for the runner and one for the coach: what the gate still needs, or that it is met."""
    within = day <= settings.a_race.recovery_days
    when = f"Recovery day {day} after {race_name}" if within else f"Day {day} after {race_name}"
    if gate.met:
        return (
            f"{when}: ready to leave recovery, all three conditions of the gate hold.",
            f"{when}: the recovery gate is met; the comeback can start.",
        )
    todo = [
        words
        for done, words in (
            (retested, "single-leg heel raises"),
            (answered, QUESTIONNAIRE_NAMES[questionnaire]),
        )
        if not done
    ]
    if todo:
        tests = " and ".join(todo)
        return (
            f"{when}: time for the re-test ({tests}), to see if you can leave recovery.",
            f"{when}: the re-test for the recovery gate is due ({tests}).",
        )
    return f"{when}: {gate.summary}", f"{when}: {gate.summary}"
