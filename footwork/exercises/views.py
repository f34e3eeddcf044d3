from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from footwork.accounts.models import User
from footwork.core.errors import InvalidInput, NotAllowed
from footwork.core.views import HtmxRequest, coach_required, current_user
from footwork.exercises import selectors, services
from footwork.exercises.forms import ExerciseForm, LibraryFilterForm
from footwork.exercises.models import LinkKind

PAGE_SIZE = 24


@login_required
def exercise_list(request: HtmxRequest) -> HttpResponse:
    """The library with search and filters; htmx swaps only the results."""
    user = current_user(request)
    form = LibraryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    exercises = selectors.search_exercises(
        user,
        q=filters.get("q") or "",
        category=filters.get("category") or "",
        target=filters.get("target") or "",
        equipment=filters.get("equipment") or "",
        difficulty=filters.get("difficulty"),
    )
    page = Paginator(exercises, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "exercises/list.html#results" if request.htmx else "exercises/list.html"
    return render(request, template, context)


@login_required
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    exercise = selectors.exercise_for(user, slug)
    context = {
        "exercise": exercise,
        "dosage": exercise.dosage,
        "progressions": selectors.visible_links(user, exercise, LinkKind.PROGRESSION),
        "regressions": selectors.visible_links(user, exercise, LinkKind.REGRESSION),
        "chain": selectors.progression_chain(user, exercise),
        "can_edit": exercise.owner_id == user.pk,
    }
    return render(request, "exercises/detail.html", context)


def _link_choices(user: User, exclude: str = "") -> list[tuple[str, str]]:
    return [(item.slug, item.name) for item in selectors.visible_exercises(user).exclude(slug=exclude)]


@coach_required
def exercise_create(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = ExerciseForm(request.POST or None, link_choices=_link_choices(user))
    if request.method == "POST" and form.is_valid():
        try:
            exercise = services.create_private_exercise(actor=user, record=form.record())
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"“{exercise.name}” added to your private exercises.")
            return redirect("exercises:detail", slug=exercise.slug)
    status = 400 if form.errors else 200
    return render(request, "exercises/form.html", {"form": form, "editing": None}, status=status)


@coach_required
def exercise_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    exercise = selectors.exercise_for(user, slug)
    if exercise.owner_id != user.pk:
        raise NotAllowed("The shipped library is read-only.")
    initial = ExerciseForm.initial_from(selectors.exercise_document(exercise, user))
    form = ExerciseForm(request.POST or None, initial=initial, link_choices=_link_choices(user, exclude=slug))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_private_exercise(actor=user, slug=slug, changes=form.record())
        except InvalidInput as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Exercise saved.")
            return redirect("exercises:detail", slug=slug)
    status = 400 if form.errors else 200
    return render(request, "exercises/form.html", {"form": form, "editing": exercise}, status=status)
