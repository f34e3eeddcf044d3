"""The demo's private notes: two of Alex's (the coach's) notes about Maya, 12 and 3 days ago, through the caseload
service with the clock moved to the evening of each day. Maya never sees them.

Idempotent: a pair that already has any note gets none added.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine

from footwork.accounts.models import User
from footwork.caseload.models import CoachNote
from footwork.caseload.services import add_note
from footwork.core.clock import time_zone_of, today_for

# How many days ago, and what Alex noted.
NOTES = (
    (12, "Phone call: Achilles morning stiffness down from 4 to 2 since the heel-raise progression. Wants to keep "
     "the Sunday long run; agreed at 24 km, flat route. Re-check calf endurance in two weeks."),
    (3, "Watched her single-leg heel raises on video: left heel drops at the end of each set, so fatigue, not pain, "
     "is the limit. Keep the load, add a second set of eccentrics. Ask about sleep before the build week."),
)  # fmt: skip


def add_demo_notes(*, coach: str, runner: str, say: Callable[[str], None] = print) -> None:
    """The coach's notes about the runner, dated back from the runner's today, for a pair with no note yet."""
    alex = User.objects.get(email=coach)
    maya = User.objects.select_related("runner_profile").get(email=runner)
    if CoachNote.objects.filter(coach=alex, runner=maya).exists():
        return
    today, zone = today_for(maya), ZoneInfo(time_zone_of(maya))
    for days_ago, body in NOTES:
        day = today - timedelta(days=days_ago)
        with time_machine.travel(datetime.combine(day, time(19, 30), tzinfo=zone), tick=False):
            add_note(actor=alex, runner_id=maya.pk, body=body, written_on=day)
    say(f"demo: {len(NOTES)} private notes by {alex.display_name} about {maya.display_name}.")
