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
from footwork.core.wording import day_label
from footwork.progression.selectors import runner_day
from footwork.season.selectors.today import day_document, running_today
from footwork.training import selectors, services
from footwork.training.api import SessionLogIn, submit_log
from footwork.workshops.selectors import today_documents

JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")]


def _fail(error: FootworkError) -> typer.Exit:
    console.print(f"[red]Refused: {escape(error.message)}[/red] Nothing was stored.")
    return typer.Exit(1)


def today(user: Annotated[str | None, UserOption] = None, as_json: JsonOption = False) -> None:
    """Today's one session (every plan merged), held-back exercises, decisions, streak and this week."""
    runner = account(user)
    day = runner_day(runner)
    checked_in = selectors.checkin_on(runner, day.picture.today) is not None
    running = running_today(runner, day.picture.today, day.recommendations)
    if as_json:
        workshops = today_documents(runner, day.picture.today)
        print_json({**day_document(runner, day, checked_in, running), "workshops": workshops})
        return
    streak = day.picture.streaks()
    console.print(f"[bold]Today, {day_label(day.picture.today)}[/bold] · streak {streak.current} day(s)")
    if day.referrals:
        console.print("  [red]Stop training the painful area and see a clinician (red flag reported).[/red]")
    if day.session.adaptation is not None:
        console.print(f"  Race plan: {escape(day.session.adaptation.reason)}")
    if not day.session.exercises:
        console.print("  No session today." if day.session.adaptation else "  Nothing due today: a rest day.")
    for item in day.session.exercises:
        if item.rested:
            continue
        held = f" — held back: {escape(item.held_back_reason)}" if item.held_back else ""
        console.print(f"  {escape(item.chosen.name)}: {escape(item.chosen.dosage)}{held}")
    for item in day.session.exercises:
        if item.rested:
            console.print(f"  Not today: {escape(item.chosen.name)} — {escape(item.rested_reason)}")
    if day.session.exercises:
        console.print(f"  About {day.session.minutes} min{' · done' if day.session.done else ''}")
    if day.summary.line:
        console.print(f"  {escape(day.summary.line)}")
    if running.sources:
        console.print(f"  {escape(running.sentence)}")
    if not checked_in:
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
    console.print(f"Session of {day_label(saved.record.date)} {state}; {saved.record.sets.count()} set(s).")


def _area_answer(value: str) -> tuple[str, int, int]:
    """`achilles:2:1` → ("achilles", 2, 1)."""
    parts = value.split(":")
    if len(parts) != 3 or not all(part.strip().lstrip("-").isdigit() for part in parts[1:]):
        raise typer.BadParameter(f"{value!r}: write AREA:PAIN:STIFFNESS, e.g. achilles:2:1")
    return parts[0].strip(), int(parts[1]), int(parts[2])


def checkin(
    pain: Annotated[int | None, typer.Option(help="Pain at the painful area on waking, 0-10.")] = None,
    stiffness: Annotated[int | None, typer.Option(help="Stiffness on waking, 0-10.")] = None,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area",
            help="Per painful area, AREA:PAIN:STIFFNESS (achilles, plantar_heel, calf, other); repeat it for each. "
            "Pain and stiffness are then the worst of them.",
        ),
    ] = None,
    date: Annotated[
        datetime.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Default: today.")
    ] = None,
    note: str = "",
    user: Annotated[str | None, UserOption] = None,
) -> None:
    """The morning check-in, once or per painful area."""
    answers = [_area_answer(value) for value in area or []]
    if len({name for name, _pain, _stiffness in answers}) != len(answers):
        raise typer.BadParameter("give each area once", param_hint="--area")
    try:
        saved = services.check_in(
            actor=account(user), client_uuid=uuid.uuid4(), pain=pain, stiffness=stiffness,
            areas={name: (p, s) for name, p, s in answers} or None, day=date.date() if date else None, note=note,
        )  # fmt: skip
    except FootworkError as error:
        raise _fail(error) from error
    record = saved.record
    per_area = "; ".join(
        f"{item['name']} pain {item['pain']}/10, stiffness {item['stiffness']}/10"
        for item in record.area_answers
    )
    per_area = f" (the worst of: {per_area})" if per_area else ""
    console.print(
        f"Check-in of {record.date}: pain {record.pain}/10, stiffness {record.stiffness}/10{per_area}."
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


def rebuild_summaries(
    user: Annotated[str | None, typer.Option("--user", help="One runner's email; default: everyone.")] = None,
) -> None:
    """Make the per-day summaries anew from the session logs, sets and check-ins (after a restore or a fix)."""
    runners = [account(user)] if user else None
    kept = services.rebuild_summaries(runners)
    whom = "1 runner" if user else "every runner"
    console.print(f"Rebuilt the daily summaries of {whom}: {kept} day{'s' if kept != 1 else ''} kept.")


def register(app: typer.Typer) -> None:
    for command in (today, log, checkin, adherence):
        app.command()(command)
    app.command("rebuild-summaries")(rebuild_summaries)
