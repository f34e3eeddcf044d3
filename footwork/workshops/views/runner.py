"""A participant's own workshop pages: their workshops, one workshop's day (lessons, announcements, sharing, the
tests before and at the end), reading a lesson, and a lesson's photo or video."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from footwork.accounts.models import User
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.limits import MAX_ID
from footwork.core.markup import render_markdown
from footwork.core.mediafiles import media_response
from footwork.core.views import HtmxRequest, current_user
from footwork.core.wording import day_label
from footwork.progression.flareup import AREAS
from footwork.workshops import selectors, services
from footwork.workshops.domain import ALWAYS_NOT_FOR
from footwork.workshops.forms import ShareForm
from footwork.workshops.models import Participant
from footwork.workshops.selectors.pages import NO_LESSON

NOT_JOINED = "You have not joined this workshop."


def _runner(user: User) -> User:
    if not user.is_runner:
        raise NotAllowed("This page is for runners; your own workshops are under Workshops.")
    return user


@login_required
@require_safe
def my_workshops(request: HttpRequest) -> HttpResponse:
    """The runner's workshops (a coach goes to their own)."""
    user = current_user(request)
    if user.is_coach:
        return redirect("workshops:coach_list")
    today = today_for(user)
    places = [
        (place, day_label(place.day_one, today), place.day_one <= today)
        for place in selectors.workshops_joined_by(user)
    ]
    return render(request, "workshops/mine.html", {"places": places})


def _place(user: User, slug: str) -> Participant:
    place = selectors.participant_of(_runner(user), slug)
    if place is None:
        raise NotFound(NOT_JOINED)
    return place


@login_required
@require_safe
def participant_page(request: HttpRequest, slug: str) -> HttpResponse:
    """One workshop on the runner's day: its day, the lessons unlocked so far, its announcements, sharing, and the
    tests before the first session and at the end."""
    user = current_user(request)
    place = _place(user, slug)
    today = today_for(user)
    day = selectors.day_of_place(place, today)
    stage = selectors.stage_of(place)
    workshop = place.workshop
    context = {
        "place": place,
        "workshop": workshop,
        "coach_name": workshop.coach.display_name,
        "day": day,
        "stage": stage,
        "starts": day_label(place.day_one, today),
        "lessons": [(lesson, render_markdown(lesson.body_markdown)) for lesson in reversed(day.lessons)],
        "announcements": list(selectors.announcements_of(workshop)[:20]),
        "measures": selectors.own_measures(place),
        "areas": AREAS,
        "always_not_for": ALWAYS_NOT_FOR,
        "today": today,
    }
    return render(request, "workshops/participant.html", context)


def _known(lesson_id: int) -> int:
    if lesson_id > MAX_ID:
        raise NotFound(NO_LESSON)
    return lesson_id


@login_required
@require_POST
def read_lesson(request: HtmxRequest, slug: str, lesson_id: int) -> HttpResponse:
    """The runner has read a lesson: with htmx its mark alone comes back, else the page again."""
    user = current_user(request)
    _place(user, slug)
    services.mark_lesson_read(actor=user, lesson_id=_known(lesson_id))
    if request.htmx:
        return render(request, "workshops/_read_mark.html", {"lesson_id": lesson_id})
    return redirect(reverse("workshops:participant", args=[slug]) + f"#lesson-{lesson_id}")


@login_required
@require_POST
def share(request: HttpRequest, slug: str) -> HttpResponse:
    """Share the runner's data with the workshop's coach, or stop."""
    user = current_user(request)
    place = _place(user, slug)
    form = ShareForm(request.POST)
    if not form.is_valid():
        raise InvalidInput("Say whether to share: yes or no.", field="share")
    sharing = form.cleaned_data["share"] == "yes"
    services.share_data(actor=user, slug=slug, share=sharing)
    coach = place.workshop.coach.display_name
    if sharing:
        messages.success(
            request, f"{coach} now sees your sessions, check-ins and alerts. Stop any time here."
        )
    else:
        messages.success(request, f"You stopped sharing: {coach} no longer sees your data.")
    return redirect(reverse("workshops:participant", args=[slug]) + "#sharing")


@login_required
@require_safe
def lesson_media(request: HttpRequest, lesson_id: int) -> HttpResponseBase:
    """A lesson's photo or video, to its workshop's coach and to participants once it is unlocked (404 otherwise)."""
    lesson = selectors.lesson_with_media(current_user(request), _known(lesson_id))
    return media_response(request, lesson.media_path, lesson.media_content_type)
