"""The per-day summaries (training.models.DaySummary): refreshed by each write of a log or check-in, in its
transaction, and rebuilt from the records by `footwork rebuild-summaries`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from footwork.accounts.models import User
from footwork.training.domain import summaries_from_records
from footwork.training.models import DaySummary, MorningCheckin, SessionLog, SetLog

Day = tuple[int, date]  # (runner id, date)


def _summaries_of(runner_ids: Iterable[int], days: Iterable[date] | None) -> dict[Day, dict[str, object]]:
    """The summary fields of the given days (every day when None) of these runners, from the records: three
    queries however many days."""
    runner_ids = list(runner_ids)
    logs = SessionLog.objects.filter(runner_id__in=runner_ids)
    checkins = MorningCheckin.objects.filter(runner_id__in=runner_ids)
    if days is not None:
        days = sorted(set(days))
        logs, checkins = logs.filter(date__in=days), checkins.filter(date__in=days)
    rows = list(
        logs.values_list(
            "pk", "runner_id", "date", "session_id", "scheduled_date", "asked", "held_back", "pain_after"
        )
    )
    sets = SetLog.objects.filter(log_id__in=[row[0] for row in rows]).values_list(
        "log_id", "prescription_id", "pain_during"
    )
    return summaries_from_records(rows, sets, checkins.values_list("runner_id", "date", "pain", "stiffness"))


def refresh_days(runner: User, days: Iterable[date]) -> None:
    """Make the summaries of these days of the runner agree with their logs and check-in again. Called by every
    write of a log or check-in, inside its transaction."""
    days = sorted(set(days))
    # One refresh of a runner at a time: a second writer waits here, then reads what the first committed
    # (PostgreSQL; SQLite runs one writer at a time anyway).
    User.objects.select_for_update().filter(pk=runner.pk).values_list("pk", flat=True).first()
    fresh = _summaries_of([runner.pk], days)
    kept = {item.date: item for item in DaySummary.objects.filter(runner=runner, date__in=days)}
    for day in days:
        fields = fresh.get((runner.pk, day))
        current = kept.get(day)
        if fields is None:
            if current is not None:
                current.delete()
        elif current is None:
            DaySummary.objects.create(runner=runner, date=day, **fields)
        else:
            for name, value in fields.items():
                setattr(current, name, value)
            current.save()


@transaction.atomic
def rebuild_summaries(runners: Iterable[User] | None = None, batch: int = 50) -> int:
    """Every summary of these runners (everyone when None) made anew from the records; returns the rows kept."""
    ids = (
        [runner.pk for runner in runners]
        if runners is not None
        else list(User.objects.order_by("pk").values_list("pk", flat=True))
    )
    kept = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        DaySummary.objects.filter(runner_id__in=chunk).delete()
        rows = [
            DaySummary(runner_id=runner_id, date=day, **fields)
            for (runner_id, day), fields in sorted(_summaries_of(chunk, None).items())
        ]
        DaySummary.objects.bulk_create(rows, batch_size=500)
        kept += len(rows)
    return kept
