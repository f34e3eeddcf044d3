"""`/api/v1/plans`: enrolling (422 unless replace), pause / resume / end, held-back prescriptions."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import time_machine

from footwork.programs.models import Plan, PlanStatus, Prescription
from footwork.programs.services import enroll

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOON.date()


def post(client, path, body, headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(path, data, content_type="application/json", headers=headers)


@time_machine.travel(NOON)
def test_pause_resume_end_contract(client, cast, programs, token_for):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    runner, coach = token_for(cast.runner), token_for(cast.coach)
    paused = post(client, f"/api/v1/plans/{plan.pk}/pause", {"why": "travel"}, runner)
    assert paused.status_code == 200, paused.content
    assert paused.json()["status"] == "paused"
    assert paused.json()["changes"][0]["what"] == "Plan paused by you"
    assert paused.json()["changes"][0]["why"] == "travel"
    again = post(client, f"/api/v1/plans/{plan.pk}/pause", {}, runner)
    assert again.status_code == 422
    assert "only an active plan can be paused" in again.json()["detail"]
    # The body is optional, and so is its why.
    resumed = client.post(
        f"/api/v1/plans/{plan.pk}/resume", "", content_type="application/json", headers=coach
    )
    assert resumed.status_code == 200, resumed.content
    assert resumed.json()["status"] == "active"
    ended = post(client, f"/api/v1/plans/{plan.pk}/end", {"why": None}, coach)
    assert ended.status_code == 200
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ENDED


@time_machine.travel(NOON)
def test_malformed_or_foreign_requests_are_refused_and_change_nothing(client, cast, programs, token_for):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    runner = token_for(cast.runner)
    changes = plan.changes.count()
    too_long = post(client, f"/api/v1/plans/{plan.pk}/pause", {"why": "x" * 501}, runner)
    assert too_long.status_code == 422
    assert post(client, f"/api/v1/plans/{plan.pk}/pause", "{not json", runner).status_code in {400, 422}
    assert post(client, f"/api/v1/plans/{plan.pk}/pause", {"why": 12}, runner).status_code == 422
    assert post(client, "/api/v1/plans/abc/pause", {}, runner).status_code in {404, 422}
    assert post(client, f"/api/v1/plans/{plan.pk}/end", {}, token_for(cast.other_coach)).status_code == 404
    assert post(client, f"/api/v1/plans/{plan.pk}/end", {}, token_for(cast.other_runner)).status_code == 404
    assert client.post(f"/api/v1/plans/{plan.pk}/end").status_code == 401
    plan.refresh_from_db()
    assert (plan.status, plan.changes.count()) == (PlanStatus.ACTIVE, changes)


@time_machine.travel(NOON)
def test_a_plan_paused_for_a_flare_up_is_not_resumed(client, cast, programs, token_for):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.PAUSED)
    refused = post(client, f"/api/v1/plans/{plan.pk}/resume", {}, token_for(cast.runner))
    assert refused.status_code == 422
    assert "flare-up" in refused.json()["detail"]
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.PAUSED


@time_machine.travel(NOON)
def test_enrolling_twice_answers_422_unless_replace(client, cast, programs, token_for):
    coach = token_for(cast.coach)
    body = {"program": "test-daily", "start_date": "2026-11-25", "runner": cast.runner.pk}
    first = post(client, "/api/v1/plans", body, coach)
    assert first.status_code == 201
    refused = post(client, "/api/v1/plans", body, coach)
    assert refused.status_code == 422
    assert refused.json()["field"] == "replace"
    assert "already follows Test daily" in refused.json()["detail"]
    assert Plan.objects.count() == 1
    assert post(client, "/api/v1/plans", {**body, "replace": "perhaps"}, coach).status_code == 422
    assert Plan.objects.count() == 1
    replaced = post(client, "/api/v1/plans", {**body, "start_date": "2026-11-30", "replace": True}, coach)
    assert replaced.status_code == 201
    old = Plan.objects.get(pk=first.json()["id"])
    assert old.status == PlanStatus.ENDED
    assert old.changes.first().what == "Replaced by a new Test daily plan from Mon 30 Nov"
    assert replaced.json()["status"] == "active"
    assert replaced.json()["start_date"] == "2026-11-30"
    assert Plan.objects.filter(runner=cast.runner, status=PlanStatus.ACTIVE).count() == 1


@time_machine.travel(NOON)
def test_the_plan_document_marks_held_back_prescriptions(client, cast, programs, token_for):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    Prescription.objects.filter(
        session__phase__program=plan.program, exercise__slug="single-leg-heel-raise"
    ).update(held_back_reason="Heel-raise symmetry 67 %: no jumping yet", held_back_since=TODAY)
    document = client.get(f"/api/v1/plans/{plan.pk}", headers=token_for(cast.coach)).json()
    items = {
        item["exercise"]: (item["held_back"], item["held_back_reason"])
        for item in document["program"]["phases"][0]["sessions"][0]["prescriptions"]
    }
    assert items == {
        "single-leg-heel-raise": (True, "Heel-raise symmetry 67 %: no jumping yet"),
        "seated-soleus-raise": (False, None),
    }
