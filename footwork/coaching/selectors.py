from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.text import capfirst

from footwork.accounts.models import User
from footwork.accounts.selectors import clients_of
from footwork.coaching.models import Alert, Invitation


@dataclass(frozen=True)
class RosterRow:
    """One runner on the coach's roster, with the line the page shows under the name."""

    id: int
    name: str
    about: str  # "Left Achilles tendon and right plantar heel · Paris marathon", or "No painful area"


_ROSTER_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "role",
    "runner_profile__painful_areas",
    "runner_profile__goal_race_name",
)


def roster_of(coach: User) -> list[RosterRow]:
    """The coach's runners by name, each with its painful areas and goal race in words."""
    # Only the columns the line needs, and not the coach on every row: a roster of 200 was mostly building models.
    runners = clients_of(coach).select_related(None).select_related("runner_profile").only(*_ROSTER_FIELDS)
    return [_roster_row(runner) for runner in runners]


def clients_for_documents(coach: User) -> list[User]:
    """The coach's runners by name with their profiles, for profile_document; every profile's coach is `coach`."""
    # The coach is the same on every row: set it once rather than read it (and its profile) 200 times.
    runners = list(clients_of(coach).select_related(None).select_related("runner_profile"))
    for runner in runners:
        runner.runner_profile.coach = coach
    return runners


def _roster_row(runner: User) -> RosterRow:
    profile = runner.runner_profile
    about = capfirst(profile.painful_area_names) or "No painful area"
    if profile.goal_race_name:
        about = f"{about} · {profile.goal_race_name}"
    return RosterRow(runner.pk, runner.display_name, about)


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


def unread_alerts_of(coach: User) -> QuerySet[Alert]:
    """The alerts the roster lists: the coach's unread ones, newest first."""
    return Alert.objects.filter(coach=coach, read_at__isnull=True).order_by("-created_at", "-pk")


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
