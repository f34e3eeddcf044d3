"""The one write path for races and their results, shared by the web pages, the API and the CLI.

The season itself is computed on each read (season.selectors.season_of), but the coach's roster keeps each runner's
adherence (caseload.models.RunnerStanding), which leaves out the days a race keeps free of strength work: adding,
moving and deleting a race call core.derived.races_changed, which runs the refreshers that read races.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import date, time
from enum import Enum
from typing import Final

from django.db import IntegrityError, transaction
from django.utils import timezone

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_in_care_of
from footwork.core import bounds, derived
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed
from footwork.core.wording import day_label
from footwork.season.domain import Priority
from footwork.season.models import CalendarFeed, Race
from footwork.season.selectors import race_for


class Keep(Enum):
    """A field an update leaves as it is (None would mean "empty it")."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


def runner_for(actor: User, runner_id: int | None) -> User:
    """Yourself, or (coaches) one of your runners; races belong to runners only."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_in_care_of(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Races are a runner's; choose one of your runners.")
    return runner


def _name(name: str | None) -> str:
    text = (name or "").strip()
    if not text:
        raise InvalidInput("Say the race's name.", field="name")
    reason = bounds.RACE_NAME_CHARACTERS.check(len(text), "the race name's length")
    if reason is not None:
        raise InvalidInput(
            f"The race name is at most {bounds.RACE_NAME_CHARACTERS.high:.0f} characters.", "name"
        )
    return text


def _date(day: date | None, runner: User) -> date:
    if day is None:
        raise InvalidInput("Say the race's date.", field="date")
    reason = bounds.SEASON_RACE_DATE.check(day, today=today_for(runner))
    if reason is not None:
        raise InvalidInput(f"The {reason}.", field="date")
    return day


def _distance(km: float | None) -> float:
    if km is None:
        raise InvalidInput("Say the race's distance.", field="distance_km")
    reason = bounds.RACE_DISTANCE_KM.check(float(km))
    if reason is not None:
        raise InvalidInput(f"The {reason}.", field="distance_km")
    return float(km)


def _priority(priority: str | None) -> str:
    if priority not in {p.value for p in Priority}:
        raise InvalidInput(
            "The priority is A (goal race), B (tune-up) or C (training race).", field="priority"
        )
    return str(priority)


def _time(seconds: float | None, field: str, name: str) -> int | None:
    if seconds is None:
        return None
    reason = bounds.RACE_TIME_S.check(float(seconds), name)
    if reason is not None:
        raise InvalidInput(f"The {reason}.", field=field)
    return int(seconds)


def _text(text: str | None, field: str) -> str:
    value = (text or "").strip()
    if len(value) > bounds.RACE_TEXT_CHARACTERS.high:
        raise InvalidInput(f"At most {bounds.RACE_TEXT_CHARACTERS.high:,.0f} characters.", field=field)
    return value


def _pain(pain: int | None, field: str, *, required: bool = True) -> int | None:
    if pain is None:
        if required:
            raise InvalidInput("Say the pain, 0 (none) to 10 (worst imaginable).", field=field)
        return None
    if isinstance(pain, float) and not math.isfinite(pain):
        raise InvalidInput("The pain is a whole number from 0 to 10.", field=field)
    reason = bounds.PAIN_READING.check(pain)
    if reason is not None:
        raise InvalidInput(f"The {reason}: 0 (none) to 10 (worst imaginable).", field=field)
    return int(pain)


def _save(race: Race) -> Race:
    """Save, refusing a second race of the same name on the same day."""
    twin = (
        Race.objects.filter(runner=race.runner, date=race.date, name__iexact=race.name)
        .exclude(pk=race.pk)
        .first()
    )
    if twin is not None:
        message = f"{twin.name} on {day_label(twin.date, today_for(race.runner))} is already on the calendar."
        raise InvalidInput(message, field="name")
    try:
        with transaction.atomic():
            race.save()
    except IntegrityError as error:
        # Two requests adding the same race at once: the database's unique constraint decides.
        raise InvalidInput(f"{race.name} on that day is already on the calendar.", field="name") from error
    derived.races_changed(race.runner)
    return race


@transaction.atomic
def add_race(
    *,
    actor: User,
    runner_id: int | None = None,
    name: str,
    date: date,
    distance_km: float,
    priority: str,
    goal_seconds: int | None = None,
    notes: str = "",
) -> Race:
    """A race on the runner's calendar: up to a year back (to record how it went) and five years ahead."""
    runner = runner_for(actor, runner_id)
    race = Race(
        runner=runner,
        name=_name(name),
        date=_date(date, runner),
        distance_km=_distance(distance_km),
        priority=_priority(priority),
        goal_seconds=_time(goal_seconds, "goal_seconds", "goal time"),
        notes=_text(notes, "notes"),
    )
    return _save(race)


