"""GET/POST /api/v1/coach/runners/{id}/notes, PATCH …/notes/{note_id}, GET …/timeline: exact shapes and refusals."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from footwork.caseload.models import CoachNote
from footwork.caseload.services import add_note
from footwork.core.clock import today_for
from footwork.core.rules import TIMELINE_MAX_DAYS

pytestmark = pytest.mark.django_db

NOTE_KEYS = {"id", "runner", "author", "body", "written_on", "created_at", "updated_at"}


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def patch(client, path, body):
    return client.patch(path, json.dumps(body), content_type="application/json")


def test_a_coach_keeps_reads_and_changes_a_note(client, cast):
    client.force_login(cast.coach)
    base = f"/api/v1/coach/runners/{cast.runner.pk}/notes"
    created = post(client, base, {"body": "Calf better", "written_on": str(today_for(cast.runner))})
    assert created.status_code == 201
    note = created.json()
    assert set(note) == NOTE_KEYS
    assert (note["runner"], note["author"], note["body"]) == (cast.runner.pk, cast.coach.pk, "Calf better")
    assert note["written_on"] == str(today_for(cast.runner))
    listed = client.get(base)
    assert listed.json() == [note]
    changed = patch(client, f"{base}/{note['id']}", {"body": "Calf much better"})
    assert changed.status_code == 200
    assert changed.json()["body"] == "Calf much better"
    assert changed.json()["written_on"] == note["written_on"]


def test_a_note_without_a_day_is_the_runners_today(client, cast):
    client.force_login(cast.coach)
    created = post(client, f"/api/v1/coach/runners/{cast.runner.pk}/notes", {"body": "x"})
    assert created.json()["written_on"] == str(today_for(cast.runner))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "x" * 9000}, "body"),
        ({}, "body"),
        ({"body": "x", "written_on": "2999-01-01"}, "written_on"),
        ({"body": "x", "written_on": "yesterday"}, "written_on"),
    ],
)
def test_a_refused_note_says_why_and_stores_nothing(client, cast, body, field):
    client.force_login(cast.coach)
    answer = post(client, f"/api/v1/coach/runners/{cast.runner.pk}/notes", body)
    assert answer.status_code == 422
    assert answer.json()["field"] == field
    assert set(answer.json()) == {"detail", "field"}
    assert not CoachNote.objects.exists()


def test_nan_in_the_body_is_refused(client, cast):
    client.force_login(cast.coach)
    answer = client.post(
        f"/api/v1/coach/runners/{cast.runner.pk}/notes", '{"body": NaN}', content_type="application/json"
    )
    assert answer.status_code in {400, 422}
    assert not CoachNote.objects.exists()


def test_runners_are_refused_and_other_coaches_find_nothing(client, cast):
    note = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Secret hunch")
    base = f"/api/v1/coach/runners/{cast.runner.pk}"
    assert client.get(f"{base}/notes").status_code == 401
    for actor, status in (("runner", 403), ("other_runner", 403), ("other_coach", 404)):
        client.force_login(getattr(cast, actor))
        for answer in (
            client.get(f"{base}/notes"),
            post(client, f"{base}/notes", {"body": "x"}),
            patch(client, f"{base}/notes/{note.pk}", {"body": "x"}),
            client.get(f"{base}/timeline"),
        ):
            assert answer.status_code == status
            assert "Secret hunch" not in answer.content.decode()
    assert CoachNote.objects.get().body == "Secret hunch"


def test_a_made_up_note_id_is_not_found(client, cast):
    client.force_login(cast.coach)
    answer = patch(client, f"/api/v1/coach/runners/{cast.runner.pk}/notes/999999", {"body": "x"})
    assert answer.status_code == 404
    assert answer.json() == {"detail": "No such note."}


def test_the_timeline_is_in_date_order_oldest_first(client, cast):
    today = today_for(cast.runner)
    add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Later", written_on=today)
    add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Earlier", written_on=today - timedelta(days=5))
    client.force_login(cast.coach)
    answer = client.get(f"/api/v1/coach/runners/{cast.runner.pk}/timeline")
    assert answer.status_code == 200
    entries = answer.json()
    assert [entry["detail"] for entry in entries] == ["Earlier", "Later"]
    assert set(entries[0]) == {"date", "at", "kind", "title", "detail", "link"}
    assert entries[0] == {
        "date": str(today - timedelta(days=5)),
        "at": None,
        "kind": "note",
        "title": "Private note",
        "detail": "Earlier",
        "link": f"/coaching/runners/{cast.runner.pk}/#notes",
    }
    window = client.get(f"/api/v1/coach/runners/{cast.runner.pk}/timeline?start={today}&end={today}")
    assert [entry["detail"] for entry in window.json()] == ["Later"]


@pytest.mark.parametrize(
    "query",
    ["start=2026-12-10&end=2026-12-01", f"start=2020-01-01&end={2020 + TIMELINE_MAX_DAYS // 365 + 1}-01-01",
     "start=1900-01-01", "end=not-a-date"],
)  # fmt: skip
def test_a_window_the_timeline_cannot_cover_is_refused(client, cast, query):
    client.force_login(cast.coach)
    answer = client.get(f"/api/v1/coach/runners/{cast.runner.pk}/timeline?{query}")
    assert answer.status_code == 422
    assert set(answer.json()) == {"detail", "field"}
