"""What every API router shares: token authentication and the acting account."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from footwork.accounts.models import User
from footwork.accounts.services import user_for_token
from footwork.core.errors import NotAllowed


class TokenAuth(HttpBearer):
    """`Authorization: Bearer fw_…` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def actor(request: HttpRequest) -> User:
    """The account behind an authenticated API request, by session or by token."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise NotAllowed("Authentication required.")
    return user
