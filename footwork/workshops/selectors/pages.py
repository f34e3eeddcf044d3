"""Reads for the workshops' web pages: the landing page's outline, a participant's own page and /today/'s card, the
photos and videos of a workshop for those who may see them, and a participant's own tests before and after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q

from footwork.accounts.models import User
from footwork.assessments.battery import BY_SLUG
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.assessments.selectors import assessments_of, responses_of
from footwork.core.clock import today_for
from footwork.core.errors import NotFound
from footwork.programs.models import Program
from footwork.programs.selectors import program_document, with_tree
from footwork.training.models import DaySummary
from footwork.workshops.domain import AFTER_DAYS, BEFORE_DAYS, WORKSHOP_TESTS, day_number
from footwork.workshops.models import Lesson, Participant, Workshop
from footwork.workshops.selectors.workshops import (
    NO_WORKSHOP,
    LessonLine,
    WorkshopDay,
    lesson_for_participant,
    today_lessons,
)

NO_LESSON = "No such lesson."


def program_outline(workshop: Workshop) -> dict[str, Any]:
    """The workshop's program as programs.selectors.program_document gives it (phases, sessions, prescriptions with
    exercise names): what the landing page lists. Four queries however long the program."""
    return program_document(with_tree(Program.objects.filter(pk=workshop.program_id)).get())


def workshop_with_cover(viewer: User | None, slug: str) -> Workshop:
    """A workshop whose cover photo the viewer (None: a visitor) may see: anyone while it is published, its coach
    always."""
    seen = Q(published=True)
    if viewer is not None and viewer.is_coach:
        seen |= Q(coach=viewer)
    found = Workshop.objects.filter(seen, slug=slug).exclude(cover_path="").first()
    if found is None:
        raise NotFound(NO_WORKSHOP)
    return found


def lesson_for_coach(coach: User, lesson_id: int) -> Lesson:
    """A lesson of the coach's own workshop; NotFound for anyone else."""
    found = (
        Lesson.objects.filter(pk=lesson_id, workshop__coach=coach).select_related("workshop").first()
        if coach.is_authenticated and coach.is_coach
        else None
    )
    if found is None:
        raise NotFound(NO_LESSON)
    return found


def lesson_with_media(viewer: User, lesson_id: int) -> Lesson:
    """A lesson's photo or video for its workshop's coach, or a participant once it is unlocked on their day."""
    if viewer.is_authenticated and viewer.is_coach:
        lesson = lesson_for_coach(viewer, lesson_id)
    else:
        lesson = lesson_for_participant(viewer, lesson_id)
    if not lesson.media_path:
        raise NotFound(NO_LESSON)
    return lesson


def day_of_place(place: Participant, today: date) -> WorkshopDay:
    """One workshop on a participant's day (its day number, the lessons unlocked so far with their text and whether
    read, and its recent announcements), as /today/ gives each."""
    days = today_lessons(place.runner, today)
    found = next((item for item in days if item.slug == place.workshop.slug), None)
    if found is None:
        raise NotFound(NO_WORKSHOP)
    return found


def newest_unread(day: WorkshopDay) -> LessonLine | None:
    """The lesson /today/ offers: the newest one unlocked and not read yet."""
    unread = [lesson for lesson in day.lessons if not lesson.read]
    return unread[-1] if unread else None


@dataclass(frozen=True)
class TodayWorkshop:
    """A workshop's card on /today/: the day, the lesson to read (None: all read) and recent announcements."""

    day: WorkshopDay
    lesson: LessonLine | None


def today_cards(runner: User, today: date) -> list[TodayWorkshop]:
    """/today/'s workshop cards, one a workshop the runner is in (three queries however many; one with none)."""
    return [TodayWorkshop(day, newest_unread(day)) for day in today_lessons(runner, today)]


def has_trained(place: Participant, today: date) -> bool:
    """Whether the participant has logged a session since their day one."""
    return (
        DaySummary.objects.filter(runner=place.runner, date__range=(place.day_one, today))
        .exclude(sessions=[])
        .exists()
    )


@dataclass(frozen=True)
class Reading:
    """One of a participant's own results: a test's left and right legs, or a questionnaire's score."""

    day: date
    left: float | None = None
    right: float | None = None
    score: float | None = None


@dataclass(frozen=True)
class OwnMeasure:
    """A test or the workshop's questionnaire: the participant's first result around day one and their last at the
    end (None each when not done), as workshops.domain.before_after takes them."""

    measure: str
    name: str
    unit: str
    url_code: str  # the questionnaire's code for its page; blank for a test
    before: Reading | None
    after: Reading | None


def _windows(place: Participant, weeks: int) -> tuple[tuple[date, date], tuple[date, date]]:
    day_one = place.day_one
    before = (day_one - timedelta(days=BEFORE_DAYS), day_one + timedelta(days=BEFORE_DAYS))
    after = (day_one + timedelta(days=7 * (weeks - 1)), day_one + timedelta(days=7 * weeks - 1 + AFTER_DAYS))
    return before, after


def _first_last(
    readings: list[Reading], windows: tuple[tuple[date, date], tuple[date, date]]
) -> tuple[Any, Any]:
    (first_from, first_to), (last_from, last_to) = windows
    ordered = sorted(readings, key=lambda item: item.day)
    before = next((item for item in ordered if first_from <= item.day <= first_to), None)
    after = next((item for item in reversed(ordered) if last_from <= item.day <= last_to), None)
    if before is not None and after is not None and after.day <= before.day:
        after = None
    return before, after


def own_measures(place: Participant) -> list[OwnMeasure]:
    """The participant's own workshop tests (and its questionnaire) before and at the end, read through the
    assessments selectors: theirs only, shown to them alone."""
    weeks = place.workshop.program.duration_weeks
    windows = _windows(place, weeks)
    by_test: dict[str, list[Reading]] = {slug: [] for slug in WORKSHOP_TESTS}
    for assessment in assessments_of(place.runner).filter(date__gte=windows[0][0]):
        for result in assessment.results.all():
            if result.test in by_test:
                left = None if result.left is None else float(result.left)
                right = None if result.right is None else float(result.right)
                by_test[result.test].append(Reading(assessment.date, left, right))
    found = []
    for slug, readings in by_test.items():
        definition = BY_SLUG[slug]
        before, after = _first_last(readings, windows)
        found.append(OwnMeasure(slug, definition.name, definition.unit, "", before, after))
    instrument = INSTRUMENTS.get(place.workshop.questionnaire)
    if instrument is not None:
        answers = [
            Reading(response.date, score=float(response.score))
            for response in responses_of(place.runner, instrument.code)
        ]
        before, after = _first_last(answers, windows)
        found.append(
            OwnMeasure(instrument.code, instrument.name, instrument.unit, instrument.code, before, after)
        )
    return found


@dataclass(frozen=True)
class PlaceStage:
    """Where a participant stands: before day one, before their first session, in the last week, or finished."""

    day: int
    weeks: int
    not_started: bool  # before day one (a cohort yet to start)
    first_session_ahead: bool
    last_week: bool
    finished: bool


def stage_of(place: Participant) -> PlaceStage:
    today = today_for(place.runner)
    weeks = place.workshop.program.duration_weeks
    number = day_number(place.day_one, today)
    return PlaceStage(
        day=number,
        weeks=weeks,
        not_started=number < 1,
        first_session_ahead=not has_trained(place, today),
        last_week=number > 7 * (weeks - 1),
        finished=number > 7 * weeks,
    )
