"""`footwork jobs daily [--date D]` (cron, once a day) and `footwork jobs messages` (cron, every few minutes, where
no worker runs the message mails' task)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from django.utils import timezone
from rich.table import Table

from footwork.core.bounds import JOB_DATE
from footwork.core.cli import console, refuse
from footwork.core.rules import MESSAGE_EMAIL_DELAY_MINUTES
from footwork.core.wording import day_label
from footwork.notifications import services
from footwork.notifications.domain import JOB_WORDS

jobs_app = typer.Typer(help="Jobs for cron: the daily alerts and digests, and the unread-message mails.")

DateOption = typer.Option("--date", help="The day to run the jobs for, YYYY-MM-DD (default today).")


def _day(value: str | None) -> date:
    today = timezone.localdate()
    if value is None:
        return today
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        refuse(f"--date {value!r} is not a date: write it as YYYY-MM-DD, e.g. {today.isoformat()}.")
    problem = JOB_DATE.check(day, today=today)
    if problem:
        refuse(f"--date: the {problem}.")
    return day


@jobs_app.command("daily")
def daily_command(day: Annotated[str | None, DateOption] = None) -> None:
    """Raise the missed-days alerts and send the coaches' digests for the day; a job done for that day is skipped,
    so running it twice, or on several machines at once, sends each mail once."""
    when = _day(day)
    outcomes = services.run_daily(day=when)
    table = Table(title=f"Daily jobs for {day_label(when, timezone.localdate())}")
    for column in ("Job", "Done", "Alerts raised", "Emails sent"):
        table.add_column(column)
    for outcome in outcomes:
        table.add_row(
            JOB_WORDS[outcome.job],
            "ran now" if outcome.ran else "skipped: already done for that day",
            str(outcome.alerts) if outcome.ran else "—",
            str(outcome.mails) if outcome.ran else "—",
        )
    console.print(table)


@jobs_app.command("messages")
def messages_command() -> None:
    """Email the recipients of messages still unread after the delay (what the worker's task does, for a cron)."""
    sent = services.sweep_messages()
    console.print(
        f"Emailed about {sent} unread message{'s' if sent != 1 else ''} "
        f"(unread for over {MESSAGE_EMAIL_DELAY_MINUTES} minutes)."
    )


def register(app: typer.Typer) -> None:
    app.add_typer(jobs_app, name="jobs")
