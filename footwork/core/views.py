"""Small helpers every app's views share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_htmx.middleware import HtmxDetails

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_visible_to
from footwork.core.errors import NotAllowed, NotFound
from footwork.core.limits import refusal_of

View = Callable[..., HttpResponse]
T = TypeVar("T")

# Keeps an invitation link a visitor opened (coaching.views.join) through sign-up, which accepts it.
INVITATION_KEY = "invitation_code"
# The most pages a paged list (roster, alerts inbox, messages) goes back.
MAX_PAGES = 400


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


def page_number(request: HttpRequest) -> int:
    """The page of a list asked for (?page=N, from 1); anything else is the first."""
    value = request.GET.get("page", "")
    return int(value) if value.isdigit() and 1 <= int(value) <= MAX_PAGES else 1


def page_links(request: HttpRequest, page: int, total: int, size: int) -> dict[str, object]:
    """A list shown `size` at a time: how many come after this page ("more"), and the query strings of the pages
    either side ("older", "newer": blank for none before the first), the list's filters kept."""
    query = request.GET.copy()
    query.pop("page", None)
    kept = query.urlencode()
    return {
        "more": max(0, total - page * size),
        "older": f"{kept}&page={page + 1}".lstrip("&"),
        "newer": f"{kept}&page={page - 1}".lstrip("&") if page > 1 else "",
    }


def page_of(request: HttpRequest, items: Sequence[T], size: int) -> tuple[list[T], dict[str, object]]:
    """The page of a list held whole asked for (?page=N), `size` at a time, with page_links' query strings and the
    page's number ("page")."""
    page = page_number(request)
    links = {**page_links(request, page, len(items), size), "page": page}
    return list(items[(page - 1) * size : page * size]), links


def runner_in_question(request: HttpRequest) -> tuple[User, str]:
    """The runner a page is about: yourself, or (coaches) ?runner=ID of a client; and the query string that keeps it."""
    user = current_user(request)
    runner_id = request.GET.get("runner") or request.POST.get("runner")
    if runner_id:
        if not runner_id.isdigit():
            raise NotFound("No such runner.")
        return runner_visible_to(user, int(runner_id)), f"?runner={runner_id}"
    if not user.is_runner:
        raise NotAllowed("This page is about a runner: open it from one of your runners on the roster.")
    return user, ""


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("coaching:roster" if current_user(request).is_coach else "training:today")


@login_required
def more(request: HttpRequest) -> HttpResponse:
    """The rest of the places, behind the "More" tab of a runner's phone (a plain page: it works without scripts)."""
    return render(request, "core/more.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's handler400: a request it refused to read (too large: 413, too many files or fields) says why."""
    if isinstance(exception, SuspiciousOperation):
        refusal = refusal_of(exception)
        status, message = refusal.status, refusal.detail
    elif isinstance(exception, BadRequest) and str(exception):
        # Raised by our views for a request no form of ours sends (a posted id that is not digits).
        status, message = 400, str(exception)
    else:
        status, message = 400, "The request could not be read."
    return render(request, "core/refused.html", {"message": message, "status": status}, status=status)
