"""Recommendations of the pain-monitoring model, and flare-ups, over the API."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from footwork.accounts.models import User
from footwork.core.api import RECORDED_AT_DESCRIPTION, actor, whose
from footwork.core.errors import NotFound
from footwork.core.limits import Id
from footwork.progression import selectors, services
from footwork.progression.flareup import screening_document
from footwork.season.selectors.recovery import recovery_context
from footwork.season.selectors.today import day_document
from footwork.training.selectors import checkin_on
from footwork.workshops.selectors import today_documents

router = Router(tags=["progression"])


class RecommendationOut(Schema):
    id: int
    kind: str
    plan: int | None
    prescription: int | None
    exercise: str | None
    name: str
    title: str
    decision: str
    light: str | None
    new_dosage: dict[str, Any] | None
    reasons: list[str]
    status: str
    created_at: datetime.datetime
    note: str | None


class ClearIn(Schema):
    note: str = Field("", max_length=1000, description="Why it is cleared (required from a coach; kept).")
    seen_on: datetime.date | None = Field(
        None, description="Self-guided runners: the day a clinician saw them (not in the future)."
    )


class TodayItemOut(Schema):
    plan: int
    session: int
    prescription: int
    exercise: str = Field(..., description="The library slug of the exercise")
    name: str
    dosage: str
    held_back: bool
    held_back_reason: str | None
    rested: bool = Field(..., description="Not to be done today because the race plan rests it (no warning)")
    rested_reason: str | None
    plans: list[dict[str, Any]] = Field(..., description="Every plan that prescribes it today")


class TodayAdaptationOut(Schema):
    strength: str = Field(
        ...,
        description="The race plan's strength rule of the day: last_heavy, maintenance, activation, none, light or "
        "half_load (a normal day has no adaptation)",
    )
    reason: str = Field(..., description="Why, in the runner's words")
    coach_reason: str = Field(..., description="Why, in a coach's words")


class TodaySessionOut(Schema):
    minutes: int
    done: bool
    adaptation: TodayAdaptationOut | None = Field(
        ..., description="How the race plan changes today's session"
    )
    items: list[TodayItemOut]


class TodayRunningReasonOut(Schema):
    source: str = Field(..., description="phase, symptoms or load")
    reason: str
    sets_limit: bool = Field(..., description="This source sets today's limit (the smallest wins)")


class TodayRunningOut(Schema):
    limit_percent: int | None = Field(
        ...,
        description="Today's running as % of the usual week (0: none or walking); null: nothing limits it",
    )
    limit_km: float | None = Field(
        ..., description="The limit in km, when the usual weekly distance is known"
    )
    paused: bool
    no_increase: bool = Field(..., description="A load warning: do not increase this week")
    sentence: str
    coach_sentence: str
    reasons: list[TodayRunningReasonOut]


class TodayLessonOut(Schema):
    id: int
    title: str
    unlock_day: int
    media_kind: str | None = Field(..., description="photo, video, or null for none")
    read: bool
    new_today: bool = Field(..., description="Unlocked on this very day of the workshop")


class TodayAnnouncementOut(Schema):
    id: int
    body: str
    posted_at: datetime.datetime


class TodayWorkshopOut(Schema):
    slug: str
    title: str
    url: str = Field(..., description="The workshop's landing page, a path on this site")
    day: int = Field(
        ..., description="The runner's day of the workshop: 1 on day one; 0 or less before a cohort"
    )
    starts_on: datetime.date
    lessons: list[TodayLessonOut] = Field(
        ..., description="Unlocked so far, in order; their text: GET /api/v1/workshops/{slug}/lessons"
    )
    announcements: list[TodayAnnouncementOut] = Field(
        ..., description="The coach's recent words, newest first"
    )


class TodayOut(Schema):
    date: datetime.date
    checked_in: bool
    session: TodaySessionOut
    decisions: list[RecommendationOut]
    summary: str
    referral: bool
    streak: dict[str, int]
    week: dict[str, int | None]
    running: TodayRunningOut = Field(
        ...,
        description="Today's running: the season's phase, the symptoms and the load warnings; the smallest wins",
    )
    workshops: list[TodayWorkshopOut] = Field(
        ..., description="The workshops the runner joined, on their day"
    )


class Whose(Schema):
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class FlareUpIn(Schema):
    area: str = Field(..., description="achilles, calf or plantar_heel")
    answers: dict[str, bool] = Field(..., description="Every red-flag question of the area: true or false")
    runner: Id | None = None
    client_uuid: uuid.UUID | None = Field(
        None,
        description="Made by the client: the same screening sent twice is stored once (answered as the first).",
    )
    recorded_at: datetime.datetime | None = Field(None, description=RECORDED_AT_DESCRIPTION)


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


class FlareRecoveryOut(Schema):
    race: int = Field(..., description="The race whose recovery the flare-up falls in")
    race_name: str = Field(..., description="The race's short name: Chicago")
    day: int = Field(
        ..., description="The recovery day (1: the day after the race); 0: race day, after a hiccup"
    )
    hiccup: bool = Field(..., description="The race's result has a pain past the red line")
    note: str = Field(..., description="The recovery's limits beside the toolbox, in the runner's words")


class FlareUpCurrentOut(FlareUpOut):
    recovery: FlareRecoveryOut | None = Field(
        ..., description="The race recovery today lies in (CLINICAL §6.4); null outside one"
    )


def _recovery_document(runner: User) -> dict[str, Any] | None:
    """The race recovery today lies in, in the shape of FlareRecoveryOut; None outside one."""
    context = recovery_context(runner)
    if context is None:
        return None
    return FlareRecoveryOut(
        race=context.race.pk,
        race_name=context.name,
        day=context.day,
        hiccup=context.hiccup,
        note=context.note,
    ).model_dump()


@router.get(
    "/recommendations", response=list[RecommendationOut], summary="Current recommendations, with reasons"
)
def list_recommendations(request: HttpRequest, params: Query[Whose]) -> list[dict[str, Any]]:
    runner = whose(request, params.runner)
    if not runner.is_runner:
        return []
    return [selectors.recommendation_document(rec) for rec in selectors.open_recommendations(runner)]


@router.get("/today", response=TodayOut, summary="The runner's day: one session, decisions, streak, week")
def today(request: HttpRequest, params: Query[Whose]) -> dict[str, Any]:
    runner = whose(request, params.runner)
    if not runner.is_runner:
        raise NotFound("Choose one of your runners.")
    day = selectors.runner_day(runner)
    document = day_document(runner, day, checkin_on(runner, day.picture.today) is not None)
    return {**document, "workshops": today_documents(runner, day.picture.today)}


@router.post(
    "/recommendations/{rec_id}/accept",
    response=RecommendationOut,
    summary="Accept: the plan changes, with its reasons",
)
def accept(request: HttpRequest, rec_id: Id) -> dict[str, Any]:
    return selectors.recommendation_document(
        services.accept_recommendation(actor=actor(request), rec_id=rec_id)
    )


@router.post(
    "/recommendations/{rec_id}/dismiss",
    response=RecommendationOut,
    summary="Dismiss a recommendation (never a stop: 403 with the reason)",
)
def dismiss(request: HttpRequest, rec_id: Id) -> dict[str, Any]:
    return selectors.recommendation_document(
        services.dismiss_recommendation(actor=actor(request), rec_id=rec_id)
    )


@router.post(
    "/recommendations/{rec_id}/clear",
    response=RecommendationOut,
    summary="Clear a stop: the runner's coach with a note, or a self-guided runner with the day they saw a clinician",
)
def clear(request: HttpRequest, rec_id: Id, payload: ClearIn) -> dict[str, Any]:
    return selectors.recommendation_document(
        services.clear_stop(actor=actor(request), rec_id=rec_id, note=payload.note, seen_on=payload.seen_on)
    )


@router.post(
    "/flare-ups/{flare_id}/clear",
    response=FlareUpOut,
    summary="Clear a red-flag referral: the coach with a note, or a self-guided runner who saw a clinician",
)
def clear_referral(request: HttpRequest, flare_id: Id, payload: ClearIn) -> dict[str, Any]:
    flare = services.clear_referral(
        actor=actor(request), flare_id=flare_id, note=payload.note, seen_on=payload.seen_on
    )
    return services.flare_document(flare)


@router.post(
    "/flare-ups",
    response={201: dict[str, Any]},
    summary="Screen a flare-up: a referral, or the flare-up plan",
)
def start_flare_up(request: HttpRequest, payload: FlareUpIn) -> Status[dict[str, Any]]:
    flare, result = services.start_flare_up(
        actor=actor(request),
        area=payload.area,
        answers=payload.answers,
        runner_id=payload.runner,
        client_uuid=payload.client_uuid,
        recorded_at=payload.recorded_at,
    )
    # A red flag is always heard: 201 with "outcome": "referral", whether or not a flare-up plan runs.
    return Status(
        201,
        {
            **screening_document(result),
            "flare_up": services.flare_document(flare),
            "recovery": _recovery_document(flare.runner),
        },
    )


@router.get(
    "/flare-ups/current",
    response=FlareUpCurrentOut,
    summary="The running flare-up plan, with its exit readiness and the race recovery it falls in",
)
def current(request: HttpRequest, params: Query[Whose]) -> dict[str, Any]:
    runner = whose(request, params.runner)
    flare = services.active_flare_up(runner) or services.latest_referral(runner)
    if flare is None:
        raise NotFound("No flare-up is running.")
    return {**services.flare_document(flare), "recovery": _recovery_document(runner)}


@router.post(
    "/flare-ups/current/end", response=FlareUpOut, summary="Return to the main plan once the mornings settle"
)
def end(request: HttpRequest, params: Query[Whose]) -> dict[str, Any]:
    return services.flare_document(services.end_flare_up(actor=actor(request), runner_id=params.runner))
