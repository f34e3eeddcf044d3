"""Plans have a life cycle: pause, resume, end, replace; a refusal changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from footwork.core.errors import InvalidInput, NotFound
from footwork.programs.models import Plan, PlanStatus, Prescription
from footwork.programs.selectors import prescription_document, shared_exercises
from footwork.programs.services import end_plan, enroll, load_programs, pause_plan, resume_plan
from footwork.programs.tests.factories import program_record, write_programs

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOON.date()


@pytest.fixture
def two_programs(library, tmp_path):
    """Test daily, and a second program that also prescribes the single-leg heel raise."""
    second = program_record(slug="test-achilles", name="Test Achilles")
    return load_programs(write_programs(tmp_path / "programs.yaml", [program_record(), second]))


def snapshot(plan: Plan) -> tuple:
    plan.refresh_from_db()
    return plan.status, plan.paused_on, plan.paused_why, plan.changes.count(), Plan.objects.count()


def flare_paused(plan: Plan) -> Plan:
    # What progression's start_flare_up does to the main plan: the status only, no date.
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.PAUSED)
    plan.refresh_from_db()
    return plan


@time_machine.travel(NOON)
def test_pause_resume_and_end_are_kept_in_the_history(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    pause_plan(actor=cast.runner, plan_id=plan.pk, why="  travelling  ")
    plan.refresh_from_db()
    assert (plan.status, plan.paused_on, plan.paused_why) == (PlanStatus.PAUSED, TODAY, "travelling")
    assert plan.status_label == "Paused"
    assert not plan.paused_for_flare_up
    assert (plan.changes.first().what, plan.changes.first().why) == ("Plan paused by you", "travelling")
    resume_plan(actor=cast.coach, plan_id=plan.pk)
    plan.refresh_from_db()
    assert (plan.status, plan.paused_on, plan.paused_why) == (PlanStatus.ACTIVE, None, "")
    assert plan.changes.first().what == f"Plan resumed by {cast.coach.display_name} (paused since Wed 25 Nov)"
    end_plan(actor=cast.coach, plan_id=plan.pk, why="pain settled")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ENDED
    assert [(c.what, c.why, c.actor) for c in plan.changes.all()[:1]] == [
        (f"Plan ended by {cast.coach.display_name}", "pain settled", cast.coach)
    ]


@time_machine.travel(NOON)
def test_refusals_change_nothing(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    before = snapshot(plan)
    with pytest.raises(InvalidInput, match="only a paused plan can be resumed"):
        resume_plan(actor=cast.runner, plan_id=plan.pk)
    with pytest.raises(InvalidInput, match="at most 500 characters") as error:
        pause_plan(actor=cast.runner, plan_id=plan.pk, why="x" * 501)
    assert error.value.field == "why"
    for outsider in (cast.other_runner, cast.other_coach):
        for change in (pause_plan, resume_plan, end_plan):
            with pytest.raises(NotFound):
                change(actor=outsider, plan_id=plan.pk)
    assert snapshot(plan) == before
    pause_plan(actor=cast.runner, plan_id=plan.pk)
    paused = snapshot(plan)
    with pytest.raises(InvalidInput, match="only an active plan can be paused"):
        pause_plan(actor=cast.runner, plan_id=plan.pk)
    assert snapshot(plan) == paused
    end_plan(actor=cast.runner, plan_id=plan.pk)
    ended = snapshot(plan)
    for change in (pause_plan, resume_plan, end_plan):
        with pytest.raises(InvalidInput):
            change(actor=cast.runner, plan_id=plan.pk)
    assert snapshot(plan) == ended


@time_machine.travel(NOON)
def test_a_plan_paused_for_a_flare_up_is_neither_resumed_nor_ended_by_hand(cast, programs):
    plan = flare_paused(enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY))
    assert plan.paused_for_flare_up
    assert plan.status_label == "Paused for a flare-up"
    before = snapshot(plan)
    with pytest.raises(InvalidInput, match="comes back by itself when the flare-up ends"):
        resume_plan(actor=cast.coach, plan_id=plan.pk)
    with pytest.raises(InvalidInput, match="end the flare-up first"):
        end_plan(actor=cast.runner, plan_id=plan.pk)
    with pytest.raises(InvalidInput, match="end the flare-up first"):
        enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY, replace=True)
    assert snapshot(plan) == before


@time_machine.travel(NOON)
def test_a_second_plan_of_a_program_is_refused_unless_it_replaces_the_first(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    before = snapshot(plan)
    with pytest.raises(InvalidInput, match="You already follow Test daily") as error:
        enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    assert error.value.field == "replace"
    with pytest.raises(InvalidInput, match=f"{cast.runner.display_name} already follows Test daily"):
        enroll(actor=cast.coach, program_slug="test-daily", start_date=TODAY, runner_id=cast.runner.pk)
    pause_plan(actor=cast.runner, plan_id=plan.pk)
    # A paused plan is still the runner's plan of this program.
    with pytest.raises(InvalidInput, match=r"from Wed 25 Nov, paused\)"):
        enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    assert snapshot(plan)[3:] == (before[3] + 1, before[4])
    new = enroll(
        actor=cast.coach,
        program_slug="test-daily",
        start_date=date(2026, 11, 30),
        runner_id=cast.runner.pk,
        replace=True,
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ENDED
    assert plan.changes.first().what == "Replaced by a new Test daily plan from Mon 30 Nov"
    assert plan.changes.first().data == {"replaced_by": new.pk}
    assert new.status == PlanStatus.ACTIVE
    assert new.runner == cast.runner
    assert new.changes.get().what == (
        f"Enrolled in Test daily from Mon 30 Nov by {cast.coach.display_name}, in place of the plan from Wed 25 Nov"
    )
    # Once that one has ended, enrolling again needs no replace.
    end_plan(actor=cast.runner, plan_id=new.pk)
    assert enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY).status == PlanStatus.ACTIVE


@time_machine.travel(NOON)
def test_two_active_plans_with_the_same_exercise_are_flagged(cast, two_programs):
    daily = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    achilles = enroll(actor=cast.runner, program_slug="test-achilles", start_date=TODAY)
    enroll(actor=cast.other_runner, program_slug="test-daily", start_date=TODAY)
    shared = shared_exercises(daily)
    assert [(item.exercise_name, item.plan_id, item.plan_name) for item in shared] == [
        ("Seated soleus raise", achilles.pk, "Test Achilles"),
        ("Single-leg heel raise", achilles.pk, "Test Achilles"),
    ]
    assert [item.plan_id for item in shared_exercises(achilles)] == [daily.pk, daily.pk]
    pause_plan(actor=cast.runner, plan_id=achilles.pk)
    assert shared_exercises(daily) == []
    assert shared_exercises(Plan.objects.get(pk=achilles.pk)) == []


def test_the_document_says_whether_a_prescription_is_held_back(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    item = Prescription.objects.filter(session__phase__program=plan.program).first()
    assert item is not None
    assert (prescription_document(item)["held_back"], prescription_document(item)["held_back_reason"]) == (
        False,
        None,
    )
    item.held_back_reason = "Heel-raise symmetry 67 %: no jumping yet"
    item.held_back_since = TODAY
    document = prescription_document(item)
    assert (document["held_back"], document["held_back_reason"]) == (True, item.held_back_reason)
