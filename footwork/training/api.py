"""Daily training over the API: schedule, session logs, morning check-ins and adherence."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from footwork.accounts.models import User
from footwork.core.api import (
    RECORDED_AT_DESCRIPTION,
    Window,
    actor,
    documents_response,
    runner_of_window,
    whose,
)
from footwork.core.limits import Id
from footwork.training import selectors, services
from footwork.training.domain import SetEntry
from footwork.training.models import MorningCheckin

router = Router(tags=["training"])


class SetValues(Schema):
    """What one set holds, however the exercise is named (SetIn, DaySetIn)."""

    set_number: int
    side: Literal["left", "right", "both"] = "both"
    reps: int | None = None
    hold_seconds: int | None = None
    jumps: int | None = None
    load_kg: float | None = None
    pain_during: int | None = None


class SetIn(SetValues):
    prescription: Id | None = None
    exercise: str = ""


class DatedSessionRef(Schema):
    plan: Id
    session: Id
    scheduled_date: datetime.date


class SessionLogIn(Schema):
    client_uuid: uuid.UUID
    dated_session: DatedSessionRef | None = Field(
        None, description="The dated session done, or null for an extra session."
    )
    date: datetime.date | None = Field(None, description="The local date it was done; default today.")
    sets: list[SetIn]
    rpe: int | None = Field(None, description="Session effort, Borg CR-10 (0-10).")
    pain_after: int | None = None
    notes: str = ""
    recorded_at: datetime.datetime | None = Field(None, description=RECORDED_AT_DESCRIPTION)


class DaySetIn(SetValues):
    exercise: str = Field(..., description="The library slug of an exercise of the day's session")


class DaySessionIn(Schema):
    client_uuid: uuid.UUID
    date: datetime.date | None = Field(
        None,
        description="The day whose session was done (the runner's local date); default the day it was made.",
    )
    sets: list[DaySetIn]
    rpe: int | None = Field(None, description="Session effort, Borg CR-10 (0-10).")
    pain_after: int | None = None
    notes: str = ""
    recorded_at: datetime.datetime | None = Field(None, description=RECORDED_AT_DESCRIPTION)


class SetOut(Schema):
    prescription: int | None
    exercise: str
    set_number: int
    side: str
    reps: int | None
    hold_seconds: int | None
    jumps: int | None
    load_kg: float | None
    pain_during: int | None


RECORDED_OUT = (
    "When it was made on the phone, for an entry sent later (offline); null for one sent as it was made."
)


class SessionLogOut(Schema):
    id: int
    client_uuid: str
    plan: int | None
    session: int | None
    scheduled_date: datetime.date | None
    date: datetime.date
    rpe: int | None
    pain_after: int | None
    notes: str
    sets: list[SetOut]
    recorded_at: datetime.datetime | None = Field(..., description=RECORDED_OUT)


class AreaAnswer(Schema):
    pain: int = Field(description="0-10")
    stiffness: int = Field(description="0-10")


class CheckinIn(Schema):
    client_uuid: uuid.UUID
    pain: int | None = Field(None, description="0-10; with areas, leave it out (it is their worst).")
    stiffness: int | None = Field(None, description="0-10; with areas, leave it out (it is their worst).")
    areas: dict[str, AreaAnswer] | None = Field(
        None, description='Per painful area of the profile: {"achilles": {"pain": 2, "stiffness": 1}, ...}.'
    )
    date: datetime.date | None = None
    note: str = ""
    recorded_at: datetime.datetime | None = Field(None, description=RECORDED_AT_DESCRIPTION)


class CheckinOut(Schema):
    id: int
    client_uuid: str
    date: datetime.date
    pain: int = Field(description="The worst of the areas when asked per area.")
    stiffness: int = Field(description="The worst of the areas when asked per area.")
    areas: dict[str, AreaAnswer] = Field(description="Per area, in the profile's order; {} when asked once.")
    note: str
    recorded_at: datetime.datetime | None = Field(..., description=RECORDED_OUT)


class ScheduleItemOut(Schema):
    plan: int
    program: str
    session: int
    session_name: str
    minutes: int
    scheduled_date: datetime.date
    date: datetime.date
    status: Literal["done", "partial", "skipped", "missed", "due", "upcoming", "held_back", "rested"] = Field(
        ...,
        description=(
            "held_back: every exercise of it is held back by an exclusion; rested: the runner's race plan has no "
            "strength work that day (days 2 to 0 before a race, the first days after it); neither is counted as "
            "scheduled"
        ),
    )
    moved: bool
    skipped: bool
    reason: str
    week_in_phase: int


class WeekOut(Schema):
    week_start: datetime.date
    scheduled: int
    done: int
    partial: int
    percent: int | None


class StreakOut(Schema):
    current: int
    longest: int


class AdherenceQuery(Schema):
    weeks: int = Field(4, ge=1, le=52)
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class AdherenceOut(Schema):
    weeks: list[WeekOut]
    streak: StreakOut


def submit_log(user: User, payload: SessionLogIn) -> services.Saved:
    """The one way a session log enters, for the API and `footwork log --file`."""
    ref = payload.dated_session
    return services.log_session(
        actor=user,
        client_uuid=payload.client_uuid,
        entries=[
            SetEntry(
                item.prescription,
                item.exercise,
                item.set_number,
                item.side,
                item.reps,
                item.hold_seconds,
                item.jumps,
                item.load_kg,
                item.pain_during,
            )
            for item in payload.sets
        ],
        day=payload.date,
        plan_id=ref.plan if ref else None,
        session_id=ref.session if ref else None,
        scheduled_date=ref.scheduled_date if ref else None,
        rpe=payload.rpe,
        pain_after=payload.pain_after,
        notes=payload.notes,
        recorded_at=payload.recorded_at,
    )


@router.get(
    "/schedule", response=list[ScheduleItemOut], summary="Dated sessions in a window, with their status"
)
def schedule(request: HttpRequest, window: Query[Window]) -> list[dict[str, Any]]:
    runner = runner_of_window(request, window)
    return [item.document() for item in selectors.training_picture(runner).between(window.start, window.end)]


@router.post(
    "/session-logs",
    response={201: SessionLogOut, 200: SessionLogOut},
    summary="Log a done session (idempotent by client_uuid)",
)
def create_session_log(request: HttpRequest, payload: SessionLogIn) -> Status[dict[str, Any]]:
    saved = submit_log(actor(request), payload)
    return Status(201 if saved.created else 200, selectors.session_log_document(saved.record))


def _day_entry(item: DaySetIn) -> SetEntry:
    """A set of the day's session: named by its exercise (log_day finds each plan's prescription)."""
    amounts = (item.reps, item.hold_seconds, item.jumps, item.load_kg, item.pain_during)
    return SetEntry(None, item.exercise, item.set_number, item.side, *amounts)


@router.post(
    "/today/session",
    response={201: list[SessionLogOut], 200: list[SessionLogOut]},
    summary="Log the day's one session, as the session player does: each plan's part its own log (idempotent)",
)
def log_day_session(request: HttpRequest, payload: DaySessionIn) -> Status[list[dict[str, Any]]]:
    logged = services.log_day(
        actor=actor(request),
        client_uuid=payload.client_uuid,
        entries=[_day_entry(item) for item in payload.sets],
        day=payload.date,
        rpe=payload.rpe,
        pain_after=payload.pain_after,
        notes=payload.notes,
        recorded_at=payload.recorded_at,
    )
    status = 201 if any(saved.created for saved in logged) else 200
    return Status(status, [selectors.session_log_document(saved.record) for saved in logged])


@router.get("/session-logs", response=list[SessionLogOut], summary="Logged sessions in a window")
def list_session_logs(request: HttpRequest, window: Query[Window]) -> HttpResponse:
    runner = runner_of_window(request, window)
    return documents_response(selectors.session_log_documents(runner, window.start, window.end))


@router.post(
    "/checkins",
    response={201: CheckinOut, 200: CheckinOut},
    summary="Morning check-in (one a day, editable that day)",
)
def create_checkin(request: HttpRequest, payload: CheckinIn) -> Status[dict[str, Any]]:
    areas = payload.areas
    saved = services.check_in(
        actor=actor(request),
        client_uuid=payload.client_uuid,
        pain=payload.pain,
        stiffness=payload.stiffness,
        areas={area: (answer.pain, answer.stiffness) for area, answer in areas.items()} if areas else None,
        day=payload.date,
        note=payload.note,
        recorded_at=payload.recorded_at,
    )
    return Status(201 if saved.created else 200, _checkin_out(saved.record))


@router.get("/checkins", response=list[CheckinOut], summary="Morning check-ins in a window")
def list_checkins(request: HttpRequest, window: Query[Window]) -> HttpResponse:
    runner = runner_of_window(request, window)
    return documents_response(selectors.checkin_documents(runner, window.start, window.end))


def _checkin_out(checkin: MorningCheckin) -> dict[str, Any]:
    return {**selectors.checkin_document(checkin), "areas": checkin.areas or {}}


@router.get("/adherence", response=AdherenceOut, summary="Weekly adherence and streaks")
def adherence(request: HttpRequest, params: Query[AdherenceQuery]) -> dict[str, Any]:
    return selectors.training_picture(whose(request, params.runner)).adherence_document(params.weeks)
