"""The per-day summaries (training.models.DaySummary): refreshed by each write of a log or check-in, in its
transaction, and rebuilt from the records by `footwork rebuild-summaries`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from footwork.accounts.models import User
from footwork.training.domain import LogFacts, log_complete, summarise_day
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
    done: dict[int, Counter[int]] = defaultdict(Counter)
    sets: Counter[int] = Counter()
    pain_during: dict[int, int] = {}
    for log_id, prescription_id, pain in SetLog.objects.filter(
        log_id__in=[row[0] for row in rows]
    ).values_list("log_id", "prescription_id", "pain_during"):
        sets[log_id] += 1
        if prescription_id is not None:
            done[log_id][prescription_id] += 1
        if pain is not None:
            pain_during[log_id] = max(pain, pain_during.get(log_id, 0))
    facts: dict[Day, list[LogFacts]] = defaultdict(list)
    for log_id, runner_id, day, session_id, scheduled, asked, held_back, pain_after in rows:
        complete = log_complete(asked or {}, held_back or [], done[log_id], sets[log_id])
        keyed = session_id is not None and scheduled is not None
        facts[(runner_id, day)].append(
            LogFacts(
                session_id if keyed else None,
                scheduled if keyed else None,
                complete,
                sets[log_id],
                pain_during.get(log_id),
                pain_after,
            )
        )
    mornings = {
        (runner_id, day): (pain, stiffness)
        for runner_id, day, pain, stiffness in checkins.values_list("runner_id", "date", "pain", "stiffness")
    }
    result = {}
    for key in set(facts) | set(mornings):
        fields = summarise_day(facts.get(key, []), mornings.get(key))
        if fields is not None:
            result[key] = fields
    return result


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
