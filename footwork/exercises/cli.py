"""`footwork exercises …` and `footwork library load`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from footwork.accounts.models import User
from footwork.exercises import selectors, services
from footwork.exercises.domain import CATEGORIES, EQUIPMENT, TARGETS, LibraryError

console = Console()
exercises_app = typer.Typer(help="Browse the exercise library.", no_args_is_help=True)
library_app = typer.Typer(help="Manage the shipped exercise library.", no_args_is_help=True)


def _viewer(email: str | None) -> User | None:
    """The account whose view of the library to show; without one, the shipped library only."""
    if email is None:
        return None
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        console.print(f"[red]No account with email {email}.[/red]")
        raise typer.Exit(2)
    return user


def _check_choice(value: str | None, allowed: dict[str, str], option: str) -> str:
    if value and value not in allowed:
        console.print(f"[red]Unknown {option} {value!r}.[/red] Choose from: {', '.join(allowed)}")
        raise typer.Exit(2)
    return value or ""


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))


@exercises_app.command("list")
def list_exercises(
    category: Annotated[str | None, typer.Option(help="warm-up, strength, isometric, …")] = None,
    target: Annotated[str | None, typer.Option(help="soleus, achilles, glute-med, …")] = None,
    equipment: Annotated[str | None, typer.Option(help="none, step, band, …")] = None,
    query: Annotated[str, typer.Option("--query", "-q", help="Words in the name or summary.")] = "",
    user: Annotated[
        str | None, typer.Option(help="Show what this account sees (adds private exercises).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
) -> None:
    """List exercises, filtered by category, target or equipment."""
    exercises = selectors.search_exercises(
        _viewer(user),
        q=query,
        category=_check_choice(category, CATEGORIES, "category"),
        target=_check_choice(target, TARGETS, "target"),
        equipment=_check_choice(equipment, EQUIPMENT, "equipment"),
    )
    if as_json:
        _print_json(selectors.exercise_documents(list(exercises)))
        return
    table = Table(title=f"{len(exercises)} exercises")
    table.add_column("slug", no_wrap=True)
    for column in ("name", "category", "level", "dosage"):
        table.add_column(column)
    for exercise in exercises:
        table.add_row(
            exercise.slug,
            exercise.name,
            exercise.category,
            str(exercise.difficulty),
            exercise.dosage.describe(),
        )
    console.print(table)


@exercises_app.command("show")
def show_exercise(
    slug: str,
    user: Annotated[str | None, typer.Option(help="Look as this account.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
) -> None:
    """Show one exercise with its dosage, cue, safety notes and links."""
    viewer = _viewer(user)
    exercise = selectors.search_exercises(viewer).filter(slug=slug).first()
    if exercise is None:
        console.print(f"[red]No exercise {slug!r}.[/red] Try `footwork exercises list`.")
        raise typer.Exit(1)
    document = selectors.exercise_document(exercise, viewer)
    if as_json:
        _print_json(document)
        return
    console.print(f"[bold]{document['name']}[/bold] ({document['category']}, level {document['difficulty']})")
    console.print(document["summary"])
    console.print(
        f"[bold green]Dosage:[/bold green] {document['dosage']['text']}, rest {document['dosage']['rest_seconds']} s"
    )
    for number, step in enumerate(document["instructions"], start=1):
        console.print(f"  {number}. {step}")
    console.print(f"[bold]The secret:[/bold] {document['cue']}")
    console.print(f"[bold yellow]Safety:[/bold yellow] {document['safety']}")
    for kind in ("regressions", "progressions"):
        for link in document[kind]:
            console.print(f"  {kind[:-1]}: {link['slug']} — {link['reason']}")


@library_app.command("load")
def load(
    path: Annotated[
        Path | None, typer.Argument(help="A library YAML file; default: the shipped one.")
    ] = None,
) -> None:
    """Load the exercise library; running it again changes nothing."""
    try:
        report = services.load_library(path)
    except LibraryError as error:
        console.print(
            f"[red]The library was not loaded ({len(error.problems)} problem(s)); nothing changed:[/red]"
        )
        for problem in error.problems:
            console.print(
                f"  {escape(problem.record)}: [bold]{escape(problem.field)}[/bold]: {escape(problem.message)}"
            )
        raise typer.Exit(1) from error
    table = Table(title=f"Exercise library: {report.total} exercises")
    table.add_column("created")
    table.add_column("updated")
    table.add_column("unchanged")
    table.add_column("retired")
    table.add_row(
        *(str(len(items)) for items in (report.created, report.updated, report.unchanged, report.retired))
    )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(exercises_app, name="exercises")
    app.add_typer(library_app, name="library")
