"""Writes to accounts: sign-up (and its confirmation), closing an account, profiles and personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from footwork.accounts.domain import PainfulAreasProblem, legacy_sites, normalise_email, parse_painful_areas
from footwork.accounts.models import ApiToken, CoachProfile, DataShare, Role, RunnerProfile, User
from footwork.core.errors import InvalidInput, NotAllowed, NotFound

TOKEN_PREFIX = "fw_"
# A token's last_used_at is this precise: a request within it of the saved time writes nothing.
TOKEN_USE_SAVED_EVERY = timedelta(minutes=1)

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
    "units",
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
    awaiting_confirmation: bool = False,
) -> User:
    """Create an account with the profile of its role (inactive until confirmed when awaiting_confirmation)."""
    user = _new_user(email=email, password=password, role=role, first_name=first_name, last_name=last_name)
    if User.objects.filter(email__iexact=user.email).exists():
        raise InvalidInput("An account with this email already exists.", field="email")
    user.set_password(password)
    user.is_active = not awaiting_confirmation
    user.awaiting_confirmation = awaiting_confirmation
    user.save()
    if role == Role.COACH:
        CoachProfile.objects.create(
            user=user, display_name=display_name or user.display_name, profession=profession
        )
    else:
        RunnerProfile.objects.create(user=user)
    return user


def _new_user(*, email: str, password: str, role: str, first_name: str, last_name: str) -> User:
    """An unsaved account once its address, role and password are acceptable."""
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvalidInput("Enter a valid email address.", field="email") from error
    if role not in Role.values:
        raise InvalidInput(f"Unknown role {role!r}: choose runner or coach.", field="role")
    user = User(email=email, role=role, first_name=first_name, last_name=last_name)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password") from error
    return user


class _SignUpTokens(PasswordResetTokenGenerator):
    """Links that confirm a web sign-up: valid PASSWORD_RESET_TIMEOUT, dead once the account is confirmed."""

    key_salt = "footwork.accounts.services.sign-up"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{getattr(user, 'awaiting_confirmation', '')}"


sign_up_tokens = _SignUpTokens()


def request_sign_up(
    *,
    email: str,
    password: str,
    role: str,
    first_name: str = "",
    profession: str = "",
    absolute: Callable[[str], str],
    next_url: str = "",
) -> None:
    """Start a web sign-up without telling whether the address has an account: either way a mail goes to it.

    A new address gets an inactive account and a link that opens it; a registered one gets a note that someone
    tried to sign up with it. The caller shows the same "check your email" page in both cases.
    """
    new = _new_user(email=email, password=password, role=role, first_name=first_name, last_name="")
    with transaction.atomic():
        existing = User.objects.select_for_update().filter(email__iexact=new.email).first()
        if existing is not None and existing.awaiting_confirmation:
            # Never confirmed: the address's owner may be signing up again (or someone else tried first).
            existing.delete()
            existing = None
        if existing is not None:
            # As long as a new account's password hashing takes, so the time taken does not tell either.
            make_password(password)
            message = _sign_up_mail("signup_exists", existing, absolute, next_url)
        else:
            user = sign_up(
                email=new.email,
                password=password,
                role=role,
                first_name=first_name,
                profession=profession,
                awaiting_confirmation=True,
            )
            message = _sign_up_mail("signup_confirm", user, absolute, next_url)
    message.send()


def _sign_up_mail(kind: str, user: User, absolute: Callable[[str], str], next_url: str) -> EmailMessage:
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    confirm = reverse("accounts:confirm_signup", args=[uid, sign_up_tokens.make_token(user)])
    context = {
        "user": user,
        "confirm_link": absolute(confirm) + query,
        "login_link": absolute(reverse("login")) + query,
        "reset_link": absolute(reverse("password_reset")),
    }
    subject = "Confirm your Footwork account" if kind == "signup_confirm" else "Signing up to Footwork"
    return EmailMessage(subject, render_to_string(f"accounts/email/{kind}.txt", context), to=[user.email])


@transaction.atomic
def confirm_sign_up(*, uidb64: str, token: str) -> User:
    """Open the account a sign-up link was sent for; the link works once."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        pk = 0
    user = User.objects.select_for_update().filter(pk=pk, awaiting_confirmation=True).first()
    if user is None or not sign_up_tokens.check_token(user, token):
        raise InvalidInput("This link has expired or was already used: log in, or sign up again.")
    user.is_active = True
    user.awaiting_confirmation = False
    user.save(update_fields=["is_active", "awaiting_confirmation"])
    return user


@transaction.atomic
def deactivate_user(*, email: str) -> User:
    """Close an account: it can no longer log in or use its tokens; its data stays."""
    user = User.objects.select_for_update().filter(email__iexact=normalise_email(email)).first()
    if user is None:
        raise NotFound(f"No account with email {email}.")
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
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
    _note_use(token)
    return token.user


def _note_use(token: ApiToken) -> None:
    """Save when a token was last used, at most once every TOKEN_USE_SAVED_EVERY per token."""
    # A write per request would queue every API read behind the database's write lock (one writer at a time on
    # SQLite); the condition keeps parallel requests that all saw an old time to one row change.
    now = timezone.now()
    stale = now - TOKEN_USE_SAVED_EVERY
    if token.last_used_at is not None and token.last_used_at > stale:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=stale)
    ).update(last_used_at=now)


# The longest reason a share is kept for ("workshop:<id>").
SHARE_SOURCE_MAX = 60


@transaction.atomic
def share_with(*, actor: User, coach: User, source: str) -> DataShare:
    """The runner (the actor) lets a coach see their data for a reason (`source`, "workshop:12"); again: no change.

    The caller (a workshop's service) has checked the reason holds; this checks who may share with whom."""
    if not actor.is_runner:
        raise NotAllowed("Only runners share their own training with a coach.")
    if not coach.is_coach or not coach.is_active:
        raise NotAllowed("Training is shared with a coach only.")
    if not source or len(source) > SHARE_SOURCE_MAX:
        raise InvalidInput("Say why the training is shared.", field="source")
    share, _created = DataShare.objects.get_or_create(runner=actor, coach=coach, source=source)
    return share


@transaction.atomic
def stop_sharing(*, actor: User, coach: User, source: str) -> bool:
    """The runner (the actor) stops sharing with a coach for this reason; whether a share was there to stop. Other
    reasons to share with the same coach are kept."""
    if not actor.is_runner:
        raise NotAllowed("Only runners share their own training with a coach.")
    deleted, _by_model = DataShare.objects.filter(runner=actor, coach=coach, source=source).delete()
    return deleted > 0
