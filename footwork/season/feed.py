"""The private calendar feed: a user's scheduled sessions, races and season phases as an RFC 5545 calendar.

`build_calendar` is pure (plain entries in, an icalendar.Calendar out); `feed_entries` reads them for the feed's
owner: a runner's own training and season, or a coach's runners' (each event named for its runner), so a coach
subscribes to their runners only through their own feed, and a runner who leaves drops out of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from footwork.accounts.models import User
from footwork.accounts.selectors import clients_of, units_of
from footwork.core.clock import time_zone_of, today_for
from footwork.programs.selectors import first_progressions, prescription_document
from footwork.season.domain import Priority
from footwork.season.domain.wording import PHASE_WORDS, PRIORITY_WORDS, distance_words
from footwork.season.models import CalendarFeed
from footwork.season.selectors import races_of, season_of
from footwork.season.services import feed_digest
from footwork.training.selectors import (
    ScheduledItem,
    TrainingPicture,
    adapted_parts,
    dosage_text,
    training_picture,
)

# The sessions a feed carries: last week's (to see what was done) and the next eight weeks.
DAYS_BACK = 7
DAYS_AHEAD = 56
PRODID = "-//Footwork//Calendar feed//EN"
_DOMAIN = "footwork"

# A session's status in words, once it has one worth saying ("upcoming" and "due" say nothing).
_STATUS_WORDS = {
    "done": "Done.",
    "partial": "Partly done.",
    "missed": "Missed.",
    "held_back": "Held back: the exercises are paused for now.",
    "rested": "No strength work today in your race plan.",
    "skipped": "Skipped.",
}

Absolute = Callable[[str], str]


@dataclass(frozen=True)
class FeedSession:
    """A strength session on its day, in its runner's time zone."""

    uid: str
    title: str
    description: str
    day: date
    minutes: int
    url: str
    zone: str


@dataclass(frozen=True)
class FeedSpan:
    """An all-day entry from `start` to `end`, both included: a race, or a phase of the season."""

    uid: str
    title: str
    description: str
    start: date
    end: date


def feed_for_secret(secret: str) -> CalendarFeed | None:
    """The active feed the secret opens, or None (unknown, rotated away or revoked: the same answer)."""
    # token_urlsafe(32) makes 43 characters; a longer one names nothing, and is not worth hashing.
    if not secret or len(secret) > 64:
        return None
    return (
        CalendarFeed.objects.filter(digest=feed_digest(secret), owner__is_active=True)
        .select_related("owner__runner_profile")
        .first()
    )


def feed_runners(owner: User) -> list[User]:
    """Whose training the owner's feed shows: a runner's own, a coach's runners' (linked now)."""
    if owner.is_coach:
        return list(clients_of(owner))
    return [owner] if owner.is_runner else []


def feed_calendar(feed: CalendarFeed, absolute: Absolute) -> Calendar:
    """The feed's calendar, links made absolute by `absolute` (a path in, a full address out)."""
    owner = feed.owner
    sessions: list[FeedSession] = []
    spans: list[FeedSpan] = []
    coach = owner.is_coach
    for runner in feed_runners(owner):
        prefix = f"{runner.display_name}: " if coach else ""
        sessions += session_entries(runner, absolute, prefix=prefix, player=not coach)
        spans += season_entries(runner, prefix=prefix)
    return build_calendar(f"Footwork: {owner.display_name}", sessions, spans, feed.reminder)


