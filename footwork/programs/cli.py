"""`footwork programs …`, `footwork enroll` and `footwork plan pdf|pause|resume|end`."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from footwork.accounts.models import User
from footwork.core.cli import UserOption, account, console, print_json
from footwork.core.clock import today_for
from footwork.core.errors import FootworkError, InvalidInput
from footwork.core.wording import day_label
from footwork.programs import selectors, services
from footwork.programs.domain import ProgramError
from footwork.programs.handout import current_plan, handout_pdf
from footwork.programs.models import Plan

programs_app = typer.Typer(help="Program templates.", no_args_is_help=True)
plan_app = typer.Typer(help="A runner's plan.", no_args_is_help=True)


@programs_app.command("list")
def list_programs(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False,
) -> None:
    """List the shipped program templates."""
    programs = selectors.visible_templates(None).order_by("name")
    if as_json:
        print_json(
            [
                {"slug": p.slug, "name": p.name, "goal": p.goal, "duration_weeks": p.duration_weeks}
                for p in programs
            ]
        )
        return
    table = Table(title=f"{len(programs)} programs")
    table.add_column("slug", no_wrap=True)
    table.add_column("name")
    table.add_column("weeks")
    for program in programs:
        table.add_row(program.slug, program.name, str(program.duration_weeks))
    console.print(table)


@programs_app.command("show")
def show_program(
    slug: str, as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON.")] = False
) -> None:
    """Show a program's phases, sessions and prescriptions."""
    try:
        document = selectors.program_document(selectors.template_for(None, slug))
    except FootworkError as error:
        console.print(f"[red]{escape(error.message)}[/red] Try `footwork programs list`.")
        raise typer.Exit(1) from error
    if as_json:
        print_json(document)
        return
    console.print(
        f"[bold]{escape(document['name'])}[/bold] — {document['duration_weeks']} weeks\n{escape(document['goal'])}"
    )
    for phase in document["phases"]:
        days = (
            f"every {phase['days']['every']} days"
            if "every" in phase["days"]
            else ", ".join(phase["days"]["weekdays"])
        )
        console.print(f"\n[bold]{escape(phase['name'])}[/bold] ({phase['weeks']} weeks; {days})")
        for session in phase["sessions"]:
            console.print(f"  [green]{escape(session['name'])}[/green] ~{session['minutes']} min")
            for item in session["prescriptions"]:
                side = " each side" if item["per_side"] else ""
                console.print(
                    f"    {item['sets']} × {item['amount']} {item['unit']}{side}  {escape(item['exercise_name'])}"
                )


@programs_app.command("load")
def load(
    path: Annotated[
        Path | None, typer.Argument(help="A programs YAML file; default: the shipped one.")
    ] = None,
) -> None:
    """Load the program templates; running it again changes nothing."""
    try:
        report = services.load_programs(path)
    except ProgramError as error:
        console.print(
            f"[red]The programs were not loaded ({len(error.problems)} problem(s)); nothing changed:[/red]"
        )
        for problem in error.problems:
            console.print(f"  {escape(str(problem))}")
        raise typer.Exit(1) from error
    console.print(
        f"Programs: {len(report.created)} created, {len(report.updated)} updated, {len(report.unchanged)} unchanged."
    )


def enroll(
    slug: str,
    start: Annotated[datetime.datetime, typer.Option("--start", formats=["%Y-%m-%d"], help="YYYY-MM-DD")],
    user: Annotated[str | None, UserOption] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="End the current plan of this program (history kept) first.")
    ] = False,
) -> None:
    """Enrol a runner in a program from a start date."""
    runner = account(user)
    try:
        plan = services.enroll(actor=runner, program_slug=slug, start_date=start.date(), replace=replace)
    except FootworkError as error:
        hint = (
            " Add --replace to replace it."
            if isinstance(error, InvalidInput) and error.field == "replace"
            else ""
        )
        console.print(f"[red]{escape(error.message)}[/red]{hint}")
        raise typer.Exit(1) from error
    starts = day_label(plan.start_date, today_for(runner))
    console.print(f"Enrolled {runner.email} in {plan.program.name} from {starts} (plan {plan.pk}).")


@plan_app.command("pdf")
def plan_pdf(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the PDF.")],
    user: Annotated[str | None, UserOption] = None,
) -> None:
    """Write the printable handout of the runner's current plan."""
    runner = account(user)
    plan = current_plan(runner)
    if plan is None:
        console.print(
            f"[red]{runner.email} has no active plan.[/red] Enrol first: `footwork enroll SLUG --start DATE`."
        )
        raise typer.Exit(1)
    output.write_bytes(handout_pdf(plan))
    console.print(f"Wrote {output} ({output.stat().st_size // 1024} KiB).")


PlanOption = typer.Option("--plan", help="The plan's id; default: the runner's only active or paused plan.")
WhyOption = typer.Option("--why", help="Why; kept in the plan's history.")


def _plan_id(user: User, plan_id: int | None) -> int:
    """The plan a life-cycle command is about: the one given, or the runner's only current one."""
    if plan_id is not None:
        return plan_id
    plans = list(selectors.current_plans(user))
    if len(plans) == 1:
        return plans[0].pk
    if not plans:
        console.print(f"[red]{user.email} has no active or paused plan.[/red] Give one with --plan ID.")
        raise typer.Exit(1)
    console.print(f"[red]{user.email} has {len(plans)} current plans; say which with --plan ID:[/red]")
    today = today_for(user)
    for plan in plans:
        since = day_label(plan.start_date, today)
        console.print(f"  {plan.pk}  {escape(plan.program.name)} ({plan.status_label.lower()}, from {since})")
    raise typer.Exit(1)


def _life_cycle(
    change: Callable[..., Plan], done: str, user: str | None, plan_id: int | None, why: str
) -> None:
    actor = account(user)
    try:
        plan = change(actor=actor, plan_id=_plan_id(actor, plan_id), why=why)
    except FootworkError as error:
        console.print(f"[red]{escape(error.message)}[/red]")
        raise typer.Exit(1) from error
    console.print(f"{done} {escape(plan.program.name)} (plan {plan.pk}) of {plan.runner.email}.")


@plan_app.command("pause")
def plan_pause(
    user: Annotated[str | None, UserOption] = None,
    plan: Annotated[int | None, PlanOption] = None,
    why: Annotated[str, WhyOption] = "",
) -> None:
    """Pause a plan until it is resumed (the runner or their coach)."""
    _life_cycle(services.pause_plan, "Paused", user, plan, why)


@plan_app.command("resume")
def plan_resume(
    user: Annotated[str | None, UserOption] = None,
    plan: Annotated[int | None, PlanOption] = None,
    why: Annotated[str, WhyOption] = "",
) -> None:
    """Resume a plan paused by hand."""
    _life_cycle(services.resume_plan, "Resumed", user, plan, why)


@plan_app.command("end")
def plan_end(
    user: Annotated[str | None, UserOption] = None,
    plan: Annotated[int | None, PlanOption] = None,
    why: Annotated[str, WhyOption] = "",
) -> None:
    """End a plan for good; its history and logs are kept."""
    _life_cycle(services.end_plan, "Ended", user, plan, why)


def register(app: typer.Typer) -> None:
    app.add_typer(programs_app, name="programs")
    app.add_typer(plan_app, name="plan")
    app.command("enroll")(enroll)
