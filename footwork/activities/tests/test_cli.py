from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from footwork.activities.tests.factories import run
from footwork.cli import _register, app
from footwork.core.clock import today_for

_register()
cli = CliRunner()


def test_load_compute_needs_no_database(tmp_path):
    # No django_db mark: any database access fails this test.
    result = cli.invoke(app, ["load", "compute", "--file", "examples/daily.csv", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document) == {"daily", "weekly", "warnings"}
    assert document["daily"][0]["acwr_rolling"] is None
    assert document["daily"][27]["acwr_rolling"] is not None
    assert {warning["kind"] for warning in document["warnings"]} == {
        "acwr_spike",
        "weekly_distance",
        "long_run",
    }
    bad = tmp_path / "bad.csv"
    bad.write_text("date,distance_km,duration_min,rpe\n2026-02-30,5,30,4\n")
    refused = cli.invoke(app, ["load", "compute", "--file", str(bad)])
    assert refused.exit_code == 2
    assert "line 2" in refused.output
    shorter = cli.invoke(
        app,
        [
            "load",
            "compute",
            "--file",
            "examples/daily.csv",
            "--json",
            "--fitness-days",
            "14",
            "--fatigue-days",
            "3",
        ],
    )
    assert shorter.exit_code == 0, shorter.output
    assert json.loads(shorter.output)["daily"][-1]["fitness"] != document["daily"][-1]["fitness"]
    wrong = cli.invoke(app, ["load", "compute", "--file", "examples/daily.csv", "--fatigue-days", "50"])
    assert wrong.exit_code == 2
    assert "fatigue_days must be shorter than fitness_days" in wrong.output


@pytest.mark.django_db
def test_load_of_a_runner_as_json(cast):
    today = today_for(cast.runner)
    for days in range(0, 40, 2):
        run(cast.runner, today - timedelta(days=days), 5)
    result = cli.invoke(app, ["load", "--user", cast.runner.email, "--weeks", "2", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document) == {"daily", "weekly", "warnings", "caveat"}
    assert len(document["weekly"]) == 2
    assert document["daily"][-1]["date"] == today.isoformat()
    table = cli.invoke(app, ["load", "--user", cast.runner.email])
    assert table.exit_code == 0, table.output
    assert "Weekly totals" in table.output
    unknown = cli.invoke(app, ["load", "--user", "nobody@example.test"])
    assert unknown.exit_code == 2
    slower = cli.invoke(
        app, ["load", "--user", cast.runner.email, "--weeks", "2", "--json", "--fitness-days", "60"]
    )
    assert slower.exit_code == 0, slower.output
    assert json.loads(slower.output)["daily"][-1]["fitness"] != document["daily"][-1]["fitness"]
    wrong = cli.invoke(app, ["load", "--user", cast.runner.email, "--fitness-days", "0"])
    assert wrong.exit_code == 2
    assert "fitness_days must be a whole number of days from 1 to 365" in wrong.output


@pytest.mark.django_db
def test_import_files_as_json_and_as_a_table(cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    fixtures = Path(__file__).parent / "fixtures"
    run_fit = fixtures / "fit" / "10kUNLP2014-Garmin15.fit"
    ride = fixtures / "fit" / "garmin-fenix-5-bike.fit"
    result = cli.invoke(app, ["import", str(run_fit), str(ride), "--user", cast.runner.email, "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [outcome["name"] for outcome in document["imported"]] == [run_fit.name]
    assert [outcome["name"] for outcome in document["skipped"]] == [ride.name]
    again = cli.invoke(app, ["import", str(run_fit), "--user", cast.runner.email])
    assert again.exit_code == 0, again.output
    assert "0 imported, 1 duplicates" in again.output
    missing = cli.invoke(app, ["import", str(tmp_path / "nope.fit"), "--user", cast.runner.email])
    assert missing.exit_code == 2


@pytest.mark.django_db
def test_import_table_counts_imports_past_the_first_ones(cast, settings, tmp_path, monkeypatch):
    from footwork.activities import cli as activities_cli

    monkeypatch.setattr(activities_cli, "IMPORTED_ROWS_SHOWN", 1)
    settings.DATA_DIR = tmp_path / "data"
    fixtures = Path(__file__).parent / "fixtures" / "fit"
    runs = [
        fixtures / "10kUNLP2014-Garmin15.fit",
        fixtures / "3386684871.fit",
        fixtures / "garmin-fenix-5-run.fit",
    ]
    broken = fixtures / "nick.fit"
    paths = [str(path) for path in [*runs, broken]]
    result = cli.invoke(app, ["import", *paths, "--user", cast.runner.email])
    assert result.exit_code == 0, result.output
    assert "… and 2 more" in result.output
    assert "nick.fit" in result.output  # what needs a look is always listed
    assert "3 imported, 0 duplicates, 0 skipped (not runs), 1 refused" in result.output


@pytest.mark.django_db
def test_import_table_lists_what_was_dropped_even_past_the_first_ones(cast, settings, tmp_path, monkeypatch):
    from footwork.activities import cli as activities_cli

    monkeypatch.setattr(activities_cli, "IMPORTED_ROWS_SHOWN", 1)
    settings.DATA_DIR = tmp_path / "data"
    fixtures = Path(__file__).parent / "fixtures" / "fit"
    # HRV-Data.fit holds one cadence sample above 260 spm; it is imported second, past the one row shown.
    paths = [str(fixtures / "10kUNLP2014-Garmin15.fit"), str(fixtures / "HRV-Data.fit")]
    result = cli.invoke(app, ["import", *paths, "--user", cast.runner.email], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "HRV-Data.fit" in result.output
    assert "dropped 1 cadence sample above 260 spm" in result.output


@pytest.mark.django_db
def test_runs_and_load_tables_in_the_runners_units_and_json_in_km(cast):
    profile = cast.runner.runner_profile
    profile.units = "mi"
    profile.save()
    today = today_for(cast.runner)
    run(cast.runner, today, 16.09344, minutes=80)
    table = cli.invoke(app, ["runs", "list", "--user", cast.runner.email], terminal_width=200)
    assert table.exit_code == 0, table.output
    assert " mi " in table.output
    assert "10.00" in table.output
    asked = cli.invoke(
        app, ["runs", "list", "--user", cast.runner.email, "--units", "km"], terminal_width=200
    )
    assert "16.09" in asked.output
    assert " km " in asked.output
    as_json = cli.invoke(app, ["runs", "list", "--user", cast.runner.email, "--json"])
    assert json.loads(as_json.output)[0]["distance_km"] == 16.09
    load = cli.invoke(app, ["load", "--user", cast.runner.email, "--weeks", "1"], terminal_width=200)
    assert load.exit_code == 0, load.output
    assert " mi " in load.output
    assert "10.0" in load.output
    wrong = cli.invoke(app, ["runs", "list", "--user", cast.runner.email, "--units", "furlongs"])
    assert wrong.exit_code == 2


def test_load_compute_in_miles(tmp_path):
    result = cli.invoke(
        app, ["load", "compute", "--file", "examples/daily.csv", "--units", "mi"], terminal_width=200
    )
    assert result.exit_code == 0, result.output
    assert " mi " in result.output
    # The warnings name their distances in miles too.
    assert "has reached 30.4 mi" in result.output
