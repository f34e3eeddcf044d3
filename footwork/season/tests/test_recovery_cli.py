"""`footwork season --user E`: after the season's plan, the recovery day by day and the comeback's steps."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app

from .factories import ISO, race

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()
WIDE = {"COLUMNS": "200"}


@time_machine.travel(datetime(2026, 9, 18, 12, tzinfo=UTC), tick=False)
def test_the_season_prints_the_recovery_and_the_comeback_after_the_plan(cast):
    profile = cast.runner.runner_profile
    profile.weekly_distance_km = 80
    profile.units = "mi"
    profile.save()
    race(cast.runner)
    race(cast.runner, name="Boston Marathon", day=date(2027, 4, 19))
    printed = cli.invoke(app, ["season", "--user", cast.runner.email], env=WIDE)
    assert printed.exit_code == 0, printed.output
    text = printed.output
    assert (
        text.index("Season plan")
        < text.index("Recovery after Chicago")
        < text.index("The comeback after Chicago")
    )
    assert "Mon 12 Oct" in text
    assert "Re-test" in text
    assert "25–35 % of the usual week (about 12–17 mi)" in text
    assert "More runs a week" in text
    assert "Faster running" in text
    assert "From the end of your recovery to Boston's build" in text
    assert "Recovery after Boston" in text
    assert not ISO.search(text)
    # The JSON document keeps its keys.
    document = json.loads(cli.invoke(app, ["season", "--user", cast.runner.email, "--json"], env=WIDE).output)
    assert set(document) == {"races", "phases", "days", "warnings"}


@time_machine.travel(datetime(2026, 9, 18, 12, tzinfo=UTC), tick=False)
def test_with_no_next_goal_race_the_comeback_says_so(cast):
    race(cast.runner)
    text = cli.invoke(app, ["season", "--user", cast.runner.email], env=WIDE).output
    assert "No goal race after Chicago yet" in text
    assert "The comeback after Chicago" in text
