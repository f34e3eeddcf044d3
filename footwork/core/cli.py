"""What the app CLIs share: the console, choosing an account, stable JSON output."""

from __future__ import annotations

import json
from typing import Any, NoReturn

import typer
from django.core.serializers.json import DjangoJSONEncoder
from rich.console import Console
from rich.markup import escape

from footwork.accounts.models import User

console = Console()


def account(email: str | None) -> User:
    """The account a command acts as (--user EMAIL or FOOTWORK_USER)."""
    if not email:
        console.print("[red]Say whose account: --user EMAIL (or set FOOTWORK_USER).[/red]")
        raise typer.Exit(2)
    user = User.objects.select_related("runner_profile").filter(email__iexact=email).first()
    if user is None:
        console.print(f"[red]No account with email {email}.[/red]")
        raise typer.Exit(2)
    return user


def refuse(message: str) -> NoReturn:
    """Say why a command cannot do what it was asked, in red, and stop with exit code 2."""
    # soft_wrap: the reason stays on one line however narrow the terminal.
    console.print(f"[red]{escape(message)}[/red]", soft_wrap=True)
    raise typer.Exit(2)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True, cls=DjangoJSONEncoder))


UserOption = typer.Option("--user", envvar="FOOTWORK_USER", help="The account's email (or FOOTWORK_USER).")
