"""Private data stays private by every path: ids and slugs in a request body are looked up through the actor's
visible set, and the tests assert on what is returned and what is stored, not on status codes alone."""

from __future__ import annotations

import json
import uuid

import pytest

from footwork.exercises.services import create_private_exercise
from footwork.exercises.tests.factories import record
from footwork.programs.models import Prescription, ProgramSession
from footwork.programs.services import enroll
from footwork.training.models import SessionLog, SetLog

SECRET = record(slug="", name="Clinic secret drill")


@pytest.fixture
def world(cast, programs):
    """The coach's private exercise; the outsider runner (another coach's, or none) with a plan of their own."""
    secret = create_private_exercise(actor=cast.coach, record=SECRET)
    outsider = enroll(
        actor=cast.other_runner, program_slug="test-daily", start_date=_today(cast.other_runner)
    )
    mine = enroll(actor=cast.runner, program_slug="test-daily", start_date=_today(cast.runner))
    return {"secret": secret, "outsider_plan": outsider, "plan": mine}


def _today(runner):
    from footwork.core.clock import today_for

    return today_for(runner)


def _post(client, path, body, method="POST"):
    return client.generic(method, path, json.dumps(body), content_type="application/json")


def test_another_runner_cannot_read_a_private_exercise_by_its_slug(client, cast, world):
    client.force_login(cast.other_runner)
    page = client.get(f"/progress/exercises/{world['secret'].slug}/")
    assert page.status_code == 404
    assert "Clinic secret drill" not in page.content.decode()
    assert client.get(f"/api/v1/exercises/{world['secret'].slug}").status_code == 404
    client.force_login(cast.runner)
    assert client.get(f"/progress/exercises/{world['secret'].slug}/").status_code == 200


def test_another_runner_cannot_switch_a_prescription_to_it(client, cast, world):
    plan = world["outsider_plan"]
    item = Prescription.objects.filter(session__phase__program=plan.program).first()
    client.force_login(cast.other_runner)
    answer = _post(
        client,
        f"/api/v1/plans/{plan.pk}/prescriptions/{item.pk}",
        {"exercise": world["secret"].slug, "why": "copying"},
        method="PATCH",
    )
    assert answer.status_code == 422
    item.refresh_from_db()
    assert item.exercise.slug != world["secret"].slug
    handout = client.get(f"/plans/{plan.pk}/print/").content.decode()
    assert "Clinic secret drill" not in handout
    # The coach's own runner may be given it.
    client.force_login(cast.coach)
    mine = Prescription.objects.filter(session__phase__program=world["plan"].program).first()
    given = _post(
        client,
        f"/api/v1/plans/{world['plan'].pk}/prescriptions/{mine.pk}",
        {
            "exercise": world["secret"].slug,
            "per_side": world["secret"].per_side,
            "progression": None,
            "why": "clinic drill",
        },
        method="PATCH",
    )
    assert given.status_code == 200, given.content
    mine.refresh_from_db()
    assert mine.exercise == world["secret"]


def test_another_runner_cannot_log_sets_against_it_nor_against_another_plan(client, cast, world):
    client.force_login(cast.other_runner)
    extra = _post(
        client,
        "/api/v1/session-logs",
        {
            "client_uuid": str(uuid.uuid4()),
            "sets": [{"exercise": world["secret"].slug, "set_number": 1, "side": "both", "reps": 5}],
        },
    )
    assert extra.status_code == 422
    session = ProgramSession.objects.get(phase__program=world["plan"].program)
    foreign = _post(
        client,
        "/api/v1/session-logs",
        {
            "client_uuid": str(uuid.uuid4()),
            "dated_session": {
                "plan": world["plan"].pk,
                "session": session.pk,
                "scheduled_date": _today(cast.runner).isoformat(),
            },
            "sets": [{"exercise": "single-leg-heel-raise", "set_number": 1, "side": "left", "reps": 5}],
        },
    )
    assert foreign.status_code == 404
    assert not SessionLog.objects.exists()
    assert not SetLog.objects.filter(exercise=world["secret"]).exists()


def test_a_coach_cannot_clear_or_read_another_coachs_runner(client, cast, world):
    client.force_login(cast.other_coach)
    assert client.get(f"/api/v1/today?runner={cast.runner.pk}").status_code == 404
    assert client.get("/api/v1/alerts").json() == []
    plan = world["plan"]
    answer = _post(client, f"/api/v1/plans/{plan.pk}/pause", {"why": "not mine"})
    assert answer.status_code == 404
    plan.refresh_from_db()
    assert plan.status == "active"
