"""`footwork season --user E`: a runner's season from their races in the database; `footwork season plan --file
SEASON.json`: the same from a file, with no database. `footwork races add|list`: a runner's races.

"season" decides about the database itself (footwork/cli.py OWN_DATABASE_DECISION): only its callback's own path,
the runner's season, needs one.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from django.utils import timezone
from rich.markup import escape
from rich.table import Table

from footwork.core import bounds
from footwork.core.cli import UserOption, account, console, print_json, refuse
from footwork.core.clock import today_for
from footwork.core.errors import FootworkError
from footwork.core.limits import READABLE_DATES
from footwork.core.wording import day_label
from footwork.season.domain import (
    DISTANCES_KM,
    Priority,
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
from footwork.season.times import TIME_HELP, parse_time

if TYPE_CHECKING:
    from footwork.accounts.models import User
    from footwork.season.selectors import AfterRace

season_app = typer.Typer(
    help="The racing season: a plan laid backwards from the races.",
    no_args_is_help=True,
    invoke_without_command=True,
)
races_app = typer.Typer(help="A runner's races: add them, list them.", no_args_is_help=True)
JsonOption = typer.Option("--json", help="Machine-readable JSON (the API's document).")

FileOption = typer.Option(
    "--file", help="SEASON.json: today, races (name, date, distance_km, priority), peak_weekly_km"
)


@season_app.callback()
def runner_season(
    context: typer.Context,
    user: Annotated[str | None, UserOption] = None,
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """A runner's season from their races: the same document as GET /api/v1/season."""
    if context.invoked_subcommand is not None:
        return
    # Only this path needs the database (footwork/cli.py leaves "season" to decide).
    from footwork.core.bootstrap import ensure_database
    from footwork.season.selectors import after_races, season_of

    ensure_database()
    runner = _runner(user)
    season = season_of(runner)
    if as_json:
        print_json(season_document(season))
        return
    _print_season(season)
    _print_after_races(after_races(runner, season), season.today)


def _runner(email: str | None) -> User:
    runner = account(email)
    if not runner.is_runner:
        refuse(f"{runner.email} is a coach's account; races and seasons are a runner's.")
    return runner


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
        refuse(f"{file}: cannot be read ({error.strerror or error})")
    except UnicodeDecodeError:
        refuse(f"{file}: is not UTF-8 text")
    except SeasonFileError as error:
        refuse(f"{file}: {error}")


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


def _print_after_races(afters: list[AfterRace], today: date) -> None:
    """The recovery after each A and B race day by day, then the comeback's steps (after an A race)."""
    for after in afters:
        recovery = Table(title=f"Recovery after {escape(after.name)}")
        for column in ("Day", "Date", "Strength", "Running"):
            recovery.add_column(column)
        for day in after.recovery.days:
            retest = "\n[bold]Re-test[/bold]" if day.retest else ""
            running = f"{day.running_words[:1].upper()}{day.running_words[1:]}. {day.running_advice}".strip()
            recovery.add_row(
                str(day.day), day_label(day.date, today) + retest, day.strength_words, escape(running)
            )
        console.print(recovery)
        if after.comeback is None:
            continue
        comeback = Table(title=f"The comeback after {escape(after.name)}")
        for column in ("Step", "When", "Add back", "Running"):
            comeback.add_column(column)
        for step in after.comeback.steps:
            when = f"{day_label(step.start, today)} –\n{day_label(step.end, today)}"
            adds = step.adds.capitalize() + (" (cut short by the build)" if step.partial else "")
            comeback.add_row(
                str(step.number) if step.variable else "Then",
                when,
                adds or "All back: usual training",
                escape(step.running_words[:1].upper() + step.running_words[1:]),
            )
        if after.comeback.steps:
            console.print(comeback)
        console.print(escape(after.comeback.summary), soft_wrap=True)


