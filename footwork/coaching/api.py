"""Coach and client links: roster, invitations, accepting and ending coaching."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from footwork.accounts.api import ProfileOut
from footwork.accounts.selectors import profile_document, runner_visible_to
from footwork.coaching import services
from footwork.coaching.models import Invitation
from footwork.coaching.selectors import alert_document, alerts_of, clients_for_documents, invitations_of
from footwork.core.api import actor
from footwork.core.errors import NotAllowed
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


class AlertOut(Schema):
    id: int
    kind: str = Field(..., description="red_flag, stop, regress or flare_up")
    runner: int
    runner_name: str
    created_at: datetime.datetime
    read: bool
    message: str
    link: str


class AlertQuery(Schema):
    limit: int = Field(100, ge=1, le=500)


@router.get("/alerts", response=list[AlertOut], summary="Coaches: the alerts of your runners, newest first")
def alerts(request: HttpRequest, params: Query[AlertQuery]) -> list[dict[str, Any]]:
    user = actor(request)
    if not user.is_coach:
        raise NotAllowed("Alerts are for coaches.")
    return [alert_document(alert) for alert in alerts_of(user)[: params.limit]]
