"""Every page and API read of a runner takes as many queries with a year of history as with ten days (issue 12)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from footwork.accounts.tests.factories import runner as make_runner
from footwork.activities.models import Run
from footwork.core import derived
from footwork.exercises.models import Exercise
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import enroll
from footwork.training.domain import SetEntry
from footwork.training.models import MorningCheckin, SessionLog, SetLog
from footwork.training.services import check_in, log_session, rebuild_summaries

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOON.date()


def _older_history(runner, days: int) -> None:
    """Before the plan: a session of two sets, a morning check-in and a run on each of `days` days (bulk)."""
    exercise = Exercise.objects.order_by("pk").first()
    first = TODAY - timedelta(days=days)
    dates = [first + timedelta(days=offset) for offset in range(days - 6)]
    logs = SessionLog.objects.bulk_create(
        SessionLog(runner=runner, client_uuid=uuid.uuid4(), date=day, rpe=4, pain_after=2) for day in dates
    )
    SetLog.objects.bulk_create(
        SetLog(
            log=log,
            runner_id=log.runner_id,
            exercise=exercise,
            set_number=number,
            side="both",
            reps=10,
            pain_during=1,
        )
        for log in logs
        for number in (1, 2)
    )
    MorningCheckin.objects.bulk_create(
        MorningCheckin(runner=runner, client_uuid=uuid.uuid4(), date=day, pain=2, stiffness=1)
        for day in dates
    )
    Run.objects.bulk_create(
        Run(
            runner=runner,
            start=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
            local_date=day,
            distance_m=8000,
            moving_s=2800,
            elapsed_s=2900,
        )
        for day in dates
    )
    rebuild_summaries([runner])


def _recent_days(runner) -> int:
    """The plan of the last five days, each session logged through the services, and the check-ins."""
    plan = enroll(actor=runner, program_slug="test-daily", start_date=TODAY - timedelta(days=5))
    with derived.deferred():
        for dated in plan_schedule(plan):
            if dated.date >= TODAY:
                continue
            prescriptions = list(
                plan.program.phases.get()
                .sessions.get(pk=dated.session_id)
                .prescriptions.select_related("exercise")
            )
            log_session(
                actor=runner,
                client_uuid=uuid.uuid4(),
                entries=[
                    SetEntry(item.pk, item.exercise.slug, 1, "both", reps=8, pain_during=1)
                    for item in prescriptions
                ],
                day=dated.date,
                plan_id=plan.pk,
                session_id=dated.session_id,
                scheduled_date=dated.original_date,
                pain_after=2,
            )
        for offset in range(1, 6):
            check_in(
                actor=runner,
                client_uuid=uuid.uuid4(),
                pain=2,
                stiffness=1,
                day=TODAY - timedelta(days=offset),
            )
    return plan.pk


def _pages(plan_id: int, slug: str) -> list[str]:
    window = f"start={TODAY - timedelta(days=365)}&end={TODAY}"
    return [
        "/today/",
        "/progress/",
        f"/progress/exercises/{slug}/",
        "/review/",
        f"/plans/{plan_id}/",
        f"/today/session/{TODAY}/",
        "/load/",
        "/runs/",
        "/assess/",
        "/flare-up/",
        "/api/v1/today",
        f"/api/v1/schedule?{window}",
        "/api/v1/adherence?weeks=8",
        f"/api/v1/session-logs?start={TODAY - timedelta(days=30)}&end={TODAY}",
        f"/api/v1/checkins?start={TODAY - timedelta(days=30)}&end={TODAY}",
        f"/api/v1/load?{window}",
        f"/api/v1/runs?start={TODAY - timedelta(days=30)}&end={TODAY}",
        "/api/v1/recommendations",
    ]


def _queries(client, headers, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers if url.startswith("/api/") else {})
    return response.status_code, len(captured)


@time_machine.travel(NOON)
def test_each_runner_page_takes_the_same_queries_with_10_and_365_days_of_history(
    client, cast, programs, token_for
):
    short, long = make_runner(coach=cast.coach), make_runner(coach=cast.coach)
    _older_history(short, 10)
    _older_history(long, 365)
    plans = {short.pk: _recent_days(short), long.pk: _recent_days(long)}
    assert SessionLog.objects.filter(runner=long).count() > 300
    slug = SetLog.objects.filter(log__runner=long).values_list("exercise__slug", flat=True).first()
    assert slug is not None
    counts: dict[int, dict[str, tuple[int, int]]] = {}
    for runner in (short, long):
        client.force_login(runner)
        headers = token_for(runner)
        pages = _pages(plans[runner.pk], slug)
        counts[runner.pk] = {
            shape: _queries(client, headers, url) for shape, url in zip(_pages(0, "-"), pages, strict=True)
        }
    for shape, (status, queries) in counts[short.pk].items():
        assert status == 200, (shape, status)
        assert counts[long.pk][shape] == (200, queries), (shape, counts[long.pk][shape], queries)
