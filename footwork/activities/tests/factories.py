from __future__ import annotations

from datetime import UTC, date, datetime, time

from footwork.activities.models import Run, RunSource, Shoe


def run(
    runner, day: date, km: float, minutes: float = 0.0, rpe: int | None = 5, shoe: Shoe | None = None
) -> Run:
    """A stored run on a day (noon UTC), 6 min/km unless minutes are given."""
    seconds = (minutes or km * 6) * 60
    return Run.objects.create(
        runner=runner, start=datetime.combine(day, time(12), tzinfo=UTC), local_date=day, distance_m=km * 1000,
        moving_s=seconds, elapsed_s=seconds, rpe=rpe, shoe=shoe, source=RunSource.MANUAL,
    )  # fmt: skip


def shoe(
    runner, drop_mm: float = 8, started_on: date = date(2026, 1, 1), default: bool = False, **fields
) -> Shoe:
    return Shoe.objects.create(
        runner=runner, brand=fields.pop("brand", "Acme"), model=fields.pop("model", "Glide"), drop_mm=drop_mm,
        started_on=started_on, is_default=default, **fields,
    )  # fmt: skip
