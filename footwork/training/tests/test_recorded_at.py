"""Entries made offline and sent later (issue 16): the time they were made is kept within core.bounds.RECORDED_AT,
a repeat stores once, and a refusal gives its reason and stores nothing. Through the API, as the app's queue sends
them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from footwork.core.bounds import RECORDED_AT
from footwork.progression.flareup import questions_for
from footwork.progression.models import FlareUp
from footwork.training.models import MorningCheckin

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


def post(client, path, body, headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def red_flag(area: str = "achilles") -> dict[str, bool]:
    return {flag.code: flag.code == "sudden_pop" for flag in questions_for(area)}


@time_machine.travel(NOON)
def test_an_offline_check_in_keeps_the_time_and_day_it_was_made(client, cast, token_for):
    runner = token_for(cast.runner)
    made = NOON - timedelta(days=1, hours=5)
    body = {"client_uuid": str(uuid.uuid4()), "pain": 2, "stiffness": 1, "recorded_at": made.isoformat()}
    first = post(client, "/api/v1/checkins", body, runner)
    assert first.status_code == 201
    # No date given: the day it was made, not the day it reached the server.
    assert first.json()["date"] == "2026-11-24"
    again = post(client, "/api/v1/checkins", body, runner)
    assert again.status_code == 200
    stored = MorningCheckin.objects.get()
    assert stored.recorded_at == made
    # Read back through the API with the time it was made; one sent as it was made has none.
    assert datetime.fromisoformat(first.json()["recorded_at"]) == made
    now = {"client_uuid": str(uuid.uuid4()), "pain": 1, "stiffness": 1}
    assert post(client, "/api/v1/checkins", now, runner).json()["recorded_at"] is None
    listed = client.get("/api/v1/checkins?start=2026-11-24&end=2026-11-25", headers=runner).json()
    assert [(item["date"], item["recorded_at"] is None) for item in listed] == [
        ("2026-11-24", False),
        ("2026-11-25", True),
    ]
    assert datetime.fromisoformat(listed[0]["recorded_at"]) == made


@time_machine.travel(NOON)
@pytest.mark.parametrize(
    ("recorded_at", "reason"),
    [
        ((NOON - RECORDED_AT.before - timedelta(minutes=1)).isoformat(), "more than 14 days ago"),
        ((NOON + timedelta(hours=1)).isoformat(), "in the future"),
        ("2026-11-25T11:00:00", "gives no time zone"),
        ("2026-02-30T07:00:00Z", None),
        ("NaN", None),
    ],
)
def test_an_impossible_time_is_refused_with_a_reason_and_nothing_is_stored(
    client, cast, token_for, recorded_at, reason
):
    body = {"client_uuid": str(uuid.uuid4()), "pain": 2, "stiffness": 1, "recorded_at": recorded_at}
    answer = post(client, "/api/v1/checkins", body, token_for(cast.runner))
    assert answer.status_code == 422
    assert answer.json()["detail"]
    if reason:
        assert reason in answer.json()["detail"]
        assert answer.json()["field"] == "recorded_at"
    assert not MorningCheckin.objects.exists()


@time_machine.travel(NOON)
def test_a_check_in_changed_on_another_device_after_this_one_was_made_is_kept(client, cast, token_for):
    runner = token_for(cast.runner)
    assert post(
        client, "/api/v1/checkins", {"client_uuid": str(uuid.uuid4()), "pain": 4, "stiffness": 4}, runner
    )
    older = (NOON - timedelta(hours=3)).isoformat()
    body = {"client_uuid": str(uuid.uuid4()), "pain": 1, "stiffness": 1, "recorded_at": older}
    refused = post(client, "/api/v1/checkins", body, runner)
    assert refused.status_code == 422
    assert "after this one was made at 09:00" in refused.json()["detail"]
    assert MorningCheckin.objects.get().pain == 4


@time_machine.travel(NOON)
def test_a_check_in_of_a_day_already_checked_in_elsewhere_is_refused(client, cast, token_for):
    runner = token_for(cast.runner)
    yesterday = "2026-11-24"
    other = {"client_uuid": str(uuid.uuid4()), "pain": 3, "stiffness": 2, "date": yesterday}
    with time_machine.travel(NOON - timedelta(days=1)):
        assert post(client, "/api/v1/checkins", other, runner).status_code == 201
    made = (NOON - timedelta(hours=20)).isoformat()
    body = {"client_uuid": str(uuid.uuid4()), "pain": 0, "stiffness": 0, "recorded_at": made}
    refused = post(client, "/api/v1/checkins", body, runner)
    assert refused.status_code == 422
    assert "already made" in refused.json()["detail"]
    assert MorningCheckin.objects.get().pain == 3


@time_machine.travel(NOON)
def test_a_red_flag_sent_twice_is_one_referral_with_its_time(client, cast, token_for):
    runner = token_for(cast.runner)
    made = NOON - timedelta(hours=2)
    body = {
        "area": "achilles",
        "answers": red_flag(),
        "client_uuid": str(uuid.uuid4()),
        "recorded_at": made.isoformat(),
    }
    first = post(client, "/api/v1/flare-ups", body, runner)
    again = post(client, "/api/v1/flare-ups", body, runner)
    assert first.status_code == again.status_code == 201
    assert first.json()["outcome"] == again.json()["outcome"] == "referral"
    assert first.json()["flare_up"]["id"] == again.json()["flare_up"]["id"]
    referral = FlareUp.objects.get()
    assert referral.recorded_at == made
    # Someone else's UUID is not theirs to replay.
    stolen = post(client, "/api/v1/flare-ups", body, token_for(cast.other_runner))
    assert stolen.status_code == 422
    assert FlareUp.objects.count() == 1


def test_the_openapi_schema_says_what_recorded_at_is(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("CheckinIn", "SessionLogIn", "FlareUpIn"):
        description = schema[name]["properties"]["recorded_at"]["description"]
        assert "made offline" in description
        assert "14 days" in description


@time_machine.travel(NOON)
def test_an_offline_session_log_keeps_its_time_and_a_repeat_stores_once(client, cast, programs, token_for):
    from footwork.training.models import SessionLog

    runner = token_for(cast.runner)
    plan = post(client, "/api/v1/plans", {"program": "test-daily", "start_date": "2026-11-23"}, runner).json()
    session = plan["program"]["phases"][0]["sessions"][0]
    first = session["prescriptions"][0]
    made = NOON - timedelta(hours=4)
    log = {
        "client_uuid": str(uuid.uuid4()),
        "dated_session": {"plan": plan["id"], "session": session["id"], "scheduled_date": "2026-11-25"},
        "sets": [
            {"prescription": first["id"], "set_number": 1, "side": "left", "reps": 10, "pain_during": 1}
        ],
        "recorded_at": made.isoformat(),
    }
    assert post(client, "/api/v1/session-logs", log, runner).status_code == 201
    assert post(client, "/api/v1/session-logs", log, runner).status_code == 200
    assert SessionLog.objects.get().recorded_at == made
    late = {**log, "client_uuid": str(uuid.uuid4()), "recorded_at": (NOON - timedelta(days=30)).isoformat()}
    refused = post(client, "/api/v1/session-logs", late, runner)
    assert refused.status_code == 422
    assert refused.json()["field"] == "recorded_at"
    assert SessionLog.objects.count() == 1


@time_machine.travel(NOON)
def test_the_days_session_from_the_players_queue_stores_once_and_a_coming_day_waits(
    client, cast, programs, token_for
):
    from footwork.training.models import SessionLog

    runner = token_for(cast.runner)
    plan = post(client, "/api/v1/plans", {"program": "test-daily", "start_date": "2026-11-23"}, runner).json()
    exercise = plan["program"]["phases"][0]["sessions"][0]["prescriptions"][0]["exercise"]
    body = {
        "client_uuid": str(uuid.uuid4()),
        "date": "2026-11-25",
        "sets": [{"exercise": exercise, "set_number": 1, "side": "left", "reps": 10}],
        "recorded_at": (NOON - timedelta(hours=1)).isoformat(),
    }
    first = post(client, "/api/v1/today/session", body, runner)
    assert first.status_code == 201
    assert post(client, "/api/v1/today/session", body, runner).status_code == 200
    assert SessionLog.objects.count() == 1
    # Tomorrow's player opens (the phone keeps it for offline use), but its log waits for tomorrow.
    client.force_login(cast.runner)
    assert client.get("/today/session/2026-11-26/").status_code == 200
    early = {**body, "client_uuid": str(uuid.uuid4()), "date": "2026-11-26"}
    refused = post(client, "/api/v1/today/session", early, runner)
    assert refused.status_code == 422
    assert "in the future" in refused.json()["detail"]
    assert SessionLog.objects.count() == 1
