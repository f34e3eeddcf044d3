from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
import time_machine

from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.programs.domain import ProgramError
from footwork.programs.models import Plan, Prescription, Program, SessionOverride
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import (
    add_phase,
    add_prescription,
    add_session,
    create_program,
    enroll,
    load_programs,
    move_session,
    skip_session,
    update_prescription,
)
from footwork.programs.tests.factories import program_record, write_programs
from footwork.training.domain import SetEntry
from footwork.training.services import log_session

pytestmark = pytest.mark.django_db
START = date(2026, 11, 23)


def test_loading_programs_twice_changes_nothing(library, tmp_path):
    path = write_programs(tmp_path / "p.yaml", [program_record()])
    assert load_programs(path).created == ["test-daily"]
    ids = list(Prescription.objects.values_list("pk", flat=True))
    assert load_programs(path).unchanged == ["test-daily"]
    assert list(Prescription.objects.values_list("pk", flat=True)) == ids


def test_a_bad_programs_file_changes_nothing(library, tmp_path):
    load_programs(write_programs(tmp_path / "p.yaml", [program_record()]))
    broken = program_record(name="Renamed", duration_weeks=9)
    with pytest.raises(ProgramError, match="duration_weeks"):
        load_programs(write_programs(tmp_path / "p.yaml", [broken]))
    assert Program.objects.get(slug="test-daily").name == "Test daily"


def test_enrolling_copies_the_program_and_edits_never_touch_the_template(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=START)
    template_item = Prescription.objects.get(session__phase__program__slug="test-daily", position=0)
    plan_item = Prescription.objects.get(session__phase__program=plan.program, position=0)
    assert plan_item.pk != template_item.pk
    update_prescription(
        actor=cast.runner, prescription_id=plan_item.pk, changes={"amount": 8}, why="calf sore"
    )
    template_item.refresh_from_db()
    plan_item.refresh_from_db()
    assert (template_item.amount, plan_item.amount) == (10, 8)
    change = plan.changes.first()
    assert change.what == "Single-leg heel raise: amount 10 → 8"
    assert (change.why, change.actor) == ("calf sore", cast.runner)


def test_a_coach_assigns_to_a_client_but_not_to_a_stranger(cast, programs):
    plan = enroll(actor=cast.coach, program_slug="test-daily", start_date=START, runner_id=cast.runner.pk)
    assert plan.runner == cast.runner
    assert plan.created_by == cast.coach
    with pytest.raises(NotFound):
        enroll(actor=cast.coach, program_slug="test-daily", start_date=START, runner_id=cast.other_runner.pk)
    with pytest.raises(NotAllowed):
        enroll(actor=cast.coach, program_slug="test-daily", start_date=START)


def test_plan_edits_are_validated_and_refusals_store_nothing(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=START)
    item = Prescription.objects.get(session__phase__program=plan.program, position=1)
    for changes, words in (
        ({"sets": -1}, "sets must be from 1 to 10"),
        ({"per_side": True}, "not done per side"),
        ({"progression": {"add": 1, "up_to": 3}}, "up_to"),
        ({"exercise": "moon-walk"}, "unknown exercise"),
        ({"colour": "red"}, "Unknown field"),
    ):
        with pytest.raises(InvalidInput, match=words):
            update_prescription(actor=cast.runner, prescription_id=item.pk, changes=changes)
    item.refresh_from_db()
    assert (item.sets, item.per_side, item.progression) == (1, False, None)
    assert plan.changes.count() == 1  # only the enrolment


def test_others_cannot_edit_a_plan(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=START)
    item = Prescription.objects.filter(session__phase__program=plan.program).first()
    with pytest.raises(NotFound):
        update_prescription(actor=cast.other_runner, prescription_id=item.pk, changes={"sets": 1})
    with pytest.raises(NotFound):
        update_prescription(actor=cast.other_coach, prescription_id=item.pk, changes={"sets": 1})
    update_prescription(actor=cast.coach, prescription_id=item.pk, changes={"sets": 4}, why="stronger now")


def test_move_and_skip(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=START)
    session_id = plan_schedule(plan)[0].session_id
    move_session(
        actor=cast.runner,
        plan_id=plan.pk,
        session_id=session_id,
        original_date=START,
        new_date=START + timedelta(days=20),
    )
    with pytest.raises(InvalidInput, match="Say why"):
        skip_session(
            actor=cast.runner,
            plan_id=plan.pk,
            session_id=session_id,
            original_date=START + timedelta(1),
            reason=" ",
        )
    skip_session(
        actor=cast.runner,
        plan_id=plan.pk,
        session_id=session_id,
        original_date=START + timedelta(1),
        reason="travel",
    )
    plan = Plan.objects.get(pk=plan.pk)
    schedule = plan_schedule(plan)
    assert schedule[-1].original_date == START
    assert schedule[-1].date == START + timedelta(days=20)
    assert next(item for item in schedule if item.original_date == START + timedelta(1)).skipped
    with pytest.raises(NotFound):
        skip_session(
            actor=cast.runner,
            plan_id=plan.pk,
            session_id=session_id,
            original_date=START - timedelta(1),
            reason="x",
        )
    assert SessionOverride.objects.count() == 2


def test_plan_changes_recompute_the_future_but_never_the_logged_past(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=START)
    session_id = plan_schedule(plan)[0].session_id
    item = Prescription.objects.filter(session_id=session_id).first()
    with time_machine.travel(START + timedelta(days=1, hours=12)):
        log_session(
            actor=cast.runner,
            client_uuid=uuid.uuid4(),
            plan_id=plan.pk,
            session_id=session_id,
            scheduled_date=START,
            entries=[SetEntry(item.pk, "single-leg-heel-raise", 1, "left", reps=10)],
        )
        with pytest.raises(InvalidInput, match="already logged"):
            move_session(
                actor=cast.runner,
                plan_id=plan.pk,
                session_id=session_id,
                original_date=START,
                new_date=START + timedelta(3),
            )
    phase = plan.program.phases.get()
    phase.weekdays = "024"
    phase.save()
    dates = [entry.date for entry in plan_schedule(Plan.objects.get(pk=plan.pk))]
    assert dates[:3] == [START, START + timedelta(2), START + timedelta(4)]
    log = plan.logs.get()
    assert (log.scheduled_date, log.sets.get().reps) == (START, 10)


def test_the_builder_makes_a_coach_template(cast, library):
    program = create_program(actor=cast.coach, name="Calf clinic", goal="Calves")
    phase = add_phase(
        actor=cast.coach, program=program, name="Base", weeks=3, weekdays=[1, 4], every_days=None
    )
    session = add_session(actor=cast.coach, phase=phase, name="A", minutes=20)
    item = add_prescription(
        actor=cast.coach, session=session, exercise_slug="single-leg-heel-raise", values={}
    )
    program.refresh_from_db()
    assert (program.duration_weeks, program.owner, item.sets, item.amount, item.per_side) == (
        3,
        cast.coach,
        3,
        10,
        True,
    )
    with pytest.raises(NotAllowed):
        add_phase(actor=cast.other_coach, program=program, name="x", weeks=1, weekdays=[0], every_days=None)
    with pytest.raises(InvalidInput, match="weekdays"):
        add_phase(actor=cast.coach, program=program, name="x", weeks=1, weekdays=[], every_days=None)
    with pytest.raises(NotAllowed):
        create_program(actor=cast.runner, name="Mine", goal="x")
