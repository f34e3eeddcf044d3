"""`/api/v1/programs` and `/api/v1/plans`: templates, enrolling, a plan and its edits."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from footwork.core.api import actor
from footwork.core.errors import InvalidInput
from footwork.core.limits import Id
from footwork.programs import selectors, services
from footwork.programs.models import WHY_MAX_LENGTH

router = Router(tags=["programs"])


class ProgramSummary(Schema):
    slug: str
    name: str
    goal: str
    duration_weeks: int
    private: bool


class PrescriptionOut(Schema):
    id: int
    exercise: str
    exercise_name: str
    sets: int
    kind: str
    amount: int
    unit: str
    per_side: bool
    load_kg: float | None
    load: str
    tempo: str
    rest_seconds: int
    notes: str
    progression: dict[str, Any] | None
    progression_text: str
    held_back: bool = Field(
        description="An exclusion holds it back now: skip it until it comes back by itself."
    )
    held_back_reason: str | None


class SessionOut(Schema):
    id: int
    name: str
    minutes: int
    prescriptions: list[PrescriptionOut]


class PhaseOut(Schema):
    id: int
    name: str
    weeks: int
    days: dict[str, Any]
    notes: str
    sessions: list[SessionOut]


class ProgramOut(ProgramSummary):
    audience: str
    description: str
    phases: list[PhaseOut]


class PlanChangeOut(Schema):
    at: datetime.datetime
    actor: str | None
    what: str
    why: str


class PlanOut(Schema):
    id: int
    runner: int
    source: str | None
    start_date: datetime.date
    status: str
    program: ProgramOut
    changes: list[PlanChangeOut]


class PlanIn(Schema):
    program: str
    start_date: datetime.date
    runner: Id | None = None
    replace: bool = Field(
        False, description="End the runner's current plan of this program (history kept) and enrol afresh."
    )


class WhyIn(Schema):
    why: str | None = Field(None, max_length=WHY_MAX_LENGTH, description="Why; kept in the plan's history.")


class PrescriptionPatch(Schema):
    exercise: str | None = None
    sets: int | None = None
    kind: Literal["reps", "hold_seconds", "jumps"] | None = None
    amount: int | None = None
    per_side: bool | None = None
    load_kg: float | None = None
    load_note: str | None = None
    tempo: str | None = None
    rest_seconds: int | None = None
    notes: str | None = None
    progression: dict[str, Any] | None = None
    why: str = Field("", description="Why the change is made; kept in the plan's history.")


class OverrideIn(Schema):
    session: Id
    scheduled_date: datetime.date
    new_date: datetime.date | None = None
    skip: bool = False
    reason: str = ""


@router.get("/programs", response=list[ProgramSummary], summary="Program templates you can enrol in")
def list_programs(request: HttpRequest) -> list[dict[str, Any]]:
    programs = selectors.visible_templates(actor(request)).order_by("name")
    return [
        {
            "slug": p.slug,
            "name": p.name,
            "goal": p.goal,
            "duration_weeks": p.duration_weeks,
            "private": p.owner_id is not None,
        }
        for p in programs
    ]


@router.get(
    "/programs/{slug}", response=ProgramOut, summary="One program with its phases, sessions and prescriptions"
)
def get_program(request: HttpRequest, slug: str) -> dict[str, Any]:
    return selectors.program_document(selectors.template_for(actor(request), slug))


@router.post("/plans", response={201: PlanOut}, summary="Enrol (a runner) or assign to a client (a coach)")
def create_plan(request: HttpRequest, payload: PlanIn) -> Status[dict[str, Any]]:
    plan = services.enroll(
        actor=actor(request),
        program_slug=payload.program,
        start_date=payload.start_date,
        runner_id=payload.runner,
        replace=payload.replace,
    )
    return Status(201, selectors.plan_document(plan))


@router.post("/plans/{plan_id}/pause", response=PlanOut, summary="Pause a plan (the runner or their coach)")
def pause_plan(request: HttpRequest, plan_id: Id, payload: WhyIn | None = None) -> dict[str, Any]:
    why = payload.why if payload else ""
    return selectors.plan_document(services.pause_plan(actor=actor(request), plan_id=plan_id, why=why))


@router.post(
    "/plans/{plan_id}/resume",
    response=PlanOut,
    summary="Resume a plan paused by hand (one paused for a flare-up comes back when it ends)",
)
def resume_plan(request: HttpRequest, plan_id: Id, payload: WhyIn | None = None) -> dict[str, Any]:
    why = payload.why if payload else ""
    return selectors.plan_document(services.resume_plan(actor=actor(request), plan_id=plan_id, why=why))


@router.post("/plans/{plan_id}/end", response=PlanOut, summary="End a plan for good (history and logs kept)")
def end_plan(request: HttpRequest, plan_id: Id, payload: WhyIn | None = None) -> dict[str, Any]:
    why = payload.why if payload else ""
    return selectors.plan_document(services.end_plan(actor=actor(request), plan_id=plan_id, why=why))


@router.get("/plans/{plan_id}", response=PlanOut, summary="A plan you may see")
def get_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    return selectors.plan_document(selectors.plan_for(actor(request), plan_id))


@router.patch(
    "/plans/{plan_id}/prescriptions/{prescription_id}",
    response=PlanOut,
    summary="Tailor one prescription of a plan",
)
def patch_prescription(
    request: HttpRequest, plan_id: Id, prescription_id: Id, payload: PrescriptionPatch
) -> dict[str, Any]:
    user = actor(request)
    plan = selectors.plan_for(user, plan_id)
    changes = payload.model_dump(exclude_unset=True)
    why = changes.pop("why", "")
    services.update_prescription(
        actor=user, prescription_id=prescription_id, changes=changes, why=why, plan_id=plan.pk
    )
    return selectors.plan_document(plan)


@router.post(
    "/plans/{plan_id}/overrides", response=PlanOut, summary="Move a dated session to another day, or skip it"
)
def override_session(request: HttpRequest, plan_id: Id, payload: OverrideIn) -> dict[str, Any]:
    user = actor(request)
    if payload.skip:
        services.skip_session(
            actor=user,
            plan_id=plan_id,
            session_id=payload.session,
            original_date=payload.scheduled_date,
            reason=payload.reason,
        )
    elif payload.new_date is not None:
        services.move_session(
            actor=user,
            plan_id=plan_id,
            session_id=payload.session,
            original_date=payload.scheduled_date,
            new_date=payload.new_date,
            reason=payload.reason,
        )
    else:
        raise InvalidInput(
            "Give a new_date to move the session, or skip: true with a reason.", field="new_date"
        )
    return selectors.plan_document(selectors.plan_for(user, plan_id))
