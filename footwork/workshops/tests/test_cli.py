"""`footwork workshops publish|list|stats|codes`: the API's documents with --json, plain words otherwise, and each
refusal's reason with a non-zero exit."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.workshops.domain import HIDDEN_WORDS
from footwork.workshops.models import AccessCode, Workshop
from footwork.workshops.tests.factories import PROGRAM, code_workshop, participants, workshop

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()
WIDE = {"COLUMNS": "200"}


def run(*args):
    return cli.invoke(app, [str(arg) for arg in args], env=WIDE)


def test_a_coach_publishes_a_workshop_by_code(cast, programs):
    done = run("workshops", "publish", "--user", cast.coach.email, "--program", PROGRAM, "--title", "Strong Feet",
               "--access", "code")  # fmt: skip
    assert done.exit_code == 0, done.output
    made = Workshop.objects.get()
    assert made.access == "code"
    assert made.summary == "Strong Feet"
    assert "Published Strong Feet." in done.output
    assert f"/w/{made.slug}/" in done.output
    assert made.shared_code in done.output


def test_publish_json_is_the_api_document(cast, programs):
    done = run("workshops", "publish", "--user", cast.coach.email, "--program", PROGRAM, "--title", "Strong Feet",
               "--json")  # fmt: skip
    made = Workshop.objects.get()
    assert json.loads(done.output) == {
        "id": made.pk,
        "slug": made.slug,
        "url": f"/w/{made.slug}/",
        "code": None,
    }


@pytest.mark.parametrize(
    ("who", "arguments", "words"),
    [
        ("runner", ["--program", PROGRAM, "--title", "x"], "This is for coaches"),
        ("coach", ["--program", "no-such", "--title", "x"], "No such program"),
        ("coach", ["--program", PROGRAM, "--title", ""], "Give the title"),
        ("coach", ["--program", PROGRAM, "--title", "x" * 101], "at most 100 characters"),
        ("coach", ["--title", "x"], "Say which program"),
    ],
)
def test_a_refused_publication_says_why_and_stores_nothing(cast, programs, who, arguments, words):
    done = run("workshops", "publish", "--user", getattr(cast, who).email, *arguments)
    assert done.exit_code == 2
    assert words in done.output
    assert not Workshop.objects.exists()


def test_a_coach_lists_their_workshops_and_a_runner_theirs(cast, programs):
    made = code_workshop(cast.coach)
    participants(made, 2)
    listed = run("workshops", "list", "--user", cast.coach.email)
    assert listed.exit_code == 0, listed.output
    assert "Stronger Feet Workshop" in listed.output
    assert "With a code" in listed.output
    assert made.shared_code in listed.output
    assert (
        json.loads(run("workshops", "list", "--user", cast.coach.email, "--json").output)[0]["participants"]
        == 2
    )
    assert "You have not joined a workshop." in run("workshops", "list", "--user", cast.runner.email).output
    joiner = made.participants.first().runner
    mine = run("workshops", "list", "--user", joiner.email)
    assert "Day 1 of 14" in mine.output
    assert cast.coach.display_name in mine.output


def test_the_figures_read_in_words_and_hide_small_numbers(cast, programs):
    made = workshop(cast.coach)
    participants(made, 2)
    shown = run("workshops", "stats", made.slug, "--user", cast.coach.email)
    assert shown.exit_code == 0, shown.output
    assert f"Participants: {HIDDEN_WORDS}" in shown.output
    assert "Single-leg heel-raise" in shown.output
    as_json = json.loads(run("workshops", "stats", made.slug, "--user", cast.coach.email, "--json").output)
    assert as_json["participants"] == HIDDEN_WORDS
    assert set(as_json["tests"]) == {"heel-raise", "forefoot-balance"}


def test_the_figures_of_another_coachs_workshop_are_not_found(cast, programs):
    made = workshop(cast.other_coach)
    done = run("workshops", "stats", made.slug, "--user", cast.coach.email)
    assert done.exit_code == 2
    assert "No such workshop." in done.output


def test_codes_print_or_go_to_a_csv_with_a_header(cast, programs, tmp_path):
    made = code_workshop(cast.coach)
    printed = run("workshops", "codes", made.slug, "--user", cast.coach.email, "--count", 3)
    assert printed.exit_code == 0, printed.output
    assert sorted(printed.output.split()) == sorted(AccessCode.objects.values_list("code", flat=True))
    target = tmp_path / "codes.csv"
    written = run("workshops", "codes", made.slug, "--user", cast.coach.email, "--count", 2, "-o", target)
    assert written.exit_code == 0, written.output
    assert "Wrote 2 single-use codes" in written.output
    rows = list(csv.reader(target.open()))
    assert rows[0] == ["code"]
    assert len(rows) == 3
    assert AccessCode.objects.count() == 5


@pytest.mark.parametrize(
    ("count", "words"), [(0, "Make from 1 to 500 codes"), (501, "Make from 1 to 500 codes")]
)
def test_refused_codes_say_why(cast, programs, count, words):
    made = code_workshop(cast.coach)
    done = run("workshops", "codes", made.slug, "--user", cast.coach.email, "--count", count)
    assert done.exit_code == 2
    assert words in done.output
    assert not AccessCode.objects.exists()


def test_an_unwritable_file_keeps_no_codes(cast, programs, tmp_path):
    made = code_workshop(cast.coach)
    done = run("workshops", "codes", made.slug, "--user", cast.coach.email, "--count", 2,
               "-o", tmp_path / "missing" / "codes.csv")  # fmt: skip
    assert done.exit_code == 2
    assert "could not be written" in done.output
    assert not AccessCode.objects.exists()


def test_an_open_workshop_needs_no_codes(cast, programs):
    made = workshop(cast.coach)
    done = run("workshops", "codes", made.slug, "--user", cast.coach.email, "--count", 2)
    assert done.exit_code == 2
    assert "needs no codes" in done.output
