"""`footwork jobs daily`: each daily job claims its day first, so several machines (or a second run) do it once.

A job's claim and its work are one transaction: the first machine to store (job, day) does the work, and another
one's claim fails (PostgreSQL holds its insert until the first commits; SQLite runs one writer at a time) and it
skips the job. A job that fails rolls its claim back, so running the command again does it. Mails are each stored
in SentNotification before they go, so nothing is sent twice even when a claim would not have caught it.

The figures are the roster's as the job runs (each runner's own today); the day names the claim, the alerts'
event and the digest, which is what cron's morning run of that day reads.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse

from footwork.accounts.models import Role, User
from footwork.accounts.selectors import clients_of, seen_by_any_coach
from footwork.caseload.domain import RosterRow
from footwork.caseload.selectors import roster
from footwork.caseload.services import refresh_standings
from footwork.caseload.threads import waiting_for
from footwork.coaching.domain import AlertEvent
from footwork.coaching.models import Alert
from footwork.coaching.selectors import alert_events
from footwork.coaching.services import raise_alert
from footwork.core.wording import day_label
from footwork.notifications.domain import (
    DAILY_JOBS,
    DIGEST,
    DIGEST_JOB,
    MISSED_DAYS_JOB,
    STANDINGS_JOB,
    missed_days_event,
)
from footwork.notifications.mail import absolute, compose
from footwork.notifications.models import JobClaim
from footwork.notifications.selectors import wants
from footwork.notifications.services.sent import record_sent

MISSED = "missed_days"
# Runners whose standings are computed together (a constant number of queries each batch).
STANDINGS_BATCH = 100


@dataclass(frozen=True)
class JobOutcome:
    """What one daily job did for the day: ran (False: another run had claimed the day), alerts raised, mails sent."""

    job: str
    ran: bool
    alerts: int = 0
    mails: int = 0


Work = Callable[[date], tuple[int, int]]


def run_daily(*, day: date) -> list[JobOutcome]:
    """Every daily job for the day, in order; a job already claimed for the day is skipped. The system acts here:
    no actor, every active coach is visited."""
    work: dict[str, Work] = {
        STANDINGS_JOB: refresh_roster_standings,
        MISSED_DAYS_JOB: raise_missed_days_alerts,
        DIGEST_JOB: send_digests,
    }
    return [_claimed(job, day, work[job]) for job in DAILY_JOBS]


def _claimed(job: str, day: date, work: Work) -> JobOutcome:
    with transaction.atomic():
        try:
            with transaction.atomic():
                JobClaim.objects.create(job=job, day=day, host=socket.gethostname()[:255])
        except IntegrityError:
            return JobOutcome(job, ran=False)
        alerts, mails = work(day)
    return JobOutcome(job, ran=True, alerts=alerts, mails=mails)


def _coaches() -> list[User]:
    return list(
        User.objects.filter(role=Role.COACH, is_active=True).select_related("coach_profile").order_by("pk")
    )


def refresh_roster_standings(day: date) -> tuple[int, int]:
    """Every coached runner's roster standing made for their today (caseload.services.refresh_standings), in
    batches; the roster would otherwise count them afresh on each read until their next write; (0, 0)."""
    runners = list(
        User.objects.filter(seen_by_any_coach(), role=Role.RUNNER, is_active=True).select_related(
            "runner_profile"
        )
    )
    for start in range(0, len(runners), STANDINGS_BATCH):
        refresh_standings(runners[start : start + STANDINGS_BATCH])
    return 0, 0


def raise_missed_days_alerts(day: date) -> tuple[int, int]:
    """One alert to the coach for each runner with no session on their last scheduled days (caseload's rule), unless
    an alert about those missed days is still open; (alerts raised, 0)."""
    raised = 0
    for coach in _coaches():
        rows = [row for row in roster(coach) if any(reason.code == MISSED for reason in row.reasons)]
        if not rows:
            continue
        still_open = set(
            Alert.objects.filter(
                coach=coach, kind=MISSED, resolved_at__isnull=True, runner_id__in=[row.runner for row in rows]
            ).values_list("runner_id", flat=True)
        )
        for row in rows:
            if row.runner in still_open:
                continue
            words = next(reason.words for reason in row.reasons if reason.code == MISSED)
            raise_alert(
                coach=coach,
                runner_id=row.runner,
                kind=MISSED,
                message=f"{row.name}: {words[0].lower()}{words[1:]}.",
                link=reverse("coaching:runner", args=[row.runner]),
                event=missed_days_event(row.runner, day.isoformat()),
            )
            raised += 1
    return raised, 0


def send_digests(day: date) -> tuple[int, int]:
    """The day's digest to each coach who wants it and has something to read: who needs attention, unread alerts."""
    sent = 0
    for coach in _coaches():
        if not wants(coach, DIGEST):
            continue
        attention = [row for row in roster(coach, waiting_for(coach)) if row.needs_attention]
        unread = [event for event in alert_events(coach) if not event.read]
        if not attention and not unread:
            continue
        if not record_sent(kind=DIGEST, key=day.isoformat(), user=coach):
            continue
        _digest(coach, day, attention, unread).send()
        sent += 1
    return 0, sent


def _digest(coach: User, day: date, attention: list[RosterRow], unread: list[AlertEvent]) -> EmailMessage:
    names = {runner.pk: runner.display_name for runner in clients_of(coach)}
    alerts = [
        {
            "heading": event.heading,
            "runner": names.get(event.runner, "A runner"),
            "day": day_label(event.day, day),
            "message": event.message,
        }
        for event in unread
    ]
    people = [
        {
            "name": row.name,
            "reasons": "; ".join(reason.words for reason in row.reasons),
            "link": absolute(reverse("coaching:runner", args=[row.runner])),
        }
        for row in attention
    ]
    return compose(
        user=coach,
        kind=DIGEST,
        subject=f"Footwork: your runners on {day_label(day, day)}",
        template="digest",
        context={
            "day": day_label(day, day),
            "attention": people,
            "alerts": alerts,
            "roster_link": absolute(reverse("coaching:roster")),
        },
    )
