"""`footwork today`, `footwork log`, `footwork checkin` and `footwork adherence`."""

from __future__ import annotations

import datetime
import json
import uuid
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table

from footwork.core.cli import UserOption, account, console, print_json
from footwork.core.errors import FootworkError
from footwork.training import selectors, services
from footwork.training.api import SessionLogIn, submit_log

JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")]


def _fail(error: FootworkError) -> typer.Exit:
    console.print(f"[red]Refused: {escape(error.message)}[/red] Nothing was stored.")
    return typer.Exit(1)


def today(user: Annotated[str | None, UserOption] = None, as_json: JsonOption = False) -> None:
    """What is due today (and overdue), the check-in, the streak and this week's adherence."""
    view = selectors.today_view(account(user))
    if as_json:
        print_json(
            {
                "date": view["today"],
                "due": [item.document() for item in view["due"]],
                "overdue": [item.document() for item in view["overdue"]],
                "checked_in": view["checkin"] is not None,
                "streak": {"current": view["streaks"].current, "longest": view["streaks"].longest},
                "week": {
                    "scheduled": view["week"].scheduled,
                    "done": view["week"].done,
                    "percent": view["week"].percent,
                },
            }
        )
        return
    console.print(f"[bold]Today, {view['today']:%A %d %B}[/bold] · streak {view['streaks'].current} day(s)")
    for label, items in (("Due", view["due"]), ("Overdue", view["overdue"])):
        for item in items:
            console.print(
                f"  {label}: {escape(item.session.name)} ({escape(item.plan.program.name)}) — {item.status}"
            )
    if not view["due"] and not view["overdue"]:
        console.print("  Nothing due today: a rest day.")
    if view["checkin"] is None:
        console.print("  Morning check-in not done: `footwork checkin --pain N --stiffness N`.")


def log(
    file: Annotated[
        Path,
        typer.Option("--file", exists=True, dir_okay=False, help="A session log, the same JSON as the API."),
    ],
    user: Annotated[str | None, UserOption] = None,
) -> None:
    """Log a done session from a JSON file (idempotent by its client_uuid)."""
    runner = account(user)
    try:
        payload = SessionLogIn.model_validate(json.loads(file.read_text()))
    except (json.JSONDecodeError, ValidationError) as error:
        console.print(
            f"[red]Refused: {escape(file.name)} is not a valid session log:[/red] {escape(str(error))}"
        )
        raise typer.Exit(1) from error
    try:
        saved = submit_log(runner, payload)
    except FootworkError as error:
        raise _fail(error) from error
    state = "logged" if saved.created else "already logged (same client_uuid): nothing changed"
    console.print(f"Session of {saved.record.date} {state}; {saved.record.sets.count()} set(s).")


def checkin(
    pain: Annotated[int, typer.Option(help="Pain at the painful area on waking, 0-10.")],
    stiffness: Annotated[int, typer.Option(help="Stiffness on waking, 0-10.")],
    date: Annotated[
        datetime.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Default: today.")
    ] = None,
    note: str = "",
    user: Annotated[str | None, UserOption] = None,
) -> None:
    """The morning check-in."""
    try:
        saved = services.check_in(
            actor=account(user), client_uuid=uuid.uuid4(), pain=pain, stiffness=stiffness,
            day=date.date() if date else None, note=note,
        )  # fmt: skip
    except FootworkError as error:
        raise _fail(error) from error
    console.print(
        f"Check-in of {saved.record.date}: pain {saved.record.pain}/10, stiffness {saved.record.stiffness}/10."
    )


def adherence(
    weeks: Annotated[int, typer.Option(min=1, max=52)] = 4,
    user: Annotated[str | None, UserOption] = None,
    as_json: JsonOption = False,
) -> None:
    """Sessions done ÷ scheduled per week, and the streaks."""
    picture = selectors.training_picture(account(user))
    if as_json:
        print_json(picture.adherence_document(weeks))
        return
    rows = picture.adherence(weeks)
    streak = picture.streaks()
    table = Table(title=f"Adherence · streak {streak.current} (longest {streak.longest})")
    for column in ("week of", "scheduled", "done", "partial", "%"):
        table.add_column(column)
    for week in rows:
        percent = "—" if week.percent is None else str(week.percent)
        table.add_row(str(week.week_start), str(week.scheduled), str(week.done), str(week.partial), percent)
    console.print(table)


def register(app: typer.Typer) -> None:
    for command in (today, log, checkin, adherence):
        app.command()(command)
