"""`footwork load`: a runner's running load from the database; `footwork load compute`: from a CSV, with no database."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from footwork.activities.load import (
    ACWR_CAVEAT,
    DEFAULT_TIME_CONSTANTS,
    InvalidTimeConstant,
    LoadReport,
    TimeConstants,
    compute,
    daily_loads,
    parse_daily_csv,
    report_document,
)
from footwork.core.cli import UserOption, account, console, print_json
from footwork.core.units import KM, distance_unit, from_km, units_or_km
from footwork.core.wording import day_label

if TYPE_CHECKING:
    from footwork.accounts.models import User
    from footwork.activities.services import ImportReport

load_app = typer.Typer(
    help="Running load: weekly volume, ACWR, fitness, fatigue and form.",
    no_args_is_help=True,
    invoke_without_command=True,
)


FitnessDaysOption = typer.Option(
    "--fitness-days", help=f"Fitness time constant in days (default {DEFAULT_TIME_CONSTANTS.fitness_days})."
)
FatigueDaysOption = typer.Option(
    "--fatigue-days", help=f"Fatigue time constant in days (default {DEFAULT_TIME_CONSTANTS.fatigue_days})."
)


class UnitsChoice(StrEnum):
    KM = "km"
    MI = "mi"


UnitsOption = typer.Option(
    "--units", help="Distances in km or mi (default: the runner's profile setting). --json is always in km."
)


def _units(chosen: UnitsChoice | None, runner: User | None = None) -> str:
    """The units a table shows: the one asked for, else the runner's setting, else km."""
    if chosen is not None:
        return chosen.value
    profile = getattr(runner, "runner_profile", None) if runner is not None and runner.is_runner else None
    return units_or_km(profile.units if profile is not None else KM)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


@load_app.callback()
def runner_load(
    context: typer.Context,
    user: Annotated[str | None, UserOption] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, max=52, help="How many weeks back.")] = 8,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON (the API's /load).")] = False,
    fitness_days: Annotated[int | None, FitnessDaysOption] = None,
    fatigue_days: Annotated[int | None, FatigueDaysOption] = None,
    units: Annotated[UnitsChoice | None, UnitsOption] = None,
) -> None:
    """A runner's weekly totals, latest ratios and warnings from their runs and logged sessions."""
    if context.invoked_subcommand is not None:
        return
    # "load" decides about the database itself (footwork/cli.py): only this path needs one.
    from footwork.activities import selectors
    from footwork.core.bootstrap import ensure_database
    from footwork.core.clock import today_for

    constants = _time_constants(fitness_days, fatigue_days)
    ensure_database()
    runner = account(user)
    today = today_for(runner)
    start = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    if as_json:
        print_json(selectors.load_document(runner, start, today, constants))
        return
    _print_report(selectors.load_report(runner, start, today, constants), _units(units, runner))


@load_app.command("compute")
def compute_command(
    file: Annotated[Path, typer.Option("--file", help="DAILY.csv: date,distance_km,duration_min,rpe")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
    fitness_days: Annotated[int | None, FitnessDaysOption] = None,
    fatigue_days: Annotated[int | None, FatigueDaysOption] = None,
    units: Annotated[UnitsChoice | None, UnitsOption] = None,
) -> None:
    """Daily and weekly series with ACWR (rolling, uncoupled, EWMA), fitness, fatigue, form and the warnings."""
    constants = _time_constants(fitness_days, fatigue_days)
    try:
        sessions = parse_daily_csv(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(2) from error
    report = compute(daily_loads(sessions), constants)
    if as_json:
        print_json(report_document(report))
        return
    _print_report(report, _units(units))


def _time_constants(fitness_days: int | None, fatigue_days: int | None) -> TimeConstants:
    try:
        return TimeConstants.of(fitness_days, fatigue_days)
    except InvalidTimeConstant as error:
        console.print(f"[red]{escape(str(error))}[/red]")
        raise typer.Exit(2) from error


def _print_report(report: LoadReport, units: str = KM) -> None:
    weeks = Table(title="Weekly totals")
    for column in ("week", distance_unit(units), "load", "runs"):
        weeks.add_column(column)
    for week in report.weekly:
        distance = from_km(week.distance_km, units)
        weeks.add_row(day_label(week.start), f"{distance:.1f}", f"{week.load:.0f}", str(week.runs))
    console.print(weeks)
    last = report.daily[-1] if report.daily else None
    if last is not None:
        console.print(
            f"{last.date}: ACWR rolling {_ratio(last.acwr_rolling)}, uncoupled {_ratio(last.acwr_uncoupled)}, "
            f"EWMA {_ratio(last.acwr_ewma)}; fitness {last.fitness:.1f}, fatigue {last.fatigue:.1f}, form {last.form:.1f}"
        )
    for warning in report.warnings:
        console.print(f"[yellow]{warning.date} {warning.kind}:[/yellow] {escape(warning.message_in(units))}")
    console.print(f"[dim]{escape(ACWR_CAVEAT)}[/dim]")


# Imported files listed one by one in the summary table; the rest are counted.
IMPORTED_ROWS_SHOWN = 20


def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="FIT, GPX or TCX files (each may be .gz) and Strava zips.")
    ],
    user: Annotated[str | None, UserOption] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The report as JSON.")] = False,
) -> None:
    """Import runs from activity files and Strava bulk-export zips (duplicates and non-runs are reported)."""
    from footwork.activities import services
    from footwork.activities.services.imports import without_query_log
    from footwork.core.errors import FootworkError

    runner = account(user)
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        console.print(f"[red]No such file: {escape(', '.join(missing))}[/red]")
        raise typer.Exit(2)
    with ExitStack() as files, Progress(console=console, transient=True, disable=as_json) as bar:
        opened = [(path.name, files.enter_context(path.open("rb"))) for path in paths]
        job = bar.add_task("Importing", total=len(opened))

        def show(done: int, total: int, name: str) -> None:
            bar.update(job, completed=done, total=total, description=escape(name or "Done"))

        try:
            with without_query_log():
                report = services.import_files(actor=runner, files=opened, progress=show)
        except FootworkError as error:
            console.print(f"[red]{escape(str(error))}[/red]")
            raise typer.Exit(2) from error
    if as_json:
        print_json(report.as_document())
        return
    _print_import(report)


