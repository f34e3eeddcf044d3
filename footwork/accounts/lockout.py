"""What django-axes keys a login lockout on: the normalised email and the client's real address."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from footwork.accounts.domain import client_address, normalise_email


def client_ip(request: HttpRequest) -> str:
    """The client's address (AXES_CLIENT_IP_CALLABLE): X-Forwarded-For counts only from FOOTWORK_TRUSTED_PROXIES."""
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.FOOTWORK_TRUSTED_PROXIES,
    )


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The email tried (AXES_USERNAME_CALLABLE), spelt as stored, so "Ann@X" and "ann@x" share one counter."""
    source: Any = credentials if credentials else request.POST
    return normalise_email(str(source.get(settings.AXES_USERNAME_FORM_FIELD) or ""))
