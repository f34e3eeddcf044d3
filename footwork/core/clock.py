"""The runner's local date: their time zone, not the server's, decides what "today" is."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.utils import timezone

if TYPE_CHECKING:
    from footwork.accounts.models import User


def local_date(moment: datetime, time_zone: str) -> date:
    return moment.astimezone(ZoneInfo(time_zone or "UTC")).date()


def time_zone_of(runner: User) -> str:
    """The runner's IANA time zone; UTC when they have no profile or it does not say."""
    profile = getattr(runner, "runner_profile", None)
    return (profile.time_zone if profile is not None else "") or "UTC"


def today_for(runner: User) -> date:
    return local_date(timezone.now(), time_zone_of(runner))


def recorded_moment(recorded_at: datetime | None) -> datetime | None:
    """When an entry sent later was made (None: now), refused with the reason outside core.bounds.RECORDED_AT."""
    from footwork.core.bounds import RECORDED_AT
    from footwork.core.errors import InvalidInput

    if recorded_at is None:
        return None
    if problem := RECORDED_AT.check(recorded_at, now=timezone.now()):
        raise InvalidInput(problem[:1].upper() + problem[1:] + ".", field="recorded_at")
    return recorded_at


def entry_day(runner: User, recorded_at: datetime | None) -> date:
    """The runner's local date an entry was made: when it was recorded (offline), else today."""
    if recorded_at is None:
        return today_for(runner)
    return local_date(recorded_at, time_zone_of(runner))
