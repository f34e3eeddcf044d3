"""The messages API's exact contract, and its refusals to anyone outside the pair."""

from __future__ import annotations

import json
import uuid

import pytest

from footwork.accounts.tests.factories import runner as make_runner
from footwork.coaching.services import end_coaching
from footwork.messaging.models import Message

pytestmark = pytest.mark.django_db
# "attachment" (a photo or video, or null) was added to the first six; the first six are as they were.
MESSAGE_KEYS = {"id", "from", "to", "body", "sent_at", "read_at", "attachment"}


def post(client, path, body, headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def test_send_read_mark_and_count_in_the_documented_shapes(client, cast, token_for):
    runner, coach = token_for(cast.runner), token_for(cast.coach)
    body = {"to": cast.coach.pk, "body": " Sore calf ", "client_uuid": str(uuid.uuid4())}
    first = post(client, "/api/v1/messages", body, runner)
    assert first.status_code == 201
    sent = first.json()
    assert set(sent) == MESSAGE_KEYS
    assert (sent["from"], sent["to"], sent["body"], sent["read_at"]) == (
        cast.runner.pk,
        cast.coach.pk,
        "Sore calf",
        None,
    )
    again = post(client, "/api/v1/messages", body, runner)
    assert again.status_code == 200
    assert again.json() == sent
    reply = post(client, "/api/v1/messages", {**body, "to": cast.runner.pk, "body": "Rest"}, coach).json()

    thread = client.get(f"/api/v1/messages?with={cast.runner.pk}", headers=coach).json()
    assert [item["id"] for item in thread] == [sent["id"], reply["id"]]
    assert all(set(item) == MESSAGE_KEYS for item in thread)
    after = client.get(f"/api/v1/messages?with={cast.coach.pk}&after={sent['id']}", headers=runner).json()
    assert [item["id"] for item in after] == [reply["id"]]

    unread = client.get("/api/v1/messages/unread", headers=coach).json()
    assert unread == {"total": 1, "by_sender": [{"user": cast.runner.pk, "count": 1}]}
    assert post(client, "/api/v1/messages/read", {"with": cast.runner.pk}, coach).json() == {"read": 1}
    assert client.get("/api/v1/messages/unread", headers=coach).json() == {"total": 0, "by_sender": []}
    read = client.get(f"/api/v1/messages?with={cast.coach.pk}", headers=runner).json()[0]
    assert read["read_at"] is not None

    assert client.delete(f"/api/v1/messages/{reply['id']}", headers=runner).status_code == 403
    assert client.delete(f"/api/v1/messages/{reply['id']}", headers=coach).status_code == 204
    assert [
        item["id"] for item in client.get(f"/api/v1/messages?with={cast.coach.pk}", headers=runner).json()
    ] == [sent["id"]]


def test_a_bad_message_is_refused_with_its_field_and_nothing_stored(client, cast, token_for):
    runner = token_for(cast.runner)
    for body, field in (
        ({"to": cast.coach.pk, "body": "   ", "client_uuid": str(uuid.uuid4())}, "body"),
        ({"to": cast.coach.pk, "body": "a\u0000b", "client_uuid": str(uuid.uuid4())}, "body"),
        ({"to": cast.coach.pk, "body": "x" * 4001, "client_uuid": str(uuid.uuid4())}, "body"),
        ({"to": cast.coach.pk, "body": "hi", "client_uuid": "not-a-uuid"}, "client_uuid"),
        ({"to": 0, "body": "hi", "client_uuid": str(uuid.uuid4())}, "to"),
    ):
        answer = post(client, "/api/v1/messages", body, runner)
        assert answer.status_code == 422, body
        assert answer.json()["field"] == field
    assert not Message.objects.exists()


def test_outsiders_get_404_and_no_word_of_the_thread(client, cast, token_for):
    sent = post(
        client,
        "/api/v1/messages",
        {"to": cast.coach.pk, "body": "Private words", "client_uuid": str(uuid.uuid4())},
        token_for(cast.runner),
    ).json()
    other_pair = make_runner(coach=cast.other_coach)
    former = make_runner(coach=cast.coach)
    end_coaching(actor=cast.coach, runner_id=former.pk)
    tries = [
        (cast.other_coach, cast.runner.pk),
        (cast.other_runner, cast.coach.pk),
        (cast.coach, other_pair.pk),
        (cast.coach, former.pk),
        (former, cast.coach.pk),
        (cast.runner, other_pair.pk),
    ]
    for outsider, target in tries:
        headers = token_for(outsider)
        body = {
            "to": target,
            "body": f"naming {cast.runner.pk} and {cast.coach.pk}",
            "client_uuid": str(uuid.uuid4()),
        }
        answers = [
            post(client, "/api/v1/messages", body, headers),
            client.get(f"/api/v1/messages?with={target}", headers=headers),
            post(client, "/api/v1/messages/read", {"with": target}, headers),
        ]
        if outsider not in (cast.runner, cast.coach):
            answers.append(client.delete(f"/api/v1/messages/{sent['id']}", headers=headers))
        for answer in answers:
            assert answer.status_code == 404, (outsider, target, answer.content)
            assert "Private" not in answer.content.decode()
        if outsider not in (cast.runner, cast.coach):
            unread = client.get("/api/v1/messages/unread", headers=headers).json()
            assert unread == {"total": 0, "by_sender": []}
    assert list(Message.objects.values_list("body", flat=True)) == ["Private words"]
    assert Message.objects.get().read_at is None
    assert client.get(f"/api/v1/messages?with={cast.coach.pk}").status_code == 401


def test_the_schema_names_the_message_fields_as_the_answers_do(client):
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    assert set(components["MessageOut"]["properties"]) == MESSAGE_KEYS
    assert set(components["UnreadMessagesOut"]["properties"]) == {"total", "by_sender"}
    parameters = {item["name"] for item in schema["paths"]["/api/v1/messages"]["get"]["parameters"]}
    assert parameters == {"with", "after"}