def _print_import(report: ImportReport) -> None:
    summary = Table(title="Import")
    for column in ("result", "file", "reason"):
        summary.add_column(column)
    for kind, label in (
        ("imported", "imported"),
        ("duplicates", "duplicate"),
        ("skipped", "skipped"),
        ("refused", "refused"),
    ):
        outcomes = getattr(report, kind)
        # A whole export's imports would bury the few files that need a look: those are always listed in full.
        # An import with notes (values dropped, a sport assumed) needs a look too.
        shown = (
            outcomes[:IMPORTED_ROWS_SHOWN] + [o for o in outcomes[IMPORTED_ROWS_SHOWN:] if o.notes]
            if kind == "imported"
            else outcomes
        )
        for outcome in shown:
            # What was dropped as impossible, or an assumed sport, reads beside the file it concerns.
            why = "; ".join(part for part in (outcome.reason, *outcome.notes) if part)
            summary.add_row(label, escape(outcome.name), escape(why))
        if len(shown) < len(outcomes):
            summary.add_row(label, f"… and {len(outcomes) - len(shown)} more", "")
    console.print(summary)
    console.print(
        f"{len(report.imported)} imported, {len(report.duplicates)} duplicates, "
        f"{len(report.skipped)} skipped (not runs), {len(report.refused)} refused"
    )


runs_app = typer.Typer(help="Runs.", no_args_is_help=True)

DateOption = typer.Option(formats=["%Y-%m-%d"], help="YYYY-MM-DD, the runner's local date.")
# With no dates, the last four weeks.
DEFAULT_RUNS_DAYS = 28


@runs_app.command("list")
def list_runs(
    user: Annotated[str | None, UserOption] = None,
    start: Annotated[datetime | None, DateOption] = None,
    end: Annotated[datetime | None, DateOption] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The API's GET /runs document (km).")] = False,
    units: Annotated[UnitsChoice | None, UnitsOption] = None,
) -> None:
    """A runner's runs between two dates, newest first (default: the last four weeks)."""
    from footwork.activities import selectors
    from footwork.core.clock import today_for

    runner = account(user)
    last = end.date() if end else today_for(runner)
    first = start.date() if start else last - timedelta(days=DEFAULT_RUNS_DAYS - 1)
    if last < first:
        console.print("[red]--end is before --start.[/red]")
        raise typer.Exit(2)
    runs = list(selectors.runs_of(runner, first, last))
    if as_json:
        print_json([selectors.run_document(run) for run in runs])
        return
    shown = _units(units, runner)
    table = Table(title=f"Runs {first} – {last}")
    for column in ("date", distance_unit(shown), "min", "effort", "source"):
        table.add_column(column)
    for run in runs:
        table.add_row(
            str(run.local_date),
            f"{from_km(run.distance_km, shown):.2f}",
            f"{run.moving_s / 60:.1f}",
            "—" if run.rpe is None else str(run.rpe),
            str(run.source),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(load_app, name="load")
    app.add_typer(runs_app, name="runs")
    app.command("import")(import_command)
