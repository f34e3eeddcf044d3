"""A FIT file's own totals, from its session messages (one per sport of a multisport file)."""

from __future__ import annotations

from typing import Any

from .common import Totals


def session_totals(sessions: list[dict[str, Any]], *, per_foot: bool) -> Totals:
    """Sums over the sessions; averages weighted by each session's timer time.

    per_foot: the sport counts cadence per foot (FIT's running and walking cadence is strides/min), so the
    average is doubled to steps/min.
    """
    if not sessions:
        return Totals()
    timers = [_timer(session) for session in sessions]
    cadence = _weighted([_cadence(session) for session in sessions], timers)
    return Totals(
        distance_m=_sum(session.get("total_distance") for session in sessions),
        # 14582164182.fit.gz says 1632 s elapsed but 2760 s of timer and records: the larger is the truth.
        elapsed_s=_sum(_larger(s.get("total_elapsed_time"), s.get("total_timer_time")) for s in sessions),
        moving_s=_sum(_first(s.get("total_moving_time"), s.get("total_timer_time")) for s in sessions),
        elevation_gain_m=_sum(session.get("total_ascent") for session in sessions),
        avg_hr=_weighted([_positive(session.get("avg_heart_rate")) for session in sessions], timers),
        max_hr=max((_positive(s.get("max_heart_rate")) or 0.0 for s in sessions), default=0.0) or None,
        avg_cadence=None if cadence is None else cadence * (2.0 if per_foot else 1.0),
    )


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _positive(value: Any) -> float | None:
    """Heart rate and cadence of 0 mean no sensor, not a reading."""
    number = _number(value)
    return number if number else None


def _sum(values: Any) -> float | None:
    numbers = [number for value in values if (number := _number(value)) is not None]
    return sum(numbers) if numbers else None


def _first(*values: Any) -> float | None:
    return next((number for value in values if (number := _number(value)) is not None), None)


def _larger(*values: Any) -> float | None:
    numbers = [number for value in values if (number := _number(value)) is not None]
    return max(numbers) if numbers else None


def _timer(session: dict[str, Any]) -> float:
    return _first(session.get("total_timer_time"), session.get("total_elapsed_time")) or 0.0


def _cadence(session: dict[str, Any]) -> float | None:
    whole = _positive(_first(session.get("avg_running_cadence"), session.get("avg_cadence")))
    if whole is None:
        return None
    return whole + (_number(session.get("avg_fractional_cadence")) or 0.0)


def _weighted(values: list[float | None], weights: list[float]) -> float | None:
    pairs = [(value, weight) for value, weight in zip(values, weights, strict=True) if value is not None]
    if not pairs:
        return None
    total_weight = sum(weight for _, weight in pairs)
    if total_weight <= 0:
        return sum(value for value, _ in pairs) / len(pairs)
    return sum(value * weight for value, weight in pairs) / total_weight
