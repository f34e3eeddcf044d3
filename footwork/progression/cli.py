"""`footwork progress decide` and `footwork flare-up screen`: the model and the screening, with no database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from django.conf import settings
from rich.markup import escape

from footwork.core.cli import console, print_json
from footwork.core.datafile import DataFileError
from footwork.exercises.services import read_library_file
from footwork.progression.domain import decide, decisions_document
from footwork.progression.flareup import (
    FlarePlan,
    ScreeningError,
    parse_screening,
    screen,
    screening_document,
)
from footwork.progression.history import HistoryError, library_facts, parse_history
from footwork.progression.services import shipped_toolboxes

progress_app = typer.Typer(
    help="The pain-monitoring model: progress, hold or step back.", no_args_is_help=True
)
flare_app = typer.Typer(help="The flare-up toolbox and red-flag screening.", no_args_is_help=True)
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")]


def _load_json(file: Path) -> object:
    try:
        return json.loads(file.read_text())
    except (OSError, json.JSONDecodeError) as error:
        console.print(f"[red]{escape(str(file))} is not readable JSON: {escape(str(error))}[/red]")
        raise typer.Exit(2) from error


@progress_app.command("decide")
def decide_command(
    file: Annotated[Path, typer.Option("--file", help="HISTORY.json")], as_json: JsonOption = False
) -> None:
    """Decide, for each prescription, progress / hold / regress / stop with reasons, then the running advice."""
    try:
        history = parse_history(
            _load_json(file), library_facts(read_library_file(Path(settings.FOOTWORK_LIBRARY_PATH)))
        )
    except HistoryError as error:
        console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(2) from error
    document: dict[str, Any] = decisions_document(decide(history))
    if as_json:
        print_json(document)
        return
    for item in document["decisions"]:
        dosage = item["new_dosage"]
        change = f" → {dosage}" if dosage else ""
        console.print(
            f"[bold]{escape(str(item['prescription']))}[/bold] {item['exercise']}: [bold]{item['decision']}[/bold] ({item['light']}){escape(change)}"
        )
        for reason in item["reasons"]:
            console.print(f"   - {escape(reason)}")
    running = document["running"]
    console.print(f"[bold]Running: {running['advice']}[/bold]")
    for reason in running["reasons"]:
        console.print(f"   - {escape(reason)}")


@flare_app.command("screen")
def screen_command(
    answers: Annotated[Path, typer.Option("--answers", help='FILE.json: {"area": …, "answers": {…}}')],
    as_json: JsonOption = False,
) -> None:
    """Red flags → see a clinician; otherwise the temporary flare-up plan."""
    try:
        area, given = parse_screening(_load_json(answers))
        toolboxes = shipped_toolboxes()
        result = screen(area, given, toolboxes)
    except (ScreeningError, DataFileError) as error:
        console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(2) from error
    if as_json:
        print_json(screening_document(result))
        return
    console.print(f"[bold]{escape(result.message)}[/bold]")
    if isinstance(result, FlarePlan):
        for entry in result.toolbox.exercises:
            side = " each side" if entry.per_side else ""
            console.print(
                f"  {entry.sets} × {entry.amount} {'s' if entry.kind == 'hold_seconds' else entry.kind}{side}  {entry.exercise}"
            )
        for line in (*result.toolbox.running, *result.toolbox.track):
            console.print(f"  - {escape(line)}")
    else:
        for flag in result.flags:
            console.print(f"  - {escape(flag.question)} ({flag.urgency}): {escape(flag.why)}")


def register(app: typer.Typer) -> None:
    app.add_typer(progress_app, name="progress")
    app.add_typer(flare_app, name="flare-up")
