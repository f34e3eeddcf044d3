"""periodise(): the day-by-day season laid backwards from the races. Pure; the rules are in the package docstring."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import groupby

from footwork.core.units import KM
from footwork.core.wording import day_label
from footwork.season.domain import wording
from footwork.season.domain.races import PRIORITY_RANK, Priority, Race
from footwork.season.domain.settings import DEFAULT_SETTINGS, RaceRules, SeasonSettings
from footwork.season.domain.vocabulary import Phase, Strength, most_restrictive

__all__ = [
    "PhaseSpan",
    "RunningGuidance",
    "Season",
    "SeasonDay",
    "SeasonWarning",
    "WarningKind",
    "periodise",
    "recovery_end",
]


class WarningKind(StrEnum):
    PAST = "past"
    RECOVERING = "recovering"
    SAME_DAY = "same_day"
    TOO_CLOSE = "too_close"
    IN_TAPER = "in_taper"
    SHORT_BUILD = "short_build"
    NO_RACES = "no_races"


@dataclass(frozen=True)
class RunningGuidance:
    """A range of the runner's recent peak weekly volume (None: CLINICAL gives no range) and what to do."""

    min_percent: int | None
    max_percent: int | None
    note: str


@dataclass(frozen=True)
class _Week:
    """What running ranges are a share of: the runner's recent peak weekly km (None: unknown) and their units."""

    km: float | None
    units: str


@dataclass(frozen=True)
class SeasonDay:
    date: date
    phase: Phase
    race: Race | None  # the race the day belongs to, or is heading for; None when no race lies ahead
    days_to_race: int | None  # date - race date: negative before the race, 0 on it, positive in its recovery
    strength: Strength
    running: RunningGuidance


@dataclass(frozen=True)
class PhaseSpan:
    """Consecutive days of one phase for one race."""

    phase: Phase
    start: date
    end: date
    race: Race | None


@dataclass(frozen=True)
class SeasonWarning:
    kind: WarningKind
    race: Race | None
    message: str


@dataclass(frozen=True)
class Season:
    today: date
    races: tuple[Race, ...]  # every race given, by date
    planned: tuple[Race, ...]  # those in the plan: ahead, or still in their recovery today
    days: tuple[SeasonDay, ...]
    phases: tuple[PhaseSpan, ...]
    warnings: tuple[SeasonWarning, ...]


@dataclass(frozen=True)
class _Claim:
    """A race's hold on a day: its race day, a taper day or a recovery day."""

    phase: Phase
    race: Race
    offset: int
    order: int

    def precedence(self) -> tuple[int, int, int, int, int]:
        # Race days first; then the higher priority; recovery from a race run before a taper for the next; the
        # nearer race; the race listed first.
        kind = {Phase.RACE: 0, Phase.RECOVERY: 1, Phase.TAPER: 2}[self.phase]
        return (min(kind, 1), PRIORITY_RANK[self.race.priority], kind, abs(self.offset), self.order)


def recovery_end(race: Race, settings: SeasonSettings = DEFAULT_SETTINGS) -> date:
    """The last day of the race's recovery (the race day itself for a C race)."""
    return race.date + timedelta(days=settings.rules_for(race.priority).recovery_days)


def periodise(
    races: Iterable[Race],
    today: date,
    settings: SeasonSettings = DEFAULT_SETTINGS,
    *,
    peak_weekly_km: float | None = None,
    units: str = KM,
) -> Season:
    """The season from today to the end of the last race's recovery: each day's phase, strength rule and running."""
    ordered = tuple(sorted(races, key=lambda race: (race.date, PRIORITY_RANK[race.priority])))
    planned = tuple(race for race in ordered if recovery_end(race, settings) >= today)
    found = tuple(_warnings(ordered, planned, today, settings))
    if not planned:
        return Season(today, ordered, planned, (), (), found)
    last = max(recovery_end(race, settings) for race in planned)
    days = tuple(
        _day(today + timedelta(days=n), planned, settings, _Week(peak_weekly_km, units))
        for n in range((last - today).days + 1)
    )
    return Season(today, ordered, planned, days, _spans(days), found)


