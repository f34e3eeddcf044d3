"""Workshops over the API: a coach publishes, edits, makes codes, posts announcements and reads the figures of their
own workshops; a runner joins one, shares their data with its coach or not, and reads its lessons.

Every workshop is looked up through the caller's own: another coach's is as if it did not exist (404); a runner on a
coach's route, or a coach on a runner's, is refused (403). `url` is the landing page's path on this site (/w/<slug>/).
Joining again answers 200 with the place of the first join (201).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from footwork.core import bounds
from footwork.core.api import actor
from footwork.core.clock import today_for
from footwork.core.limits import Id
from footwork.workshops import selectors, services
from footwork.workshops.domain import FEWEST_SHOWN, HIDDEN_WORDS, stats_document
from footwork.workshops.services import DEFAULT_JOIN_WINDOW_DAYS

router = Router(tags=["workshops"])


def _text(bound: bounds.Bound, description: str) -> Any:
    """A text field whose length range is core.bounds' (the service strips it and checks again)."""
    return Field(min_length=int(bound.low), max_length=int(bound.high), description=description)


Title = Annotated[str, _text(bounds.WORKSHOP_TITLE_CHARACTERS, "What runners see first.")]
Subtitle = Annotated[str, _text(bounds.WORKSHOP_SUBTITLE_CHARACTERS, "A line under the title.")]
Summary = Annotated[
    str, _text(bounds.WORKSHOP_SUMMARY_CHARACTERS, "Plain text: the link preview's description.")
]
Description = Annotated[
    str, _text(bounds.WORKSHOP_DESCRIPTION_CHARACTERS, "The landing page's text, Markdown.")
]
Audience = Annotated[str, _text(bounds.WORKSHOP_AUDIENCE_CHARACTERS, "Plain text.")]
CheckoutUrl = Annotated[
    str,
    _text(
        bounds.WORKSHOP_CHECKOUT_URL_CHARACTERS,
        "Your own shop's https page for it (Footwork takes no payment).",
    ),
]
WindowDays = Annotated[
    int,
    Field(
        ge=int(bounds.WORKSHOP_JOIN_WINDOW_DAYS.low),
        le=int(bounds.WORKSHOP_JOIN_WINDOW_DAYS.high),
        description="A cohort: how many days after its start runners may still join.",
    ),
]
CohortStart = Annotated[
    datetime.date | None,
    Field(
        description=(
            f"A cohort's day one, from {bounds.WORKSHOP_COHORT_START.days_before} days ago to "
            f"{bounds.WORKSHOP_COHORT_START.days_after} days ahead; null: self-paced (each runner starts the day "
            "they join)."
        )
    ),
]
Questionnaire = Annotated[
    str,
    Field(max_length=20, description="A questionnaire asked before and at the end (visa-a, faam-sports…)."),
]
AccessChoice = Literal["open", "code"]
ACCESS = "open: anyone with the link joins; code: with the shared code or a single-use one."


class WorkshopIn(Schema):
    program: str = Field(
        ..., max_length=80, description="The slug of a template you may see: yours or shipped."
    )
    title: Title
    summary: Summary
    access: AccessChoice = Field("open", description=ACCESS)
    cohort_start: CohortStart = None
    subtitle: Subtitle = ""
    description: Description = ""
    for_whom: Audience = ""
    not_for_whom: Audience = Field("", description="Footwork adds its own red flags after your words.")
    checkout_url: CheckoutUrl = ""
    join_window_days: WindowDays = DEFAULT_JOIN_WINDOW_DAYS
    questionnaire: Questionnaire = ""


class WorkshopPatch(Schema):
    title: Title | None = None
    subtitle: Subtitle | None = None
    summary: Summary | None = None
    description: Description | None = None
    for_whom: Audience | None = None
    not_for_whom: Audience | None = None
    checkout_url: CheckoutUrl | None = None
    access: AccessChoice | None = Field(None, description=ACCESS)
    cohort_start: CohortStart = Field(None, description="Null: self-paced. Fixed once anyone has joined.")
    join_window_days: WindowDays | None = None
    questionnaire: Questionnaire | None = None
    published: bool | None = Field(
        None, description="false: no one new joins and the landing page is gone (participants keep it all)."
    )


class WorkshopCreatedOut(Schema):
    id: int
    slug: str
    url: str = Field(..., description="The landing page's path on this site: /w/<slug>/.")
    code: str | None = Field(
        ..., description="The shared code runners type to join; null for an open workshop."
    )


