"""`footwork roster` and `footwork alerts`: a coach's runners with what needs attention, and the alerts inbox.

Both read what the web pages read (caseload's roster, coaching's events); `alerts --read/--resolve` go through the
same services as the inbox's buttons.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from footwork.accounts.models import User
from footwork.accounts.selectors import clients_of
from footwork.caseload.domain import RosterRow
from footwork.caseload.selectors import roster, roster_document
from footwork.caseload.threads import waiting_for
from footwork.coaching import services
from footwork.coaching.domain import KIND_ORDER, KIND_WORDS
from footwork.coaching.selectors import AlertFilter, alert_event_document, alert_events
from footwork.core.cli import UserOption, account, console, print_json, refuse
from footwork.core.errors import FootworkError
from footwork.core.limits import MAX_ID
from footwork.core.wording import day_label
from footwork.season.domain import Phase
from footwork.season.domain.wording import PHASE_WORDS

JsonOption = typer.Option("--json", help="Machine-readable JSON (the API's documents).")
LIGHT_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}

# The kinds as the command line takes them (the API's values), each with its words for the help.
AlertKind = StrEnum("AlertKind", {kind: kind for kind in KIND_ORDER})  # type: ignore[misc]
KIND_HELP = "; ".join(f"{kind}: {KIND_WORDS[kind][1].lower()}" for kind in KIND_ORDER)


def roster_command(
    user: Annotated[str | None, UserOption] = None,
    attention: Annotated[
        bool, typer.Option("--attention", help="Only the runners who need your attention.")
    ] = False,
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """Your runners, those needing attention first: last session, adherence, light, load, next race, messages."""
    coach = _coach(user)
    rows = roster(coach, waiting_for(coach))
    if attention:
        rows = [row for row in rows if row.needs_attention]
    if as_json:
        print_json([roster_document(row) for row in rows])
        return
    if not rows:
        console.print("No runner needs your attention." if attention else "No runners yet.")
        return
    table = Table(title=f"Your runners ({len(rows)})")
    for column in (
        "Runner",
        "Last session",
        "Adherence 7 / 30 days",
        "Light",
        "Next race",
        "Unread",
        "Attention",
    ):
        table.add_column(column)
    for row in rows:
        table.add_row(
            escape(row.name),
            day_label(row.last_session, row.today) if row.last_session else "None logged yet",
            f"{_percent(row.adherence_7d)} / {_percent(row.adherence_30d)}",
            LIGHT_WORDS.get(row.light or "", "—"),
            _race(row),
            "—" if not row.unread else str(row.unread),
            escape("; ".join(reason.words for reason in row.reasons)) or "—",
        )
    console.print(table)


def alerts_command(
    user: Annotated[str | None, UserOption] = None,
    kind: Annotated[AlertKind | None, typer.Option("--kind", help=f"Only one kind ({KIND_HELP}).")] = None,
    runner_email: Annotated[
        str | None, typer.Option("--runner", help="Only one runner's (their email).")
    ] = None,
    resolved: Annotated[
        bool, typer.Option("--resolved", help="The resolved events instead of the open.")
    ] = False,
    read: Annotated[int | None, typer.Option("--read", help="Mark this event read (its number).")] = None,
    resolve: Annotated[
        int | None, typer.Option("--resolve", help="Resolve this event (with --note).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="How the event was dealt with.")] = None,
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """Your alerts inbox as events, safety first; --read N marks one read, --resolve N --note TEXT resolves it."""
    coach = _coach(user)
    try:
        if read is not None:
            services.mark_alert_read(actor=coach, alert_id=_event_number(read))
        if resolve is not None:
            if not note:
                refuse("Say how it was dealt with: --note TEXT.")
            services.resolve_alert(actor=coach, alert_id=_event_number(resolve), note=note)
    except FootworkError as error:
        refuse(error.message)
    runner = None
    if runner_email:
        found = clients_of(coach).filter(email__iexact=runner_email.strip()).first()
        if found is None:
            refuse(f"{runner_email} is not a runner you coach.")
        runner = found.pk
    which = AlertFilter(
        state="resolved" if resolved else "open", kind=kind.value if kind else "", runner=runner
    )
    events = alert_events(coach, which)
    if as_json:
        print_json([alert_event_document(event) for event in events])
        return
    if not events:
        console.print("No resolved alerts." if resolved else "No open alerts.")
        return
    names = {person.pk: person.display_name for person in clients_of(coach).select_related(None)}
    table = Table(title="Resolved alerts" if resolved else "Open alerts")
    for column in ("Number", "Day", "Runner", "What", "New"):
        table.add_column(column)
    for event in events:
        what = "\n".join(escape(item.message) for item in event.items)
        if event.resolved and event.resolution_note:
            what += f"\nDealt with: {escape(event.resolution_note)}"
        table.add_row(
            str(event.id),
            day_label(event.day),
            escape(names.get(event.runner, "")),
            f"[bold]{escape(event.heading)}[/bold]\n{what}",
            "" if event.read else "New",
        )
    console.print(table)
    if not resolved:
        console.print("Mark one read with --read NUMBER, or resolve it with --resolve NUMBER --note TEXT.")


def _coach(user: str | None) -> User:
    coach = account(user)
    if not coach.is_coach:
        refuse("This is for coaches: sign in with a coach's email (--user).")
    return coach


def _event_number(number: int) -> int:
    if not 1 <= number <= MAX_ID:
        refuse(f"There is no alert numbered {number}.")
    return number


def _percent(value: int | None) -> str:
    return "nothing scheduled" if value is None else f"{value} %"


def _race(row: RosterRow) -> str:
    race = row.next_race
    if race is None:
        return "None planned"
    when = {0: "today", 1: "tomorrow"}.get(race.days_to, f"in {race.days_to} days")
    phase = f" ({PHASE_WORDS[Phase(row.phase)]})" if row.phase else ""
    return f"{escape(race.short_name)} {when}{phase}"


def register(app: typer.Typer) -> None:
    app.command("roster")(roster_command)
    app.command("alerts")(alerts_command)
