"""A coach's private notes: kept and changed only by their author, about a runner they coach now, within bounds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from footwork.accounts.models import RunnerProfile
from footwork.caseload.models import CoachNote
from footwork.caseload.selectors import notes_about, runner_for_notes
from footwork.caseload.services import add_note, edit_note
from footwork.core.bounds import COACH_NOTE_CHARACTERS
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.demo.notes import NOTES, add_demo_notes

pytestmark = pytest.mark.django_db


def test_a_coach_keeps_a_note_dated_the_runners_today_by_default(cast):
    note = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="  Called her: calf better.  ")
    assert note.body == "Called her: calf better."
    assert note.written_on == today_for(cast.runner)
    assert note.coach == cast.coach
    assert list(notes_about(cast.coach, cast.runner)) == [note]


def test_notes_come_newest_day_first(cast):
    today = today_for(cast.runner)
    old = add_note(
        actor=cast.coach, runner_id=cast.runner.pk, body="Old", written_on=today - timedelta(days=9)
    )
    new = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="New")
    assert list(notes_about(cast.coach, cast.runner)) == [new, old]


@pytest.mark.parametrize("actor", ["runner", "other_runner"])
def test_a_runner_may_not_keep_or_read_notes_not_even_about_themself(cast, actor):
    with pytest.raises(NotAllowed):
        add_note(actor=getattr(cast, actor), runner_id=cast.runner.pk, body="Me")
    with pytest.raises(NotAllowed):
        runner_for_notes(getattr(cast, actor), cast.runner.pk)
    assert not CoachNote.objects.exists()


def test_only_the_runners_coach_now_keeps_notes(cast):
    with pytest.raises(NotFound):
        add_note(actor=cast.other_coach, runner_id=cast.runner.pk, body="Not mine")
    with pytest.raises(NotFound):
        add_note(actor=cast.coach, runner_id=cast.other_runner.pk, body="Not mine")
    with pytest.raises(NotFound):
        add_note(actor=cast.coach, runner_id=cast.coach.pk, body="Myself")
    note = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Mine")
    RunnerProfile.objects.filter(user=cast.runner).update(coach=None)
    # Once the link ends the coach no longer reads, adds or changes notes about the runner.
    with pytest.raises(NotFound):
        runner_for_notes(cast.coach, cast.runner.pk)
    with pytest.raises(NotFound):
        edit_note(actor=cast.coach, runner_id=cast.runner.pk, note_id=note.pk, body="Later")
    assert CoachNote.objects.get().body == "Mine"


def test_only_the_author_changes_a_note_and_a_new_coach_does_not_read_the_old_ones(cast):
    note = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Written by the first coach")
    RunnerProfile.objects.filter(user=cast.runner).update(coach=cast.other_coach)
    assert list(notes_about(cast.other_coach, cast.runner)) == []
    with pytest.raises(NotFound):
        edit_note(actor=cast.other_coach, runner_id=cast.runner.pk, note_id=note.pk, body="Mine now")
    assert CoachNote.objects.get().body == "Written by the first coach"


def test_the_author_changes_the_text_and_the_day(cast):
    note = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="First")
    day = today_for(cast.runner) - timedelta(days=2)
    changed = edit_note(
        actor=cast.coach, runner_id=cast.runner.pk, note_id=note.pk, body="Second", written_on=day
    )
    stored = CoachNote.objects.get()
    assert (changed.body, stored.body, stored.written_on) == ("Second", "Second", day)
    assert stored.updated_at >= stored.created_at
    # Another runner's path does not reach it.
    with pytest.raises(NotFound):
        edit_note(actor=cast.coach, runner_id=cast.other_runner.pk, note_id=note.pk, body="x")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("", "body"),
        ("   ", "body"),
        ("a\x00b", "body"),
        ("x" * (int(COACH_NOTE_CHARACTERS.high) + 1), "body"),
    ],
)
def test_a_note_needs_some_text_within_bounds(cast, body, field):
    with pytest.raises(InvalidInput) as refused:
        add_note(actor=cast.coach, runner_id=cast.runner.pk, body=body)
    assert refused.value.field == field
    assert not CoachNote.objects.exists()


def test_a_note_at_the_bound_is_kept(cast):
    most = int(COACH_NOTE_CHARACTERS.high)
    assert len(add_note(actor=cast.coach, runner_id=cast.runner.pk, body="x" * most).body) == most


@pytest.mark.parametrize("days", [1, -(2 * 365 + 1)])
def test_a_note_is_not_dated_ahead_of_the_runners_today_nor_years_back(cast, days):
    day = today_for(cast.runner) + timedelta(days=days)
    with pytest.raises(InvalidInput) as refused:
        add_note(actor=cast.coach, runner_id=cast.runner.pk, body="x", written_on=day)
    assert refused.value.field == "written_on"
    note = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="x")
    with pytest.raises(InvalidInput):
        edit_note(actor=cast.coach, runner_id=cast.runner.pk, note_id=note.pk, written_on=day)
    assert CoachNote.objects.get().written_on == today_for(cast.runner)


def test_the_demo_notes_are_dated_back_and_load_once():
    from footwork.accounts.tests.factories import coach as make_coach
    from footwork.accounts.tests.factories import runner as make_runner

    alex = make_coach(email="coach@footwork.example")
    maya = make_runner(coach=alex, email="runner@footwork.example")
    said: list[str] = []
    add_demo_notes(coach=alex.email, runner=maya.email, say=said.append)
    add_demo_notes(coach=alex.email, runner=maya.email, say=said.append)
    notes = list(notes_about(alex, maya))
    today = today_for(maya)
    assert [today - note.written_on for note in notes] == [timedelta(days=3), timedelta(days=12)]
    assert len(notes) == len(NOTES) == CoachNote.objects.count()
    assert [note.created_at.date() for note in notes] == [note.written_on for note in notes]
    assert len(said) == 1
