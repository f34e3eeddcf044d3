from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from footwork.accounts.models import User
from footwork.coaching.models import Alert, Invitation


def invitations_of(coach: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(coach=coach).select_related("accepted_by")


def open_invitation(code: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("coach__coach_profile").filter(code=code).first()
    return invitation if invitation is not None and invitation.status == "open" else None


def alerts_of(coach: User) -> QuerySet[Alert]:
    """A coach's alerts about the runners they coach now, newest first."""
    return (
        Alert.objects.filter(coach=coach, runner__runner_profile__coach=coach)
        .select_related("runner")
        .order_by("-created_at", "-pk")
    )


def alert_document(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "kind": alert.kind,
        "runner": alert.runner_id,
        "runner_name": alert.runner.display_name,
        "created_at": alert.created_at,
        "read": alert.read_at is not None,
        "message": alert.message,
        "link": alert.link,
    }
