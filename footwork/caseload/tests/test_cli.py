"""`footwork notes`: a coach's private notes about a runner, read and added from the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from footwork.caseload.cli import register
from footwork.caseload.models import CoachNote

pytestmark = pytest.mark.django_db


def run(*args: str):
    import typer

    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # a group of two, so the command is named
    return CliRunner().invoke(app, ["notes", *args])


def test_a_coach_adds_and_lists_notes(cast):
    added = run("--user", cast.coach.email, "--runner", cast.runner.email, "--add", "Calf better", "--json")
    assert added.exit_code == 0, added.output
    [note] = json.loads(added.output)
    assert (note["body"], note["author"], note["runner"]) == ("Calf better", cast.coach.pk, cast.runner.pk)
    listed = run("--user", cast.coach.email, "--runner", cast.runner.email)
    assert "Calf better" in listed.output


@pytest.mark.parametrize("actor", ["runner", "other_coach"])
def test_others_are_refused(cast, actor):
    answer = run("--user", getattr(cast, actor).email, "--runner", cast.runner.email, "--add", "x")
    assert answer.exit_code == 2
    assert not CoachNote.objects.exists()


def test_an_empty_note_is_refused_with_its_reason(cast):
    answer = run("--user", cast.coach.email, "--runner", cast.runner.email, "--add", "  ")
    assert answer.exit_code == 2
    assert "empty" in answer.output
