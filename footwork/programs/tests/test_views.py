from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from footwork.programs.models import Plan, Prescription, Program
from footwork.programs.services import enroll

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


@time_machine.travel(NOON)
def test_runner_enrols_from_the_program_page(client, cast, programs):
    client.force_login(cast.runner)
    page = client.get("/programs/test-daily/").content.decode()
    assert 'value="2026-11-25"' in page
    response = client.post("/programs/test-daily/", {"start_date": "2026-11-25"})
    plan = Plan.objects.get(runner=cast.runner)
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert client.post("/programs/test-daily/", {"start_date": "2026-02-30"}).status_code == 200
    assert Plan.objects.count() == 1


@time_machine.travel(NOON)
def test_coach_assigns_only_to_own_clients(client, cast, programs):
    client.force_login(cast.coach)
    client.post("/programs/test-daily/", {"start_date": "2026-11-25", "runner": cast.other_runner.pk})
    assert not Plan.objects.exists()
    client.post("/programs/test-daily/", {"start_date": "2026-11-25", "runner": cast.runner.pk})
    assert Plan.objects.get().runner == cast.runner


@time_machine.travel(NOON)
def test_handout_print_and_pdf(client, cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=NOON.date())
    client.force_login(cast.runner)
    html = client.get(f"/plans/{plan.pk}/print/").content.decode()
    assert "2 × 10 reps each side" in html
    assert "Push through the big toe." in html
    assert "Keep a hand on the wall." in html
    pdf = client.get(f"/plans/{plan.pk}/handout.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@time_machine.travel(NOON)
def test_schedule_move_and_skip_from_the_plan_page(client, cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=NOON.date())
    session = plan.program.phases.get().sessions.get()
    client.force_login(cast.runner)
    client.post(
        f"/plans/{plan.pk}/schedule/",
        {"session": session.pk, "scheduled_date": "2026-11-26", "skip": "on", "reason": "race"},
    )
    client.post(
        f"/plans/{plan.pk}/schedule/",
        {"session": session.pk, "scheduled_date": "2026-11-27", "new_date": "2026-11-28"},
    )
    refused = client.post(
        f"/plans/{plan.pk}/schedule/",
        {"session": session.pk, "scheduled_date": "2026-11-29", "skip": "on"},
        follow=True,
    )
    assert "Say why" in refused.content.decode()
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "skipped: race" in page
    assert "moved from 27 Nov" in page


def test_coach_builds_a_program_and_tailors_a_plan(client, cast, programs):
    client.force_login(cast.coach)
    response = client.post("/programs/new/", {"name": "Clinic calves", "goal": "Strong calves"})
    assert response["Location"] == "/programs/clinic-calves/build/"
    build = "/programs/clinic-calves/build/"
    client.post(build, {"action": "add_phase", "name": "Base", "weeks": "2", "weekdays": ["0", "3"]})
    program = Program.objects.get(slug="clinic-calves")
    phase = program.phases.get()
    client.post(build, {"action": "add_session", "phase": phase.pk, "name": "A", "minutes": "20"})
    session = phase.sessions.get()
    client.post(
        build, {"action": "add_prescription", "session": session.pk, "exercise": "seated-soleus-raise"}
    )
    item = session.prescriptions.get()
    edit = {
        "action": "edit_prescription",
        "prescription": item.pk,
        "sets": "4",
        "kind": "reps",
        "amount": "12",
        "rest_seconds": "90",
    }
    client.post(build, edit)
    item.refresh_from_db()
    assert (item.sets, item.amount, item.rest_seconds) == (4, 12, 90)
    refused = client.post(build, {**edit, "sets": "-2"}, follow=True)
    assert "sets" in refused.content.decode()
    item.refresh_from_db()
    assert item.sets == 4
    page = client.get("/programs/clinic-calves/").content.decode()
    assert "Seated soleus raise" in page

    plan = enroll(
        actor=cast.coach, program_slug="clinic-calves", start_date=NOON.date(), runner_id=cast.runner.pk
    )
    plan_item = Prescription.objects.get(session__phase__program=plan.program)
    client.post(
        f"/plans/{plan.pk}/build/", {**edit, "prescription": plan_item.pk, "amount": "8", "why": "sore"}
    )
    plan_item.refresh_from_db()
    item.refresh_from_db()
    assert (plan_item.amount, item.amount) == (8, 12)
    assert plan.changes.first().why == "sore"
    client.force_login(cast.other_coach)
    assert client.post(f"/plans/{plan.pk}/build/", {**edit, "prescription": plan_item.pk}).status_code == 404
