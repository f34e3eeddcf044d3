"""Who may read a coach's private notes, written once: the coach who wrote them, about a runner they coach now.

Notes are private to their author: never the runner's (a runner is refused outright), never another coach's, and
not the next coach's either when a runner changes coach (they were written for one clinician's own use).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_visible_to
from footwork.caseload.models import CoachNote
from footwork.core.errors import NotAllowed, NotFound

NO_NOTE = "No such note."
COACHES_ONLY = "Private notes are for coaches: they are never shown to the runner."


def runner_for_notes(actor: User, runner_id: int) -> User:
    """The runner whose notes the actor may read and write: one they coach now. A runner (even about themself) is
    refused; a runner who is not the actor's client is as if they did not exist."""
    if not actor.is_authenticated or not actor.is_active or not actor.is_coach:
        raise NotAllowed(COACHES_ONLY)
    runner = runner_visible_to(actor, runner_id)
    if not runner.is_active:
        raise NotFound("No such runner.")
    return runner


def notes_about(actor: User, runner: User) -> QuerySet[CoachNote]:
    """The actor's notes about the runner, newest day first (the runner comes from runner_for_notes)."""
    return CoachNote.objects.filter(runner=runner, coach=actor).order_by("-written_on", "-pk")


def note_for(actor: User, runner: User, note_id: int) -> CoachNote:
    """One of the actor's notes about the runner; NotFound for any other id."""
    note = notes_about(actor, runner).filter(pk=note_id).first()
    if note is None:
        raise NotFound(NO_NOTE)
    return note


def note_document(note: CoachNote) -> dict[str, Any]:
    """The JSON shape of a note, for the API and `footwork notes --json`."""
    return {
        "id": note.pk,
        "runner": note.runner_id,
        "author": note.coach_id,
        "body": note.body,
        "written_on": note.written_on,
        "created_at": note.created_at,
        "updated_at": note.updated_at,
    }