class WorkshopOut(Schema):
    id: int
    slug: str
    title: str
    subtitle: str
    summary: str
    url: str = Field(..., description="The landing page's path on this site: /w/<slug>/.")
    program: str = Field(..., description="The template each participant's plan is copied from.")
    access: AccessChoice
    cohort_start: datetime.date | None
    join_window_days: int
    published: bool
    code: str | None = Field(..., description="Its coach: the shared code (null for an open workshop).")
    participants: int | None = Field(..., description="Its coach: how many joined; null for a participant.")
    plan: int | None = Field(..., description="A participant: their own plan of it; null for its coach.")
    day: int | None = Field(
        ..., description="A participant: their day of it (1 on day one; 0 or less before)."
    )
    starts_on: datetime.date | None = Field(..., description="A participant: their day one.")
    shares_data: bool | None = Field(..., description="A participant: whether its coach may see their data.")


class CodesIn(Schema):
    count: int = Field(
        ...,
        ge=int(bounds.ACCESS_CODES_PER_BATCH.low),
        le=int(bounds.ACCESS_CODES_PER_BATCH.high),
        description=f"At most {int(bounds.ACCESS_CODES_PER_WORKSHOP.high):,} codes on one workshop in all.",
    )


class WorkshopCodesOut(Schema):
    codes: list[str] = Field(..., description="New single-use codes: each lets one runner join once.")


class JoinIn(Schema):
    code: str = Field(
        "",
        max_length=int(bounds.WORKSHOP_CODE_CHARACTERS.high),
        description="A workshop by code: its shared code or a single-use one (case, spaces and hyphens aside).",
    )


class WorkshopJoinedOut(Schema):
    workshop: str
    plan: int = Field(..., description="Your own plan of the workshop's program.")
    day: int = Field(
        ..., description="Your day of the workshop: 1 on day one; 0 or less before a cohort starts."
    )
    starts_on: datetime.date


class ShareIn(Schema):
    share: bool = Field(..., description="true: the workshop's coach may see your data; false: no longer.")


class WorkshopShareOut(Schema):
    workshop: str
    shares_data: bool


class AnnouncementIn(Schema):
    body: str = Field(
        ...,
        min_length=int(bounds.ANNOUNCEMENT_CHARACTERS.low),
        max_length=int(bounds.ANNOUNCEMENT_CHARACTERS.high),
        description="Plain text to every participant (on their day, and mailed to those who want it).",
    )


class WorkshopAnnouncementOut(Schema):
    id: int
    body: str
    posted_at: datetime.datetime


class WorkshopLessonOut(Schema):
    id: int
    title: str
    unlock_day: int = Field(..., description="The workshop's day it unlocks on.")
    media_kind: Literal["photo", "video"] | None
    read: bool | None = Field(..., description="A participant: whether they read it; null for its coach.")
    new_today: bool | None = Field(..., description="A participant: unlocked today; null for its coach.")
    body_markdown: str
    body_html: str = Field(..., description="The text as safe HTML.")


class LessonReadOut(Schema):
    lesson: int
    read: bool
    read_at: datetime.datetime = Field(..., description="The first time it was read.")


# A figure over fewer than FEWEST_SHOWN participants reads "fewer than 5" in place of its value.
HIDDEN = f'"{HIDDEN_WORDS}" when over fewer than {FEWEST_SHOWN} participants.'
Count = Annotated[int | str, Field(description=HIDDEN)]
Value = Annotated[float | str | None, Field(description=HIDDEN + " Null: nothing to show.")]


class AdherenceSpreadOut(Schema):
    median: Value
    lower_quartile: Value
    upper_quartile: Value


class WorkshopWeekOut(Schema):
    week: int
    median_adherence: Value = Field(..., description="Percent of the week's sessions done. " + HIDDEN)
    adherence_spread: AdherenceSpreadOut
    sessions_red_percent: Value = Field(
        ..., description="Percent of the week's sessions in the red. " + HIDDEN
    )


class WorkshopMeasureOut(Schema):
    name: str
    unit: str
    participants: Count = Field(..., description="How many did it before and at the end. " + HIDDEN)
    median_before: Value
    median_after: Value
    median_change: Value
    minimal_important_difference: float | None
    reached_mid: int | str | None = Field(..., description="How many improved by at least it. " + HIDDEN)


class LessonReadsOut(Schema):
    id: int
    title: str
    unlock_day: int
    reads: Count


class WorkshopStatsOut(Schema):
    participants: Count
    active_7d: Count = Field(..., description="Logged a session in their last 7 days. " + HIDDEN)
    finished: Count = Field(..., description="Past the workshop's last day. " + HIDDEN)
    red_flag_stops: Count = Field(..., description="Sent to a clinician for a red flag. " + HIDDEN)
    weeks: list[WorkshopWeekOut]
    tests: dict[str, WorkshopMeasureOut] = Field(
        ..., description="By test (heel-raise, forefoot-balance), then questionnaire."
    )
    lessons: list[LessonReadsOut]


