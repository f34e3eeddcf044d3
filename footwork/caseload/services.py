"""The only writes of the caseload: a coach's private notes about a runner they coach now, changed by their author."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from footwork.accounts.models import RunnerProfile, User
from footwork.accounts.selectors import seen_by_a_coach
from footwork.caseload.models import CoachNote, RunnerStanding
from footwork.caseload.selectors import note_for, runner_for_notes
from footwork.caseload.selectors.roster import STANDING_COLUMNS, standing_fields, standings_now
from footwork.core.bounds import COACH_NOTE_CHARACTERS, COACH_NOTE_DATE
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotFound


def note_problem(body: str) -> str | None:
    """None for a note's text (already stripped) that may be kept, else why not."""
    if "\x00" in body:
        return "A note may not hold a NUL character."
    if not body:
        return "Write something first: the note is empty."
    most = int(COACH_NOTE_CHARACTERS.high)
    if len(body) > most:
        return f"A note holds at most {most:,} characters; this one has {len(body):,}."
    return None


def _text(body: str) -> str:
    text = body.strip()
    problem = note_problem(text)
    if problem:
        raise InvalidInput(problem, field="body")
    return text


def _day(runner: User, written_on: date) -> date:
    reason = COACH_NOTE_DATE.check(written_on, today=today_for(runner))
    if reason is not None:
        raise InvalidInput(reason[:1].upper() + reason[1:] + ".", field="written_on")
    return written_on


def _lock_link(coach: User, runner: User) -> None:
    """Hold the runner's profile row, so the link cannot end while this write stands on it; NotFound if it ended."""
    if not RunnerProfile.objects.select_for_update().filter(user=runner, coach=coach).exists():
        raise NotFound("No such runner.")


@transaction.atomic
def add_note(*, actor: User, runner_id: int, body: str, written_on: date | None = None) -> CoachNote:
    """Keep a private note about a runner the actor coaches now, dated the runner's today unless said."""
    runner = runner_for_notes(actor, runner_id)
    text = _text(body)
    day = _day(runner, written_on or today_for(runner))
    _lock_link(actor, runner)
    return CoachNote.objects.create(coach=actor, runner=runner, body=text, written_on=day)


@transaction.atomic
def edit_note(
    *, actor: User, runner_id: int, note_id: int, body: str | None = None, written_on: date | None = None
) -> CoachNote:
    """Change the text or the day of one's own note; nobody else's is found."""
    runner = runner_for_notes(actor, runner_id)
    note = note_for(actor, runner, note_id)
    fields = []
    if body is not None:
        note.body = _text(body)
        fields.append("body")
    if written_on is not None:
        note.written_on = _day(runner, written_on)
        fields.append("written_on")
    if fields:
        _lock_link(actor, runner)
        note.save(update_fields=[*fields, "updated_at"])
    return note


def refresh_standings(runners: list[User]) -> int:
    """Keep the runners' roster standings (caseload.models.RunnerStanding) as their records say today: called by
    core.derived after every write to a runner's inputs, inside its transaction, and by the daily job for the day's
    turn. One upsert, so writes for the same runner at once leave one row; returns how many were kept."""
    found = standings_now(runners)
    RunnerStanding.objects.bulk_create(
        [RunnerStanding(runner_id=runner_id, **standing_fields(found[runner_id])) for runner_id in found],
        update_conflicts=True,
        unique_fields=["runner"],
        update_fields=[*STANDING_COLUMNS, "updated_at"],
    )
    return len(found)


def refresh_standing(runner: User) -> None:
    """core.derived's refresher: the runner's standing, if a coach has them on a roster (their own, or one they share
    their data with). A self-guided runner's writes keep none (no roster reads it); one who joins a coach is counted on the spot until their next write or
    the daily job."""
    if runner.is_runner and seen_by_a_coach(runner):
        refresh_standings([runner])
