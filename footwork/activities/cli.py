"""`footwork load compute`: running-load metrics from a CSV, with no database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from footwork.activities.load import ACWR_CAVEAT, compute, daily_loads, parse_daily_csv, report_document
from footwork.core.cli import console, print_json

load_app = typer.Typer(
    help="Running load: weekly volume, ACWR, fitness, fatigue and form.", no_args_is_help=True
)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


@load_app.command("compute")
def compute_command(
    file: Annotated[Path, typer.Option("--file", help="DAILY.csv: date,distance_km,duration_min,rpe")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
) -> None:
    """Daily and weekly series with ACWR (rolling, uncoupled, EWMA), fitness, fatigue, form and the warnings."""
    try:
        sessions = parse_daily_csv(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(2) from error
    report = compute(daily_loads(sessions))
    if as_json:
        print_json(report_document(report))
        return
    weeks = Table(title="Weekly totals")
    for column in ("week", "km", "load", "runs"):
        weeks.add_column(column)
    for week in report.weekly:
        weeks.add_row(week.week, f"{week.distance_km:.1f}", f"{week.load:.0f}", str(week.runs))
    console.print(weeks)
    last = report.daily[-1] if report.daily else None
    if last is not None:
        console.print(
            f"{last.date}: ACWR rolling {_ratio(last.acwr_rolling)}, uncoupled {_ratio(last.acwr_uncoupled)}, "
            f"EWMA {_ratio(last.acwr_ewma)}; fitness {last.fitness:.1f}, fatigue {last.fatigue:.1f}, form {last.form:.1f}"
        )
    for warning in report.warnings:
        console.print(f"[yellow]{warning.date} {warning.kind}:[/yellow] {escape(warning.message)}")
    console.print(f"[dim]{escape(ACWR_CAVEAT)}[/dim]")


def register(app: typer.Typer) -> None:
    app.add_typer(load_app, name="load")