def session_entries(
    runner: User, absolute: Absolute, *, prefix: str = "", player: bool = True
) -> list[FeedSession]:
    """The runner's sessions from a week back to eight weeks ahead, each with its exercises' dosage."""
    picture = training_picture(runner)
    today = picture.today
    items = [
        item
        for item in picture.between(today - timedelta(days=DAYS_BACK), today + timedelta(days=DAYS_AHEAD))
        if not item.dated.skipped
    ]
    zone = time_zone_of(runner)
    chain = first_progressions(
        {p.exercise.slug for item in items for p in picture.prescriptions.get(item.session.pk, [])}
    )
    entries = []
    for item in items:
        day = item.dated.date
        # A runner's link opens the day's player; a coach's, the runner's page (the player is the runner's own).
        path = (
            reverse("training:day_player", args=[day.isoformat()])
            if player
            else reverse("coaching:runner", args=[runner.pk])
        )
        lines = [*_dosage_lines(runner, item, picture, chain), _STATUS_WORDS.get(item.status, "")]
        entries.append(
            FeedSession(
                uid=f"session-{item.plan.pk}-{item.session.pk}-{item.dated.original_date:%Y%m%d}@{_DOMAIN}",
                title=f"{prefix}{item.session.name} ({item.plan.program.name})",
                description="\n".join(line for line in lines if line),
                day=day,
                minutes=item.session.minutes or 30,
                url=absolute(path),
                zone=zone,
            )
        )
    return entries


def _dosage_lines(
    runner: User, item: ScheduledItem, picture: TrainingPicture, chain: dict[str, str]
) -> list[str]:
    adaptation = picture.adaptations.get(item.dated.date)
    if adaptation is not None:
        # A taper or recovery day: why, then the session as the race plan has it that day.
        if item.status == "rested":
            return [adaptation.reason]
        parts = adapted_parts(runner, [item], picture.prescriptions, item.dated.date, adaptation)
        return [adaptation.reason] + [
            f"{part.name}: {'not today' if part.rested_reason else part.dosage}" for part in parts
        ]
    lines = []
    for prescription in picture.prescriptions.get(item.session.pk, []):
        document = prescription_document(prescription, item.dated.week_in_phase, chain)
        lines.append(f"{prescription.exercise.name}: {dosage_text(document)}")
    return lines


def season_entries(runner: User, *, prefix: str = "") -> list[FeedSpan]:
    """The runner's races (a day each) and the season's phases (spans), from the last year on."""
    today = today_for(runner)
    season = season_of(runner, today)
    units = units_of(runner)
    first = min((span.start for span in season.phases), default=today)
    entries = [
        FeedSpan(
            uid=f"race-{race.pk}@{_DOMAIN}",
            title=f"{prefix}{race.name}",
            description=f"{distance_words(race.distance_km, units).capitalize()}, "
            f"{race.priority}: {PRIORITY_WORDS[Priority(race.priority)]}.",
            start=race.date,
            end=race.date,
        )
        for race in races_of(runner).filter(date__gte=min(first, today - timedelta(days=365)))
    ]
    for span in season.phases:
        heading = f" for {span.race.name}" if span.race is not None else ""
        entries.append(
            FeedSpan(
                uid=f"phase-{runner.pk}-{span.phase}-{span.start:%Y%m%d}@{_DOMAIN}",
                title=f"{prefix}{PHASE_WORDS[span.phase]}{heading}",
                description=f"{PHASE_WORDS[span.phase]} phase of the season{heading}.",
                start=span.start,
                end=span.end,
            )
        )
    return entries


def build_calendar(
    name: str, sessions: Sequence[FeedSession], spans: Iterable[FeedSpan], reminder: time | None
) -> Calendar:
    """An RFC 5545 calendar: sessions at the reminder time with an alarm (all-day without one), spans all-day."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().replace(microsecond=0)
    for session in sessions:
        calendar.add_component(_session_event(session, reminder, stamp))
    for span in spans:
        event = _event(span.uid, span.title, span.description, stamp)
        event.add("dtstart", span.start)
        # An all-day DTEND is the day after the last one (RFC 5545 3.6.1).
        event.add("dtend", span.end + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def _event(uid: str, title: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", title)
    if description:
        event.add("description", description)
    return event


def _session_event(session: FeedSession, reminder: time | None, stamp: datetime) -> Event:
    event = _event(session.uid, session.title, session.description, stamp)
    event.add("url", session.url)
    if reminder is None:
        event.add("dtstart", session.day)
        event.add("dtend", session.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        return event
    start = datetime.combine(session.day, reminder, tzinfo=ZoneInfo(session.zone))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=session.minutes))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", session.title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
