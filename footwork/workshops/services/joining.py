"""A runner's writes to a workshop: joining it (their own plan copied from its program), sharing their data with
its coach or not, and reading its lessons. Every refusal stores nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from footwork.accounts.models import RunnerProfile, User
from footwork.accounts.services import share_with, stop_sharing
from footwork.core import bounds
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.programs.services import enroll_through
from footwork.workshops.domain import join_problem, normalise_code
from footwork.workshops.models import Access, AccessCode, LessonRead, Participant, Workshop
from footwork.workshops.selectors import NO_WORKSHOP, lesson_for_participant

WRONG_CODE = "This code does not open this workshop, or it has been used already. Check it, or ask its coach."


def share_source(workshop: Workshop) -> str:
    """The reason a participant's accounts.DataShare with the workshop's coach is kept under."""
    return f"workshop:{workshop.pk}"


@transaction.atomic
def join_workshop(*, actor: User, slug: str, code: str = "") -> tuple[Participant, bool]:
    """The runner joins a published workshop (with its shared code or an unused single-use one, when it asks for a
    code): their own plan copied from its program, from day one (the day they join, or the cohort's start). Joining
    again gives the same place and plan, and False."""
    if not actor.is_authenticated or not actor.is_runner:
        raise NotAllowed("Only runners join workshops: sign in with your runner's account.")
    workshop = Workshop.objects.filter(slug=slug).select_related("program", "coach").first()
    if workshop is None:
        raise NotFound(NO_WORKSHOP)
    # One join of a runner at a time: a second tap waits for the first, then finds its place.
    RunnerProfile.objects.select_for_update().filter(user=actor).first()
    place = Participant.objects.filter(workshop=workshop, runner=actor).select_related("plan").first()
    if place is not None:
        return place, False
    if not workshop.published:
        raise NotAllowed("This workshop takes no new participants now.")
    today = today_for(actor)
    if problem := join_problem(workshop.cohort_start, workshop.join_window_days, today):
        raise NotAllowed(problem)
    used = _claim(workshop, code, actor) if workshop.access == Access.CODE else None
    day_one = workshop.cohort_start or today
    plan = enroll_through(actor=actor, source=workshop.program, start_date=day_one)
    place = Participant.objects.create(workshop=workshop, runner=actor, plan=plan, day_one=day_one, code=used)
    return place, True


def _claim(workshop: Workshop, code: str, runner: User) -> AccessCode | None:
    """The single-use code claimed for the runner (None for the shared code), or NotAllowed.

    The claim is one conditional UPDATE: of runners joining with one code at once, the database lets exactly one
    change the row (the others find it used and change nothing)."""
    typed = normalise_code(code or "")
    if not typed:
        raise NotAllowed("This workshop asks for a code: type the one you were given.")
    if len(typed) > bounds.WORKSHOP_CODE_CHARACTERS.high:
        raise NotAllowed(WRONG_CODE)
    if workshop.shared_code and typed == workshop.shared_code:
        return None
    claimed = AccessCode.objects.filter(workshop=workshop, code=typed, used_at__isnull=True).update(
        used_by=runner, used_at=timezone.now()
    )
    if claimed != 1:
        raise NotAllowed(WRONG_CODE)
    return AccessCode.objects.get(workshop=workshop, code=typed)


def _own_place(actor: User, slug: str) -> Participant:
    place = (
        Participant.objects.select_for_update()
        .filter(workshop__slug=slug, runner=actor)
        .select_related("workshop__coach")
        .first()
        if actor.is_authenticated and actor.is_runner
        else None
    )
    if place is None:
        raise NotFound("You have not joined this workshop.")
    return place


@transaction.atomic
def share_data(*, actor: User, slug: str, share: bool) -> Participant:
    """A participant lets the workshop's coach see their data (their roster row, their pages, their alerts), or
    stops; sharing through another workshop of the same coach is kept. Messages stay for a runner's own coach."""
    if not isinstance(share, bool):
        raise InvalidInput("Say whether to share: yes or no.", field="share")
    place = _own_place(actor, slug)
    workshop = place.workshop
    if share:
        share_with(actor=actor, coach=workshop.coach, source=share_source(workshop))
    else:
        stop_sharing(actor=actor, coach=workshop.coach, source=share_source(workshop))
    if place.shares_data != share:
        place.shares_data = share
        place.save(update_fields=["shares_data"])
    return place


@transaction.atomic
def mark_lesson_read(*, actor: User, lesson_id: int) -> LessonRead:
    """A participant has read an unlocked lesson (again: the first read is kept)."""
    lesson = lesson_for_participant(actor, lesson_id)
    read, _created = LessonRead.objects.get_or_create(lesson=lesson, runner=actor)
    return read
