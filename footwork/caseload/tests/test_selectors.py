"""The roster read from the database: the same figures the runner's own pages compute, in a constant number of
queries however many runners."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from footwork.accounts.models import User
from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.activities.selectors import active_load_warnings
from footwork.activities.services import record_manual_run
from footwork.caseload.domain import Scheduled, window_adherence, windows
from footwork.caseload.selectors import roster
from footwork.caseload.services import refresh_standings
from footwork.caseload.threads import Waiting
from footwork.core.clock import today_for
from footwork.programs.models import Plan, ProgramSession
from footwork.programs.services import enroll
from footwork.progression.models import FlareUp, FlareUpStatus, Recommendation
from footwork.season.services import add_race
from footwork.training.models import DaySummary
from footwork.training.selectors import training_picture

pytestmark = pytest.mark.django_db


def _plan_with_logs(runner: User, done: list[int], start_days_ago: int = 13) -> Plan:
    """The two-week daily test program started `start_days_ago` days ago, with the sessions `done` days ago logged."""
    today = today_for(runner)
    plan = enroll(actor=runner, program_slug="test-daily", start_date=today - timedelta(days=start_days_ago))
    session = ProgramSession.objects.get(phase__program=plan.program)
    DaySummary.objects.bulk_create(
        DaySummary(runner=runner, date=day, sessions=[[session.pk, day.isoformat(), True]], sets=4)
        for day in (today - timedelta(days=n) for n in done)
    )
    # Written past the services (no core.derived refresh): the roster's kept standing is made again by hand.
    refresh_standings([runner])
    return plan


def _everything(runner: User) -> None:
    """Every kind of record the roster reads: a plan and its logs, a race, runs, decisions, a red flag."""
    today = today_for(runner)
    plan = _plan_with_logs(runner, done=list(range(4, 14)))
    add_race(
        actor=runner,
        name="Chicago Marathon",
        date=today + timedelta(days=9),
        distance_km=42.195,
        priority="A",
    )
    record_manual_run(actor=runner, day=today - timedelta(days=20), duration_min=30, distance_km=5)
    record_manual_run(actor=runner, day=today, duration_min=60, distance_km=10)
    FlareUp.objects.create(runner=runner, area="achilles", status=FlareUpStatus.REFERRED, urgency="soon",
                           started_on=today)  # fmt: skip
    # Made last: the writes above refresh the runner's recommendations.
    Recommendation.objects.create(runner=runner, plan=plan, kind="exercise", decision="regress", light="red")
    Recommendation.objects.create(runner=runner, plan=plan, kind="running", decision="keep", light="green")


def _picture_adherence(runner: User, window: str) -> int | None:
    """Adherence as the runner's own pages count it (training_picture), over one of the roster's windows."""
    picture = training_picture(runner)
    schedule = [Scheduled(item.date, picture.status_by_key[item.key]) for item in picture.counted]
    return window_adherence(schedule, *windows(picture.today)[window], picture.today)


def test_each_figure_of_a_busy_runner_and_the_reasons_they_need_attention(cast, programs):
    _everything(cast.runner)
    quiet = make_runner(coach=cast.coach, first_name="Quinn", email="quinn@example.test")
    rows = roster(cast.coach)
    assert [row.runner for row in rows] == [cast.runner.pk, quiet.pk]
    busy, calm = rows
    today = today_for(cast.runner)
    assert busy.last_session == today - timedelta(days=4)
    # 3 of the 6 sessions of the last 7 days before today were done; 10 of 13 in 30 days.
    assert (busy.adherence_7d, busy.adherence_30d) == (50, 77)
    assert busy.adherence_7d == _picture_adherence(cast.runner, "short")
    assert busy.adherence_30d == _picture_adherence(cast.runner, "long")
    assert busy.light == "red"
    assert busy.load_flag
    assert busy.load_warnings == tuple(
        warning.message for warning in active_load_warnings(cast.runner, today)
    )
    assert busy.next_race is not None
    assert (busy.next_race.name, busy.next_race.short_name, busy.next_race.days_to) == (
        "Chicago Marathon",
        "Chicago",
        9,
    )
    assert busy.phase == "taper"
    assert busy.unread is None
    assert [reason.code for reason in busy.reasons] == ["red_flag", "regress", "missed_days", "load_spike"]
    assert calm.name == "Quinn"
    assert (calm.last_session, calm.adherence_7d, calm.light, calm.next_race, calm.phase) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert not calm.load_flag
    assert not calm.needs_attention


def test_held_back_sessions_are_not_scheduled(cast, programs):
    plan = _plan_with_logs(cast.runner, done=[1])
    plan.program.phases.get().sessions.get().prescriptions.update(
        held_back_reason="Red flag: see a clinician"
    )
    refresh_standings([cast.runner])
    (row,) = roster(cast.coach)
    # Only the logged day counts: every other session is held back (as on the runner's own pages).
    assert row.adherence_30d == 100 == _picture_adherence(cast.runner, "long")
    assert not any(reason.code == "missed_days" for reason in row.reasons)


def test_adherence_dropping_against_the_30_days_before_needs_attention(cast, programs):
    # The plan (a private copy of the program) made 9 weeks long, started 59 days ago: every session of the 30
    # days before the last 30 done, and few since.
    plan = _plan_with_logs(cast.runner, done=[*range(30, 60), 3, 10, 20], start_days_ago=59)
    plan.program.phases.update(weeks=9)
    refresh_standings([cast.runner])
    (row,) = roster(cast.coach)
    assert row.adherence_30d == 10 == _picture_adherence(cast.runner, "long")
    assert [reason.code for reason in row.reasons] == ["adherence_drop"]
    assert row.reasons[0].words == "Adherence down 90 points on the 30 days before"


def test_a_stop_not_cleared_and_messages_waiting_over_a_day(cast):
    Recommendation.objects.create(runner=cast.runner, kind="exercise", decision="stop", light="red")
    waiting = Waiting(
        unread={cast.runner.pk: 2}, since={cast.runner.pk: timezone.now() - timedelta(hours=30)}
    )
    (row,) = roster(cast.coach, waiting)
    assert row.unread == 2
    assert [reason.code for reason in row.reasons] == ["stop", "unanswered_message"]
    (other,) = roster(cast.coach, Waiting(unread={}, since={}))
    assert other.unread == 0


def test_only_the_coachs_runners_are_listed(cast):
    assert [row.runner for row in roster(cast.coach)] == [cast.runner.pk]
    assert roster(cast.other_coach) == []


def _queries(coach: User) -> int:
    with CaptureQueriesContext(connection) as captured:
        rows = roster(coach)
    assert all(row.needs_attention for row in rows)
    return len(captured)


def test_the_roster_takes_as_many_queries_for_8_runners_as_for_2(programs):
    coaches = []
    for size in (2, 8):
        coach = make_coach()
        for n in range(size):
            _everything(
                make_runner(coach=coach, first_name=f"Runner{n}", email=f"r{n}-{coach.pk}@example.test")
            )
        coaches.append(coach)
    few, many = (_queries(coach) for coach in coaches)
    assert few == many
    assert len(roster(coaches[1])) == 8


def test_a_runner_a_day_ahead_in_their_time_zone_is_counted_on_their_own_today(cast, programs):
    cast.runner.runner_profile.time_zone = "Pacific/Kiritimati"
    cast.runner.runner_profile.save()
    _plan_with_logs(cast.runner, done=[1, 2])
    (row,) = roster(cast.coach)
    assert row.today == today_for(cast.runner)
    assert row.adherence_7d == _picture_adherence(cast.runner, "short")
    assert isinstance(row.today, date)


def test_a_message_read_but_not_answered_still_waits_and_an_answer_ends_the_wait(cast):
    import uuid

    from footwork.caseload.threads import waiting_for
    from footwork.messaging.services import mark_read, send_message

    def send(sender, to, body):
        return send_message(actor=sender, to_id=to.pk, body=body, client_uuid=uuid.uuid4()).message

    asked = send(cast.runner, cast.coach, "Keep Thursday's session?")
    waiting = waiting_for(cast.coach)
    assert waiting is not None
    assert (waiting.unread, waiting.since) == ({cast.runner.pk: 1}, {cast.runner.pk: asked.sent_at})
    mark_read(actor=cast.coach, with_id=cast.runner.pk)
    waiting = waiting_for(cast.coach)
    assert waiting is not None
    # Read is not answered: the runner still waits, with nothing unread.
    assert (waiting.unread, waiting.since) == ({cast.runner.pk: 0}, {cast.runner.pk: asked.sent_at})
    send(cast.coach, cast.runner, "Keep it, walk the downhills.")
    waiting = waiting_for(cast.coach)
    assert waiting is not None
    assert waiting.since == {}
