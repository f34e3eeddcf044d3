"""`footwork workshops publish|list|stats|codes`: a coach's workshops from the command line, through the services and
selectors the API uses (--json prints the API's documents)."""

from __future__ import annotations

import csv
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from django.conf import settings
from django.db import transaction
from rich.markup import escape
from rich.table import Table

from footwork.accounts.models import User
from footwork.core.cli import UserOption, account, console, print_json, refuse
from footwork.core.clock import today_for
from footwork.core.errors import FootworkError
from footwork.workshops import selectors, services
from footwork.workshops.domain import WorkshopStats, stats_document
from footwork.workshops.models import Access

workshops_app = typer.Typer(
    help="Workshops: a coach's self-guided program many runners join.", no_args_is_help=True
)
JsonOption = typer.Option("--json", help="Machine-readable JSON (the API's documents).")
ACCESS_WORDS = dict(Access.choices)


class AccessOption(StrEnum):
    open = "open"
    code = "code"


def _coach(user: str | None) -> User:
    coach = account(user)
    if not coach.is_coach:
        refuse("This is for coaches: sign in with a coach's email (--user).")
    return coach


def _link(path: str) -> str:
    return f"{settings.FOOTWORK_SITE_URL.rstrip('/')}{path}"


@workshops_app.command("publish")
def publish_command(
    user: Annotated[str | None, UserOption] = None,
    program: Annotated[
        str, typer.Option("--program", help="A template you may see: yours or a shipped one.")
    ] = "",
    title: Annotated[str, typer.Option("--title", help="What runners see first.")] = "",
    summary: Annotated[
        str,
        typer.Option("--summary", help="A line for link previews and the page's top (default: the title)."),
    ] = "",
    access: Annotated[
        AccessOption, typer.Option("--access", help="open: anyone with the link; code: with a code.")
    ] = AccessOption.open,
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """Publish one of your programs (or a shipped one) as a workshop runners join from its page."""
    coach = _coach(user)
    if not program:
        refuse("Say which program: --program and its short name, as `footwork programs list` shows it.")
    try:
        made = services.publish_workshop(
            actor=coach, program_slug=program, title=title, summary=summary or title, access=access.value
        )
    except FootworkError as error:
        refuse(error.message)
    document = selectors.created_document(made)
    if as_json:
        print_json(document)
        return
    console.print(f"Published {escape(made.title)}. Its page: {_link(document['url'])}")
    if made.shared_code:
        console.print(
            f"Runners join with the code {made.shared_code}, or a single-use one (workshops codes)."
        )
    else:
        console.print("Anyone with the link may join.")


@workshops_app.command("list")
def list_command(
    user: Annotated[str | None, UserOption] = None, as_json: Annotated[bool, JsonOption] = False
) -> None:
    """A coach's workshops, or the workshops a runner joined."""
    person = account(user)
    if as_json:
        print_json(selectors.workshops_document(person))
        return
    if person.is_coach:
        _print_coach_list(person)
    else:
        _print_places(person)


def _print_coach_list(coach: User) -> None:
    workshops = list(selectors.workshops_of_coach(coach))
    if not workshops:
        console.print("No workshops yet: publish one with `footwork workshops publish`.")
        return
    table = Table(title=f"Your workshops ({len(workshops)})")
    for column in ("Workshop", "Who may join", "Code", "Participants", "Open to new runners"):
        table.add_column(column)
    for item in workshops:
        table.add_row(
            escape(item.title),
            ACCESS_WORDS[item.access],
            item.shared_code or "—",
            str(getattr(item, "participant_count", 0)),
            "Yes" if item.published else "No",
        )
    console.print(table)


def _print_places(runner: User) -> None:
    places = list(selectors.workshops_joined_by(runner))
    if not places:
        console.print("You have not joined a workshop.")
        return
    today = today_for(runner)
    table = Table(title="Your workshops")
    for column in ("Workshop", "Coach", "Your day", "Shared with the coach"):
        table.add_column(column)
    for place in places:
        day = selectors.place_document(place, today)["day"]
        table.add_row(
            escape(place.workshop.title),
            escape(place.workshop.coach.display_name),
            _day_words(day, 7 * place.workshop.program.duration_weeks),
            "Yes" if place.shares_data else "No",
        )
    console.print(table)


def _day_words(day: int, last: int) -> str:
    if day < 1:
        return "Starts tomorrow" if day == 0 else f"Starts in {1 - day} days"
    return f"Finished (day {day})" if day > last else f"Day {day} of {last}"


@workshops_app.command("stats")
def stats_command(
    workshop: Annotated[
        str, typer.Argument(help="The workshop's short name, as `workshops list --json` gives it.")
    ],
    user: Annotated[str | None, UserOption] = None,
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """Your workshop's figures over its participants (any figure over fewer than 5 is hidden)."""
    coach = _coach(user)
    try:
        stats = selectors.workshop_stats(coach, workshop)
        title = selectors.workshop_for_coach(coach, workshop).title
    except FootworkError as error:
        refuse(error.message)
    if as_json:
        print_json(stats_document(stats))
        return
    _print_stats(title, stats)


def _shown(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    number = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{number}{unit}"


def _print_stats(title: str, stats: WorkshopStats) -> None:
    document = stats_document(stats)
    console.print(f"[bold]{escape(title)}[/bold]")
    for words, key in (
        ("Participants", "participants"),
        ("Logged a session in their last 7 days", "active_7d"),
        ("Finished", "finished"),
        ("Sent to a clinician for a red flag", "red_flag_stops"),
    ):
        console.print(f"{words}: {_shown(document[key])}")
    weeks = Table(title="By week of the workshop")
    for column in ("Week", "Median adherence", "Sessions in the red"):
        weeks.add_column(column)
    for week in document["weeks"]:
        weeks.add_row(
            str(week["week"]),
            _shown(week["median_adherence"], "%"),
            _shown(week["sessions_red_percent"], "%"),
        )
    console.print(weeks)
    tests = Table(title="Before and at the end")
    for column in (
        "Measure",
        "Did both",
        "Median before",
        "Median after",
        "Median change",
        "Improved enough",
    ):
        tests.add_column(column)
    for item in document["tests"].values():
        unit = f" {item['unit']}" if item["unit"] else ""
        tests.add_row(
            escape(item["name"]),
            _shown(item["participants"]),
            _shown(item["median_before"], unit),
            _shown(item["median_after"], unit),
            _shown(item["median_change"], unit),
            _shown(item["reached_mid"]),
        )
    console.print(tests)


@workshops_app.command("codes")
def codes_command(
    workshop: Annotated[
        str, typer.Argument(help="The workshop's short name, as `workshops list --json` gives it.")
    ],
    count: Annotated[int, typer.Option("--count", help="How many single-use codes to make.")],
    user: Annotated[str | None, UserOption] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write them to this CSV file (with a header) instead."),
    ] = None,
) -> None:
    """Make single-use codes for your workshop by code: each lets one runner join once."""
    coach = _coach(user)
    try:
        # One transaction with the file: codes that could not be written are not kept either.
        with transaction.atomic():
            codes = services.make_codes(actor=coach, slug=workshop, count=count)
            if output is not None:
                _write_codes(output, codes)
    except FootworkError as error:
        refuse(error.message)
    except OSError as error:
        refuse(f"The file could not be written ({error.strerror or error}); no codes were made.")
    if output is None:
        for code in codes:
            typer.echo(code)
        return
    console.print(
        f"Wrote {len(codes)} single-use {'code' if len(codes) == 1 else 'codes'} to {escape(str(output))}."
    )


def _write_codes(output: Path, codes: list[str]) -> None:
    with output.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code"])
        writer.writerows([code] for code in codes)


def register(app: typer.Typer) -> None:
    app.add_typer(workshops_app, name="workshops")
