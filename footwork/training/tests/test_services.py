from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.programs.models import Prescription
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import enroll
from footwork.training.domain import SetEntry
from footwork.training.models import MorningCheckin, SessionLog, SetLog
from footwork.training.selectors import training_picture
from footwork.training.services import check_in, log_session

pytestmark = pytest.mark.django_db
START = date(2026, 11, 23)
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture
def plan(cast, programs):
    return enroll(actor=cast.runner, program_slug="test-daily", start_date=START)


def full_entries(plan):
    session_id = plan_schedule(plan)[0].session_id
    entries = []
    for item in Prescription.objects.filter(session_id=session_id).select_related("exercise"):
        for number in range(1, item.sets + 1):
            for side in ("left", "right") if item.per_side else ("both",):
                entries.append(
                    SetEntry(item.pk, item.exercise.slug, number, side, reps=item.amount, pain_during=2)
                )
    return session_id, entries


@time_machine.travel(NOON)
def test_the_same_uuid_twice_stores_one_log(cast, plan):
    session_id, entries = full_entries(plan)
    key = uuid.uuid4()
    first = log_session(actor=cast.runner, client_uuid=key, entries=entries, plan_id=plan.pk, session_id=session_id,
                        scheduled_date=START + timedelta(2), rpe=5, pain_after=2)  # fmt: skip
    again = log_session(actor=cast.runner, client_uuid=key, entries=entries, plan_id=plan.pk, session_id=session_id,
                        scheduled_date=START + timedelta(2), rpe=5, pain_after=2)  # fmt: skip
    assert (first.created, again.created, again.record.pk) == (True, False, first.record.pk)
    assert SessionLog.objects.count() == 1
    assert SetLog.objects.count() == len(entries) == 5


@time_machine.travel(NOON)
@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"rpe": 11}, "rpe must be from 0 to 10"),
        ({"pain_after": -1}, "pain_after must be from 0 to 10"),
        ({"day": date(2026, 11, 26)}, "is in the future"),
        ({"entries": [SetEntry(None, "single-leg-heel-raise", 1, "left", reps=-3)]}, "reps must be from 0"),
        (
            {"entries": [SetEntry(None, "single-leg-heel-raise", 1, "left", reps=3, pain_during=11)]},
            "pain_during",
        ),
        ({"entries": [SetEntry(None, "moon-walk", 1, "left", reps=3)]}, "unknown"),
        ({"client_uuid": "not-a-uuid"}, "is not a UUID"),
    ],
)
def test_impossible_values_are_refused_and_nothing_is_stored(cast, plan, change, words):
    arguments = {
        "actor": cast.runner,
        "client_uuid": uuid.uuid4(),
        "entries": [SetEntry(None, "single-leg-heel-raise", 1, "left", reps=5)],
    }
    with pytest.raises(InvalidInput, match=words):
        log_session(**{**arguments, **change})
    assert not SessionLog.objects.exists()
    assert not SetLog.objects.exists()


@time_machine.travel(NOON)
def test_a_session_that_is_not_the_runners_is_refused(cast, plan, programs):
    session_id, entries = full_entries(plan)
    with pytest.raises(NotFound):
        log_session(actor=cast.other_runner, client_uuid=uuid.uuid4(), entries=entries, plan_id=plan.pk,
                    session_id=session_id, scheduled_date=START)  # fmt: skip
    with pytest.raises(NotFound):
        log_session(actor=cast.runner, client_uuid=uuid.uuid4(), entries=entries, plan_id=plan.pk,
                    session_id=session_id, scheduled_date=START - timedelta(days=1))  # fmt: skip
    with pytest.raises(NotAllowed):
        log_session(actor=cast.coach, client_uuid=uuid.uuid4(), entries=entries)
    assert not SessionLog.objects.exists()


@time_machine.travel(NOON)
def test_a_prescription_from_another_session_is_refused(cast, plan):
    other = enroll(actor=cast.other_runner, program_slug="test-daily", start_date=START)
    session_id, _ = full_entries(plan)
    foreign = Prescription.objects.filter(session__phase__program=other.program).first()
    with pytest.raises(InvalidInput, match="not part of this session"):
        log_session(actor=cast.runner, client_uuid=uuid.uuid4(), plan_id=plan.pk, session_id=session_id, scheduled_date=START,
                    entries=[SetEntry(foreign.pk, "single-leg-heel-raise", 1, "left", reps=5)])  # fmt: skip


def test_adherence_streak_and_partial_logs(cast, plan):
    session_id, entries = full_entries(plan)
    for offset, sets in ((0, entries), (1, entries[:2]), (3, entries)):
        with time_machine.travel(NOON - timedelta(days=2) + timedelta(days=offset)):
            log_session(actor=cast.runner, client_uuid=uuid.uuid4(), entries=sets, plan_id=plan.pk, session_id=session_id,
                        scheduled_date=START + timedelta(days=offset))  # fmt: skip
    with time_machine.travel(START + timedelta(days=3, hours=20)):
        picture = training_picture(cast.runner)
        week = picture.adherence(1)[0]
        assert (week.scheduled, week.done, week.partial) == (4, 2, 1)
        # Wednesday (day 2) was missed: the streak restarts on Thursday.
        assert (picture.streaks().current, picture.streaks().longest) == (1, 2)


def test_today_follows_the_runners_time_zone(cast):
    profile = cast.runner.runner_profile
    with time_machine.travel(datetime(2026, 11, 25, 20, tzinfo=UTC)):
        profile.time_zone = "Pacific/Auckland"
        profile.save()
        assert today_for(cast.runner) == date(2026, 11, 26)
        profile.time_zone = "America/Los_Angeles"
        profile.save()
        assert today_for(cast.runner) == date(2026, 11, 25)
        # In Auckland it is already the 26th: a check-in for the 26th is not in the future there.
        profile.time_zone = "Pacific/Auckland"
        profile.save()
        check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1, day=date(2026, 11, 26))


def test_checkins_are_one_a_day_editable_that_day_only(cast):
    with time_machine.travel(NOON):
        first = check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=3, stiffness=2)
        again = check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1, note="better")
        assert not again.created
        assert again.record.pk == first.record.pk
        assert MorningCheckin.objects.get().pain == 1
        with pytest.raises(InvalidInput, match="pain must be from 0 to 10, not 11"):
            check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=11, stiffness=1)
        with pytest.raises(InvalidInput, match="future"):
            check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1, day=date(2026, 11, 27))
    with (
        time_machine.travel(NOON + timedelta(days=1)),
        pytest.raises(InvalidInput, match="can no longer be changed"),
    ):
        check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=5, stiffness=5, day=date(2026, 11, 25))
    assert MorningCheckin.objects.get().pain == 1
