from __future__ import annotations

from django.db.models import QuerySet

from footwork.accounts.models import User
from footwork.coaching.models import Invitation


def invitations_of(coach: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(coach=coach).select_related("accepted_by")


def open_invitation(code: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("coach__coach_profile").filter(code=code).first()
    return invitation if invitation is not None and invitation.status == "open" else None
