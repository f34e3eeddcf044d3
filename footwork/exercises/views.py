from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from footwork.accounts.models import User
from footwork.core.api import file_viewer
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.limits import MAX_ID
from footwork.core.mediafiles import media_response
from footwork.core.views import HtmxRequest, coach_required, current_user
from footwork.exercises import selectors, services
from footwork.exercises.forms import ExerciseForm, LibraryFilterForm, MediaForm
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
def exercise_detail(request: HttpRequest, slug: str, media_form: MediaForm | None = None) -> HttpResponse:
    user = current_user(request)
    exercise = selectors.exercise_for(user, slug)
    context = {
        "exercise": exercise,
        "dosage": exercise.dosage,
        "progressions": selectors.visible_links(user, exercise, LinkKind.PROGRESSION),
        "regressions": selectors.visible_links(user, exercise, LinkKind.REGRESSION),
        "chain": selectors.progression_chain(user, exercise),
        "can_edit": exercise.owner_id == user.pk,
        "media": selectors.media_for(user, exercise),
        "media_form": media_form or (MediaForm() if user.is_coach else None),
    }
    return render(request, "exercises/detail.html", context, status=400 if media_form else 200)


@coach_required
@require_POST
def media_add(request: HttpRequest, slug: str) -> HttpResponse:
    """A coach uploads a photo or short video for an exercise; a refusal shows the page again with the reason."""
    user = current_user(request)
    selectors.exercise_for(user, slug)
    form = MediaForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_media(
                actor=user, slug=slug, data=upload.read(), caption=form.cleaned_data["caption"]
            )
        except InvalidInput as error:
            form.add_error("caption" if error.field == "caption" else "file", error.message)
        else:
            messages.success(request, "Added. Your runners see it here and in their session.")
            return redirect("exercises:detail", slug=slug)
    return exercise_detail(request, slug, media_form=form)


def _known(media_id: int) -> None:
    # A number past any database id names nothing, and a lookup by it would fail in the driver.
    if media_id > MAX_ID:
        raise NotFound(selectors.NO_MEDIA)


@login_required
@require_POST
def media_remove(request: HttpRequest, slug: str, media_id: int) -> HttpResponse:
    _known(media_id)
    services.remove_media(actor=current_user(request), media_id=media_id, slug=slug)
    messages.success(request, "Removed.")
    return redirect("exercises:detail", slug=slug)


@require_safe
def media_file(request: HttpRequest, media_id: int) -> HttpResponseBase:
    """The file of a photo or video the viewer may see (404 otherwise), inline; a video by byte ranges too.

    A session or a personal API token (the API's media `url`) says who is asking.
    """
    viewer = file_viewer(request)
    if viewer is None:
        return redirect_to_login(request.get_full_path())
    _known(media_id)
    item = selectors.media_item(viewer, media_id)
    return media_response(request, item.path, item.content_type)


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
