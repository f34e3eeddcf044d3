"""Coach and client links: roster, invitations, accepting and ending coaching."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from footwork.accounts.api import ProfileOut
from footwork.accounts.selectors import profile_document, runner_visible_to
from footwork.caseload.selectors import roster as roster_rows
from footwork.caseload.selectors import roster_document
from footwork.caseload.threads import waiting_for
from footwork.coaching import services
from footwork.coaching.models import Invitation
from footwork.coaching.selectors import (
    AlertFilter,
    alert_event,
    alert_event_document,
    alert_events,
    clients_for_documents,
    invitations_of,
)
from footwork.core.api import actor, documents_response
from footwork.core.errors import NotAllowed, NotFound
from footwork.core.limits import Id

router = Router(tags=["coaching"])


class InvitationIn(Schema):
    note: str = ""


class InvitationOut(Schema):
    id: int
    code: str
    url: str
    note: str
    status: str
    expires_at: datetime.datetime


def _invitation_document(request: HttpRequest, invitation: Invitation) -> dict[str, Any]:
    return {
        "id": invitation.pk,
        "code": invitation.code,
        "url": request.build_absolute_uri(reverse("coaching:join", args=[invitation.code])),
        "note": invitation.note,
        "status": invitation.status,
        "expires_at": invitation.expires_at,
    }


def _coach(request: HttpRequest) -> Any:
    user = actor(request)
    if not user.is_coach:
        raise NotAllowed("Only coaches have a roster.")
    return user


@router.get("/coach/runners", response=list[ProfileOut], summary="Your runners (coaches)")
def roster(request: HttpRequest) -> list[dict[str, Any]]:
    return [profile_document(runner) for runner in clients_for_documents(_coach(request))]


@router.get(
    "/runners/{runner_id}", response=ProfileOut, summary="A runner you may see: yourself or your client"
)
def runner_detail(request: HttpRequest, runner_id: Id) -> dict[str, Any]:
    return profile_document(runner_visible_to(actor(request), runner_id))


@router.delete("/coach/runners/{runner_id}", response={204: None}, summary="Stop coaching a runner")
def let_go(request: HttpRequest, runner_id: Id) -> Status[None]:
    services.end_coaching(actor=_coach(request), runner_id=runner_id)
    return Status(204, None)


@router.get("/coach/invitations", response=list[InvitationOut], summary="Your invitations (coaches)")
def invitations(request: HttpRequest) -> list[dict[str, Any]]:
    coach = _coach(request)
    # The document does not name who accepted: no need to read them with each invitation.
    return [_invitation_document(request, item) for item in invitations_of(coach).select_related(None)]


@router.post("/coach/invitations", response={201: InvitationOut}, summary="Invite a runner (coaches)")
def invite(request: HttpRequest, payload: InvitationIn) -> Status[dict[str, Any]]:
    invitation = services.create_invitation(actor=actor(request), note=payload.note)
    return Status(201, _invitation_document(request, invitation))


@router.post(
    "/invitations/{code}/accept", response=ProfileOut, summary="Accept a coach's invitation (runners)"
)
def accept(request: HttpRequest, code: str) -> dict[str, Any]:
    user = actor(request)
    services.accept_invitation(actor=user, code=code)
    user.refresh_from_db()
    return profile_document(user)


@router.delete("/me/coach", response={204: None}, summary="Leave your coach (runners)")
def leave(request: HttpRequest) -> Status[None]:
    user = actor(request)
    services.end_coaching(actor=user, runner_id=user.pk)
    return Status(204, None)


class AlertItemOut(Schema):
    id: int
    message: str
    link: str
    created_at: datetime.datetime
    resolution_note: str = Field(..., description="How the coach dealt with it, once resolved")


class AlertOut(Schema):
    id: int = Field(..., description="The event's id: its first alert's; read and resolve take it")
    kind: str = Field(..., description="red_flag, stop, regress or flare_up")
    runner: int
    created_at: datetime.datetime = Field(..., description="When its latest alert came")
    read: bool
    resolved: bool
    message: str = Field(..., description="The alert's message, or for several the heading; items hold each")
    items: list[AlertItemOut]


class AlertQuery(Schema):
    limit: int = Field(50, ge=1, le=500, description="The most events to return, safety first then newest")
    state: Literal["open", "resolved", "all"] = "all"
    kind: str = Field("", max_length=20)
    runner: Id | None = None


class ResolveIn(Schema):
    note: str = Field(..., max_length=1000)


def _coach_for_alerts(request: HttpRequest) -> Any:
    user = actor(request)
    if not user.is_coach:
        raise NotAllowed("Alerts are for coaches.")
    return user


@router.get(
    "/alerts",
    response=list[AlertOut],
    summary="Coaches: your runners' alerts as events, open first, red flags and stops first, newest first",
)
def alerts(request: HttpRequest, params: Query[AlertQuery]) -> list[dict[str, Any]]:
    which = AlertFilter(state=params.state, kind=params.kind, runner=params.runner)
    events = alert_events(_coach_for_alerts(request), which, params.limit)
    return [alert_event_document(event) for event in events]


def _event_after_write(coach: Any, alert_id: int) -> dict[str, Any]:
    event = alert_event(coach, alert_id)
    if event is None:
        raise NotFound("No such alert.")
    return alert_event_document(event)


@router.post("/alerts/{alert_id}/read", response=AlertOut, summary="Coaches: mark an alert's event read")
def read_alert(request: HttpRequest, alert_id: Id) -> dict[str, Any]:
    coach = _coach_for_alerts(request)
    services.mark_alert_read(actor=coach, alert_id=alert_id)
    return _event_after_write(coach, alert_id)


@router.post(
    "/alerts/{alert_id}/resolve", response=AlertOut, summary="Coaches: resolve an alert's event, with a note"
)
def resolve_alert(request: HttpRequest, alert_id: Id, payload: ResolveIn) -> dict[str, Any]:
    coach = _coach_for_alerts(request)
    services.resolve_alert(actor=coach, alert_id=alert_id, note=payload.note)
    return _event_after_write(coach, alert_id)


class NextRaceOut(Schema):
    id: int
    name: str
    date: datetime.date
    days_to: int = Field(..., description="Days from the runner's today to the race: 0 on race day")


class AttentionReasonOut(Schema):
    code: str = Field(
        ...,
        description="red_flag, stop, regress, missed_days, adherence_drop, load_spike or unanswered_message",
    )
    text: str


class RosterRowOut(Schema):
    runner: int
    name: str
    last_session: datetime.date | None = Field(..., description="The last day a session was logged")
    adherence_7d: int | None = Field(
        ..., description="Percent of the sessions scheduled in the last 7 days done"
    )
    adherence_30d: int | None = Field(
        ..., description="Percent of the sessions scheduled in the last 30 days done"
    )
    light: Literal["green", "amber", "red"] | None = Field(
        ..., description="The worst light of the open decisions"
    )
    load_flag: bool = Field(..., description="A load warning in the last 7 days")
    next_race: NextRaceOut | None
    phase: str | None = Field(..., description="The season's phase today: base, build, peak, taper, race, …")
    unread: int | None = Field(..., description="Unread messages from the runner; null without messaging")
    needs_attention: bool
    attention_reasons: list[AttentionReasonOut]


@router.get(
    "/coach/roster",
    response=list[RosterRowOut],
    summary="Coaches: every runner with adherence, light, load, season and what needs attention, attention first",
)
def caseload(request: HttpRequest) -> HttpResponse:
    coach = _coach(request)
    return documents_response([roster_document(row) for row in roster_rows(coach, waiting_for(coach))])
