"""/season/ after a race: the recovery day by day, the comeback, the recovery gate (CLINICAL §6.4, §6.5), for the
runner and for their coach; the gate's re-test on /today/; and that none of these pages writes."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from footwork.assessments.domain import Result
from footwork.assessments.services import record_assessment, submit_questionnaire
from footwork.season.selectors import recovery_gate_for
from footwork.training.services import check_in

from .factories import ISO, at, race, visible_text, weekly

pytestmark = pytest.mark.django_db
RACE_DAY = date(2026, 10, 11)
VISA_44 = ["5", "5", "5", "5", "5", "5", "4", "B:10"]
VISA_63 = ["7", "7", "7", "7", "7", "7", "7", "B:14"]


@pytest.fixture
def chicago(cast):
    weekly(cast.runner, 57)
    with at(date(2026, 9, 1)):
        race(cast.runner)
        race(cast.runner, name="Boston Marathon", day=date(2027, 4, 19))
    return cast


def test_the_runner_reads_the_recovery_day_by_day_and_the_comeback(client, chicago):
    client.force_login(chicago.runner)
    with at(date(2026, 10, 16)):
        page = client.get("/season/").content.decode()
    text = visible_text(page)
    assert "Your recovery after Chicago" in text
    # From today (day 5) to day 14 after Chicago, then the 14 days after Boston.
    assert page.count('data-testid="recovery-day"') == 10 + 14
    assert "Day 5 · Fri 16 Oct" in text
    assert "Day 4 · Thu 15 Oct" not in text
    assert "Day 13 · Sat 24 Oct Re-test" in text
    assert "Strength: No strength work" in text
    assert "Running: 25–35 % of the usual week (about 14–20 km)" in text
    assert "The comeback" in text
    assert "From the end of your recovery to Boston's build" in text
    assert "Step 1 · Mon 26 Oct – Sun 8 Nov" in text
    assert "Add back more runs a week" in text
    assert "Running today: up to 35 % of your usual week (about 20 km) — recovery day 5 after Chicago" in text
    # Plain words: no ISO dates, enum values or slugs.
    assert not ISO.search(text)
    for value in ("half_load", "last_heavy", "heel-raise", "visa-a<", "frequency"):
        assert value not in text


def test_the_coach_reads_the_same_plan_in_a_coachs_words(client, chicago):
    client.force_login(chicago.coach)
    with at(date(2026, 10, 16)):
        page = client.get(f"/season/?runner={chicago.runner.pk}").content.decode()
    text = visible_text(page)
    assert "Recovery after Chicago" in text
    assert "Your recovery" not in text
    assert "Comeback toward Boston: the return order" in text
    assert "Add back frequency (more runs a week)" in text
    assert "Running today: up to 35 % of the usual week (about 20 km)" in text
    assert not ISO.search(text)


def test_a_runner_in_miles_reads_miles(client, chicago):
    weekly(chicago.runner, 80, "mi")
    client.force_login(chicago.runner)
    with at(date(2026, 10, 16)):
        text = visible_text(client.get("/season/").content.decode())
    assert "25–35 % of the usual week (about 12–17 mi)" in text
    assert "(about 17 mi)" in text


def _pre_race_tests(runner) -> None:
    with at(date(2026, 9, 20)):
        record_assessment(actor=runner, results=[Result("heel-raise", 30, 28)], day=date(2026, 9, 20))
        submit_questionnaire(actor=runner, code="visa-a", answers=VISA_63)


def test_the_gate_is_asked_for_from_day_13_and_shows_which_conditions_hold(client, chicago):
    runner = chicago.runner
    _pre_race_tests(runner)
    client.force_login(runner)
    with at(date(2026, 10, 23)):
        assert recovery_gate_for(runner) is None
        assert 'data-testid="recovery-gate"' not in client.get("/season/").content.decode()
    with at(date(2026, 10, 24)):
        season = visible_text(client.get("/season/").content.decode())
        today = client.get("/today/").content.decode()
    assert "Leaving recovery after Chicago" in season
    assert "To do Heel raises: re-test them (28 before the race)." in season
    assert "To do VISA-A: answer it again (it was 63 before the race)." in season
    prompt = re.search(r'data-testid="recovery-gate-prompt">(.*?)</p>', today, flags=re.S)
    assert prompt is not None
    assert (
        "Recovery day 13 after Chicago: time for the re-test (single-leg heel raises and VISA-A)" in prompt[1]
    )
    assert 'href="/assess/new/"' in prompt[1]
    assert 'href="/assess/questionnaires/visa-a/"' in prompt[1]


def test_the_gate_met_and_not_met_after_the_re_test(client, chicago):
    runner = chicago.runner
    _pre_race_tests(runner)
    with at(date(2026, 10, 25)):
        record_assessment(actor=runner, results=[Result("heel-raise", 29, 26)])
        submit_questionnaire(actor=runner, code="visa-a", answers=VISA_44)
        check_in(actor=runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1)
        due = recovery_gate_for(runner)
    assert due is not None
    holds = {str(check.condition): check.holds for check in due.gate.checks}
    # The weaker side: 26 against 28 is within 10 %; VISA-A 44 is below 63; pain 1.
    assert holds == {"heel_raises": True, "pain": True, "questionnaire": False}
    assert due.prompt == "Recovery day 14 after Chicago: " + due.gate.summary
    with at(date(2026, 10, 27)):
        submit_questionnaire(actor=runner, code="visa-a", answers=VISA_63)
        check_in(actor=runner, client_uuid=uuid.uuid4(), pain=1, stiffness=1)
        client.force_login(runner)
        season = visible_text(client.get("/season/").content.decode())
        # Once the recovery is over and the gate is met, it is no longer asked about.
        assert recovery_gate_for(runner) is None
    assert "Leaving recovery" not in season


def test_the_gate_is_no_longer_asked_for_a_week_after_the_recovery(chicago):
    _pre_race_tests(chicago.runner)
    with at(date(2026, 11, 1)):
        assert recovery_gate_for(chicago.runner) is not None
    with at(date(2026, 11, 2)):
        assert recovery_gate_for(chicago.runner) is None


def test_a_b_race_has_a_one_week_recovery_and_no_gate(client, cast):
    with at(date(2026, 9, 1)):
        race(cast.runner, name="Harbour Half", day=date(2026, 9, 6), km=21.0975, priority="B")
    client.force_login(cast.runner)
    with at(date(2026, 9, 8)):
        page = client.get("/season/").content.decode()
        assert recovery_gate_for(cast.runner) is None
    assert "Your recovery after Harbour" in visible_text(page)
    assert page.count('data-testid="recovery-day"') == 6  # days 2 to 7: the plan starts today
    assert "The comeback" not in page


@pytest.mark.parametrize("url", ["/season/", "/today/"])
def test_a_get_writes_nothing(client, chicago, url):
    _pre_race_tests(chicago.runner)
    client.force_login(chicago.runner)
    with at(date(2026, 10, 24)):
        client.get(url)  # the session is settled by a first visit
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
    writes = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
