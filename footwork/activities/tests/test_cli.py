from __future__ import annotations

import json

from typer.testing import CliRunner

from footwork.cli import _register, app

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