@transaction.atomic
def update_race(
    *,
    actor: User,
    race_id: int,
    name: str | Keep | None = KEEP,
    date: date | Keep | None = KEEP,
    distance_km: float | Keep | None = KEEP,
    priority: str | Keep | None = KEEP,
    goal_seconds: int | Keep | None = KEEP,
    notes: str | Keep | None = KEEP,
) -> Race:
    """Change what is given (None empties the goal time and the notes, and is refused for the rest)."""
    race = race_for(actor, race_id)
    if not isinstance(name, Keep):
        race.name = _name(name)
    if not isinstance(date, Keep):
        race.date = _date(date, race.runner)
        if race.recorded_at is not None and race.date > today_for(race.runner):
            raise InvalidInput(
                "The race has a result, so its date cannot move into the future.", field="date"
            )
    if not isinstance(distance_km, Keep):
        race.distance_km = _distance(distance_km)
    if not isinstance(priority, Keep):
        race.priority = _priority(priority)
    if not isinstance(goal_seconds, Keep):
        race.goal_seconds = _time(goal_seconds, "goal_seconds", "goal time")
    if not isinstance(notes, Keep):
        race.notes = _text(notes, "notes")
    return _save(race)


@transaction.atomic
def delete_race(*, actor: User, race_id: int) -> None:
    """Take the race, and its result, off the calendar."""
    race = race_for(actor, race_id)
    runner = race.runner
    race.delete()
    derived.races_changed(runner)


@transaction.atomic
def record_result(
    *,
    actor: User,
    race_id: int,
    finish_seconds: int | None,
    how_it_went: str = "",
    pain_during: int | None,
    pain_after: int | None,
    next_morning: str = "",
    next_morning_pain: int | None = None,
) -> Race:
    """How the race went, from race day on; recording it again (the next morning, say) replaces it."""
    race = race_for(actor, race_id)
    today = today_for(race.runner)
    if race.date > today:
        raise InvalidInput(
            f"{race.name} is on {day_label(race.date, today)}: its result can be recorded from race day on.",
            field="date",
        )
    words = _text(next_morning, "next_morning")
    morning_pain = _pain(next_morning_pain, "next_morning", required=False)
    if words and morning_pain is not None:
        raise InvalidInput(
            "Give the next morning as a pain reading or in words, not both.", field="next_morning"
        )
    race.finish_seconds = _time(finish_seconds, "finish_seconds", "finish time")
    race.how_it_went = _text(how_it_went, "how_it_went")
    race.pain_during = _pain(pain_during, "pain_during")
    race.pain_after = _pain(pain_after, "pain_after")
    race.next_morning, race.next_morning_pain = words, morning_pain
    race.recorded_at = timezone.now()
    race.save()
    return race


def feed_digest(secret: str) -> str:
    """The stored form of a feed's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret(feed: CalendarFeed) -> str:
    secret = secrets.token_urlsafe(32)
    feed.digest = feed_digest(secret)
    feed.revoked_at = None
    return secret


def _feed_of(actor: User) -> CalendarFeed:
    # The row is locked: two clicks at once make one secret, not two with one shown.
    feed = CalendarFeed.objects.select_for_update().filter(owner=actor).first()
    return feed or CalendarFeed.objects.create(owner=actor)


@transaction.atomic
def make_feed(*, actor: User) -> tuple[CalendarFeed, str]:
    """The actor's private calendar feed; the secret of its address is returned once and never stored."""
    feed = _feed_of(actor)
    if feed.is_active:
        raise InvalidInput("You have a calendar feed already: rotate it for a new address.", field="feed")
    secret = _new_secret(feed)
    feed.save()
    return feed, secret


@transaction.atomic
def rotate_feed(*, actor: User) -> tuple[CalendarFeed, str]:
    """A new address for the actor's feed; the old one stops answering."""
    feed = _feed_of(actor)
    if not feed.is_active:
        raise InvalidInput("You have no calendar feed to rotate: make one first.", field="feed")
    secret = _new_secret(feed)
    feed.rotated_at = timezone.now()
    feed.save()
    return feed, secret


@transaction.atomic
def revoke_feed(*, actor: User) -> CalendarFeed:
    """Stop the actor's feed: its address answers 404 from now on (the reminder time is kept)."""
    feed = _feed_of(actor)
    if feed.is_active:
        feed.digest, feed.revoked_at = None, timezone.now()
        feed.save()
    return feed


@transaction.atomic
def set_reminder(*, actor: User, reminder: time | None) -> CalendarFeed:
    """The time of day the feed puts sessions at, with an alarm; None: all-day sessions, no alarm."""
    if reminder is not None and (reminder.second or reminder.microsecond or reminder.tzinfo is not None):
        raise InvalidInput("Give the reminder as hours and minutes, in your own time zone.", field="reminder")
    feed = _feed_of(actor)
    feed.reminder = reminder
    feed.save()
    return feed
