"""`footwork progress decide`: the example file, and the optional keys parse_history does not read. No database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from footwork.cli import _register, app

_register()
cli = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "history.json"


def decide_file(tmp_path: Path, document: dict[str, Any], *options: str) -> Any:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(document))
    return cli.invoke(app, ["progress", "decide", "--file", str(path), *options])


def example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return document


def test_the_example_decides_with_the_librarys_names_and_units():
    result = cli.invoke(app, ["progress", "decide", "--file", str(EXAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [item["decision"] for item in document["decisions"]] == ["progress", "hold", "hold"]
    assert document["held_back"] == document["decisions"][2]["held_back"]
    reasons = " | ".join(document["decisions"][0]["reasons"])
    assert "15 → 20 seconds each side" in reasons
    assert "pain during Double-leg pogo hops was 3/10 (amber)" in document["decisions"][2]["held_back"][0]
    text = cli.invoke(app, ["progress", "decide", "--file", str(EXAMPLE)]).output
    assert "forefoot-balance-step-edge" not in text
    assert "2026-11" not in text


def test_the_optional_keys_are_applied(tmp_path):
    document = example()
    document["red_flag_areas"] = ["achilles"]
    document["names"] = {"single-leg-heel-raise-step": "Heel raise off a step"}
    calf = document["prescriptions"][1]
    calf.update({"areas": ["achilles"], "name": "Calf raise", "unit": "lifts", "counts_from": "2026-11-20"})
    last = document["checkins"][-1]
    last["areas"] = {"achilles": {"pain": last["pain"], "stiffness": last["stiffness"]}}
    result = decide_file(tmp_path, document, "--json")
    assert result.exit_code == 0, result.output
    balance, calf_decision, _pogo = json.loads(result.output)["decisions"]
    assert (calf_decision["decision"], calf_decision["light"]) == ("stop", "red")
    assert calf_decision["held_back"] == [
        "red flag reported for the Achilles: stop training this area and see a clinician"
    ]
    assert balance["decision"] == "progress"
    assert json.loads(result.output)["running"]["advice"] == "pause"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"red_flag_areas": "achilles"}, "red_flag_areas: must be a list of areas"),
        ({"names": ["x"]}, "names: must be an object"),
        ({"prescriptions.0.counts_from": "20/11/2026"}, "prescriptions[0].counts_from: must be a date"),
        ({"prescriptions.0.per_side": "yes"}, "prescriptions[0].per_side: must be true or false"),
        ({"prescriptions.0.unit": ""}, "prescriptions[0].unit: must be non-empty text"),
        ({"checkins.0.areas": {"achilles": {"pain": 11, "stiffness": 0}}}, "checkins[0].areas.achilles.pain"),
        ({"checkins.0.areas": {"achilles": {"pain": 0, "stiffness": 0}}}, "must be the worst of its areas"),
    ],
)
def test_a_bad_optional_key_is_refused_by_name(tmp_path, change, message):
    document = example()
    for path, value in change.items():
        *parents, last = path.split(".")
        target: Any = document
        for name in parents:
            target = target[int(name)] if name.isdigit() else target[name]
        target[last] = value
    if "checkins.0.areas" in change:
        document["checkins"][0].update({"pain": 1, "stiffness": 1})
    result = decide_file(tmp_path, document)
    assert result.exit_code == 2
    assert message in result.output.replace("\n", " ")
