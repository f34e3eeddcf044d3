"""What every API router shares: token authentication and the acting account."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Schema
from ninja.responses import NinjaJSONEncoder
from ninja.security import HttpBearer

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_visible_to
from footwork.accounts.services import user_for_token
from footwork.core.bounds import RECORDED_AT
from footwork.core.errors import InvalidInput, NotAllowed
from footwork.core.limits import READABLE_DATES, Id

MAX_WINDOW_DAYS = 366
# Every write the app may queue offline takes the moment it was made; the window is core.bounds.RECORDED_AT's.
RECORDED_AT_DESCRIPTION = (
    "The time the entry was made offline, on the phone, when it is sent later (ISO 8601 with its offset); from "
    f"{RECORDED_AT.before.days} days ago to {int(RECORDED_AT.ahead.total_seconds() // 60)} minutes ahead of the "
    "server's clock, else 422 with the reason. Default: now. Without a date it also gives the runner's local day."
)


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


def file_viewer(request: HttpRequest) -> User | None:
    """Who downloads a stored photo or video: the session's account, or a personal API token's (`Bearer fw_…`)."""
    if isinstance(request.user, User) and request.user.is_authenticated:
        return request.user
    scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
    return user_for_token(raw.strip()) if scheme.lower() == "bearer" and raw.strip() else None


def whose(request: HttpRequest, runner_id: int | None) -> User:
    """The account a read is about: the caller, or (coaches) one of their runners; NotFound otherwise."""
    user = actor(request)
    return user if runner_id is None else runner_visible_to(user, runner_id)


class Window(Schema):
    start: datetime.date = Field(..., description="From 1970-01-01 to ten years ahead.")
    end: datetime.date = Field(..., description="On or after start, at most 366 days later.")
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


def runner_of_window(request: HttpRequest, window: Window) -> User:
    """The runner a date window is about, once the window is a sensible one."""
    for field, day in (("start", window.start), ("end", window.end)):
        # Dated by the server: a runner's zone moves today by a day, nothing next to ten years.
        reason = replace(READABLE_DATES, name=field).check(day, today=timezone.localdate())
        if reason is not None:
            raise InvalidInput(reason, field=field)
    if window.end < window.start:
        raise InvalidInput("end is before start", field="end")
    if (window.end - window.start).days > MAX_WINDOW_DAYS:
        raise InvalidInput(f"a window covers at most {MAX_WINDOW_DAYS} days", field="end")
    return whose(request, window.runner)


class _DocumentEncoder(NinjaJSONEncoder):
    """django-ninja's encoding, with a day (most of a long list's dates) written at once: the encoder's chain of
    type checks before it gets there cost more than the rest of a year's timeline's encoding."""

    def default(self, o: Any) -> Any:
        if type(o) is datetime.date:
            return o.isoformat()
        return super().default(o)


def documents_response(documents: list[dict[str, Any]]) -> HttpResponse:
    """A long list of documents answered as built, encoded as django-ninja encodes a response.

    The route keeps its `response=` schema for the OpenAPI; only the per-item check of the output against it is
    skipped, which for a year of set logs cost five times the reads themselves. The documents are built in the
    schema's exact shape (tests compare them with the schema's own output).
    """
    content = json.dumps(documents, cls=_DocumentEncoder)
    return HttpResponse(content, content_type="application/json; charset=utf-8")
