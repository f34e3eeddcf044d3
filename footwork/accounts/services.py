"""Writes to accounts: sign-up, profiles and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from footwork.accounts.domain import PainfulAreasProblem, legacy_sites, parse_painful_areas
from footwork.accounts.models import ApiToken, CoachProfile, Role, RunnerProfile, User
from footwork.core.errors import InvalidInput, NotFound

TOKEN_PREFIX = "fw_"

RUNNER_PROFILE_FIELDS = (
    "birth_year",
    "sex",
    "dominant_leg",
    "painful_areas",
    "running_years",
    "weekly_distance_km",
    "goal_race_name",
    "goal_race_date",
    "time_zone",
    "auto_apply",
)
# The one-area keys of old callers: still accepted, they stand for a one-item painful_areas list.
LEGACY_AREA_FIELDS = ("painful_area", "painful_side")
COACH_PROFILE_FIELDS = ("display_name", "profession")


@transaction.atomic
def sign_up(
    *,
    email: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    display_name: str = "",
    profession: str = "",
) -> User:
    """Create an account with the profile of its role."""
    email = User.objects.normalize_email(email).strip().lower()
    if role not in Role.values:
        raise InvalidInput(f"Unknown role {role!r}: choose runner or coach.", field="role")
    if User.objects.filter(email__iexact=email).exists():
        raise InvalidInput("An account with this email already exists.", field="email")
    user = User(email=email, role=role, first_name=first_name, last_name=last_name)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password") from error
    user.set_password(password)
    user.save()
    if role == Role.COACH:
        CoachProfile.objects.create(
            user=user, display_name=display_name or user.display_name, profession=profession
        )
    else:
        RunnerProfile.objects.create(user=user)
    return user


def _apply_fields(instance: Any, fields: tuple[str, ...], changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(fields)
    if unknown:
        raise InvalidInput(
            f"Unknown profile field(s): {', '.join(sorted(unknown))}.", field=sorted(unknown)[0]
        )
    for name, value in changes.items():
        setattr(instance, name, value)
    try:
        instance.full_clean(exclude=["user", "coach"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InvalidInput(f"{field}: {' '.join(messages)}", field=field) from error
    instance.save()


@transaction.atomic
def update_runner_profile(*, actor: User, changes: dict[str, Any]) -> RunnerProfile:
    """Change the actor's own runner profile; nothing is saved if any field is invalid."""
    try:
        profile = RunnerProfile.objects.select_for_update().get(user=actor)
    except RunnerProfile.DoesNotExist as error:
        raise NotFound("Only runners have a runner profile.") from error
    _apply_fields(profile, RUNNER_PROFILE_FIELDS, _with_painful_areas(profile, changes))
    return profile


def _with_painful_areas(profile: RunnerProfile, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes with `painful_areas` checked, and old `painful_area`/`painful_side` keys made into that list."""
    changes = dict(changes)
    legacy = {name: changes.pop(name) for name in LEGACY_AREA_FIELDS if name in changes}
    if legacy and "painful_areas" in changes:
        raise InvalidInput(
            "Send painful_areas alone, without painful_area or painful_side.", field="painful_areas"
        )
    try:
        if legacy:
            area = legacy.get("painful_area", profile.painful_area)
            sites = legacy_sites(area, legacy.get("painful_side", profile.painful_side))
        elif "painful_areas" in changes:
            sites = parse_painful_areas(changes["painful_areas"])
        else:
            return changes
    except PainfulAreasProblem as problem:
        field = ("painful_area" if problem.part == "area" else "painful_side") if legacy else "painful_areas"
        raise InvalidInput(problem.message, field=field) from problem
    changes["painful_areas"] = [site.document() for site in sites]
    return changes


@transaction.atomic
def update_coach_profile(*, actor: User, changes: dict[str, Any]) -> CoachProfile:
    """Change the actor's own coach profile; nothing is saved if any field is invalid."""
    try:
        profile = CoachProfile.objects.select_for_update().get(user=actor)
    except CoachProfile.DoesNotExist as error:
        raise NotFound("Only coaches have a coach profile.") from error
    _apply_fields(profile, COACH_PROFILE_FIELDS, changes)
    return profile


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Make a personal API token; the raw value is returned once and never stored."""
    name = name.strip()
    if not name:
        raise InvalidInput("Give the token a name, for example 'my laptop'.", field="name")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name[:80], prefix=raw[:10], digest=token_digest(raw))
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens."""
    token = ApiToken.objects.filter(user=actor, pk=token_id).first()
    if token is None:
        raise NotFound("No such token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(raw: str) -> User | None:
    """The active account a raw token belongs to, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
