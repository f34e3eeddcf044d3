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
