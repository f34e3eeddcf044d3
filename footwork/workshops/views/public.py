"""The public side of a workshop: its landing page (/w/<slug>/, to anyone while published), its cover photo, and
joining it (signed-in runners in one step; visitors through sign-up, back here after confirming)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from footwork.accounts.models import User
from footwork.core import bounds
from footwork.core.clock import today_for
from footwork.core.errors import FootworkError, NotFound
from footwork.core.markup import render_markdown
from footwork.core.mediafiles import media_response
from footwork.core.middleware import STATUS
from footwork.core.wording import day_label
from footwork.workshops import selectors, services
from footwork.workshops.domain import ALWAYS_NOT_FOR, joining_closes, normalise_code
from footwork.workshops.forms import JoinForm
from footwork.workshops.models import Access, Workshop

ONLY_RUNNERS = (
    "Only runners join workshops. You are signed in as a coach: to try it as a runner, sign in with a runner's "
    "account."
)


def _published(slug: str) -> Workshop:
    workshop = selectors.published_workshop(slug)
    if workshop is None:
        raise NotFound(selectors.NO_WORKSHOP)
    return workshop


def _typed_code(request: HttpRequest) -> str:
    """The code as the visitor typed it, in its stored form, no longer than any code may be."""
    typed = request.POST.get("code") or request.GET.get("code") or ""
    return normalise_code(typed)[: int(bounds.WORKSHOP_CODE_CHARACTERS.high)]


def _landing(
    request: HttpRequest, workshop: Workshop, *, problem: str = "", code: str = "", status: int = 200
) -> HttpResponse:
    user = request.user
    today = today_for(user) if isinstance(user, User) and user.is_runner else None
    place = selectors.participant_of(user, workshop.slug) if isinstance(user, User) else None
    closes = joining_closes(workshop.cohort_start, workshop.join_window_days)
    context: dict[str, Any] = {
        "workshop": workshop,
        "coach_name": workshop.coach.display_name,
        "outline": selectors.program_outline(workshop),
        "lessons": list(selectors.lessons_of(workshop).only("title", "unlock_day", "workshop_id")),
        "description_html": render_markdown(workshop.description_markdown),
        "always_not_for": ALWAYS_NOT_FOR,
        "form": JoinForm(initial={"code": code}),
        "asks_code": workshop.access == Access.CODE,
        "problem": problem,
        "place": place,
        "starts": day_label(workshop.cohort_start, today) if workshop.cohort_start else "",
        "closes": day_label(closes, today) if closes else "",
        "page_url": request.build_absolute_uri(reverse("workshops:landing", args=[workshop.slug])),
        "cover_url": (
            request.build_absolute_uri(reverse("workshops:cover_file", args=[workshop.slug]))
            if workshop.cover_path
            else ""
        ),
    }
    return render(request, "workshops/landing.html", context, status=status)


@require_safe
def landing(request: HttpRequest, slug: str) -> HttpResponse:
    """The workshop's page for anyone while it is published (404 otherwise, to its coach too)."""
    return _landing(request, _published(slug))


@require_safe
def cover_file(request: HttpRequest, slug: str) -> HttpResponseBase:
    """The cover photo: to anyone while the workshop is published, to its coach always."""
    viewer = request.user if isinstance(request.user, User) else None
    workshop = selectors.workshop_with_cover(viewer, slug)
    return media_response(request, workshop.cover_path, workshop.cover_content_type)


def _sign_up_first(slug: str, code: str) -> HttpResponse:
    """To sign-up, which comes back to this workshop's join page (with the code) once the account is confirmed."""
    back = reverse("workshops:join", args=[slug])
    if code:
        back += "?" + urlencode({"code": code})
    return redirect(reverse("accounts:signup") + "?" + urlencode({"next": back}))


def join(request: HttpRequest, slug: str) -> HttpResponse:
    """GET: the one-click confirmation (after sign-up; a GET never writes). POST: join, then the workshop's page."""
    workshop = _published(slug)
    code = _typed_code(request)
    user = request.user
    if not isinstance(user, User):
        if request.method == "POST":
            return _sign_up_first(slug, code)
        return _confirm(request, workshop, code)
    if user.is_coach:
        return _landing(request, workshop, problem=ONLY_RUNNERS, code=code, status=403)
    if request.method != "POST":
        if selectors.participant_of(user, slug) is not None:
            return redirect("workshops:participant", slug=slug)
        return _confirm(request, workshop, code)
    try:
        place, created = services.join_workshop(actor=user, slug=slug, code=code)
    except FootworkError as error:
        status = next((value for kind, value in STATUS.items() if isinstance(error, kind)), 400)
        return _landing(request, workshop, problem=error.message, code=code, status=status)
    if created:
        starts = day_label(place.day_one, today_for(user))
        messages.success(request, f"You joined {workshop.title}. Your day one is {starts}.")
    else:
        messages.info(request, f"You are in {workshop.title} already.")
    return redirect("workshops:participant", slug=slug)


def _confirm(request: HttpRequest, workshop: Workshop, code: str) -> HttpResponse:
    back = reverse("workshops:join", args=[workshop.slug])
    if code:
        back += "?" + urlencode({"code": code})
    context = {
        "workshop": workshop,
        "form": JoinForm(initial={"code": code}),
        "asks_code": workshop.access == Access.CODE,
        "next": back,
    }
    return render(request, "workshops/join.html", context)
