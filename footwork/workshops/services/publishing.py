"""A coach's writes to their workshops: publishing, editing, unpublishing, the cover, lessons, single-use codes and
announcements. Every refusal changes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from footwork.accounts.models import User
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.core import bounds, events, mediafiles
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.media import Checked, MediaRefused, check_upload
from footwork.programs.selectors import visible_templates
from footwork.workshops.domain import checkout_problem, new_code
from footwork.workshops.models import Access, AccessCode, Announcement, Lesson, Workshop
from footwork.workshops.selectors import workshop_for_coach

# A cohort may be joined this many days after its start unless the coach says otherwise.
DEFAULT_JOIN_WINDOW_DAYS = 14
# The longest slug made from a title, before a "-2" that keeps it unique.
SLUG_WORDS_MAX = 70
# What a coach may change after publishing (update_workshop); the cover and lessons have their own services.
EDITABLE_FIELDS = (
    "title",
    "subtitle",
    "summary",
    "description_markdown",
    "for_whom",
    "not_for_whom",
    "checkout_url",
    "access",
    "cohort_start",
    "join_window_days",
    "questionnaire",
)
LESSON_FIELDS = ("title", "body_markdown", "unlock_day")
# Tries to find a code not yet taken: with 31^8 codes, a clash is already rare on the first.
CODE_TRIES = 20


def _coach(actor: User) -> None:
    if not actor.is_authenticated or not actor.is_coach:
        raise NotAllowed("Only coaches publish and run workshops.")


def _text(value: Any, bound: bounds.Bound, field: str, what: str) -> str:
    """The text stripped, or InvalidInput in words: empty when it must say something, or too long."""
    text = str(value or "").strip()
    if not text and bound.low >= 1:
        raise InvalidInput(f"Give the {what}.", field=field)
    most = int(bound.high)
    if len(text) > most:
        raise InvalidInput(
            f"The {what} holds at most {most:,} characters; this one has {len(text):,}.", field=field
        )
    return text


def _access(value: Any) -> str:
    if value not in Access.values:
        raise InvalidInput("Choose who may join: anyone with the link, or those with a code.", field="access")
    return str(value)


def _cohort_start(value: Any, today: date) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date):
        raise InvalidInput("Give the cohort's start as a date.", field="cohort_start")
    if problem := bounds.WORKSHOP_COHORT_START.check(value, today=today):
        raise InvalidInput(problem[:1].upper() + problem[1:] + ".", field="cohort_start")
    return value


def _window(value: Any) -> int:
    bound = bounds.WORKSHOP_JOIN_WINDOW_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not bound.contains(value):
        raise InvalidInput(
            f"Joining closes between {int(bound.low)} and {int(bound.high)} days after the start.",
            field="join_window_days",
        )
    return value


def _questionnaire(value: Any) -> str:
    code = str(value or "")
    if code and code not in INSTRUMENTS:
        names = ", ".join(instrument.short_name for instrument in INSTRUMENTS.values())
        raise InvalidInput(
            f"Choose one of the questionnaires Footwork scores ({names}), or none.", field="questionnaire"
        )
    return code


def _checkout(value: Any) -> str:
    url = _text(value, bounds.WORKSHOP_CHECKOUT_URL_CHARACTERS, "checkout_url", "checkout address")
    if problem := checkout_problem(url):
        raise InvalidInput(problem, field="checkout_url")
    return url


def _cleaned(field: str, value: Any, today: date) -> Any:
    """One editable field's value as it is kept, or InvalidInput."""
    texts = {
        "title": (bounds.WORKSHOP_TITLE_CHARACTERS, "title"),
        "subtitle": (bounds.WORKSHOP_SUBTITLE_CHARACTERS, "subtitle"),
        "summary": (bounds.WORKSHOP_SUMMARY_CHARACTERS, "summary"),
        "description_markdown": (bounds.WORKSHOP_DESCRIPTION_CHARACTERS, "description"),
        "for_whom": (bounds.WORKSHOP_AUDIENCE_CHARACTERS, "words on who it is for"),
        "not_for_whom": (bounds.WORKSHOP_AUDIENCE_CHARACTERS, "words on who it is not for"),
    }
    if field in texts:
        bound, what = texts[field]
        return _text(value, bound, field, what)
    cleaners = {
        "checkout_url": _checkout,
        "access": _access,
        "join_window_days": _window,
        "questionnaire": _questionnaire,
    }
    if field == "cohort_start":
        return _cohort_start(value, today)
    return cleaners[field](value)


