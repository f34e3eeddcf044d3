"""`footwork races add|list` and `footwork season --user E [--json]`, from the database."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.season.models import Race

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()
WIDE = {"COLUMNS": "200"}


def run(*args):
    return cli.invoke(app, list(args), env=WIDE)


@time_machine.travel(datetime(2026, 9, 18, 12, tzinfo=UTC), tick=False)
def test_add_list_and_season(cast):
    email = cast.runner.email
    added = run("races", "add", "--user", email, "--name", "Chicago Marathon", "--date", "2026-10-11",
                "--distance", "marathon", "--priority", "A", "--goal", "3:29:00")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Added Chicago Marathon, Sun 11 Oct" in added.output
    custom = run("races", "add", "--user", email, "--name", "Trail 30", "--date", "2026-11-01",
                 "--distance", "30", "--priority", "C")  # fmt: skip
    assert custom.exit_code == 0, custom.output
    listed = json.loads(run("races", "list", "--user", email, "--json").output)
    assert [(r["name"], r["distance_km"], r["priority"], r["goal_seconds"]) for r in listed] == [
        ("Chicago Marathon", 42.195, "A", 12540),
        ("Trail 30", 30.0, "C", None),
    ]
    table = run("races", "list", "--user", email)
    assert "Sun 11 Oct, in 23 days" in table.output
    season = json.loads(run("season", "--user", email, "--json").output)
    assert set(season) == {"races", "phases", "days", "warnings"}
    assert season["days"][0]["date"] == "2026-09-18"
    printed = run("season", "--user", email)
    assert printed.exit_code == 0, printed.output
    assert "Taper" in printed.output


@time_machine.travel(datetime(2026, 9, 18, 12, tzinfo=UTC), tick=False)
@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--distance", "moon"], "--distance is one of"),
        (["--distance", "nan"], "not a number"),
        (["--distance", "0"], "is not more than"),
        (["--date", "2020-01-01"], "is before"),
        (["--goal", "99"], "--goal is written"),
    ],
)
def test_refusals_say_why_and_add_nothing(cast, args, reason):
    base = {"--name": "Chicago Marathon", "--date": "2026-10-11", "--distance": "marathon", "--priority": "A"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    result = run(
        "races", "add", "--user", cast.runner.email, *[part for pair in base.items() for part in pair]
    )
    assert result.exit_code == 2, result.output
    assert reason in result.output
    assert not Race.objects.exists()


def test_a_coach_account_has_no_season(cast):
    result = run("season", "--user", cast.coach.email)
    assert result.exit_code == 2
    assert "a runner's" in result.output
