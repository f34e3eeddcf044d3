"""A runner's dated history written straight into the tables (no services: a history of many days must be quick to
make), one of each kind the timeline lists on every day, and the rarer kinds every few days."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone

from footwork.accounts.models import User
from footwork.activities.models import Run
from footwork.assessments.models import Assessment, QuestionnaireResponse, TestResult
from footwork.caseload.models import CoachNote
from footwork.messaging.models import Message
from footwork.programs.models import Plan, PlanChange
from footwork.progression.models import FlareUp, Recommendation
from footwork.season.models import Race
from footwork.training.models import MorningCheckin, SessionLog


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def dated_history(coach: User, runner: User, plan: Plan, end: date, days: int) -> None:
    """`days` days of history up to `end`: every kind of entry each day (the rare ones every fifth day)."""
    for offset in range(days):
        day = end - timedelta(days=offset)
        noon = _noon(day)
        MorningCheckin.objects.create(runner=runner, client_uuid=uuid.uuid4(), date=day, pain=1, stiffness=2)
        SessionLog.objects.create(runner=runner, client_uuid=uuid.uuid4(), date=day, rpe=4, pain_after=2)
        Run.objects.create(
            runner=runner, start=noon, local_date=day, distance_m=8000, moving_s=2800, elapsed_s=2900
        )
        Message.objects.create(sender=runner, recipient=coach, body=f"Day {offset}", client_uuid=uuid.uuid4(),
                               sent_at=noon)  # fmt: skip
        CoachNote.objects.create(coach=coach, runner=runner, body=f"Note {offset}", written_on=day)
        change = PlanChange.objects.create(plan=plan, actor=coach, what="Moved a session", why="Travel")
        PlanChange.objects.filter(pk=change.pk).update(at=noon)
        if offset % 5:
            continue
        assessment = Assessment.objects.create(runner=runner, date=day)
        TestResult.objects.create(assessment=assessment, test="heel-raise", left=18, right=25)
        QuestionnaireResponse.objects.create(
            runner=runner, instrument="visa-a", date=day, answers=[], score=60
        )
        FlareUp.objects.create(runner=runner, area="achilles", status="ended", started_on=day)
        Race.objects.create(runner=runner, name=f"Parkrun {offset}", date=day, distance_km=5, priority="C")
        Recommendation.objects.create(runner=runner, kind="running", decision="keep", reasons=["green"],
                                      status="accepted", decided_at=noon, decided_by=coach)  # fmt: skip


def needing_attention(runner: User) -> None:
    """The runner gets a red flag and a stop to clear, and a marathon 9 days away (their taper)."""
    from footwork.season.services import add_race

    today = timezone.localdate()
    add_race(
        actor=runner,
        name="Chicago Marathon",
        date=today + timedelta(days=9),
        distance_km=42.195,
        priority="A",
    )
    FlareUp.objects.create(
        runner=runner, area="achilles", status="referred", urgency="soon", started_on=today
    )
    Recommendation.objects.create(runner=runner, kind="exercise", decision="stop", light="red")
