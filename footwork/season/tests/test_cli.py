"""`footwork season plan --file SEASON.json [--json]`: no database, the exact JSON keys, plain words, refusals."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.season.domain import Phase, Strength

_register()
cli = CliRunner()
EXAMPLE = "examples/season.json"
WIDE = {"COLUMNS": "200"}


def plan(*args: str, env: dict[str, str] | None = None):
    return cli.invoke(app, ["season", "plan", *args], env=env)


def test_plan_as_json_needs_no_database():
    # No django_db mark: any database access fails this test.
    result = plan("--file", EXAMPLE, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document) == {"races", "phases", "days", "warnings"}
    assert {key for race in document["races"] for key in race} == {
        "name",
        "date",
        "distance_km",
        "priority",
        "in_plan",
    }
    assert all(set(phase) == {"phase", "start", "end", "race"} for phase in document["phases"])
    assert all(
        set(day) == {"date", "phase", "race", "days_to_race", "strength", "running"}
        and set(day["running"]) == {"min_percent", "max_percent", "note"}
        for day in document["days"]
    )
    assert {day["phase"] for day in document["days"]} == {phase.value for phase in Phase}
    assert {day["strength"] for day in document["days"]} == {strength.value for strength in Strength}
    assert document["days"][0]["date"] == "2026-05-04"
    assert (
        document["days"][-1]["date"] == "2027-05-03"
    )  # Boston's recovery ends 14 days after Mon 19 Apr 2027
    chicago = next(day for day in document["days"] if day["date"] == "2026-10-11")
    assert (chicago["phase"], chicago["race"], chicago["days_to_race"], chicago["strength"]) == (
        "race",
        "Chicago Marathon",
        0,
        "none",
    )
    last_heavy = next(day for day in document["days"] if day["date"] == "2026-09-27")
    assert (last_heavy["phase"], last_heavy["strength"], last_heavy["days_to_race"]) == (
        "taper",
        "last_heavy",
        -14,
    )
    assert last_heavy["running"]["min_percent"] == 60
    assert "42–49 km" in last_heavy["running"]["note"]  # 60-70 % of the file's 70 km peak week
    assert [phase["phase"] for phase in document["phases"]].count("comeback") == 1


def test_plan_as_a_table_in_plain_words():
    result = plan("--file", EXAMPLE, env=WIDE)
    assert result.exit_code == 0, result.output
    text = result.output
    for words in (
        "Sun 11 Oct",
        "Mon 19 Apr 2027",
        "Last heavy session",
        "Half load",
        "Race day",
        "Comeback",
        "Taper",
    ):
        assert words in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    for slug in ("last_heavy", "half_load", "comeback ", "taper_week", "Phase.", "Strength."):
        assert slug not in text


def test_a_season_with_warnings(tmp_path):
    file = tmp_path / "season.json"
    races = [
        {"name": "Spring", "date": "2026-06-07", "distance_km": 42.195, "priority": "A"},
        {"name": "Too soon", "date": "2026-06-14", "distance_km": 42.195, "priority": "A"},
    ]
    file.write_text(json.dumps({"today": "2026-05-04", "races": races}))
    document = json.loads(plan("--file", str(file), "--json").output)
    kinds = [(warning["kind"], warning["race"]) for warning in document["warnings"]]
    assert ("too_close", "Too soon") in kinds
    table = plan("--file", str(file), env=WIDE)
    assert table.exit_code == 0
    assert "inside its 14-day recovery" in table.output


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "is not valid JSON"),
        ('{"today": "2026-05-04", "races": [], "peak_weekly_km": NaN}', "numbers must be finite"),
        ('{"today": "2026-02-30", "races": []}', "today: 2026-02-30 is not a date on the calendar"),
        (
            '{"today": "2026-05-04", "races": [{"name": "X", "date": "2026-10-11", "distance_km": 5, "priority": "Z"}]}',
            'races[0].priority: "Z" is not a priority (A, B or C)',
        ),
        (
            '{"today": "2026-05-04", "races": [{"name": "X"}]}',
            "races[0]: missing date, distance_km, priority",
        ),
    ],
)
def test_refusals_are_one_line_with_exit_code_2(tmp_path, content, words):
    file = tmp_path / "season.json"
    file.write_text(content)
    result = plan("--file", str(file), "--json")
    assert result.exit_code == 2
    assert words in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unreadable_files_are_refused(tmp_path):
    missing = plan("--file", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2
    assert "cannot be read" in missing.output
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    refused = plan("--file", str(binary))
    assert refused.exit_code == 2
    assert "is not UTF-8 text" in refused.output
