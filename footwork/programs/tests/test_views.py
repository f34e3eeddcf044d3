from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine

from footwork.programs.models import Plan, PlanStatus, Prescription, Program
from footwork.programs.services import enroll, load_programs
from footwork.programs.tests.factories import program_record, write_programs

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
    assert "moved from Fri 27 Nov" in page


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


# --- The plan's life cycle, shared exercises and held-back prescriptions ----------------------------------------

HELD = "Heel-raise symmetry 67 %: no jumping yet"


def hold_back(plan: Plan) -> None:
    Prescription.objects.filter(
        session__phase__program=plan.program, exercise__slug="single-leg-heel-raise"
    ).update(held_back_reason=HELD, held_back_since=NOON.date())


@time_machine.travel(NOON)
def test_pause_resume_and_end_from_the_plan_page(client, cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=NOON.date())
    client.force_login(cast.runner)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'action="/plans/{plan.pk}/pause/"' in page
    assert f'action="/plans/{plan.pk}/end/"' in page
    assert "Resume the plan" not in page
    response = client.post(f"/plans/{plan.pk}/pause/", {"why": "travelling"}, follow=True)
    page = response.content.decode()
    assert "Plan paused" in page
    assert "Paused since Wed 25 Nov" in page
    assert "travelling" in page
    assert "Resume the plan" in page
    assert "Pause the plan" not in page
    assert "Plan paused by you" in page
    too_long = client.post(f"/plans/{plan.pk}/resume/", {"why": "x" * 501}, follow=True)
    assert "at most 500 characters" in too_long.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.PAUSED
    client.force_login(cast.coach)
    client.post(f"/plans/{plan.pk}/resume/", {"why": "back home"})
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ACTIVE
    client.post(f"/plans/{plan.pk}/end/", {"why": ""})
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "This plan has ended" in page
    assert "Pause the plan" not in page
    assert f"Plan ended by {cast.coach.display_name}" in page
    client.force_login(cast.other_coach)
    assert client.post(f"/plans/{plan.pk}/pause/").status_code == 404


@time_machine.travel(NOON)
def test_a_plan_paused_for_a_flare_up_says_so_and_is_not_resumed(client, cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=NOON.date())
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.PAUSED)
    changes = plan.changes.count()
    client.force_login(cast.runner)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Paused for a flare-up" in page
    assert 'href="/flare-up/"' in page
    assert "Resume the plan" not in page
    assert "End the plan" not in page
    refused = client.post(f"/plans/{plan.pk}/resume/", {}, follow=True).content.decode()
    assert "comes back by itself when the flare-up ends" in refused
    assert (Plan.objects.get(pk=plan.pk).status, plan.changes.count()) == (PlanStatus.PAUSED, changes)


@time_machine.travel(NOON)
def test_enrolling_again_is_refused_with_an_offer_to_replace(client, cast, programs):
    client.force_login(cast.runner)
    assert 'type="checkbox" name="replace"' not in client.get("/programs/test-daily/").content.decode()
    client.post("/programs/test-daily/", {"start_date": "2026-11-25"})
    first = Plan.objects.get()
    refused = client.post("/programs/test-daily/", {"start_date": "2026-11-30"})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "You already follow Test daily (from Wed 25 Nov, active)" in page
    assert 'type="checkbox" name="replace"' in page
    assert 'value="2026-11-30"' in page
    assert Plan.objects.count() == 1
    replaced = client.post("/programs/test-daily/", {"start_date": "2026-11-30", "replace": "on"})
    new = Plan.objects.exclude(pk=first.pk).get()
    assert replaced["Location"] == f"/plans/{new.pk}/"
    first.refresh_from_db()
    assert first.status == PlanStatus.ENDED
    assert (
        "Replaced by a new Test daily plan from Mon 30 Nov"
        in client.get(f"/plans/{first.pk}/").content.decode()
    )
    # The plan page's "fresh start" posts the same form, with the runner for a coach.
    client.force_login(cast.coach)
    page = client.get(f"/plans/{new.pk}/").content.decode()
    assert 'action="/programs/test-daily/"' in page
    assert f'name="runner" value="{cast.runner.pk}"' in page
    client.post(
        "/programs/test-daily/", {"start_date": "2026-12-01", "runner": cast.runner.pk, "replace": "on"}
    )
    assert Plan.objects.filter(runner=cast.runner, status=PlanStatus.ACTIVE).get().start_date.day == 1


@time_machine.travel(NOON)
def test_the_plan_page_flags_an_exercise_in_two_active_plans(client, cast, library, tmp_path):
    second = program_record(slug="test-achilles", name="Test Achilles")
    load_programs(write_programs(tmp_path / "programs.yaml", [program_record(), second]))
    daily = enroll(actor=cast.runner, program_slug="test-daily", start_date=NOON.date())
    enroll(actor=cast.runner, program_slug="test-achilles", start_date=NOON.date())
    client.force_login(cast.runner)
    page = client.get(f"/plans/{daily.pk}/").content.decode()
    assert "<strong>Single-leg heel raise</strong> is also in" in page
    assert "today's session shows it once at the larger dosage; end or tailor one plan" in page


@time_machine.travel(NOON)
def test_a_held_back_prescription_is_marked_on_the_plan_page_and_the_handout(
    client, cast, programs, monkeypatch
):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=NOON.date())
    client.force_login(cast.runner)
    assert "Held back" not in client.get(f"/plans/{plan.pk}/").content.decode()
    hold_back(plan)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert (
        "Held back</strong> Heel-raise symmetry 67 %: no jumping yet (since Wed 25 Nov). Skip it for now"
        in page
    )
    assert page.count('data-testid="held-back"') == 1
    html = client.get(f"/plans/{plan.pk}/print/").content.decode()
    assert "Held back — skip it for now.</strong> Heel-raise symmetry 67 %: no jumping yet" in html
    assert html.count('class="exercise held-back"') == 1
    assert "printed Wed 25 Nov" in html
    assert "from Wed 25 Nov" in html
    assert "Mon, Tue, Wed" in html

    import weasyprint

    rendered: list[str] = []
    real = weasyprint.HTML

    def capture(string: str):
        rendered.append(string)
        return real(string=string)

    monkeypatch.setattr(weasyprint, "HTML", capture)
    assert client.get(f"/plans/{plan.pk}/handout.pdf").content.startswith(b"%PDF")
    assert "Held back — skip it for now." in rendered[0]


@time_machine.travel(NOON)
def test_plan_pages_use_plain_words(client, cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=NOON.date())
    client.force_login(cast.runner)
    for path in (f"/plans/{plan.pk}/", "/programs/test-daily/", "/programs/", f"/plans/{plan.pk}/print/"):
        page = client.get(path).content.decode()
        # What a person reads: the text between tags, outside scripts and styles.
        text = " ".join(
            re.findall(r">([^<]+)<", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S))
        )
        assert not re.search(r"\d{4}-\d\d-\d\d", text), path
        assert not re.search(r"\b(mon|tue|wed|active|paused|ended|hold_seconds)\b", text), path
