"""The runner's screen and its timeline tab: each section for the coach; the private notes never for the runner."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from footwork.assessments.domain import Result
from footwork.assessments.services import record_assessment
from footwork.caseload.models import CoachNote
from footwork.caseload.services import add_note
from footwork.core.clock import today_for
from footwork.messaging.services import send_message
from footwork.training.services import check_in

pytestmark = pytest.mark.django_db

SECTIONS = ("symptoms", "adherence", "tests", "load", "season", "races", "plans")


def test_the_coach_sees_every_section_the_notes_and_the_thread(client, cast):
    check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=2, stiffness=1)
    record_assessment(actor=cast.runner, results=[Result("heel-raise", 18, 27)])
    send_message(actor=cast.runner, to_id=cast.coach.pk, body="Sore calf today", client_uuid=uuid.uuid4())
    add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Secret clinical hunch")
    client.force_login(cast.coach)
    page = client.get(f"/coaching/runners/{cast.runner.pk}/").content.decode()
    for section in (*SECTIONS, "notes", "messages", "workspace-tabs"):
        assert f'data-testid="{section}"' in page, section
    assert "Secret clinical hunch" in page
    assert "Sore calf today" in page
    assert 'id="trend-data"' in page
    assert 'id="load-data"' in page
    assert "Single-leg heel-raise test" in page


def test_the_runner_sees_their_page_without_the_notes_or_the_thread(client, cast):
    add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Secret clinical hunch")
    client.force_login(cast.runner)
    answer = client.get(f"/coaching/runners/{cast.runner.pk}/")
    page = answer.content.decode()
    assert answer.status_code == 200
    for section in SECTIONS:
        assert f'data-testid="{section}"' in page, section
    assert "Secret clinical hunch" not in page
    assert 'data-testid="notes"' not in page
    assert 'data-testid="workspace-tabs"' not in page
    timeline = client.get(f"/coaching/runners/{cast.runner.pk}/timeline/")
    assert timeline.status_code == 403
    assert "Secret clinical hunch" not in timeline.content.decode()
    for path in ("/today/", "/progress/", "/messages/", "/season/"):
        assert "Secret clinical hunch" not in client.get(path).content.decode(), path


def test_a_note_is_kept_from_the_form_and_changed_by_its_author(client, cast):
    client.force_login(cast.coach)
    answer = client.post(f"/coaching/runners/{cast.runner.pk}/notes/", {"body": "Call on Friday"})
    assert answer.status_code == 302
    assert answer["Location"].endswith("#notes")
    note = CoachNote.objects.get()
    day = today_for(cast.runner) - timedelta(days=1)
    changed = client.post(
        f"/coaching/runners/{cast.runner.pk}/notes/{note.pk}/", {"body": "Called", "written_on": str(day)}
    )
    assert changed.status_code == 302
    note.refresh_from_db()
    assert (note.body, note.written_on) == ("Called", day)


def test_a_refused_note_comes_back_with_its_reason_and_text(client, cast):
    client.force_login(cast.coach)
    ahead = today_for(cast.runner) + timedelta(days=3)
    answer = client.post(
        f"/coaching/runners/{cast.runner.pk}/notes/", {"body": "Keep me", "written_on": str(ahead)}
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Keep me" in page
    assert "in the future" in page
    assert not CoachNote.objects.exists()


def test_the_timeline_tab_lists_newest_first_and_answers_htmx_with_its_panel(client, cast):
    today = today_for(cast.runner)
    add_note(
        actor=cast.coach, runner_id=cast.runner.pk, body="Older note", written_on=today - timedelta(days=4)
    )
    add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Newer note", written_on=today)
    client.force_login(cast.coach)
    page = client.get(f"/coaching/runners/{cast.runner.pk}/timeline/").content.decode()
    assert page.index("Newer note") < page.index("Older note")
    assert "<html" in page
    panel = client.get(f"/coaching/runners/{cast.runner.pk}/timeline/", headers={"HX-Request": "true"})
    assert "<html" not in panel.content.decode()
    assert 'id="workspace-panel"' in panel.content.decode()
    window = client.get(f"/coaching/runners/{cast.runner.pk}/timeline/?start={today}&end={today}")
    assert "Older note" not in window.content.decode()


def test_a_window_the_timeline_cannot_show_falls_back_to_four_weeks_with_the_reason(client, cast):
    add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Recent note")
    client.force_login(cast.coach)
    answer = client.get(f"/coaching/runners/{cast.runner.pk}/timeline/?start=2026-12-10&end=2026-01-01")
    assert answer.status_code == 400
    assert "Recent note" in answer.content.decode()
    assert "the last four weeks are shown" in answer.content.decode()


def test_other_coaches_find_nothing(client, cast):
    note = add_note(actor=cast.coach, runner_id=cast.runner.pk, body="Private")
    client.force_login(cast.other_coach)
    base = f"/coaching/runners/{cast.runner.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"{base}/timeline/").status_code == 404
    assert client.post(f"{base}/notes/", {"body": "x"}).status_code == 404
    assert client.post(f"{base}/notes/{note.pk}/", {"body": "x"}).status_code == 404
    assert client.get(f"/coaching/runners/{2**63}/timeline/").status_code == 404
    assert CoachNote.objects.get().body == "Private"
