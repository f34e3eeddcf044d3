"""The day's running advice combined: the season's phase, the symptoms (the progression engine) and the running load.

Every source gives a limit as a % of the runner's usual week (the recent peak weekly volume the season counts from):
the phase its max_percent; the engine's "reduce by N %" 100 - N; "pause" none at all (it beats everything); a
load warning "do not increase this week", the usual week itself (100). The smallest limit wins, and every source
that set it (or would have capped the day at the same figure) is named in the reasons. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from footwork.core.units import KM
from footwork.season.domain.plan import RunningGuidance, SeasonDay
from footwork.season.domain.vocabulary import Phase
from footwork.season.domain.wording import USUAL_WEEK, about_distance, percent_words

__all__ = [
    "USUAL_WEEK_PERCENT",
    "CombinedRunning",
    "EngineRunning",
    "RunningSource",
    "Source",
    "combine_running",
    "phase_words",
]

# A load warning's "do not increase": no more than the usual week.
USUAL_WEEK_PERCENT = 100


class Source(StrEnum):
    PHASE = "phase"
    SYMPTOMS = "symptoms"
    LOAD = "load"


@dataclass(frozen=True)
class EngineRunning:
    """The progression engine's running advice: keep, reduce by `percent` % or pause, and why."""

    decision: str  # "keep" | "reduce" | "pause"
    percent: int | None  # the reduction, for "reduce"
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunningSource:
    """What one source says about today's running."""

    source: Source
    limit: int | None  # % of the usual week it allows; None: it sets no limit
    words: str  # a short clause: "recovery day 5 after Chicago", "symptoms say keep"
    reason: str  # the full reason a person reads
    sets_limit: bool = False


@dataclass(frozen=True)
class CombinedRunning:
    limit: int | None  # % of the usual week; 0: no running; None: nothing limits it (run as planned)
    km: float | None  # the limit as a distance, when the usual week is known
    paused: bool
    no_increase: bool  # a load warning: do not increase this week
    sources: tuple[RunningSource, ...]
    sentence: (
        str  # "Running today: up to 35 % of your usual week (about 20 km) — recovery day 5 after Chicago; …"
    )
    coach_sentence: str

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(source.reason for source in self.sources)


def phase_words(day: SeasonDay, race_name: str = "") -> str:
    """The day in the season: 'recovery day 5 after Chicago', 'taper: 10 days to Chicago', 'base toward Boston'."""
    name = race_name or (day.race.name if day.race is not None else "")
    n = day.days_to_race
    if day.phase is Phase.RECOVERY and n is not None:
        return f"recovery day {n} after {name}"
    if day.phase is Phase.TAPER and n is not None:
        return f"taper: {-n} day{'s' * (n != -1)} to {name}"
    if day.phase is Phase.RACE:
        return f"race day: {name}"
    words = {Phase.BASE: "base", Phase.BUILD: "build", Phase.PEAK: "peak", Phase.COMEBACK: "comeback"}
    return f"{words[day.phase]} toward {name}" if name else words[day.phase]


def combine_running(
    phase: RunningGuidance | None,
    engine: EngineRunning | None,
    load_warnings: Sequence[str],
    peak_weekly_km: float | None,
    *,
    phase_label: str = "",
    units: str = KM,
) -> CombinedRunning:
    """Today's running: the smallest of the phase's, the symptoms' and the load's limits, with who set it."""
    sources = [
        *_phase_source(phase, phase_label, peak_weekly_km, units),
        *_engine_source(engine),
        *(_load_source(warning) for warning in load_warnings),
    ]
    limits = [source.limit for source in sources if source.limit is not None]
    limit = min(limits, default=None)
    marked = tuple(
        RunningSource(
            s.source, s.limit, s.words, s.reason, sets_limit=s.limit is not None and s.limit == limit
        )
        for s in sources
    )
    # The binding sources first: they say why the limit is what it is.
    marked = tuple(sorted(marked, key=lambda source: not source.sets_limit))
    paused = engine is not None and engine.decision == "pause"
    km = None if limit is None or peak_weekly_km is None else peak_weekly_km * limit / 100
    why = "; ".join(dict.fromkeys(source.words for source in marked))
    tail = f" — {why}" if why else ""
    return CombinedRunning(
        limit=limit,
        km=km,
        paused=paused,
        no_increase=any(source.source is Source.LOAD for source in marked),
        sources=marked,
        sentence=f"Running today: {_amount(limit, km, paused, units, 'your')}{tail}",
        coach_sentence=f"Running today: {_amount(limit, km, paused, units, 'the')}{tail}",
    )


def _amount(limit: int | None, km: float | None, paused: bool, units: str, whose: str) -> str:
    if paused:
        return "none: pause running"
    if limit is None:
        return "as planned"
    if limit == 0:
        return "none, or walking only"
    distance = f" ({about_distance(km, units)})" if km is not None else ""
    return f"up to {limit} % of {whose} usual week{distance}"


def _phase_source(
    phase: RunningGuidance | None, label: str, peak_weekly_km: float | None, units: str
) -> list[RunningSource]:
    if phase is None:
        return []
    words = label or "the season's plan"
    if phase.max_percent is None:
        return [RunningSource(Source.PHASE, None, words, f"Season: {words}. {phase.note}")]
    share = percent_words(phase.min_percent, phase.max_percent, peak_weekly_km, units, week=USUAL_WEEK)
    return [RunningSource(Source.PHASE, phase.max_percent, words, f"Season: {words}, {share}.")]


def _engine_source(engine: EngineRunning | None) -> list[RunningSource]:
    if engine is None:
        return []
    why = "; ".join(engine.reasons)
    detail = f" ({why})" if why else ""
    if engine.decision == "pause":
        return [
            RunningSource(Source.SYMPTOMS, 0, "symptoms say pause", f"Symptoms say pause running{detail}.")
        ]
    if engine.decision == "reduce" and engine.percent is not None:
        words = f"symptoms say reduce by {engine.percent} %"
        return [RunningSource(Source.SYMPTOMS, 100 - engine.percent, words, f"Symptoms say reduce{detail}.")]
    return [RunningSource(Source.SYMPTOMS, None, "symptoms say keep", f"Symptoms say keep{detail}.")]


def _load_source(warning: str) -> RunningSource:
    reason = f"Running load: {warning.rstrip('.')}. Do not increase this week."
    return RunningSource(Source.LOAD, USUAL_WEEK_PERCENT, "a load warning: do not increase this week", reason)
