"""The per-day summaries the writes keep agree with those rebuilt from the records, after any sequence of writes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footwork.accounts.tests.factories import runner as make_runner
from footwork.core.errors import FootworkError
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import enroll
from footwork.training.domain import LogFacts, SetEntry, entries_asked, log_complete, summarise_day
from footwork.training.models import DaySummary, SessionLog
from footwork.training.services import check_in, log_day, log_session, rebuild_summaries

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOON.date()


def test_a_log_is_complete_when_every_prescription_asked_for_has_its_entries():
    asked = entries_asked([(1, 3, False), (2, 2, True)])
    assert asked == {"1": 3, "2": 4}
    assert log_complete(asked, [], {1: 3, 2: 4}, 7)
    assert not log_complete(asked, [], {1: 3, 2: 3}, 6)
    assert log_complete(asked, [2], {1: 3}, 3)  # held back when logged: not asked for
    assert not log_complete({}, [], {}, 0)  # an empty log is never complete


def test_a_day_without_logs_or_check_in_has_no_summary_and_the_order_of_logs_does_not_matter():
    assert summarise_day([], None) is None
    one = LogFacts(3, date(2026, 11, 2), True, 4, 2, None)
    two = LogFacts(None, None, False, 1, None, 5)
    assert summarise_day([one, two], (1, 2)) == summarise_day([two, one], (1, 2))
    assert summarise_day([one, two], (1, 2)) == {
        "sessions": [[None, None, False], [3, "2026-11-02", True]],
        "sets": 5,
        "pain_during": 2,
        "pain_after": 5,
        "morning_pain": 1,
        "morning_stiffness": 2,
    }


def _snapshot(runner) -> list[tuple]:
    return list(
        DaySummary.objects.filter(runner=runner)
        .order_by("date")
        .values_list(
            "date", "sessions", "sets", "pain_during", "pain_after", "morning_pain", "morning_stiffness"
        )
    )


# One write: (kind, days ago, how much of the session, pain).
WRITES = st.lists(
    st.tuples(
        st.sampled_from(["dated", "extra", "day", "checkin"]),
        st.integers(0, 9),
        st.integers(0, 3),
        st.integers(0, 10),
    ),
    min_size=1,
    max_size=12,
)


class _Rollback(Exception):
    pass


@pytest.fixture
def setting(cast, programs):
    with time_machine.travel(NOON):
        runner = make_runner(coach=cast.coach)
        plan = enroll(actor=runner, program_slug="test-daily", start_date=TODAY - timedelta(days=9))
    return runner, plan


def _write(runner, plan, kind: str, days_ago: int, amount: int, pain: int) -> None:
    day = TODAY - timedelta(days=days_ago)
    session = plan.program.phases.get().sessions.get()
    prescriptions = list(session.prescriptions.select_related("exercise").order_by("position"))
    # 0 to 3 sets of each prescription: nothing at all, a partial session, a whole one and more.
    entries = [
        SetEntry(item.pk, item.exercise.slug, number, side, reps=8, pain_during=pain)
        for item in prescriptions
        for number in range(1, amount + 1)
        for side in (("left", "right") if item.per_side else ("both",))
    ]
    if kind == "checkin":
        check_in(actor=runner, client_uuid=uuid.uuid4(), pain=pain, stiffness=10 - pain, day=day)
    elif kind == "extra":
        log_session(
            actor=runner, client_uuid=uuid.uuid4(), entries=entries[:amount], day=day, pain_after=pain
        )
    elif kind == "day":
        log_day(actor=runner, client_uuid=uuid.uuid4(), entries=entries, pain_after=pain)
    else:
        dated = next(item for item in plan_schedule(plan) if item.date == day)
        log_session(
            actor=runner, client_uuid=uuid.uuid4(), entries=entries, day=day, plan_id=plan.pk,
            session_id=dated.session_id, scheduled_date=dated.original_date, pain_after=pain,
        )  # fmt: skip


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=WRITES)
def test_kept_summaries_agree_with_rebuilt_ones_after_any_writes(setting, writes):
    runner, plan = setting
    try:
        with time_machine.travel(NOON), transaction.atomic():
            stored = 0
            for write in writes:
                try:
                    with transaction.atomic():
                        _write(runner, plan, *write)
                    stored += 1
                except FootworkError:
                    pass  # a refused write (already logged, empty, the past day's check-in) stores nothing
            kept = _snapshot(runner)
            assert bool(kept) == bool(stored)
            rebuild_summaries([runner])
            assert _snapshot(runner) == kept
            raise _Rollback
    except _Rollback:
        pass


@time_machine.travel(NOON)
def test_raising_the_sets_later_does_not_make_a_session_done_in_full_partial(setting):
    runner, plan = setting
    _write(runner, plan, "dated", 1, 2, 0)
    assert SessionLog.objects.get(runner=runner).asked
    assert DaySummary.objects.get(runner=runner).sessions[0][2] is True
    session = plan.program.phases.get().sessions.get()
    session.prescriptions.update(sets=9)
    rebuild_summaries([runner])
    assert DaySummary.objects.get(runner=runner).sessions == [
        [session.pk, str(TODAY - timedelta(days=1)), True]
    ]
