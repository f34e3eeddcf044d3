"""/calendar/ (month and week) and GET /api/v1/calendar: phases, races, sessions with statuses, runs, plan vs done."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine

from footwork.activities.services import record_manual_run
from footwork.programs.models import Prescription
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import enroll
from footwork.training.domain import SetEntry
from footwork.training.services import log_session

from .factories import ISO, race, visible_text

pytestmark = pytest.mark.django_db
TODAY = datetime(2026, 9, 18, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def season(cast, programs):
    profile = cast.runner.runner_profile
    profile.weekly_distance_km = 50
    profile.save()
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=date(2026, 9, 14))
    first = plan_schedule(plan)[0]
    entries = [
        SetEntry(item.pk, item.exercise.slug, number, side, reps=item.amount, pain_during=2)
        for item in Prescription.objects.filter(session_id=first.session_id).select_related("exercise")
        for number in range(1, item.sets + 1)
        for side in (("left", "right") if item.per_side else ("both",))
    ]
    with time_machine.travel(datetime(2026, 9, 14, 12, tzinfo=UTC), tick=False):
        log_session(actor=cast.runner, client_uuid=uuid.uuid4(), entries=entries, plan_id=plan.pk,
                    session_id=first.session_id, scheduled_date=first.original_date)  # fmt: skip
    record_manual_run(actor=cast.runner, day=date(2026, 9, 15), duration_min=50, distance_km=10)
    race(cast.runner)
    return plan


def test_the_api_gives_each_day(client, cast, season):
    client.force_login(cast.runner)
    days = client.get("/api/v1/calendar?start=2026-09-14&end=2026-10-11").json()
    assert len(days) == 28
    by_day = {day["date"]: day for day in days}
    assert by_day["2026-09-14"]["sessions"][0]["status"] in {"done", "partial"}
    assert by_day["2026-09-14"]["sessions"][0]["plan"] == season.pk
    assert by_day["2026-09-15"]["runs"][0]["distance_km"] == 10
    assert by_day["2026-10-11"]["race"]["name"] == "Chicago Marathon"
    assert by_day["2026-10-11"]["phase"] == "race"
    assert by_day["2026-09-30"]["phase"] == "taper"


def test_the_api_keeps_to_who_may_see(client, cast, season):
    client.force_login(cast.coach)
    url = f"/api/v1/calendar?start=2026-09-14&end=2026-09-20&runner={cast.runner.pk}"
    assert client.get(url).json()[1]["runs"][0]["distance_km"] == 10
    client.force_login(cast.other_coach)
    assert client.get(url).status_code == 404
    client.force_login(cast.other_runner)
    assert all(not day["runs"] for day in client.get(url.split("&runner")[0]).json())


def test_the_month_page_in_plain_words(client, cast, season):
    client.force_login(cast.runner)
    page = client.get("/calendar/?month=2026-09-01")
    assert page.status_code == 200
    text = visible_text(page.content.decode())
    assert "September 2026" in text
    assert "Week of Mon 14 Sep" in text
    assert "Ran 10.0 km" in text
    assert "strength sessions done" in text
    assert not ISO.search(text)


def test_the_week_page_in_the_runners_units(client, cast, season):
    profile = cast.runner.runner_profile
    profile.units = "mi"
    profile.save()
    client.force_login(cast.runner)
    text = visible_text(client.get("/calendar/?week=2026-09-16").content.decode())
    assert "Week of Mon 14 Sep" in text
    assert "Ran 6.2 mi" in text
    assert "Sun 20 Sep" in text
    assert "Mon 21 Sep" not in text
    assert not ISO.search(text)


def test_each_week_weighs_the_running_against_the_phase(client, cast, season):
    # The taper (from Sun 27 Sep) gives a range of the peak week's 50 km; build and peak give none.
    with time_machine.travel(datetime(2026, 10, 5, 12, tzinfo=UTC), tick=False):
        record_manual_run(actor=cast.runner, day=date(2026, 9, 29), duration_min=50, distance_km=10)
        client.force_login(cast.runner)
        text = visible_text(client.get("/calendar/?week=2026-09-28").content.decode())
        assert re.search(r"10\.0 km run, below the taper range of \d+\.\d to \d+\.\d km", text), text
        week = visible_text(client.get("/calendar/?week=2026-09-14").content.decode())
    assert "10.0 km run" in week
    assert "range" not in week


def test_the_documents_are_the_schemas_own_output(client, cast, season):
    from footwork.season.api import CalendarDayOut

    client.force_login(cast.runner)
    days = client.get("/api/v1/calendar?start=2026-09-14&end=2026-10-11").json()
    assert [CalendarDayOut.model_validate(day).model_dump(mode="json") for day in days] == days
