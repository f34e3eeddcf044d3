"""Reads about people, with who-may-see-whom written once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from footwork.accounts.domain import person_name, sites_in_words, sites_of
from footwork.accounts.models import Role, User
from footwork.core.errors import NotFound
from footwork.core.units import Units, units_or_km


def can_view_runner(actor: User, runner: User) -> bool:
    """A runner sees themself; a coach sees their own clients."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.pk == runner.pk:
        return True
    profile = getattr(runner, "runner_profile", None)
    return actor.is_coach and profile is not None and profile.coach_id == actor.pk


def clients_of(coach: User) -> QuerySet[User]:
    """The runners linked to a coach, by name."""
    # The coach and their profile come in the same query: profile_document names the coach on every row.
    return (
        User.objects.filter(role=Role.RUNNER, runner_profile__coach=coach, is_active=True)
        .select_related("runner_profile__coach__coach_profile")
        .order_by("first_name", "last_name", "email")
    )


@dataclass(frozen=True)
class ClientLine:
    """A coached runner as a list of many runners reads them: plain values, no account or profile built."""

    pk: int
    name: str
    email: str
    time_zone: str
    units: Units
    painful_area_names: str
    goal_race_name: str


def client_lines(coach: User) -> list[ClientLine]:
    """The runners linked to a coach, by name, as ClientLine (one query of plain rows)."""
    rows = (
        clients_of(coach)
        .select_related(None)
        .values_list(
            "pk",
            "first_name",
            "last_name",
            "email",
            "runner_profile__time_zone",
            "runner_profile__units",
            "runner_profile__painful_areas",
            "runner_profile__goal_race_name",
        )
    )
    return [
        ClientLine(
            pk,
            person_name(first, last, email),
            email,
            zone or "UTC",
            units_or_km(units),
            sites_in_words(sites_of(areas)),
            race or "",
        )
        for pk, first, last, email, zone, units, areas, race in rows
    ]


def runner_visible_to(actor: User, runner_id: int) -> User:
    """The runner with this id if the actor may see them; otherwise NotFound (never reveal existence)."""
    runner = User.objects.select_related("runner_profile").filter(pk=runner_id, role=Role.RUNNER).first()
    if runner is None or not can_view_runner(actor, runner):
        raise NotFound("No such runner.")
    return runner


def units_of(user: User) -> Units:
    """The units a runner's distances and paces are shown in ("km" or "mi"); kilometres for a coach.

    A coach has no setting of their own: each runner's pages show that runner's units, to the runner and their coach
    alike, so both read the same numbers. The profile comes with the account (accounts.backends), so no query.
    """
    profile = getattr(user, "runner_profile", None) if user.is_runner else None
    return units_or_km(profile.units if profile is not None else None)


def coach_of(runner: User) -> User | None:
    profile = getattr(runner, "runner_profile", None)
    return profile.coach if profile is not None else None


def profile_document(user: User) -> dict[str, Any]:
    """The stable JSON shape of an account and its profile."""
    document: dict[str, Any] = {
        "id": user.pk,
        "email": user.email,
        "name": user.display_name,
        "role": user.role,
        "runner_profile": None,
        "coach_profile": None,
    }
    runner = getattr(user, "runner_profile", None) if user.is_runner else None
    if runner is not None:
        coach = runner.coach
        document["runner_profile"] = {
            "birth_year": runner.birth_year,
            "sex": runner.sex,
            "dominant_leg": runner.dominant_leg,
            "painful_areas": runner.painful_areas,
            "painful_side": runner.painful_side,
            "painful_area": runner.painful_area,
            "running_years": float(runner.running_years) if runner.running_years is not None else None,
            "weekly_distance_km": (
                float(runner.weekly_distance_km) if runner.weekly_distance_km is not None else None
            ),
            "goal_race_name": runner.goal_race_name,
            "goal_race_date": runner.goal_race_date.isoformat() if runner.goal_race_date else None,
            "units": units_or_km(runner.units),
            "coach": {"id": coach.pk, "name": coach.display_name} if coach else None,
        }
    coach_profile = getattr(user, "coach_profile", None) if user.is_coach else None
    if coach_profile is not None:
        document["coach_profile"] = {
            "display_name": coach_profile.display_name,
            "profession": coach_profile.profession,
            "client_count": clients_of(user).count(),
        }
    return document


def painful_areas_of(runner: User) -> list[str]:
    """The runner's painful areas ("achilles", "plantar_heel"…), main area first; none for a coach."""
    profile = getattr(runner, "runner_profile", None)
    if profile is None:
        return []
    return [
        str(item["area"]) for item in profile.painful_areas if isinstance(item, dict) and item.get("area")
    ]


def accounts() -> QuerySet[User]:
    """Every account, for the self-hoster's `footwork users list`, by email."""
    return User.objects.order_by("email")


def account_document(user: User) -> dict[str, Any]:
    """The JSON shape of an account in the admin command line."""
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.display_name,
        "role": user.role,
        "active": user.is_active,
        "awaiting_confirmation": user.awaiting_confirmation,
        "date_joined": user.date_joined,
    }
