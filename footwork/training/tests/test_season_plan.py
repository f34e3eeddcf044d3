"""The plan follows the season: each kind of race day changes the day's session, what a log asks, and statuses."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, date, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.programs.services import enroll
from footwork.season.tests.factories import race
from footwork.training import selectors
from footwork.training.domain import SetEntry
from footwork.training.services import check_in, log_day

pytestmark = pytest.mark.django_db
_register()
START = date(2026, 9, 14)  # the two-week daily test program runs 14-27 September


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=False)


@pytest.fixture
def plan(cast, programs):
    return enroll(actor=cast.runner, program_slug="test-daily", start_date=START)


def _by_name(session):
    return {item.chosen.exercise: item for item in session.exercises}


def test_a_taper_maintenance_day_halves_the_sets_and_logging_them_completes_it(cast, plan, client):
    race(cast.runner, name="Chicago Marathon", day=date(2026, 9, 27))
    with at(date(2026, 9, 18)):  # day -9: maintenance
        session = selectors.day_session(cast.runner)
        assert session.adaptation is not None
        assert session.adaptation.reason.startswith("Taper: 9 days to Chicago: half the sets")
        heel = _by_name(session)["single-leg-heel-raise"]
        assert heel.chosen.sets == 1
        assert heel.chosen.dosage.startswith("1 set ×")
        entries = [
            SetEntry(None, item.chosen.exercise, 1, side, reps=item.chosen.amount, pain_during=1)
            for item in session.offered
            for side in (("left", "right") if item.chosen.per_side else ("both",))
        ]
        log_day(actor=cast.runner, client_uuid=uuid.uuid4(), entries=entries)
        picture = selectors.training_picture(cast.runner)
        assert [item.status for item in picture.between(date(2026, 9, 18), date(2026, 9, 18))] == ["done"]
        client.force_login(cast.runner)
        page = client.get("/today/").content.decode()
        assert "Taper: 9 days to Chicago" in page


def test_race_week_keeps_holds_and_foot_drills_only(cast, plan, client):
    race(cast.runner, day=date(2026, 9, 27))
    with at(date(2026, 9, 22)):  # day -5: activation; the test program has neither, so all is left out
        session = selectors.day_session(cast.runner)
        assert not session.offered
        assert {item.rested_reason for item in session.rested} == {
            "Race week: calf holds and foot-core drills only"
        }
        client.force_login(cast.runner)
        page = client.get("/today/").content.decode()
        assert "your race plan rests every exercise of it" in page
        assert 'data-testid="start-session"' not in page


def test_the_days_around_the_race_are_rest_not_missed(cast, plan, client):
    race(cast.runner, day=date(2026, 9, 26))
    with at(date(2026, 9, 28)):
        picture = selectors.training_picture(cast.runner)
        by_day = {item.dated.date: item.status for item in picture.items}
        assert {by_day[date(2026, 9, d)] for d in (24, 25, 26, 27)} == {"rested"}
        assert by_day[date(2026, 9, 23)] == "missed"
        counted = {item.date for item in picture.counted}
        assert date(2026, 9, 25) not in counted
        assert date(2026, 9, 23) in counted
        client.force_login(cast.runner)
        schedule = client.get("/api/v1/schedule?start=2026-09-24&end=2026-09-27").json()
        assert {item["status"] for item in schedule} == {"rested"}


def test_recovery_light_then_half_load(cast, plan):
    race(cast.runner, day=date(2026, 9, 13))
    with at(date(2026, 9, 18)):  # day 5: light, body weight only
        session = _by_name(selectors.day_session(cast.runner))
        assert session["single-leg-heel-raise"].chosen.sets == 1
        assert session["seated-soleus-raise"].rested_reason == "Recovery: body weight only, no jumps yet"
        check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=3, stiffness=2)
        after_pain = selectors.day_session(cast.runner)
        assert not after_pain.offered
        assert all("pain above 2" in item.rested_reason for item in after_pain.rested)
    with at(date(2026, 9, 22)):  # day 9: about half the load
        session = _by_name(selectors.day_session(cast.runner))
        assert session["seated-soleus-raise"].chosen.dosage.endswith("with 5 kg")
        assert session["single-leg-heel-raise"].chosen.sets == 1


def test_a_day_without_a_race_near_is_untouched(cast, plan):
    race(cast.runner, day=date(2026, 12, 6))
    with at(date(2026, 9, 18)):
        session = selectors.day_session(cast.runner)
        assert session.adaptation is None
        assert not session.rested
        assert _by_name(session)["single-leg-heel-raise"].chosen.sets == 2


def test_the_player_of_one_session_follows_the_day(cast, plan, client):
    race(cast.runner, day=date(2026, 9, 27))
    client.force_login(cast.runner)
    with at(date(2026, 9, 22)):
        item = selectors.training_picture(cast.runner).between(date(2026, 9, 22), date(2026, 9, 22))[0]
        page = client.get(f"/today/session/{plan.pk}/{item.session.pk}/2026-09-22/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "Race week: 5 days to Chicago" in text
        assert "your race plan leaves every exercise of it out" in text


def test_the_api_and_the_cli_give_the_days_adaptation_rested_items_and_running(cast, plan, client):
    race(cast.runner, day=date(2026, 9, 27))
    profile = cast.runner.runner_profile
    profile.weekly_distance_km, profile.units = 60, "mi"
    profile.save()
    client.force_login(cast.runner)
    with at(date(2026, 9, 22)):  # day -5: activation, the test program's exercises all rest
        document = client.get("/api/v1/today").json()
        printed = CliRunner().invoke(app, ["today", "--user", cast.runner.email], env={"COLUMNS": "200"})
        as_json = json.loads(
            CliRunner()
            .invoke(app, ["today", "--user", cast.runner.email, "--json"], env={"COLUMNS": "200"})
            .output
        )
    adaptation = document["session"]["adaptation"]
    assert adaptation["strength"] == "activation"
    assert adaptation["reason"].startswith("Race week: 5 days to Chicago")
    assert adaptation["coach_reason"]
    items = document["session"]["items"]
    assert items
    assert all(item["rested"] for item in items)
    assert {item["rested_reason"] for item in items} == {"Race week: calf holds and foot-core drills only"}
    # The API stays metric: the taper's range of a 60 km week, in km, whatever the runner's units.
    running = document["running"]
    assert running["limit_percent"] is not None
    assert running["limit_km"] == pytest.approx(60 * running["limit_percent"] / 100, abs=0.1)
    assert any(reason["source"] == "phase" and reason["sets_limit"] for reason in running["reasons"])
    assert as_json == document
    text = printed.output
    assert printed.exit_code == 0, text
    assert "Race plan: Race week: 5 days to Chicago" in text
    assert "Not today: " in text
    assert "calf holds and foot-core drills only" in text
    assert "Running today: up to" in text
    assert " mi)" in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)


def test_a_normal_day_has_no_adaptation_and_nothing_rested(cast, plan, client):
    client.force_login(cast.runner)
    with at(date(2026, 9, 18)):
        document = client.get("/api/v1/today").json()
    assert document["session"]["adaptation"] is None
    assert document["session"]["items"]
    assert not any(item["rested"] for item in document["session"]["items"])
    assert all(item["rested_reason"] is None for item in document["session"]["items"])
    assert set(document["running"]) >= {"limit_percent", "limit_km", "sentence", "reasons"}
