"""The season's card on /today/: today's running combined (the smallest limit wins) and the gate when asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from footwork.accounts.models import User
from footwork.accounts.selectors import units_of
from footwork.activities.selectors import active_load_warnings
from footwork.core import rules
from footwork.core.clock import today_for
from footwork.progression.models import Recommendation
from footwork.progression.selectors import Day, open_recommendations, today_document
from footwork.season.domain import (
    Season,
)
from footwork.season.domain.running import CombinedRunning, EngineRunning, combine_running, phase_words
from footwork.season.selectors.plan import peak_weekly_km, season_of
from footwork.season.selectors.races import short_name
from footwork.season.selectors.recovery import GateDue, recovery_gate_for


@dataclass(frozen=True)
class TodayCard:
    """The season's one card on /today/: today's running combined, and the recovery gate when it is asked about."""

    running: CombinedRunning
    gate: GateDue | None
    show_running: bool  # there is a season day today, or something limits the running


def running_today(
    runner: User, today: date | None = None, recommendations: list[Recommendation] | None = None
) -> CombinedRunning:
    """Today's running: the season's phase, the engine's running advice and the load warnings, the smallest wins.
    `recommendations`: the runner's open ones, when the caller has read them already."""
    today = today or today_for(runner)
    return _running_today(runner, season_of(runner, today), today, recommendations)


def _running_today(
    runner: User, season: Season, today: date, recommendations: list[Recommendation] | None = None
) -> CombinedRunning:
    day = season.days[0] if season.days and season.days[0].date == today else None
    found = open_recommendations(runner) if recommendations is None else recommendations
    rec = next((item for item in found if item.kind == "running"), None)
    engine = None
    if rec is not None:
        # The engine reduces by RUNNING_REDUCE_PERCENT (its recommendation stores no figure for running).
        percent = rules.RUNNING_REDUCE_PERCENT if rec.decision == "reduce" else None
        engine = EngineRunning(rec.decision, percent, tuple(str(reason) for reason in rec.reasons))
    units = units_of(runner)
    warnings = [warning.message_in(units) for warning in active_load_warnings(runner, today)]
    label = "" if day is None else phase_words(day, short_name(day.race.name) if day.race else "")
    return combine_running(
        None if day is None else day.running,
        engine,
        warnings,
        peak_weekly_km(runner),
        phase_label=label,
        units=units,
    )


def today_card(
    runner: User,
    today: date | None = None,
    season: Season | None = None,
    recommendations: list[Recommendation] | None = None,
) -> TodayCard:
    """What /today/ shows of the season beside the next race: the running and the gate's re-test."""
    today = today or today_for(runner)
    season = season or season_of(runner, today)
    running = _running_today(runner, season, today, recommendations)
    has_day = bool(season.days) and season.days[0].date == today
    return TodayCard(running, recovery_gate_for(runner, today), has_day or running.limit is not None)


def day_document(
    runner: User, day: Day, checked_in: bool, running: CombinedRunning | None = None
) -> dict[str, Any]:
    """The exact JSON of GET /api/v1/today and `footwork today --json`: progression's day, and today's running
    (`running`: the caller's, when it has already read it)."""
    running = running or running_today(runner, day.picture.today, day.recommendations)
    return {**today_document(day, checked_in), "running": running_document(running)}


def running_document(running: CombinedRunning) -> dict[str, Any]:
    """Today's combined running as GET /api/v1/today and `footwork today --json` add it: metric, with its reasons."""
    return {
        "limit_percent": running.limit,
        "limit_km": None if running.km is None else round(running.km, 1),
        "paused": running.paused,
        "no_increase": running.no_increase,
        "sentence": running.sentence,
        "coach_sentence": running.coach_sentence,
        "reasons": [
            {"source": str(source.source), "reason": source.reason, "sets_limit": source.sets_limit}
            for source in running.sources
        ],
    }
