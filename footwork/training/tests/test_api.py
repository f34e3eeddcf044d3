from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from ninja.responses import NinjaJSONEncoder

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


def post(client, path, body, headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


@time_machine.travel(NOON)
def test_the_whole_flow_through_the_api(client, cast, programs, token_for):
    runner = token_for(cast.runner)
    assert [item["slug"] for item in client.get("/api/v1/programs", headers=runner).json()] == ["test-daily"]
    program = client.get("/api/v1/programs/test-daily", headers=runner).json()
    assert program["phases"][0]["sessions"][0]["prescriptions"][0]["progression_text"] == (
        "+2 reps each week up to 14 reps, then switch to the exercise's first progression"
    )
    created = post(client, "/api/v1/plans", {"program": "test-daily", "start_date": "2026-11-23"}, runner)
    assert created.status_code == 201
    plan = created.json()
    session = plan["program"]["phases"][0]["sessions"][0]
    schedule = client.get("/api/v1/schedule?start=2026-11-23&end=2026-11-29", headers=runner).json()
    assert [item["status"] for item in schedule] == [
        "missed",
        "missed",
        "due",
        "upcoming",
        "upcoming",
        "upcoming",
        "upcoming",
    ]

    first, second = session["prescriptions"]
    sets = [{"prescription": first["id"], "set_number": n, "side": side, "reps": 10, "pain_during": 2}
            for n in (1, 2) for side in ("left", "right")]  # fmt: skip
    sets.append({"prescription": second["id"], "set_number": 1, "side": "both", "reps": 15, "load_kg": 10})
    log = {
        "client_uuid": str(uuid.uuid4()),
        "dated_session": {"plan": plan["id"], "session": session["id"], "scheduled_date": "2026-11-25"},
        "sets": sets, "rpe": 4, "pain_after": 1,
    }  # fmt: skip
    assert post(client, "/api/v1/session-logs", log, runner).status_code == 201
    again = post(client, "/api/v1/session-logs", log, runner)
    assert again.status_code == 200
    assert len(client.get("/api/v1/session-logs?start=2026-11-25&end=2026-11-25", headers=runner).json()) == 1

    checkin = {"client_uuid": str(uuid.uuid4()), "pain": 2, "stiffness": 3}
    assert post(client, "/api/v1/checkins", checkin, runner).status_code == 201
    assert (
        client.get("/api/v1/checkins?start=2026-11-25&end=2026-11-25", headers=runner).json()[0]["stiffness"]
        == 3
    )

    adherence = client.get("/api/v1/adherence?weeks=2", headers=runner).json()
    assert adherence["weeks"][-1] == {
        "week_start": "2026-11-23",
        "scheduled": 3,
        "done": 1,
        "partial": 0,
        "percent": 33,
    }
    assert adherence["streak"] == {"current": 1, "longest": 1}

    patched = client.patch(
        f"/api/v1/plans/{plan['id']}/prescriptions/{first['id']}",
        json.dumps({"amount": 8, "why": "sore after the long run"}), content_type="application/json", headers=runner,
    )  # fmt: skip
    assert patched.json()["changes"][0]["what"] == "Single-leg heel raise: amount 10 → 8"

    # The coach sees it all through ?runner=; another coach sees nothing.
    coach = token_for(cast.coach)
    path = f"/api/v1/session-logs?start=2026-11-25&end=2026-11-25&runner={cast.runner.pk}"
    assert len(client.get(path, headers=coach).json()) == 1
    assert client.get(path, headers=token_for(cast.other_coach)).status_code == 404
    assert client.get(f"/api/v1/plans/{plan['id']}", headers=token_for(cast.other_runner)).status_code == 404


@time_machine.travel(NOON)
def test_bad_input_is_refused_with_a_reason(client, cast, programs, token_for):
    runner = token_for(cast.runner)
    bad = {
        "client_uuid": str(uuid.uuid4()),
        "sets": [{"exercise": "single-leg-heel-raise", "set_number": 1, "side": "left", "reps": -5}],
    }
    response = post(client, "/api/v1/session-logs", bad, runner)
    assert response.status_code == 422
    assert response.json()["detail"] == "sets[1].reps must be from 0 to 10000, not -5"
    late = post(
        client,
        "/api/v1/checkins",
        {"client_uuid": str(uuid.uuid4()), "pain": 1, "stiffness": 1, "date": "2026-12-01"},
        runner,
    )
    assert late.status_code == 422
    assert "future" in late.json()["detail"]
    impossible = client.get("/api/v1/schedule?start=2026-11-30&end=2026-11-01", headers=runner)
    assert impossible.status_code == 422
    assert client.get("/api/v1/schedule?start=2026-02-30&end=2026-03-01", headers=runner).status_code == 422


@time_machine.travel(NOON)
def test_the_session_log_list_is_exactly_what_its_schema_gives(client, cast, programs, token_for):
    """The list is answered as built (no per-item output check): it must equal the schema's own output."""
    from footwork.training.api import SessionLogOut
    from footwork.training.models import SessionLog
    from footwork.training.selectors import session_log_document

    runner = token_for(cast.runner)
    plan = post(client, "/api/v1/plans", {"program": "test-daily", "start_date": "2026-11-23"}, runner).json()
    session = plan["program"]["phases"][0]["sessions"][0]
    first, second = session["prescriptions"]
    for day, load in (("2026-11-24", 12.5), ("2026-11-25", None)):
        sets = [{"prescription": first["id"], "set_number": n, "side": side, "hold_seconds": 20 + n, "pain_during": n}
                for n in (1, 2) for side in ("left", "right")]  # fmt: skip
        sets.append(
            {"prescription": second["id"], "set_number": 1, "side": "both", "reps": 15, "load_kg": load}
        )
        log = {
            "client_uuid": str(uuid.uuid4()), "date": day, "notes": f"stairs at the gym, {day}",
            "dated_session": {"plan": plan["id"], "session": session["id"], "scheduled_date": day},
            "sets": sets, "rpe": 5,
        }  # fmt: skip
        assert post(client, "/api/v1/session-logs", log, runner).status_code == 201

    answered = client.get("/api/v1/session-logs?start=2026-11-01&end=2026-11-30", headers=runner)
    assert answered["Content-Type"] == "application/json; charset=utf-8"
    logs = SessionLog.objects.filter(runner=cast.runner).prefetch_related("sets__exercise")
    expected = [SessionLogOut.model_validate(session_log_document(log)).model_dump() for log in logs]
    assert len(expected) == 2
    assert len(expected[0]["sets"]) == 5
    # Byte for byte what django-ninja answers through the schema: same keys, order, types and formats.
    assert answered.content == json.dumps(expected, cls=NinjaJSONEncoder).encode()
    assert [item["date"] for item in answered.json()] == ["2026-11-25", "2026-11-24"]
    assert answered.json()[1]["sets"][-1]["load_kg"] == 12.5
