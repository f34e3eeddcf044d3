"""`footwork users …` and `footwork token create`: accounts from the command line, for self-hosters."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from footwork.accounts import selectors, services
from footwork.accounts.models import Role
from footwork.core.cli import account, console, print_json
from footwork.core.errors import FootworkError

users_app = typer.Typer(help="Accounts: create, list and deactivate them.", no_args_is_help=True)
token_app = typer.Typer(help="Personal API tokens.", no_args_is_help=True)

JsonOption = typer.Option("--json", help="Machine-readable JSON.")


def _refuse(error: FootworkError) -> typer.Exit:
    console.print(f"[red]{escape(error.message)}[/red]")
    return typer.Exit(2)


@users_app.command("create")
def create_user(
    email: Annotated[str, typer.Option("--email", help="The login address.")],
    role: Annotated[Role, typer.Option("--role", help="runner or coach.")],
    password: Annotated[str, typer.Option("--password", help="At least 8 characters, not a common one.")],
    name: Annotated[str, typer.Option("--name", help="First name (a coach's display name).")] = "",
    as_json: Annotated[bool, JsonOption] = False,
) -> None:
    """Create an active account with its profile; an address already taken is refused (exit status 2)."""
    try:
        user = services.sign_up(
            email=email, password=password, role=role.value, first_name=name, display_name=name
        )
    except FootworkError as error:
        raise _refuse(error) from error
    if as_json:
        print_json(selectors.account_document(user))
        return
    console.print(f"Created {user.role} {escape(user.email)} (id {user.pk}).")


@users_app.command("list")
def list_users(as_json: Annotated[bool, JsonOption] = False) -> None:
    """Every account with its role and whether it is active."""
    documents = [selectors.account_document(user) for user in selectors.accounts()]
    if as_json:
        print_json(documents)
        return
    table = Table(title="Accounts")
    for column in ("id", "email", "name", "role", "active", "joined"):
        table.add_column(column)
    for item in documents:
        state = (
            "awaiting confirmation" if item["awaiting_confirmation"] else ("yes" if item["active"] else "no")
        )
        joined = f"{item['date_joined']:%Y-%m-%d}"
        table.add_row(
            str(item["id"]), escape(item["email"]), escape(item["name"]), item["role"], state, joined
        )
    console.print(table)


@users_app.command("deactivate")
def deactivate(email: Annotated[str, typer.Option("--email", help="The account's address.")]) -> None:
    """Close an account: it can no longer log in or use its tokens; its data stays."""
    try:
        user = services.deactivate_user(email=email)
    except FootworkError as error:
        raise _refuse(error) from error
    console.print(f"Deactivated {escape(user.email)}.")


@token_app.command("create")
def create_token(
    user: Annotated[str, typer.Option("--user", help="The account's email.")],
    name: Annotated[str, typer.Option("--name", help="Where it will be used.")] = "command line",
) -> None:
    """Make a personal API token; the token itself is the last line printed (shown once, stored hashed)."""
    owner = account(user)
    try:
        _token, raw = services.create_api_token(actor=owner, name=name)
    except FootworkError as error:
        raise _refuse(error) from error
    typer.echo(
        f"Token “{name.strip()}” for {owner.email} (shown once; use it as Authorization: Bearer …):", err=True
    )
    typer.echo(raw)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.add_typer(token_app, name="token")
