from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.exercises.models import Exercise
from footwork.exercises.tests.factories import small_library, write_library

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()


def run(*args):
    result = cli.invoke(app, list(args))
    return result


def test_library_load_is_idempotent_and_reports(tmp_path):
    path = write_library(tmp_path / "lib.yaml", small_library())
    first = run("library", "load", str(path))
    assert first.exit_code == 0, first.output
    assert "4 exercises" in first.output
    second = run("library", "load", str(path))
    assert second.exit_code == 0
    assert Exercise.objects.count() == 4


def test_library_load_refuses_a_bad_file_naming_record_and_field(tmp_path):
    records = small_library()
    records[1]["dosage"]["sets"] = -1
    result = run("library", "load", str(write_library(tmp_path / "bad.yaml", records)))
    assert result.exit_code == 1
    assert "single-leg-heel-raise: dosage.sets: must be from 1 to 20, not -1" in result.output
    assert "nothing changed" in result.output
    assert not Exercise.objects.exists()


def test_exercises_list_and_show_as_json(tmp_path):
    run("library", "load", str(write_library(tmp_path / "lib.yaml", small_library())))
    listed = run("exercises", "list", "--target", "soleus", "--equipment", "weight", "--json")
    assert listed.exit_code == 0, listed.output
    assert [item["slug"] for item in json.loads(listed.output)] == [
        "seated-soleus-raise",
        "loaded-single-leg-heel-raise",
    ]
    shown = run("exercises", "show", "single-leg-heel-raise", "--json")
    document = json.loads(shown.output)
    assert document["dosage"]["text"] == "3 sets × 10–15 reps each side"
    assert document["regressions"][0]["slug"] == "double-leg-heel-raise"
    table = run("exercises", "list", "--category", "strength")
    assert "single-leg-heel-raise" in table.output


def test_cli_refuses_unknown_filters_and_slugs(tmp_path):
    run("library", "load", str(write_library(tmp_path / "lib.yaml", small_library())))
    assert run("exercises", "list", "--target", "wings").exit_code == 2
    assert run("exercises", "show", "moon-walk").exit_code == 1


def test_demo_is_idempotent(tmp_path):
    from footwork.accounts.models import User

    first = run("demo")
    assert first.exit_code == 0, first.output
    assert "runner@footwork.example" in first.output
    counts = (User.objects.count(), Exercise.objects.count())
    assert run("demo").exit_code == 0
    assert (User.objects.count(), Exercise.objects.count()) == counts == (4, 1)  # the coach and three runners
    maya = User.objects.get(email="runner@footwork.example")
    coach = maya.runner_profile.coach
    assert coach is not None
    assert coach.email == "coach@footwork.example"
    assert maya.check_password("demo-runner-pass")
