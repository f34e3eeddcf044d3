"""Reads about people, with who-may-see-whom written once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from footwork.accounts.domain import person_name, sites_in_words, sites_of
from footwork.accounts.models import DataShare, Role, User
from footwork.core.errors import NotAllowed, NotFound
from footwork.core.units import Units, units_or_km


def coached_by(coach: User, prefix: str = "runner") -> Q:
    """The condition "this row's runner is one the coach may see": linked to the coach, or sharing their data with
    them (accounts.models.DataShare). `prefix` is the path from the rows filtered to their runner ("runner" for a
    plan, a run or an alert; "" for the runners themselves). The share is an EXISTS, so no row is ever doubled.

    Every "who may a coach see" filter is this one; messages keep their own rule (only a linked pair writes)."""
    path = f"{prefix}__" if prefix else ""
    shared = DataShare.objects.filter(coach=coach, runner=OuterRef(prefix or "pk"))
    return Q(**{f"{path}runner_profile__coach": coach}) | Q(Exists(shared))


def seen_by_any_coach(prefix: str = "") -> Q:
    """The condition "some coach may see this row's runner" (linked to a coach, or sharing with one)."""
    path = f"{prefix}__" if prefix else ""
    shared = DataShare.objects.filter(runner=OuterRef(prefix or "pk"))
    return Q(**{f"{path}runner_profile__coach__isnull": False}) | Q(Exists(shared))


def shares_with(runner: User, coach: User) -> bool:
    """Whether the runner shares their data with this coach (for any reason)."""
    return DataShare.objects.filter(runner=runner, coach=coach).exists()


def seen_by_a_coach(runner: User) -> bool:
    """Whether any coach may see the runner (their own coach, or one they share their data with)."""
    profile = getattr(runner, "runner_profile", None)
    if profile is not None and profile.coach_id is not None:
        return True
    return DataShare.objects.filter(runner=runner).exists()


def can_view_runner(actor: User, runner: User) -> bool:
    """A runner sees themself; a coach sees their own clients and the runners who share their data with them."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.pk == runner.pk:
        return True
    if not actor.is_coach or not runner.is_runner:
        return False
    profile = getattr(runner, "runner_profile", None)
    # The linked coach needs no query (the profile comes with the runner); anyone else is looked up in the shares.
    return profile is not None and (profile.coach_id == actor.pk or shares_with(runner, actor))


def coaches_seeing(runner: User) -> list[User]:
    """Every active coach who may see the runner: their own coach first, then those they share their data with."""
    if not runner.is_runner:
        return []
    own = coach_of(runner)
    found = [own] if own is not None and own.is_active else []
    sharing = (
        User.objects.filter(role=Role.COACH, is_active=True, shared_with_me__runner=runner)
        .exclude(pk__in=[coach.pk for coach in found])
        .distinct()
        .order_by("pk")
    )
    return [*found, *sharing]


def clients_of(coach: User, *, linked_only: bool = False) -> QuerySet[User]:
    """The active runners a coach may see, by name: their clients and those sharing their data with them
    (`linked_only`: their clients alone, as messages and the client count read them)."""
    whose = Q(runner_profile__coach=coach) if linked_only else coached_by(coach, "")
    # The coach and their profile come in the same query: profile_document names the coach on every row.
    return (
        User.objects.filter(whose, role=Role.RUNNER, is_active=True)
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
    # The coach's own client; False for a runner who only shares their data with the coach (a workshop's runner).
    linked: bool = True


def client_lines(coach: User, *, linked_only: bool = False) -> list[ClientLine]:
    """The runners a coach may see (clients_of), by name, as ClientLine (one query of plain rows)."""
    rows = (
        clients_of(coach, linked_only=linked_only)
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
            "runner_profile__coach_id",
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
            own_coach == coach.pk,
        )
        for pk, first, last, email, zone, units, areas, race, own_coach in rows
    ]


def runner_visible_to(actor: User, runner_id: int) -> User:
    """The runner with this id if the actor may see them; otherwise NotFound (never reveal existence)."""
    runner = User.objects.select_related("runner_profile").filter(pk=runner_id, role=Role.RUNNER).first()
    if runner is None or not can_view_runner(actor, runner):
        raise NotFound("No such runner.")
    return runner


def may_act_for(actor: User, runner: User) -> bool:
    """Who may change a runner's records: the runner and their own coach. A coach the runner only shares their data
    with (a workshop's) reads them and hears their alerts, but changes nothing of theirs."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    if actor.pk == runner.pk:
        return True
    profile = getattr(runner, "runner_profile", None)
    return actor.is_coach and profile is not None and profile.coach_id == actor.pk


def check_may_act_for(actor: User, runner: User) -> None:
    """NotFound for a runner the actor may not see; NotAllowed for one who only shares their data with them."""
    if may_act_for(actor, runner):
        return
    if not can_view_runner(actor, runner):
        raise NotFound("No such runner.")
    raise NotAllowed(
        f"{runner.display_name} shares their training with you to read: only they and their own coach change it."
    )


def runner_in_care_of(actor: User, runner_id: int) -> User:
    """The runner with this id if the actor may change their records (themself, or their own coach); NotFound for
    one they may not see, NotAllowed for one who only shares their data with them."""
    runner = runner_visible_to(actor, runner_id)
    check_may_act_for(actor, runner)
    return runner


def units_of(user: User) -> Units:
    """The units a runner's distances and paces are shown in ("km" or "mi"); kilometres for a coach.

    A coach has no setting of their own: each runner's pages show that runner's units, to the runner and their coach
    alike, so both read the same numbers. The profile comes with the account (accounts.backends), so no query.
    """
    profile = getattr(user, "runner_profile", None) if user.is_runner else None
    return units_or_km(profile.units if profile is not None else None)


def coach_of(runner: User) -> User | None:
    """The runner's own coach (linked by an invitation), or None for a self-guided runner; a coach they only share
    their data with is not their coach (coaches_seeing lists those too)."""
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
            "client_count": clients_of(user, linked_only=True).count(),
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