def _spans(days: tuple[SeasonDay, ...]) -> tuple[PhaseSpan, ...]:
    spans = []
    for (phase, race), group in groupby(days, key=lambda day: (day.phase, day.race)):
        stretch = list(group)
        spans.append(PhaseSpan(phase, stretch[0].date, stretch[-1].date, race))
    return tuple(spans)


def _day(day: date, planned: tuple[Race, ...], settings: SeasonSettings, week: _Week) -> SeasonDay:
    offsets = [(race, (day - race.date).days) for race in planned]
    strength = most_restrictive([settings.rules_for(race.priority).strength_on(n) for race, n in offsets])
    claims = [claim for order, (race, n) in enumerate(offsets) if (claim := _claim(race, n, order, settings))]
    if not claims:
        phase, race, running = _between_races(day, planned, settings, week)
        return SeasonDay(
            day, phase, race, None if race is None else (day - race.date).days, strength, running
        )
    claim = min(claims, key=_Claim.precedence)
    rules = settings.rules_for(claim.race.priority)
    return SeasonDay(
        day, claim.phase, claim.race, claim.offset, strength, _claimed_running(claim, rules, week)
    )


def _claim(race: Race, offset: int, order: int, settings: SeasonSettings) -> _Claim | None:
    rules = settings.rules_for(race.priority)
    if offset == 0:
        return _Claim(Phase.RACE, race, offset, order)
    if -rules.taper_days <= offset < 0:
        return _Claim(Phase.TAPER, race, offset, order)
    if 0 < offset <= rules.recovery_days:
        return _Claim(Phase.RECOVERY, race, offset, order)
    return None


def _claimed_running(claim: _Claim, rules: RaceRules, week: _Week) -> RunningGuidance:
    band = (
        rules.running_before_race(-claim.offset)
        if claim.offset < 0
        else rules.running_after_race(claim.offset)
    )
    if claim.phase is Phase.RACE or band is None:
        return RunningGuidance(None, None, wording.phase_note(Phase.RACE, 0))
    retest_from = rules.retest_from_day
    retest = claim.phase is Phase.RECOVERY and retest_from is not None and claim.offset >= retest_from
    note = wording.advice_note(
        band.advice,
        retest=retest,
        peak_weekly_km=week.km,
        low=band.min_percent,
        high=band.max_percent,
        units=week.units,
    )
    return RunningGuidance(band.min_percent, band.max_percent, note)


def _between_races(
    day: date, planned: tuple[Race, ...], settings: SeasonSettings, week: _Week
) -> tuple[Phase, Race | None, RunningGuidance]:
    """A day no race claims: peak, build or base/comeback toward the next A race, counted back from its taper."""
    goal = next((race for race in planned if race.priority is Priority.A and race.date > day), None)
    after = [race for race in planned if race.priority is Priority.A and race.date < day]
    phase = Phase.COMEBACK if after else Phase.BASE
    if goal is not None:
        before_taper = (goal.date - day).days - settings.a_race.taper_days
        if before_taper <= settings.peak_days:
            phase = Phase.PEAK
        elif before_taper <= settings.peak_days + settings.build_days:
            phase = Phase.BUILD
    ahead = goal or next((race for race in planned if race.date > day), None)
    if phase is not Phase.COMEBACK:
        return (
            phase,
            ahead,
            RunningGuidance(None, None, wording.phase_note(phase, settings.weekly_rise_percent)),
        )
    step = (day - recovery_end(after[-1], settings)).days - 1
    low, high = settings.comeback_percent
    note = wording.comeback_note(
        step // settings.comeback_step_days,
        step_days=settings.comeback_step_days,
        low=low,
        high=high,
        peak_weekly_km=week.km,
        units=week.units,
    )
    return phase, ahead, RunningGuidance(low, high, note)