def _distance_km(text: str) -> float:
    key = text.strip().lower()
    if key in DISTANCES_KM:
        return DISTANCES_KM[key]
    try:
        km = float(key.removesuffix("km").strip())
    except ValueError:
        refuse(f"--distance is one of {', '.join(DISTANCES_KM)} or a number of km, not {text!r}")
    reason = bounds.RACE_DISTANCE_KM.check(km)
    if reason is not None:
        refuse(f"--distance: the {reason}")
    return km


@races_app.command("add")
def add_command(
    user: Annotated[str | None, UserOption] = None,
    name: Annotated[str, typer.Option("--name", help="The race's name, e.g. Chicago Marathon.")] = "",
    day: Annotated[datetime | None, typer.Option("--date", formats=["%Y-%m-%d"], help="Race day.")] = None,
    distance: Annotated[str, typer.Option("--distance", help="marathon, half, 10k, 5k, 50k or km.")] = "",
    priority: Annotated[
        Priority, typer.Option("--priority", help="A goal, B tune-up, C training.")
    ] = Priority.A,
    goal: Annotated[str | None, typer.Option("--goal", help=f"Goal time, {TIME_HELP}.")] = None,
    notes: Annotated[str, typer.Option("--notes")] = "",
) -> None:
    """Add a race to the runner's calendar."""
    from footwork.season import services

    runner = _runner(user)
    if day is None:
        refuse("Say the race day: --date YYYY-MM-DD")
    try:
        goal_seconds = parse_time(goal, "--goal") if goal else None
    except ValueError as error:
        refuse(str(error))
    try:
        race = services.add_race(
            actor=runner, name=name, date=day.date(), distance_km=_distance_km(distance),
            priority=priority.value, goal_seconds=goal_seconds, notes=notes,
        )  # fmt: skip
    except FootworkError as error:
        refuse(error.message)
    console.print(f"Added {escape(race.name)}, {day_label(race.date, today_for(runner))} (id {race.pk}).")


@races_app.command("list")
def list_command(
    user: Annotated[str | None, UserOption] = None, as_json: Annotated[bool, JsonOption] = False
) -> None:
    """The runner's races, by date, with their results."""
    from footwork.season import selectors

    runner = _runner(user)
    races = selectors.races_of(runner)
    if as_json:
        print_json([selectors.race_document(race) for race in races])
        return
    table = Table(title="Races")
    for column in ("Id", "Date", "Race", "Distance", "Priority", "Goal", "Result"):
        table.add_column(column)
    for line in selectors.race_lines(runner):
        race = line.race
        table.add_row(
            str(race.pk), line.when, escape(race.name), distance_words(race.distance_km),
            line.priority, line.goal or "—", line.result or ("due" if line.result_due else "—"),
        )  # fmt: skip
    console.print(table)


calendar_app = typer.Typer(help="Your private calendar feed.", no_args_is_help=True)


@calendar_app.command("ics")
def calendar_ics(
    user: Annotated[str | None, UserOption] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="The .ics file to write.")] = Path(
        "footwork.ics"
    ),
    base_url: Annotated[
        str, typer.Option("--base-url", help="Where Footwork is served, for the links to sessions.")
    ] = "http://localhost:8000",
) -> None:
    """Write the account's calendar feed (what its private address serves) to a file."""
    from footwork.season.feed import feed_calendar
    from footwork.season.models import CalendarFeed

    owner = account(user)
    # Reading needs no address: an account with no feed gets its calendar too (the file is theirs).
    found = CalendarFeed.objects.filter(owner=owner).first() or CalendarFeed(owner=owner)
    root = base_url.rstrip("/")
    output.write_bytes(feed_calendar(found, lambda path: root + path).to_ical())
    console.print(f"Calendar written to {escape(str(output))}.")


def register(app: typer.Typer) -> None:
    app.add_typer(season_app, name="season")
    app.add_typer(races_app, name="races")
    app.add_typer(calendar_app, name="calendar")