def _unique_slug(title: str) -> str:
    base = slugify(title)[:SLUG_WORDS_MAX].strip("-") or "workshop"
    taken = set(Workshop.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@transaction.atomic
def publish_workshop(
    *,
    actor: User,
    program_slug: str,
    title: str,
    summary: str,
    access: str = Access.OPEN,
    cohort_start: date | None = None,
    join_window_days: int = DEFAULT_JOIN_WINDOW_DAYS,
    subtitle: str = "",
    description_markdown: str = "",
    for_whom: str = "",
    not_for_whom: str = "",
    checkout_url: str = "",
    questionnaire: str = "",
) -> Workshop:
    """A coach turns a program they may see (their own template or a shipped one) into a published workshop, with a
    slug made from its title and, for access by code, a shared code that is easy to type (Workshop.shared_code)."""
    _coach(actor)
    program = visible_templates(actor).filter(slug=program_slug).first()
    if program is None:
        raise NotFound("No such program among yours and the shipped ones.")
    today = today_for(actor)
    values = {
        field: _cleaned(field, value, today)
        for field, value in {
            "title": title,
            "subtitle": subtitle,
            "summary": summary,
            "description_markdown": description_markdown,
            "for_whom": for_whom,
            "not_for_whom": not_for_whom,
            "checkout_url": checkout_url,
            "access": access,
            "cohort_start": cohort_start,
            "join_window_days": join_window_days,
            "questionnaire": questionnaire,
        }.items()
    }
    workshop = Workshop(coach=actor, program=program, **values)
    workshop.shared_code = new_code() if workshop.access == Access.CODE else ""
    # Two coaches naming a workshop alike at once: the slug's unique index refuses one, which tries the next number.
    for _attempt in range(3):
        workshop.slug = _unique_slug(workshop.title)
        try:
            with transaction.atomic():
                workshop.save()
            return workshop
        except IntegrityError:
            continue
    raise InvalidInput("Another workshop was just published with this title; try again.", field="title")


@transaction.atomic
def update_workshop(*, actor: User, slug: str, changes: Mapping[str, Any]) -> Workshop:
    """A coach edits their workshop (the fields of EDITABLE_FIELDS). The cohort's start and window stay once anyone
    has joined (their plans are dated from it); choosing access by code makes a shared code if there is none."""
    _coach(actor)
    workshop = _locked(actor, slug)
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise InvalidInput(f"These cannot be changed here: {', '.join(unknown)}.", field=unknown[0])
    today = today_for(actor)
    cleaned = {field: _cleaned(field, value, today) for field, value in changes.items()}
    dated = {"cohort_start", "join_window_days"} & {
        field for field, value in cleaned.items() if getattr(workshop, field) != value
    }
    if "cohort_start" in dated and workshop.participants.exists():
        raise InvalidInput(
            "Runners have joined already: their plans start on the cohort's day, so it stays.",
            field="cohort_start",
        )
    for field, value in cleaned.items():
        setattr(workshop, field, value)
    if workshop.access == Access.CODE and not workshop.shared_code:
        workshop.shared_code = new_code()
    workshop.save()
    return workshop


def _locked(actor: User, slug: str) -> Workshop:
    """The coach's workshop, its row locked for the write (NotFound for anyone else's)."""
    workshop = workshop_for_coach(actor, slug)
    return Workshop.objects.select_for_update().select_related("program").get(pk=workshop.pk)


@transaction.atomic
def unpublish_workshop(*, actor: User, slug: str) -> Workshop:
    """No new runner joins and the landing page is gone; participants keep their plans, lessons and sharing."""
    _coach(actor)
    workshop = _locked(actor, slug)
    if workshop.published:
        workshop.published, workshop.unpublished_at = False, timezone.now()
        workshop.save(update_fields=["published", "unpublished_at", "updated_at"])
    return workshop


@transaction.atomic
def republish_workshop(*, actor: User, slug: str) -> Workshop:
    """The landing page is back and runners may join again (a cohort's window still applies)."""
    _coach(actor)
    workshop = _locked(actor, slug)
    if not workshop.published:
        workshop.published, workshop.unpublished_at = True, None
        workshop.save(update_fields=["published", "unpublished_at", "updated_at"])
    return workshop


def _stored(folder: str, checked: Checked) -> str:
    return mediafiles.store(folder, checked.data, checked.extension)


def _discard_on_commit(path: str) -> None:
    if path:
        transaction.on_commit(lambda: mediafiles.discard(path))


@transaction.atomic
def set_cover(*, actor: User, slug: str, data: bytes | None) -> Workshop:
    """The workshop's cover photo (checked and cleaned as exercise photos are, photos only), or none with None."""
    _coach(actor)
    workshop = _locked(actor, slug)
    before = workshop.cover_path
    path, content_type = "", ""
    if data is not None:
        try:
            checked = check_upload(data, allow=frozenset({"photo"}))
        except MediaRefused as refusal:
            raise InvalidInput(refusal.reason, field="cover") from refusal
        path, content_type = _stored(f"workshops/{actor.pk}", checked), checked.content_type
    # Written before its row: if the row cannot be stored the file is removed, so nothing is left unowned.
    try:
        with transaction.atomic():
            workshop.cover_path, workshop.cover_content_type = path, content_type
            workshop.save(update_fields=["cover_path", "cover_content_type", "updated_at"])
    except BaseException:
        mediafiles.discard(path)
        raise
    _discard_on_commit(before)
    return workshop


def _lesson_media(data: bytes | None, actor: User) -> tuple[str, str, str]:
    """(path, kind, content type) of a lesson's photo or short video, stored; blanks for none."""
    if data is None:
        return "", "", ""
    try:
        checked = check_upload(data)
    except MediaRefused as refusal:
        raise InvalidInput(refusal.reason, field="media") from refusal
    return _stored(f"workshops/{actor.pk}", checked), checked.kind, checked.content_type


def _unlock_day(value: Any) -> int:
    bound = bounds.LESSON_UNLOCK_DAY
    if isinstance(value, bool) or not isinstance(value, int) or not bound.contains(value):
        raise InvalidInput(
            f"A lesson unlocks on a day from {int(bound.low)} to {int(bound.high)} of the workshop.",
            field="unlock_day",
        )
    return value


def _lesson_fields(changes: Mapping[str, Any]) -> dict[str, Any]:
    cleaners = {
        "title": lambda value: _text(value, bounds.LESSON_TITLE_CHARACTERS, "title", "lesson's title"),
        "body_markdown": lambda value: _text(value, bounds.LESSON_BODY_CHARACTERS, "body_markdown", "lesson"),
        "unlock_day": _unlock_day,
    }
    return {field: cleaners[field](value) for field, value in changes.items()}


@transaction.atomic
def add_lesson(
    *,
    actor: User,
    slug: str,
    title: str,
    body_markdown: str,
    unlock_day: int,
    media: bytes | None = None,
) -> Lesson:
    """A lesson added last to the coach's workshop, unlocking on `unlock_day` (with a photo or short video)."""
    _coach(actor)
    workshop = _locked(actor, slug)
    fields = _lesson_fields({"title": title, "body_markdown": body_markdown, "unlock_day": unlock_day})
    most = int(bounds.LESSONS_PER_WORKSHOP.high)
    if workshop.lessons.count() >= most:
        raise InvalidInput(f"A workshop holds at most {most} lessons; remove one first.")
    position = (workshop.lessons.aggregate(last=Max("position"))["last"] or 0) + 1
    path, kind, content_type = _lesson_media(media, actor)
    try:
        with transaction.atomic():
            return Lesson.objects.create(
                workshop=workshop,
                position=position,
                media_path=path,
                media_kind=kind,
                media_content_type=content_type,
                **fields,
            )
    except BaseException:
        mediafiles.discard(path)
        raise


def _own_lesson(actor: User, lesson_id: int) -> Lesson:
    lesson = (
        Lesson.objects.select_for_update().filter(pk=lesson_id, workshop__coach=actor).first()
        if actor.is_authenticated and actor.is_coach
        else None
    )
    if lesson is None:
        raise NotFound("No such lesson.")
    return lesson


@transaction.atomic
def edit_lesson(*, actor: User, lesson_id: int, changes: Mapping[str, Any]) -> Lesson:
    """The coach changes a lesson's title, text or unlock day (LESSON_FIELDS)."""
    _coach(actor)
    lesson = _own_lesson(actor, lesson_id)
    unknown = sorted(set(changes) - set(LESSON_FIELDS))
    if unknown:
        raise InvalidInput(f"These cannot be changed here: {', '.join(unknown)}.", field=unknown[0])
    for field, value in _lesson_fields(changes).items():
        setattr(lesson, field, value)
    lesson.save()
    return lesson


@transaction.atomic
def set_lesson_media(*, actor: User, lesson_id: int, data: bytes | None) -> Lesson:
    """A lesson's photo or short video in place of the one before, or none with None."""
    _coach(actor)
    lesson = _own_lesson(actor, lesson_id)
    before = lesson.media_path
    path, kind, content_type = _lesson_media(data, actor)
    try:
        with transaction.atomic():
            lesson.media_path, lesson.media_kind, lesson.media_content_type = path, kind, content_type
            lesson.save(update_fields=["media_path", "media_kind", "media_content_type"])
    except BaseException:
        mediafiles.discard(path)
        raise
    _discard_on_commit(before)
    return lesson


@transaction.atomic
def remove_lesson(*, actor: User, lesson_id: int) -> None:
    """The coach removes a lesson (its reads and its photo go with it)."""
    _coach(actor)
    lesson = _own_lesson(actor, lesson_id)
    path = lesson.media_path
    lesson.delete()
    _discard_on_commit(path)


@transaction.atomic
def make_codes(*, actor: User, slug: str, count: int) -> list[str]:
    """A batch of new single-use codes for the coach's workshop with access by code, to hand out (e.g. after a sale
    in their own shop); each lets one runner in once."""
    _coach(actor)
    workshop = _locked(actor, slug)
    if workshop.access != Access.CODE:
        raise InvalidInput("Anyone with the link may join this workshop: it needs no codes.", field="count")
    batch = bounds.ACCESS_CODES_PER_BATCH
    if isinstance(count, bool) or not isinstance(count, int) or not batch.contains(count):
        raise InvalidInput(f"Make from {int(batch.low)} to {int(batch.high)} codes at a time.", field="count")
    most = int(bounds.ACCESS_CODES_PER_WORKSHOP.high)
    if workshop.codes.count() + count > most:
        raise InvalidInput(f"A workshop keeps at most {most:,} single-use codes.", field="count")
    codes = _fresh_codes(count)
    AccessCode.objects.bulk_create([AccessCode(workshop=workshop, code=code) for code in codes])
    return codes


def _fresh_codes(count: int) -> list[str]:
    """`count` new codes, none already taken by any workshop (nor the same as another of the batch)."""
    chosen: set[str] = set()
    for _attempt in range(CODE_TRIES):
        wanted = count - len(chosen)
        candidates = {new_code() for _ in range(wanted)} - chosen
        taken = set(AccessCode.objects.filter(code__in=candidates).values_list("code", flat=True))
        taken |= set(
            Workshop.objects.filter(shared_code__in=candidates).values_list("shared_code", flat=True)
        )
        chosen |= candidates - taken
        if len(chosen) >= count:
            return sorted(chosen)[:count]
    raise InvalidInput("New codes could not be made just now; try again.", field="count")


@transaction.atomic
def post_announcement(*, actor: User, slug: str, body: str) -> Announcement:
    """The coach's word to every participant of their workshop (shown on /today/; mailed by notifications to those
    who want it, after the commit)."""
    _coach(actor)
    workshop = workshop_for_coach(actor, slug)
    text = _text(body, bounds.ANNOUNCEMENT_CHARACTERS, "body", "announcement")
    announcement = Announcement.objects.create(workshop=workshop, author=actor, body=text)
    # Notifications mails it, once the write commits, to the participants who want it.
    events.announcement_posted(announcement)
    return announcement
