"""Traffic lights of readings and mornings, the baseline morning pain and the weekly trend."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from fractions import Fraction

from footwork.core.rules import (
    BASELINE_CHECKINS,
    MORNING_RED_ABOVE,
    PAIN_AMBER_MAX,
    PAIN_GREEN_MAX,
    WEEKLY_RISE,
    WEEKLY_TREND_MIN_CHECKINS,
)
from footwork.core.wording import day_label
from footwork.progression.domain.records import LIGHTS, CheckinRecord, Light


def reading_light(pain: int) -> Light:
    """The light of one reading (pain during, pain after)."""
    if pain <= PAIN_GREEN_MAX:
        return "green"
    return "amber" if pain <= PAIN_AMBER_MAX else "red"


def morning_light(value: int, baseline: float) -> Light:
    """The morning response (pain or stiffness) against the runner's baseline morning pain."""
    if value <= baseline:
        return "green"
    return "red" if value >= baseline + MORNING_RED_ABOVE else "amber"


def worst(lights: Iterable[Light]) -> Light:
    """The most cautious light; green when there is none."""
    return max(lights, key=LIGHTS.index, default="green")


def baseline_of(checkins: Sequence[CheckinRecord]) -> float | None:
    """Median morning pain of the first BASELINE_CHECKINS check-ins by date (fewer: of those there are)."""
    first = sorted(checkins, key=lambda item: item.date)[:BASELINE_CHECKINS]
    if not first:
        return None
    return float(statistics.median(item.pain for item in first))


def weekly_trend(checkins: Sequence[CheckinRecord], today: date) -> tuple[bool, str | None]:
    """(red?, reason): mean morning pain of the ISO week of `today` and the two before it."""
    monday = today - timedelta(days=today.weekday())
    means: list[Fraction] = []
    for back in (2, 1, 0):
        start = monday - timedelta(weeks=back)
        values = [
            item.pain for item in checkins if start <= item.date <= min(start + timedelta(days=6), today)
        ]
        if len(values) < WEEKLY_TREND_MIN_CHECKINS:
            count = f"{len(values)} check-in{'' if len(values) == 1 else 's'}"
            return False, (
                f"weekly trend not counted: the week of {day_label(start, today)} has {count} "
                f"({WEEKLY_TREND_MIN_CHECKINS} needed)"
            )
        # Exact fractions: a rise of exactly WEEKLY_RISE must count, whatever floating point makes of the means.
        means.append(Fraction(sum(values), len(values)))
    earlier, latest = float(means[1] - means[0]), float(means[2] - means[1])
    rise = Fraction(str(WEEKLY_RISE))
    if means[1] - means[0] >= rise and means[2] - means[1] >= rise:
        return (
            True,
            f"mean morning pain rose {earlier:.1f} then {latest:.1f} points in the last two weeks (red)",
        )
    return False, (
        f"mean morning pain changed {earlier:+.1f} then {latest:+.1f} points in the last two weeks: "
        f"no rise of {WEEKLY_RISE:g} or more in each"
    )
