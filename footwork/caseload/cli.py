"""`footwork notes --user COACH --runner RUNNER [--add TEXT] [--json]`: a coach's private notes about a runner."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from footwork.caseload import services
from footwork.caseload.selectors import note_document, notes_about, runner_for_notes
from footwork.core.cli import UserOption, account, console, print_json, refuse
from footwork.core.errors import FootworkError
from footwork.core.wording import day_label

RunnerOption = typer.Option("--runner", help="The runner's email: one you coach.")
AddOption = typer.Option("--add", help="Keep a new note with this text, dated the runner's today.")
JsonOption = typer.Option("--json", help="Machine-readable JSON (the API's documents).")


def notes_command(
    user: Annotated[str | None, UserOption] = None,
    runner_email: Annotated[str | None, RunnerOption] = None,
    add: Annotated[str | None, AddOption] = None,
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """Your private notes about a runner you coach, newest day first; --add keeps a new one."""
    coach = account(user)
    if not runner_email:
        refuse("Say about whom: --runner EMAIL.")
    person = account(runner_email)
    try:
        runner = runner_for_notes(coach, person.pk)
        if add is not None:
            services.add_note(actor=coach, runner_id=runner.pk, body=add)
    except FootworkError as error:
        refuse(error.message)
    notes = list(notes_about(coach, runner))
    if as_json:
        print_json([note_document(note) for note in notes])
        return
    if not notes:
        console.print(f"No notes about {escape(runner.display_name)} yet.")
        return
    table = Table(title=f"Private notes about {escape(runner.display_name)}")
    for column in ("Day", "Note"):
        table.add_column(column)
    for note in notes:
        table.add_row(day_label(note.written_on), escape(note.body))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("notes")(notes_command)
