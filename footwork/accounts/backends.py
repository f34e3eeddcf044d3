"""The login backend: Django's, with the runner's profile and coach read in the same query as the account."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from footwork.accounts.models import User


class AccountBackend(ModelBackend):
    """Every signed-in request reads its account; most pages then need the profile (time zone, areas) and the
    coach, so they come along in one joined query instead of two more."""

    def get_user(self, user_id: Any) -> User | None:
        user = User._default_manager.select_related("runner_profile__coach").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
