"""Reads of workshops, with who may see what written once: the public sees a published workshop's landing page, its
coach everything of it but participants' own data, a participant their own place, lessons and announcements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet

from footwork.accounts.models import User
from footwork.core.clock import time_zone_of, today_for
from footwork.core.errors import NotFound
from footwork.workshops.domain import day_number
from footwork.workshops.models import AccessCode, Announcement, Lesson, LessonRead, Participant, Workshop

NO_WORKSHOP = "No such workshop."
# /today/ shows the announcements of the last this many days, at most ANNOUNCEMENTS_SHOWN of them a workshop.
ANNOUNCEMENT_DAYS = 14
ANNOUNCEMENTS_SHOWN = 3


def workshops_of_coach(coach: User) -> QuerySet[Workshop]:
    """A coach's own workshops, newest first, with their participant counts (`participant_count`); none for anyone
    else."""
    if not coach.is_authenticated or not coach.is_coach:
        return Workshop.objects.none()
    return (
        Workshop.objects.filter(coach=coach)
        .select_related("program")
        .annotate(participant_count=Count("participants"))
        .order_by("-created_at", "-pk")
    )


def workshops_joined_by(runner: User) -> QuerySet[Participant]:
    """The runner's places in workshops (published or not: a participant keeps theirs), the latest joined first, each
    with its workshop, the workshop's coach and the plan."""
    if not runner.is_authenticated or not runner.is_runner:
        return Participant.objects.none()
    return (
        Participant.objects.filter(runner=runner)
        .select_related("workshop__coach__coach_profile", "workshop__program", "plan")
        .order_by("-joined_at", "-pk")
    )


def published_workshop(slug: str) -> Workshop | None:
    """The workshop for its public landing page, with its coach and program; None when unknown or unpublished."""
    return (
        Workshop.objects.filter(slug=slug, published=True)
        .select_related("coach__coach_profile", "program")
        .first()
    )


def workshop_for_coach(coach: User, slug: str) -> Workshop:
    """The coach's own workshop; NotFound for anyone else (another coach, a runner, a visitor) and unknown slugs."""
    found = None
    if coach.is_authenticated and coach.is_coach and coach.is_active:
        found = Workshop.objects.filter(slug=slug, coach=coach).select_related("program").first()
    if found is None:
        raise NotFound(NO_WORKSHOP)
    return found


def participant_of(runner: User, slug: str) -> Participant | None:
    """The runner's place in the workshop, with the workshop and plan; None when they have not joined."""
    if not runner.is_authenticated or not runner.is_runner:
        return None
    return (
        Participant.objects.filter(runner=runner, workshop__slug=slug)
        .select_related("workshop__coach__coach_profile", "workshop__program", "plan")
        .first()
    )


def lessons_of(workshop: Workshop) -> QuerySet[Lesson]:
    """The workshop's lessons in the order they unlock (the coach's list, the landing page's outline)."""
    return Lesson.objects.filter(workshop=workshop).order_by("unlock_day", "position")


def announcements_of(workshop: Workshop) -> QuerySet[Announcement]:
    """The workshop's announcements, newest first."""
    return Announcement.objects.filter(workshop=workshop).order_by("-posted_at", "-pk")


@dataclass(frozen=True)
class CodeLine:
    """A single-use code as the coach's list and CSV export give it: whether it is used, never by whom."""

    code: str
    created_at: datetime
    used_at: datetime | None


def codes_of(coach: User, slug: str) -> list[CodeLine]:
    """The single-use codes of the coach's workshop, oldest first (NotFound for anyone else)."""
    workshop = workshop_for_coach(coach, slug)
    rows = AccessCode.objects.filter(workshop=workshop).order_by("created_at", "pk")
    return [
        CodeLine(code, made, used) for code, made, used in rows.values_list("code", "created_at", "used_at")
    ]


@dataclass(frozen=True)
class LessonLine:
    id: int
    title: str
    body_markdown: str
    unlock_day: int
    media_kind: str  # "photo", "video" or "" for none
    read: bool
    new_today: bool  # unlocked on this very day of the workshop


@dataclass(frozen=True)
class AnnouncementLine:
    id: int
    body: str
    posted_at: datetime


@dataclass(frozen=True)
class WorkshopDay:
    """One workshop on a participant's day: its day number, the lessons unlocked so far and recent announcements."""

    slug: str
    title: str
    day: int  # day 1 is day one; 0 or less before a cohort starts
    starts_on: date  # the participant's day one
    lessons: tuple[LessonLine, ...]
    announcements: tuple[AnnouncementLine, ...]


def today_lessons(runner: User, day: date) -> list[WorkshopDay]:
    """For /today/: each workshop the runner is in, with the lessons unlocked by `day` (the runner's today; day N of
    the workshop is (day - day one) + 1) and the announcements of the last ANNOUNCEMENT_DAYS days. Three queries."""
    places = list(workshops_joined_by(runner).select_related(None).select_related("workshop"))
    if not places:
        return []
    days = {place.workshop_id: day_number(place.day_one, day) for place in places}
    lessons: dict[int, list[Lesson]] = {}
    for lesson in Lesson.objects.filter(workshop_id__in=days).order_by("unlock_day", "position"):
        if lesson.unlock_day <= days[lesson.workshop_id]:
            lessons.setdefault(lesson.workshop_id, []).append(lesson)
    read = set(
        LessonRead.objects.filter(runner=runner, lesson__workshop_id__in=days).values_list(
            "lesson_id", flat=True
        )
    )
    zone = ZoneInfo(time_zone_of(runner))
    since = datetime.combine(day - timedelta(days=ANNOUNCEMENT_DAYS), datetime.min.time(), tzinfo=zone)
    news: dict[int, list[AnnouncementLine]] = {}
    for item in Announcement.objects.filter(workshop_id__in=days, posted_at__gte=since).order_by(
        "-posted_at"
    ):
        found = news.setdefault(item.workshop_id, [])
        if len(found) < ANNOUNCEMENTS_SHOWN:
            found.append(AnnouncementLine(item.pk, item.body, item.posted_at))
    return [
        WorkshopDay(
            slug=place.workshop.slug,
            title=place.workshop.title,
            day=days[place.workshop_id],
            starts_on=place.day_one,
            lessons=tuple(
                LessonLine(
                    lesson.pk,
                    lesson.title,
                    lesson.body_markdown,
                    lesson.unlock_day,
                    lesson.media_kind,
                    lesson.pk in read,
                    lesson.unlock_day == days[place.workshop_id],
                )
                for lesson in lessons.get(place.workshop_id, [])
            ),
            announcements=tuple(news.get(place.workshop_id, [])),
        )
        for place in places
    ]


def lesson_for_participant(runner: User, lesson_id: int) -> Lesson:
    """A lesson the runner may read (of a workshop they are in, unlocked on their day); NotFound otherwise."""
    lesson = Lesson.objects.filter(pk=lesson_id).select_related("workshop").first()
    place = (
        None
        if lesson is None or not runner.is_authenticated
        else Participant.objects.filter(workshop_id=lesson.workshop_id, runner=runner).first()
    )
    if lesson is None or place is None or lesson.unlock_day > day_number(place.day_one, today_for(runner)):
        raise NotFound("No such lesson.")
    return lesson
