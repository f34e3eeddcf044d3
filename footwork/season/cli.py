"""`footwork season plan --file SEASON.json`: the season laid backwards from its races, with no database.

The `season` group is its own Typer app, so the commands that read a runner's races from the database (and a
callback taking --user) can join `plan` later without changing it.
"""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from django.utils import timezone
from rich.markup import escape
from rich.table import Table

from footwork.core.cli import console, print_json
from footwork.core.limits import READABLE_DATES
from footwork.core.wording import day_label
from footwork.season.domain import (
    Season,
    SeasonDay,
    SeasonFile,
    SeasonFileError,
    periodise,
    read_season,
    season_document,
)
from footwork.season.domain.wording import (
    PHASE_WORDS,
    PRIORITY_WORDS,
    STRENGTH_DETAILS,
    STRENGTH_WORDS,
    distance_words,
)

season_app = typer.Typer(
    help="The racing season: a plan laid backwards from the races.", no_args_is_help=True
)

FileOption = typer.Option(
    "--file", help="SEASON.json: today, races (name, date, distance_km, priority), peak_weekly_km"
)


@season_app.command("plan")
def plan_command(
    file: Annotated[Path, FileOption],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
) -> None:
    """Every day from today to the end of the last race's recovery: phase, strength rule and running."""
    season_file = _read(file)
    season = periodise(season_file.races, season_file.today, peak_weekly_km=season_file.peak_weekly_km)
    if as_json:
        print_json(season_document(season))
        return
    _print_season(season)


def _read(file: Path) -> SeasonFile:
    try:
        text = file.read_text(encoding="utf-8")
        return read_season(text, now=timezone.localdate(), today_window=READABLE_DATES)
    except OSError as error:
        _refuse(f"{file}: cannot be read ({error.strerror or error})")
    except UnicodeDecodeError:
        _refuse(f"{file}: is not UTF-8 text")
    except SeasonFileError as error:
        _refuse(f"{file}: {error}")


def _refuse(message: str) -> NoReturn:
    # soft_wrap: the reason stays on one line however narrow the terminal.
    console.print(f"[red]{escape(message)}[/red]", soft_wrap=True)
    raise typer.Exit(2)


def _print_season(season: Season) -> None:
    today = season.today
    races = Table(title="Races")
    for column in ("Date", "Race", "Distance", "Priority"):
        races.add_column(column)
    for race in season.races:
        races.add_row(
            day_label(race.date, today),
            escape(race.name) + ("" if race in season.planned else " (over)"),
            distance_words(race.distance_km),
            PRIORITY_WORDS[race.priority].capitalize(),
        )
    console.print(races)
    if season.days:
        console.print(_plan_table(season))
        _print_strength_rules(season)
    for warning in season.warnings:
        console.print(f"[yellow]{escape(warning.message)}[/yellow]")


def _plan_table(season: Season) -> Table:
    """One row per stretch of days with the same phase, race, strength rule and running."""
    today = season.today
    first, last = season.days[0].date, season.days[-1].date
    table = Table(title=f"Season plan, {day_label(first, today)} to {day_label(last, today)}")
    table.add_column("When", no_wrap=True)
    table.add_column("Phase", max_width=20)
    table.add_column("Strength", max_width=16)
    table.add_column("Running", ratio=1)
    for _key, group in groupby(season.days, key=_stretch_key):
        days = list(group)
        start, end = days[0].date, days[-1].date
        when = (
            day_label(start, today)
            if start == end
            else f"{day_label(start, today)} –\n{day_label(end, today)}"
        )
        day = days[0]
        phase = PHASE_WORDS[day.phase] + ("" if day.race is None else f"\n[dim]{escape(day.race.name)}[/dim]")
        table.add_row(when, phase, STRENGTH_WORDS[day.strength], escape(day.running.note))
    return table


def _stretch_key(day: SeasonDay) -> tuple[object, ...]:
    return (day.phase, day.race, day.strength, day.running)


def _print_strength_rules(season: Season) -> None:
    used = dict.fromkeys(day.strength for day in season.days)
    console.print("[bold]Strength rules[/bold]")
    for strength in used:
        console.print(f"  {STRENGTH_WORDS[strength]}: {STRENGTH_DETAILS[strength]}.")


def register(app: typer.Typer) -> None:
    app.add_typer(season_app, name="season")
