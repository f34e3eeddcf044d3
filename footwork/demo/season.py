"""The demo runners' races: Maya builds to Chicago (an A race) and then Boston; Sam has a tune-up half marathon."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from footwork.accounts.models import User
from footwork.core.clock import today_for
from footwork.season.domain.races import HALF_MARATHON_KM, MARATHON_KM
from footwork.season.selectors import races_of
from footwork.season.services import add_race

# Days from the runner's today: Chicago about six weeks ahead, Boston about five months after it (each moved to the
# day those races are run: Chicago on a Sunday, Boston on Patriots' Day, a Monday).
CHICAGO_IN_DAYS = 40
BOSTON_AFTER_CHICAGO_DAYS = 150
SAM_HALF_IN_DAYS = 25
MONDAY, SUNDAY = 0, 6


def _on_weekday(day: date, weekday: int) -> date:
    """The first day on or after `day` that falls on `weekday` (0 Monday … 6 Sunday)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def add_demo_races(*, maya: str, sam: str, say: Callable[[str], None]) -> None:
    """The races, through the season services, for a runner who has none yet (so loading again adds nothing)."""
    maya_runner = User.objects.select_related("runner_profile").get(email=maya)
    if not races_of(maya_runner).exists():
        chicago = _on_weekday(today_for(maya_runner) + timedelta(days=CHICAGO_IN_DAYS), SUNDAY)
        add_race(
            actor=maya_runner,
            name="Chicago Marathon",
            date=chicago,
            distance_km=MARATHON_KM,
            priority="A",
            goal_seconds=3 * 3600 + 29 * 60,
            notes="Goal: under 3:30, even splits.",
        )
        boston = _on_weekday(chicago + timedelta(days=BOSTON_AFTER_CHICAGO_DAYS), MONDAY)
        add_race(
            actor=maya_runner, name="Boston Marathon", date=boston, distance_km=MARATHON_KM, priority="A"
        )
        say("demo: Maya's races: Chicago Marathon, then Boston Marathon.")
    sam_runner = User.objects.select_related("runner_profile").get(email=sam)
    if not races_of(sam_runner).exists():
        half = _on_weekday(today_for(sam_runner) + timedelta(days=SAM_HALF_IN_DAYS), SUNDAY)
        add_race(
            actor=sam_runner,
            name="Riverside Half Marathon",
            date=half,
            distance_km=HALF_MARATHON_KM,
            priority="B",
        )
        say("demo: Sam's race: Riverside Half Marathon.")
