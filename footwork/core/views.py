"""Small helpers every app's views share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.middleware import HtmxDetails

from footwork.accounts.models import User
from footwork.core.errors import NotAllowed

View = Callable[..., HttpResponse]


class HtmxRequest(HttpRequest):
    """A request that went through django-htmx's middleware."""

    htmx: HtmxDetails


def current_user(request: HttpRequest) -> User:
    """The signed-in account (views using it are behind login_required)."""
    user = request.user
    assert isinstance(user, User)
    return user


def coach_required(view: View) -> View:
    """Signed in as a coach, or 403."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not current_user(request).is_coach:
            raise NotAllowed("This page is for coaches.")
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("coaching:roster" if current_user(request).is_coach else "training:today")