@router.post(
    "/workshops", response={201: WorkshopCreatedOut}, summary="Coaches: publish a program as a workshop"
)
def publish(request: HttpRequest, payload: WorkshopIn) -> Status[dict[str, Any]]:
    workshop = services.publish_workshop(
        actor=selectors.as_coach(actor(request)),
        program_slug=payload.program,
        title=payload.title,
        summary=payload.summary,
        access=payload.access,
        cohort_start=payload.cohort_start,
        join_window_days=payload.join_window_days,
        subtitle=payload.subtitle,
        description_markdown=payload.description,
        for_whom=payload.for_whom,
        not_for_whom=payload.not_for_whom,
        checkout_url=payload.checkout_url,
        questionnaire=payload.questionnaire,
    )
    return Status(201, selectors.created_document(workshop))


@router.get(
    "/workshops",
    response=list[WorkshopOut],
    summary="Your workshops: a coach's own (newest first), or those a runner joined (latest first)",
)
def list_workshops(request: HttpRequest) -> list[dict[str, Any]]:
    return selectors.workshops_document(actor(request))


@router.patch(
    "/workshops/{slug}",
    response=WorkshopOut,
    summary="Coaches: change your workshop (only the fields given), or unpublish and publish it again",
)
def edit(request: HttpRequest, slug: str, payload: WorkshopPatch) -> dict[str, Any]:
    coach = selectors.as_coach(actor(request))
    given = payload.model_dump(exclude_unset=True)
    published = given.pop("published", None)
    # The API's "description" is the stored Markdown; a null text is refused by the service with its reason.
    if "description" in given:
        given["description_markdown"] = given.pop("description")
    with transaction.atomic():
        workshop = selectors.workshop_for_coach(coach, slug)
        if given:
            workshop = services.update_workshop(actor=coach, slug=slug, changes=given)
        if published is not None:
            toggle = services.republish_workshop if published else services.unpublish_workshop
            workshop = toggle(actor=coach, slug=slug)
    return selectors.coach_workshop_document(workshop)


@router.post(
    "/workshops/{slug}/codes",
    response={201: WorkshopCodesOut},
    summary="Coaches: make single-use codes for your workshop by code (to hand out after a sale)",
)
def make_codes(request: HttpRequest, slug: str, payload: CodesIn) -> Status[dict[str, Any]]:
    coach = selectors.as_coach(actor(request))
    return Status(201, {"codes": services.make_codes(actor=coach, slug=slug, count=payload.count)})


@router.post(
    "/workshops/{slug}/join",
    response={201: WorkshopJoinedOut, 200: WorkshopJoinedOut},
    summary="Runners: join a workshop (with its code when it asks for one); again: the same place, 200",
)
def join(request: HttpRequest, slug: str, payload: JoinIn) -> Status[dict[str, Any]]:
    runner = selectors.as_runner(actor(request))
    place, created = services.join_workshop(actor=runner, slug=slug, code=payload.code)
    return Status(201 if created else 200, selectors.joined_document(place, today_for(runner)))


@router.post(
    "/workshops/{slug}/share",
    response=WorkshopShareOut,
    summary="Participants: let the workshop's coach see your data, or stop",
)
def share(request: HttpRequest, slug: str, payload: ShareIn) -> dict[str, Any]:
    runner = selectors.as_runner(actor(request))
    place = services.share_data(actor=runner, slug=slug, share=payload.share)
    return {"workshop": place.workshop.slug, "shares_data": place.shares_data}


@router.get(
    "/workshops/{slug}/stats",
    response=WorkshopStatsOut,
    summary=f"Coaches: your workshop's figures over its participants (hidden below {FEWEST_SHOWN})",
)
def stats(request: HttpRequest, slug: str) -> dict[str, Any]:
    coach = selectors.as_coach(actor(request))
    return stats_document(selectors.workshop_stats(coach, slug))


@router.post(
    "/workshops/{slug}/announcements",
    response={201: WorkshopAnnouncementOut},
    summary="Coaches: a word to every participant of your workshop (emailed to those who want it)",
)
def announce(request: HttpRequest, slug: str, payload: AnnouncementIn) -> Status[dict[str, Any]]:
    coach = selectors.as_coach(actor(request))
    item = services.post_announcement(actor=coach, slug=slug, body=payload.body)
    return Status(201, selectors.announcement_document(item))


@router.get(
    "/workshops/{slug}/lessons",
    response=list[WorkshopLessonOut],
    summary="A workshop's lessons: all of them for its coach, those unlocked on your day for a participant",
)
def lessons(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    return selectors.lessons_document(actor(request), slug)


@router.post(
    "/workshops/lessons/{lesson_id}/read",
    response=LessonReadOut,
    summary="Participants: you have read an unlocked lesson (again: the first read is kept)",
)
def read(request: HttpRequest, lesson_id: Id) -> dict[str, Any]:
    runner = selectors.as_runner(actor(request))
    return selectors.read_document(lesson_id, services.mark_lesson_read(actor=runner, lesson_id=lesson_id))
