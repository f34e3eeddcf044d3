"""What the API and the command line read of workshops, as the same documents: who may use a route (a coach's, a
runner's), a coach's and a participant's view of a workshop, its lessons for one or the other, and the workshops of
a runner's day for GET /api/v1/today."""

from __future__ import annotations

from datetime import date
from typing import Any

from footwork.accounts.models import User
from footwork.core.clock import today_for
from footwork.core.errors import NotAllowed, NotFound
from footwork.core.markup import render_markdown
from footwork.workshops.domain import day_number
from footwork.workshops.models import Announcement, Lesson, LessonRead, Participant, Workshop
from footwork.workshops.selectors.workshops import (
    NO_WORKSHOP,
    AnnouncementLine,
    LessonLine,
    WorkshopDay,
    lessons_of,
    participant_of,
    today_lessons,
    workshop_for_coach,
    workshops_joined_by,
    workshops_of_coach,
)

# The landing page's path on this site (the web pages serve it); the API gives it as a path, not a full address,
# as the other "link" fields of the API do.
LANDING_PATH = "/w/{slug}/"
COACHES_ONLY = "Only coaches publish and run workshops: sign in with your coach's account."
RUNNERS_ONLY = "Only runners join workshops: sign in with your runner's account."


def landing_path(workshop: Workshop) -> str:
    return LANDING_PATH.format(slug=workshop.slug)


def as_coach(user: User) -> User:
    """The signed-in coach; NotAllowed (403) for a runner, as the other coaches' routes refuse them."""
    if not user.is_coach:
        raise NotAllowed(COACHES_ONLY)
    return user


def as_runner(user: User) -> User:
    """The signed-in runner; NotAllowed (403) for a coach."""
    if not user.is_runner:
        raise NotAllowed(RUNNERS_ONLY)
    return user


def created_document(workshop: Workshop) -> dict[str, Any]:
    """What POST /api/v1/workshops answers: its id, slug, landing path and shared code (None for an open one)."""
    return {
        "id": workshop.pk,
        "slug": workshop.slug,
        "url": landing_path(workshop),
        "code": workshop.shared_code or None,
    }


def _common(workshop: Workshop) -> dict[str, Any]:
    return {
        "id": workshop.pk,
        "slug": workshop.slug,
        "title": workshop.title,
        "subtitle": workshop.subtitle,
        "summary": workshop.summary,
        "url": landing_path(workshop),
        "program": workshop.program.slug,
        "access": workshop.access,
        "cohort_start": workshop.cohort_start,
        "join_window_days": workshop.join_window_days,
        "published": workshop.published,
    }


def coach_workshop_document(workshop: Workshop, participants: int | None = None) -> dict[str, Any]:
    """A workshop as its coach reads it: with its shared code and how many joined (never who)."""
    count = getattr(workshop, "participant_count", None) if participants is None else participants
    if count is None:
        count = workshop.participants.count()
    return {
        **_common(workshop),
        "code": workshop.shared_code or None,
        "participants": count,
        "plan": None,
        "day": None,
        "starts_on": None,
        "shares_data": None,
    }


def place_document(place: Participant, today: date) -> dict[str, Any]:
    """A workshop as a participant reads it: their plan, their day of it and whether they share their data."""
    return {
        **_common(place.workshop),
        "code": None,
        "participants": None,
        "plan": place.plan_id,
        "day": day_number(place.day_one, today),
        "starts_on": place.day_one,
        "shares_data": place.shares_data,
    }


def workshops_document(user: User) -> list[dict[str, Any]]:
    """GET /api/v1/workshops: a coach's own workshops, newest first; a runner's places, the latest joined first."""
    if user.is_coach:
        return [coach_workshop_document(workshop) for workshop in workshops_of_coach(user)]
    today = today_for(user)
    return [place_document(place, today) for place in workshops_joined_by(user)]


def joined_document(place: Participant, today: date) -> dict[str, Any]:
    """What joining answers: the participant's plan and their day of the workshop (0 or less before a cohort)."""
    return {
        "workshop": place.workshop.slug,
        "plan": place.plan_id,
        "day": day_number(place.day_one, today),
        "starts_on": place.day_one,
    }


def _lesson_document(line: LessonLine, *, coach: bool = False, body: bool = True) -> dict[str, Any]:
    """A lesson; for its coach `read` and `new_today` are null (they are a participant's)."""
    document: dict[str, Any] = {
        "id": line.id,
        "title": line.title,
        "unlock_day": line.unlock_day,
        "media_kind": line.media_kind or None,
        "read": None if coach else line.read,
        "new_today": None if coach else line.new_today,
    }
    if body:
        document["body_markdown"] = line.body_markdown
        document["body_html"] = render_markdown(line.body_markdown)
    return document


def _line(lesson: Lesson, read: set[int], day: int) -> LessonLine:
    return LessonLine(
        lesson.pk,
        lesson.title,
        lesson.body_markdown,
        lesson.unlock_day,
        lesson.media_kind,
        lesson.pk in read,
        lesson.unlock_day == day,
    )


def lessons_document(user: User, slug: str) -> list[dict[str, Any]]:
    """The lessons of a workshop in the order they unlock: its coach reads all of them, a participant those unlocked
    on their day with whether they read each; NotFound for anyone else."""
    if user.is_coach:
        lessons = lessons_of(workshop_for_coach(user, slug))
        return [_lesson_document(_line(lesson, set(), 0), coach=True) for lesson in lessons]
    place = participant_of(user, slug)
    if place is None:
        raise NotFound(NO_WORKSHOP)
    day = day_number(place.day_one, today_for(user))
    unlocked = [lesson for lesson in lessons_of(place.workshop) if lesson.unlock_day <= day]
    read = set(
        LessonRead.objects.filter(runner=user, lesson__in=unlocked).values_list("lesson_id", flat=True)
    )
    return [_lesson_document(_line(lesson, read, day)) for lesson in unlocked]


def read_document(lesson_id: int, read: LessonRead) -> dict[str, Any]:
    return {"lesson": lesson_id, "read": True, "read_at": read.read_at}


def announcement_document(item: Announcement | AnnouncementLine) -> dict[str, Any]:
    identifier = item.pk if isinstance(item, Announcement) else item.id
    return {"id": identifier, "body": item.body, "posted_at": item.posted_at}


def _day_document(day: WorkshopDay) -> dict[str, Any]:
    return {
        "slug": day.slug,
        "title": day.title,
        "url": LANDING_PATH.format(slug=day.slug),
        "day": day.day,
        "starts_on": day.starts_on,
        "lessons": [_lesson_document(line, body=False) for line in day.lessons],
        "announcements": [announcement_document(item) for item in day.announcements],
    }


def today_documents(runner: User, day: date) -> list[dict[str, Any]]:
    """The runner's workshops on their day, for GET /api/v1/today: the day number, the lessons unlocked (with read
    flags, without their text: GET /api/v1/workshops/{slug}/lessons gives it) and the recent announcements."""
    if not runner.is_runner:
        return []
    return [_day_document(item) for item in today_lessons(runner, day)]