# --- Warnings --------------------------------------------------------------------------------------------------


def _warnings(
    ordered: tuple[Race, ...], planned: tuple[Race, ...], today: date, settings: SeasonSettings
) -> Iterator[SeasonWarning]:
    yield from _past(ordered, planned, today)
    yield from _same_day(planned, today)
    yield from _too_close(planned, today, settings)
    yield from _short_builds(planned, today, settings)
    if not planned:
        yield SeasonWarning(WarningKind.NO_RACES, None, "No race ahead: there is nothing to plan.")


def _past(ordered: tuple[Race, ...], planned: tuple[Race, ...], today: date) -> Iterator[SeasonWarning]:
    for race in ordered:
        when = day_label(race.date, today)
        if race not in planned:
            yield SeasonWarning(
                WarningKind.PAST,
                race,
                f"{race.name} ({when}) and its recovery are over: it is left out of the plan.",
            )
        elif race.date < today:
            n = (today - race.date).days
            yield SeasonWarning(
                WarningKind.RECOVERING,
                race,
                f"{race.name} was on {when}: the plan starts on day {n} of its recovery.",
            )


def _same_day(planned: tuple[Race, ...], today: date) -> Iterator[SeasonWarning]:
    for day, group in groupby(planned, key=lambda race: race.date):
        races = list(group)
        if len(races) > 1:
            # planned is sorted by date then priority, so the first is the one the day follows.
            names = " and ".join(race.name for race in races)
            first = races[0]
            yield SeasonWarning(
                WarningKind.SAME_DAY,
                races[1],
                f"{names} are {'both' if len(races) == 2 else 'all'} on {day_label(day, today)}: the plan follows {first.name}, "
                f"the {wording.PRIORITY_WORDS[first.priority]}.",
            )


def _too_close(planned: tuple[Race, ...], today: date, settings: SeasonSettings) -> Iterator[SeasonWarning]:
    """A race inside an earlier race's recovery, or inside a later race's taper."""
    for index, earlier in enumerate(planned):
        for later in planned[index + 1 :]:
            gap = (later.date - earlier.date).days
            recovery = settings.rules_for(earlier.priority).recovery_days
            taper = settings.rules_for(later.priority).taper_days
            if 0 < gap <= recovery:
                yield SeasonWarning(
                    WarningKind.TOO_CLOSE,
                    later,
                    f"{later.name} on {day_label(later.date, today)} is {wording.span_words(gap)} after "
                    f"{earlier.name}, inside its {recovery}-day recovery: the plan keeps both and recovers from "
                    f"{earlier.name} first, so {later.name} gets no full taper. Think about racing only one of them.",
                )
            elif 0 < gap <= taper:
                yield SeasonWarning(
                    WarningKind.IN_TAPER,
                    earlier,
                    f"{earlier.name} on {day_label(earlier.date, today)} falls in the taper for {later.name} "
                    f"({wording.span_words(gap)} before it): racing it hard costs the freshness the taper builds.",
                )


def _short_builds(
    planned: tuple[Race, ...], today: date, settings: SeasonSettings
) -> Iterator[SeasonWarning]:
    """An A race with less time before its taper than a full build and peak: the phases shorten from the front."""
    start = today
    full = settings.peak_days + settings.build_days
    for race in (race for race in planned if race.priority is Priority.A):
        available = (race.date - timedelta(days=settings.a_race.taper_days) - start).days
        if 0 < available < full:
            if available <= settings.peak_days:
                shape = f"there is no build and the peak is {wording.span_words(available)}"
            else:
                shape = f"the build is {wording.span_words(available - settings.peak_days)}"
            yield SeasonWarning(
                WarningKind.SHORT_BUILD,
                race,
                f"{race.name} on {day_label(race.date, today)}: only {wording.span_words(available)} before its "
                f"taper, so {shape} (a full build and peak take {wording.span_words(full)}).",
            )
        start = max(start, recovery_end(race, settings) + timedelta(days=1))
