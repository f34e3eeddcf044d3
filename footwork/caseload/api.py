"""A coach's private notes about a runner, and the runner's timeline: coaches only (a runner is refused with 403,
another coach's runner is as if it did not exist: 404)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from footwork.caseload import services
from footwork.caseload.domain import TimelineKind
from footwork.caseload.selectors import (
    entry_document,
    note_document,
    notes_about,
    runner_for_notes,
    timeline,
    timeline_window,
)
from footwork.core.api import actor, documents_response
from footwork.core.bounds import COACH_NOTE_CHARACTERS
from footwork.core.limits import Id
from footwork.core.rules import TIMELINE_MAX_DAYS, WORKSPACE_DAYS

router = Router(tags=["caseload"])

NOTE_TEXT = f"Plain text, at most {int(COACH_NOTE_CHARACTERS.high):,} characters once stripped."
NOTE_DAY = "The runner's day the note is about: up to two years back, not after the runner's today."


class NoteIn(Schema):
    body: str = Field(..., max_length=int(COACH_NOTE_CHARACTERS.high) * 2, description=NOTE_TEXT)
    written_on: datetime.date | None = Field(None, description=NOTE_DAY + " Default: the runner's today.")


class NotePatch(Schema):
    body: str | None = Field(None, max_length=int(COACH_NOTE_CHARACTERS.high) * 2, description=NOTE_TEXT)
    written_on: datetime.date | None = Field(None, description=NOTE_DAY)


class NoteOut(Schema):
    id: int
    runner: int
    author: int = Field(..., description="The coach who wrote it: the only one who reads or changes it.")
    body: str
    written_on: datetime.date
    created_at: datetime.datetime
    updated_at: datetime.datetime


class TimelineQuery(Schema):
    start: datetime.date | None = Field(
        None,
        description=f"Default: {WORKSPACE_DAYS - 1} days before end. From 1970-01-01 to ten years ahead.",
    )
    end: datetime.date | None = Field(
        None, description=f"Default: the runner's today. At most {TIMELINE_MAX_DAYS} days after start."
    )


class EntryOut(Schema):
    date: datetime.date = Field(..., description="The runner's day it happened on.")
    at: datetime.datetime | None = Field(
        ..., description="When it happened, for what has a moment (runs, messages, decisions, plan changes)."
    )
    kind: TimelineKind
    title: str
    detail: str
    link: str = Field(..., description="The page that shows it, a path on this site.")


@router.get(
    "/coach/runners/{runner_id}/notes",
    response=list[NoteOut],
    summary="Coaches: your private notes about one of your runners, newest day first (never shown to the runner)",
)
def notes(request: HttpRequest, runner_id: Id) -> list[dict[str, Any]]:
    coach = actor(request)
    runner = runner_for_notes(coach, runner_id)
    return [note_document(note) for note in notes_about(coach, runner)]


@router.post(
    "/coach/runners/{runner_id}/notes",
    response={201: NoteOut},
    summary="Coaches: keep a private note about one of your runners",
)
def add_note(request: HttpRequest, runner_id: Id, payload: NoteIn) -> Status[dict[str, Any]]:
    note = services.add_note(
        actor=actor(request), runner_id=runner_id, body=payload.body, written_on=payload.written_on
    )
    return Status(201, note_document(note))


@router.patch(
    "/coach/runners/{runner_id}/notes/{note_id}",
    response=NoteOut,
    summary="Coaches: change one of your private notes (its text, its day)",
)
def edit_note(request: HttpRequest, runner_id: Id, note_id: Id, payload: NotePatch) -> dict[str, Any]:
    note = services.edit_note(
        actor=actor(request),
        runner_id=runner_id,
        note_id=note_id,
        body=payload.body,
        written_on=payload.written_on,
    )
    return note_document(note)


@router.get(
    "/coach/runners/{runner_id}/timeline",
    response=list[EntryOut],
    summary="Coaches: everything dated about one of your runners in a window, in date order (oldest first)",
    description=(
        "Sessions, check-ins, runs, tests, questionnaires, decisions, plan changes, flare-ups, races, messages "
        "and your private notes from start to end (both included; by default the last four weeks), in date "
        "order, oldest first: by day, then (within a day) what has only a day before what has a moment, by "
        "moment, then by kind in the order of the `kind` enum."
    ),
)
def runner_timeline(request: HttpRequest, runner_id: Id, params: Query[TimelineQuery]) -> HttpResponse:
    coach = actor(request)
    runner = runner_for_notes(coach, runner_id)
    start, end = timeline_window(runner, params.start, params.end)
    return documents_response([entry_document(entry) for entry in timeline(coach, runner, start, end)])
