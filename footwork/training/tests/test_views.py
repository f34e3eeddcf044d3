from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
import time_machine

from footwork.programs.services import enroll
from footwork.training.models import MorningCheckin, SessionLog

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture
def plan(cast, programs):
    return enroll(actor=cast.runner, program_slug="test-daily", start_date=datetime(2026, 11, 24).date())


@time_machine.travel(NOON)
def test_today_shows_due_and_overdue_sessions_and_the_checkin(client, cast, plan):
    client.force_login(cast.runner)
    page = client.get("/today/").content.decode()
    assert "Start session" in page
    assert "from Tue 24 Nov" in page
    assert "Save check-in" in page
    client.post("/today/checkin/", {"client_uuid": str(uuid.uuid4()), "pain": "3", "stiffness": "2"})
    assert MorningCheckin.objects.get().pain == 3
    client.post("/today/checkin/", {"client_uuid": str(uuid.uuid4()), "pain": "11", "stiffness": "2"})
    assert MorningCheckin.objects.get().pain == 3
    assert "Update check-in" in client.get("/today/").content.decode()


@time_machine.travel(NOON)
def test_the_player_logs_each_set_and_side_once(client, cast, plan):
    session = plan.program.phases.get().sessions.get()
    first, second = session.prescriptions.order_by("position")
    url = f"/today/session/{plan.pk}/{session.pk}/2026-11-25/"
    client.force_login(cast.runner)
    page = client.get(url).content.decode()
    assert f'name="e-{first.pk}-2-right-reps"' in page
    assert 'class="metronome"' in page  # heel raises get a metronome
    key = str(uuid.uuid4())
    form = {"client_uuid": key, f"e-{first.pk}-1-left-reps": "10", f"e-{first.pk}-1-left-pain_during": "2",
            f"e-{second.pk}-1-both-reps": "15", f"e-{second.pk}-1-both-load_kg": "10", "rpe": "6", "pain_after": "1"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302
    log = SessionLog.objects.get()
    assert (log.rpe, log.sets.count(), log.scheduled_date.isoformat()) == (6, 2, "2026-11-25")
    again = client.post(url, {**form, "client_uuid": str(uuid.uuid4())})
    assert "already logged" in again.content.decode()
    overdue = url.replace("2026-11-25", "2026-11-24")
    bad = client.post(overdue, {**form, "client_uuid": str(uuid.uuid4()), f"e-{first.pk}-1-left-reps": "-4"})
    assert bad.status_code == 422
    assert "reps must be from 0" in bad.content.decode()
    assert SessionLog.objects.count() == 1


@time_machine.travel(NOON)
def test_progress_calendar_and_exercise_history(client, cast, plan):
    session = plan.program.phases.get().sessions.get()
    first = session.prescriptions.order_by("position").first()
    client.force_login(cast.runner)
    client.post(f"/today/session/{plan.pk}/{session.pk}/2026-11-25/",
                {"client_uuid": str(uuid.uuid4()), f"e-{first.pk}-1-left-reps": "10", f"e-{first.pk}-1-right-reps": "8"})  # fmt: skip
    page = client.get("/progress/").content.decode()
    assert 'class="day missed"' in page  # the 24th
    assert 'class="day partial"' in page  # the 25th: some sets only
    assert "November 2026" in page
    assert client.get("/progress/?month=2026-13").status_code == 404
    history = client.get("/progress/exercises/single-leg-heel-raise/").content.decode()
    assert '"left": [10]' in history
    assert '"right": [8]' in history
    client.force_login(cast.coach)
    assert (
        client.get(f"/progress/exercises/single-leg-heel-raise/?runner={cast.runner.pk}").status_code == 200
    )
