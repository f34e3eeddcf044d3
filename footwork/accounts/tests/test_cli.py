"""`footwork users …`, `footwork token create` and `footwork runs list`: the self-hoster's command line."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from footwork.accounts.models import Role, User
from footwork.activities.tests.factories import run
from footwork.cli import _register, app
from footwork.core.clock import today_for

_register()
cli = CliRunner()
pytestmark = pytest.mark.django_db

PASSPHRASE = "a-long-passphrase-42"


def test_users_create_list_and_deactivate():
    made = cli.invoke(
        app,
        ["users", "create", "--email", "Ana@Example.test", "--role", "coach", "--password", PASSPHRASE,
         "--name", "Ana", "--json"],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    document = json.loads(made.stdout)
    assert (document["email"], document["role"], document["active"]) == ("ana@example.test", "coach", True)
    coach = User.objects.get(email="ana@example.test")
    assert coach.coach_profile.display_name == "Ana"
    assert coach.check_password(PASSPHRASE)

    duplicate = cli.invoke(
        app, ["users", "create", "--email", "ANA@example.test", "--role", "runner", "--password", PASSPHRASE]
    )
    assert duplicate.exit_code == 2
    assert "already exists" in duplicate.output
    weak = cli.invoke(
        app, ["users", "create", "--email", "b@example.test", "--role", "runner", "--password", "1"]
    )
    assert weak.exit_code == 2
    wrong_role = cli.invoke(
        app, ["users", "create", "--email", "c@example.test", "--role", "admin", "--password", PASSPHRASE]
    )
    assert wrong_role.exit_code == 2

    runner = cli.invoke(
        app, ["users", "create", "--email", "ben@example.test", "--role", "runner", "--password", PASSPHRASE]
    )
    assert runner.exit_code == 0, runner.output
    assert User.objects.get(email="ben@example.test").runner_profile is not None

    listed = cli.invoke(app, ["users", "list", "--json"])
    assert [(item["email"], item["role"]) for item in json.loads(listed.stdout)] == [
        ("ana@example.test", Role.COACH),
        ("ben@example.test", Role.RUNNER),
    ]
    assert "ben@example.test" in cli.invoke(app, ["users", "list"]).output

    closed = cli.invoke(app, ["users", "deactivate", "--email", "BEN@example.test"])
    assert closed.exit_code == 0, closed.output
    assert not User.objects.get(email="ben@example.test").is_active
    assert cli.invoke(app, ["users", "deactivate", "--email", "nobody@example.test"]).exit_code == 2


def test_token_create_prints_the_token_last_and_it_works(client, cast):
    result = cli.invoke(app, ["token", "create", "--user", cast.runner.email, "--name", "my script"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    assert token.startswith("fw_")
    assert result.stdout.strip() == token
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["email"] == cast.runner.email
    assert cast.runner.api_tokens.get().name == "my script"
    assert cli.invoke(app, ["token", "create", "--user", "nobody@example.test"]).exit_code == 2


def test_runs_list_is_the_api_document(client, cast, token_for):
    today = today_for(cast.runner)
    for days in (1, 3, 40):
        run(cast.runner, day=today - timedelta(days=days), km=8 + days)
    start, end = (today - timedelta(days=45)).isoformat(), today.isoformat()
    result = cli.invoke(
        app, ["runs", "list", "--user", cast.runner.email, "--start", start, "--end", end, "--json"]
    )
    assert result.exit_code == 0, result.output
    api = client.get(f"/api/v1/runs?start={start}&end={end}", headers=token_for(cast.runner)).json()
    assert json.loads(result.stdout) == api
    assert len(api) == 3
    # With no dates: the last four weeks.
    recent = cli.invoke(app, ["runs", "list", "--user", cast.runner.email, "--json"])
    assert len(json.loads(recent.stdout)) == 2
    table = cli.invoke(app, ["runs", "list", "--user", cast.runner.email])
    assert "Runs" in table.output
    backwards = cli.invoke(app, ["runs", "list", "--user", cast.runner.email, "--start", end, "--end", start])
    assert backwards.exit_code == 2
