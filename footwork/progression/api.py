"""Recommendations of the pain-monitoring model, and flare-ups, over the API."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from footwork.accounts.selectors import runner_visible_to
from footwork.core.api import actor
from footwork.core.errors import NotFound
from footwork.progression import services
from footwork.progression.flareup import screening_document

router = Router(tags=["progression"])


class RecommendationOut(Schema):
    id: int
    kind: str
    plan: int | None
    prescription: int | None
    exercise: str | None
    decision: str
    light: str | None
    new_dosage: dict[str, Any] | None
    reasons: list[str]
    status: str
    created_at: datetime.datetime


class Whose(Schema):
    runner: int | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class FlareUpIn(Schema):
    area: str = Field(..., description="achilles, calf or plantar_heel")
    answers: dict[str, bool] = Field(..., description="Every red-flag question of the area: true or false")
    runner: int | None = None


class FlareUpOut(Schema):
    id: int
    area: str
    status: str
    urgency: str | None
    red_flags: list[str]
    started_on: datetime.date
    ended_on: datetime.date | None
    main_plan: int | None
    flare_plan: int | None
    exit_ready: bool
    exit_reason: str


@router.get(
    "/recommendations", response=list[RecommendationOut], summary="Current recommendations, with reasons"
)
def list_recommendations(request: HttpRequest, whose: Query[Whose]) -> list[dict[str, Any]]:
    user = actor(request)
    runner = user if whose.runner is None else runner_visible_to(user, whose.runner)
    if not runner.is_runner:
        return []
    return [services.recommendation_document(rec) for rec in services.refresh_recommendations(runner)]


@router.post(
    "/recommendations/{rec_id}/accept",
    response=RecommendationOut,
    summary="Accept: the plan changes, with its reasons",
)
def accept(request: HttpRequest, rec_id: int) -> dict[str, Any]:
    return services.recommendation_document(
        services.accept_recommendation(actor=actor(request), rec_id=rec_id)
    )


@router.post(
    "/recommendations/{rec_id}/dismiss", response=RecommendationOut, summary="Dismiss a recommendation"
)
def dismiss(request: HttpRequest, rec_id: int) -> dict[str, Any]:
    return services.recommendation_document(
        services.dismiss_recommendation(actor=actor(request), rec_id=rec_id)
    )


@router.post(
    "/flare-ups",
    response={201: dict[str, Any]},
    summary="Screen a flare-up: a referral, or the flare-up plan",
)
def start_flare_up(request: HttpRequest, payload: FlareUpIn) -> Status[dict[str, Any]]:
    flare, result = services.start_flare_up(
        actor=actor(request), area=payload.area, answers=payload.answers, runner_id=payload.runner
    )
    return Status(201, {**screening_document(result), "flare_up": services.flare_document(flare)})


@router.get(
    "/flare-ups/current", response=FlareUpOut, summary="The running flare-up plan, with its exit readiness"
)
def current(request: HttpRequest, whose: Query[Whose]) -> dict[str, Any]:
    user = actor(request)
    runner = user if whose.runner is None else runner_visible_to(user, whose.runner)
    flare = services.active_flare_up(runner) or services.latest_referral(runner)
    if flare is None:
        raise NotFound("No flare-up is running.")
    return services.flare_document(flare)


@router.post(
    "/flare-ups/current/end", response=FlareUpOut, summary="Return to the main plan once the mornings settle"
)
def end(request: HttpRequest, whose: Query[Whose]) -> dict[str, Any]:
    return services.flare_document(services.end_flare_up(actor=actor(request), runner_id=whose.runner))
