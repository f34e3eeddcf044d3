"""A coach's workshop pages: their list and the publish form, one workshop's page (its fields, cover, publishing,
codes and their CSV, lessons, announcements and the figures over its participants)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.limits import MAX_ID
from footwork.core.markup import render_markdown
from footwork.core.views import coach_required, current_user
from footwork.core.wording import day_label
from footwork.workshops import selectors, services
from footwork.workshops.domain import ALWAYS_NOT_FOR, HIDDEN_WORDS, joining_closes
from footwork.workshops.forms import (
    AnnouncementForm,
    CodesForm,
    CoverForm,
    LessonForm,
    PublishForm,
    WorkshopForm,
)
from footwork.workshops.models import Access, Workshop
from footwork.workshops.selectors.pages import NO_LESSON

# The codes listed on the page (the CSV holds them all).
CODES_SHOWN = 50


def _field_error(form: Any, error: InvalidInput) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@coach_required
def workshop_list(request: HttpRequest) -> HttpResponse:
    """The coach's workshops and the form that publishes a new one."""
    coach = current_user(request)
    form = PublishForm(coach, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workshop = services.publish_workshop(
                actor=coach,
                program_slug=data["program"],
                title=data["title"],
                summary=data["summary"],
                access=data["access"],
                cohort_start=data["cohort_start"],
            )
        except InvalidInput as error:
            _field_error(form, error)
        else:
            messages.success(request, f"Published. Share its page: {_share_link(request, workshop)}")
            return redirect("workshops:coach_workshop", slug=workshop.slug)
    context = {"workshops": selectors.workshops_of_coach(coach), "form": form}
    return render(request, "workshops/coach_list.html", context, status=400 if form.errors else 200)


def _share_link(request: HttpRequest, workshop: Workshop) -> str:
    return request.build_absolute_uri(reverse("workshops:landing", args=[workshop.slug]))


def _initial(workshop: Workshop) -> dict[str, Any]:
    return {field: getattr(workshop, field) for field in services.EDITABLE_FIELDS}


def _stats_context(coach: Any, slug: str) -> dict[str, Any]:
    stats = selectors.workshop_stats(coach, slug)
    chart = [
        {"week": week.week, "median": week.adherence.median}
        for week in stats.weeks
        if not week.adherence.hidden
    ]
    return {"stats": stats, "chart": {"weeks": chart} if chart else None, "hidden_words": HIDDEN_WORDS}


def _page(request: HttpRequest, workshop: Workshop, status: int = 200, **forms: Any) -> HttpResponse:
    coach = current_user(request)
    today = today_for(coach)
    lessons = list(selectors.lessons_of(workshop))
    codes = selectors.codes_of(coach, workshop.slug) if workshop.access == Access.CODE else []
    closes = joining_closes(workshop.cohort_start, workshop.join_window_days)
    context = {
        "workshop": workshop,
        "form": forms.get("form") or WorkshopForm(initial=_initial(workshop)),
        "cover_form": forms.get("cover_form") or CoverForm(),
        "lesson_form": forms.get("lesson_form") or LessonForm(),
        "codes_form": forms.get("codes_form") or CodesForm(),
        "announcement_form": forms.get("announcement_form") or AnnouncementForm(),
        "lessons": [
            (lesson, LessonForm(initial=_lesson_initial(lesson), prefix=f"l{lesson.pk}"))
            for lesson in lessons
        ],
        "codes": codes[:CODES_SHOWN],
        "codes_total": len(codes),
        "codes_unused": sum(1 for line in codes if line.used_at is None),
        "announcements": list(selectors.announcements_of(workshop)[:20]),
        "share_link": _share_link(request, workshop),
        "description_html": render_markdown(workshop.description_markdown),
        "always_not_for": ALWAYS_NOT_FOR,
        "starts": day_label(workshop.cohort_start, today) if workshop.cohort_start else "",
        "closes": day_label(closes, today) if closes else "",
        "today": today,
        **_stats_context(coach, workshop.slug),
    }
    return render(request, "workshops/coach_workshop.html", context, status=status)


def _lesson_initial(lesson: Any) -> dict[str, Any]:
    return {"title": lesson.title, "unlock_day": lesson.unlock_day, "body_markdown": lesson.body_markdown}


@coach_required
def workshop_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The coach's own workshop (404 for anyone else's); a POST saves its fields."""
    coach = current_user(request)
    workshop = selectors.workshop_for_coach(coach, slug)
    if request.method != "POST":
        return _page(request, workshop)
    form = WorkshopForm(request.POST)
    if form.is_valid():
        try:
            services.update_workshop(actor=coach, slug=slug, changes=form.cleaned_data)
        except InvalidInput as error:
            _field_error(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("workshops:coach_workshop", slug=slug)
    return _page(request, workshop, status=400, form=form)


@coach_required
@require_POST
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The description as runners will see it (htmx): the coach's Markdown made safe, nothing saved."""
    selectors.workshop_for_coach(current_user(request), slug)
    html = render_markdown(request.POST.get("description_markdown", ""))
    return HttpResponse(render_to_string("workshops/_preview.html", {"html": html}))


@coach_required
@require_POST
def cover(request: HttpRequest, slug: str) -> HttpResponse:
    coach = current_user(request)
    workshop = selectors.workshop_for_coach(coach, slug)
    form = CoverForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["cover"]
        if upload is None and not form.cleaned_data["remove"]:
            form.add_error("cover", "Choose a photo, or tick “Remove the cover”.")
        else:
            try:
                services.set_cover(actor=coach, slug=slug, data=None if upload is None else upload.read())
            except InvalidInput as error:
                form.add_error("cover", error.message)
            else:
                messages.success(request, "Cover removed." if upload is None else "Cover saved.")
                return redirect("workshops:coach_workshop", slug=slug)
    return _page(request, workshop, status=400, cover_form=form)


