"""`footwork messages --user E [--with E2] [--json]`: a coach's threads with their unread counts, or one thread.

Reading here marks nothing read: only the web page and POST /api/v1/messages/read do.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from django.utils import timezone
from rich.markup import escape
from rich.table import Table

from footwork.accounts.models import User
from footwork.accounts.selectors import coach_of
from footwork.core.cli import UserOption, account, console, print_json, refuse
from footwork.core.errors import FootworkError
from footwork.core.wording import day_label
from footwork.messaging import selectors
from footwork.messaging.models import Message

WithOption = typer.Option("--with", help="The other person's email: your coach, or a runner you coach.")
JsonOption = typer.Option("--json", help="Machine-readable JSON (the API's documents).")


def messages_command(
    user: Annotated[str | None, UserOption] = None,
    with_email: Annotated[str | None, WithOption] = None,
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """A coach's threads with how many messages are unread; with --with (or for a runner) the thread itself."""
    person = account(user)
    if with_email is None and person.is_coach:
        _print_threads(person, as_json)
        return
    other = account(with_email) if with_email else coach_of(person)
    if other is None:
        refuse("You have no coach linked: messages are between a runner and their coach.")
    try:
        messages = selectors.thread(person, other.pk)
    except FootworkError as error:
        refuse(error.message)
    if as_json:
        print_json([selectors.message_document(message) for message in messages])
        return
    _print_thread(person, other, messages)


def _print_threads(coach: User, as_json: bool) -> None:
    if as_json:
        print_json(selectors.unread_document(coach))
        return
    table = Table(title="Messages")
    for column in ("Runner", "Email", "Unread", "Last message"):
        table.add_column(column)
    for line in selectors.threads_of(coach):
        last = _when(line.last_sent_at, line.time_zone) if line.last_sent_at else "—"
        table.add_row(escape(line.name), escape(line.email), str(line.unread or "—"), last)
    console.print(table)


def _when(moment: datetime, zone: str) -> str:
    """'Tue 2 Dec 14:02' in the thread's runner's zone (the web page reads the same)."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{day_label(local.date(), timezone.now().astimezone(ZoneInfo(zone)).date())} {local:%H:%M}"


def _print_thread(person: User, other: User, messages: list[Message]) -> None:
    if not messages:
        console.print(f"No messages with {escape(other.display_name)} yet.")
        return
    zone = selectors.thread_time_zone(person, other)
    table = Table(title=f"Messages with {escape(other.display_name)}")
    for column in ("Sent", "From", "Message", "Read"):
        table.add_column(column)
    for message in messages:
        who = "You" if message.sender_id == person.pk else other.display_name
        read = _when(message.read_at, zone) if message.read_at else "—"
        words = escape(message.body)
        if message.attachment_path:
            # The file itself is for the web page or the API; the command line says it is there.
            words = f"{words} ({message.get_attachment_kind_display().lower()} attached)".strip()
        table.add_row(_when(message.sent_at, zone), escape(who), words, read)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("messages")(messages_command)
