"""The roster's kept standings: every write of a runner's inputs leaves them as the records say, the roster reads
them only when they are of the runner's today, and writes at once leave one row."""

from __future__ import annotations

import threading
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection

from footwork.activities.services import record_manual_run
from footwork.caseload.models import RunnerStanding
from footwork.caseload.selectors import roster
from footwork.caseload.selectors.roster import Standing, kept_standings, standings_now
from footwork.caseload.services import refresh_standings
from footwork.core.clock import today_for
from footwork.programs.services import enroll
from footwork.season.services import add_race, delete_race
from footwork.training.services import check_in, log_session
from footwork.training.tests.test_services import full_entries


def _kept(runner) -> Standing:
    (standing,) = kept_standings([runner.pk], {runner.pk: today_for(runner)}, {}).values()
    return standing


def _assert_kept_as_computed(runner) -> Standing:
    row = RunnerStanding.objects.get(runner=runner)
    assert row.as_of == today_for(runner)
    computed = standings_now([runner])[runner.pk]
    assert _kept(runner) == computed
    return computed


@pytest.mark.django_db
def test_each_write_of_a_runners_inputs_keeps_their_standing_as_computed(cast, programs):
    runner = cast.runner
    today = today_for(runner)
    plan = enroll(actor=runner, program_slug="test-daily", start_date=today - timedelta(days=6))
    first = _assert_kept_as_computed(runner)
    assert first.adherence_7d == 0
    assert first.missed_in_a_row == 6

    session_id, entries = full_entries(plan)
    log_session(actor=runner, client_uuid=uuid.uuid4(), entries=entries, plan_id=plan.pk, session_id=session_id,
                scheduled_date=today - timedelta(days=1), day=today - timedelta(days=1), rpe=5, pain_after=2)  # fmt: skip
    logged = _assert_kept_as_computed(runner)
    assert logged.last_session == today - timedelta(days=1)
    assert logged.missed_in_a_row == 0

    check_in(actor=runner, client_uuid=uuid.uuid4(), pain=2, stiffness=1)
    _assert_kept_as_computed(runner)
    record_manual_run(actor=runner, day=today - timedelta(days=20), duration_min=30, distance_km=5)
    record_manual_run(actor=runner, day=today, duration_min=70, distance_km=14)
    loaded = _assert_kept_as_computed(runner)
    assert loaded.load_warnings

    # A race keeps the days around it free of strength work: those sessions are no longer scheduled.
    race = add_race(actor=runner, name="Valencia Marathon", date=today - timedelta(days=3), distance_km=42.195,
                    priority="A")  # fmt: skip
    racing = _assert_kept_as_computed(runner)
    assert racing.adherence_7d != loaded.adherence_7d
    delete_race(actor=runner, race_id=race.pk)
    assert _assert_kept_as_computed(runner) == loaded


@pytest.mark.django_db
def test_the_roster_reads_a_kept_standing_of_today_and_computes_one_of_another_day(cast, programs):
    runner = cast.runner
    enroll(actor=runner, program_slug="test-daily", start_date=today_for(runner) - timedelta(days=6))
    computed = standings_now([runner])[runner.pk]
    # A kept row of today is what the roster shows (here marked, to tell it from a computed one)…
    RunnerStanding.objects.filter(runner=runner).update(adherence_7d=42, adherence_30d=43)
    (row,) = roster(cast.coach)
    assert (row.adherence_7d, row.adherence_30d) == (42, 43)
    # …and one of another day is not: the day turned without a write, so the roster counts it afresh.
    RunnerStanding.objects.filter(runner=runner).update(as_of=date(2026, 1, 1))
    (row,) = roster(cast.coach)
    assert (row.adherence_7d, row.adherence_30d) == (computed.adherence_7d, computed.adherence_30d)
    assert RunnerStanding.objects.get(runner=runner).as_of == date(2026, 1, 1)  # the read wrote nothing
    refresh_standings([runner])
    assert RunnerStanding.objects.get(runner=runner).as_of == today_for(runner)


@pytest.mark.django_db
def test_a_runner_without_a_row_is_computed(cast, programs):
    enroll(
        actor=cast.runner, program_slug="test-daily", start_date=today_for(cast.runner) - timedelta(days=3)
    )
    RunnerStanding.objects.all().delete()
    (row,) = roster(cast.coach)
    assert row.adherence_7d == 0
    assert not RunnerStanding.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_refreshes_at_once_leave_one_row(cast, programs):
    runner = cast.runner
    enroll(actor=runner, program_slug="test-daily", start_date=today_for(runner) - timedelta(days=6))
    errors: list[str] = []

    def refresh() -> None:
        try:
            for _ in range(5):
                refresh_standings([runner])
        except Exception as error:  # every failure is reported, not raised in the thread
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=refresh) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert RunnerStanding.objects.filter(runner=runner).count() == 1
    assert _kept(runner) == standings_now([runner])[runner.pk]


@pytest.mark.django_db
def test_a_self_guided_runners_writes_keep_no_standing_and_a_coach_who_takes_them_on_sees_them_counted(
    cast, programs
):
    from footwork.coaching.services import accept_invitation, create_invitation

    runner = cast.other_runner
    assert runner.runner_profile.coach_id is None
    enroll(actor=runner, program_slug="test-daily", start_date=today_for(runner) - timedelta(days=6))
    assert not RunnerStanding.objects.filter(runner=runner).exists()
    accept_invitation(actor=runner, code=create_invitation(actor=cast.coach, note="").code)
    rows = {row.runner: row for row in roster(cast.coach)}
    assert rows[runner.pk].adherence_7d == standings_now([runner])[runner.pk].adherence_7d == 0