@coach_required
@require_POST
def publishing(request: HttpRequest, slug: str) -> HttpResponse:
    """Unpublish (no new joins, the page gone) or publish again."""
    coach = current_user(request)
    if request.POST.get("published") == "yes":
        services.republish_workshop(actor=coach, slug=slug)
        messages.success(request, "Published again: its page is back and runners may join.")
    else:
        services.unpublish_workshop(actor=coach, slug=slug)
        messages.success(
            request, "Unpublished: its page is gone and no one new joins. Participants keep going."
        )
    return redirect("workshops:coach_workshop", slug=slug)


@coach_required
@require_POST
def make_codes(request: HttpRequest, slug: str) -> HttpResponse:
    coach = current_user(request)
    workshop = selectors.workshop_for_coach(coach, slug)
    form = CodesForm(request.POST)
    if form.is_valid():
        try:
            made = services.make_codes(actor=coach, slug=slug, count=form.cleaned_data["count"])
        except InvalidInput as error:
            form.add_error("count", error.message)
        else:
            messages.success(request, f"{len(made)} new single-use code{'s' if len(made) != 1 else ''} made.")
            return redirect(reverse("workshops:coach_workshop", args=[slug]) + "#codes")
    return _page(request, workshop, status=400, codes_form=form)


@coach_required
def codes_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every single-use code of the workshop as a CSV download: the code, when made, whether used (never by whom)."""
    coach = current_user(request)
    workshop = selectors.workshop_for_coach(coach, slug)
    lines = selectors.codes_of(coach, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{workshop.slug}-codes.csv"'
    writer = csv.writer(response)
    writer.writerow(["code", "made", "used"])
    for line in lines:
        used = timezone.localtime(line.used_at).date().isoformat() if line.used_at else ""
        writer.writerow([line.code, timezone.localtime(line.created_at).date().isoformat(), used])
    return response


def _lesson_media(form: LessonForm) -> bytes | None:
    upload = form.cleaned_data.get("upload")
    return None if upload is None else bytes(upload.read())


@coach_required
@require_POST
def add_lesson(request: HttpRequest, slug: str) -> HttpResponse:
    coach = current_user(request)
    workshop = selectors.workshop_for_coach(coach, slug)
    form = LessonForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_lesson(
                actor=coach,
                slug=slug,
                title=data["title"],
                body_markdown=data["body_markdown"],
                unlock_day=data["unlock_day"],
                media=_lesson_media(form),
            )
        except InvalidInput as error:
            _field_error(form, error)
        else:
            messages.success(request, f"Lesson added: it unlocks on day {data['unlock_day']}.")
            return redirect(reverse("workshops:coach_workshop", args=[slug]) + "#lessons")
    return _page(request, workshop, status=400, lesson_form=form)


def _known(lesson_id: int) -> int:
    if lesson_id > MAX_ID:
        raise NotFound(NO_LESSON)
    return lesson_id


@coach_required
@require_POST
def edit_lesson(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    """The lesson's title, unlock day and text; a new photo or video, or none."""
    coach = current_user(request)
    lesson = selectors.lesson_for_coach(coach, _known(lesson_id))
    if lesson.workshop.slug != slug:
        return redirect("workshops:coach_workshop", slug=lesson.workshop.slug)
    form = LessonForm(request.POST, request.FILES, prefix=f"l{lesson.pk}")
    if form.is_valid():
        data = form.cleaned_data
        changes = {field: data[field] for field in services.LESSON_FIELDS}
        try:
            services.edit_lesson(actor=coach, lesson_id=lesson.pk, changes=changes)
            if data.get("upload") is not None or data["remove_media"]:
                services.set_lesson_media(actor=coach, lesson_id=lesson.pk, data=_lesson_media(form))
        except InvalidInput as error:
            _field_error(form, error)
        else:
            messages.success(request, "Lesson saved.")
            return redirect(reverse("workshops:coach_workshop", args=[slug]) + f"#lesson-{lesson.pk}")
    messages.error(request, f"The lesson “{lesson.title}” was not saved: {_first_error(form)}")
    return redirect(reverse("workshops:coach_workshop", args=[slug]) + f"#lesson-{lesson.pk}")


def _first_error(form: LessonForm) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return ""


@coach_required
@require_POST
def remove_lesson(request: HttpRequest, slug: str, lesson_id: int) -> HttpResponse:
    coach = current_user(request)
    lesson = selectors.lesson_for_coach(coach, _known(lesson_id))
    services.remove_lesson(actor=coach, lesson_id=lesson.pk)
    messages.success(request, f"Lesson removed: {lesson.title}.")
    return redirect(reverse("workshops:coach_workshop", args=[lesson.workshop.slug]) + "#lessons")


@coach_required
@require_POST
def announce(request: HttpRequest, slug: str) -> HttpResponse:
    coach = current_user(request)
    workshop = selectors.workshop_for_coach(coach, slug)
    form = AnnouncementForm(request.POST)
    if form.is_valid():
        try:
            services.post_announcement(actor=coach, slug=slug, body=form.cleaned_data["body"])
        except InvalidInput as error:
            form.add_error("body", error.message)
        else:
            messages.success(request, "Posted: participants see it on their day.")
            return redirect(reverse("workshops:coach_workshop", args=[slug]) + "#announcements")
    return _page(request, workshop, status=400, announcement_form=form)
