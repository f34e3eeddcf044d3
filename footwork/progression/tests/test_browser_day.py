"""A runner's day at 375 px: two plans, one session, the jump held back; a red flag in the middle of a flare-up."""

from __future__ import annotations

import re

import pytest

from footwork.accounts.tests.factories import PASSWORD
from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.assessments.domain import Result
from footwork.assessments.services import record_assessment
from footwork.coaching.models import Alert
from footwork.conftest import log_in, play_session
from footwork.core.clock import today_for
from footwork.exercises.services import load_library
from footwork.programs.services import enroll, load_programs
from footwork.progression.flareup import questions_for
from footwork.progression.services import start_flare_up
from footwork.training.models import SessionLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VALUES = {"reps": "2", "hold_seconds": "15", "jumps": "6", "pain_during": "1"}


@pytest.fixture
def maya(db):
    load_library()
    load_programs()
    coach = make_coach(email="alex@example.test")
    runner = make_runner(coach=coach, email="maya@example.test", first_name="Maya")
    today = today_for(runner)
    enroll(actor=runner, program_slug="stronger-feet-starter", start_date=today)
    enroll(actor=runner, program_slug="achilles-loading-12-weeks", start_date=today)
    # Heel raises 17 / 27: a clear deficit, so the lunge jump is held back.
    record_assessment(actor=coach, runner_id=runner.pk, results=[Result("heel-raise", 17, 27)])
    return runner


def test_two_plans_are_one_session_with_the_jump_held_back_and_done_is_100_percent(page, maya, settings):
    settings.FOOTWORK_TIMER_CAP_SECONDS = 2
    log_in(page, maya.email, PASSWORD)
    page.wait_for_url(re.compile(r"/today/"))
    session = page.get_by_test_id("day-session")
    session.wait_for()
    assert page.locator("[data-testid=day-session]").count() == 1
    jump = session.locator("[data-testid=day-exercise]", has_text="lunge jump")
    assert jump.get_attribute("data-held-back") == "yes"
    assert (
        "no jumping" in session.get_by_test_id("held-back-group").filter(has_text="lunge jump").inner_text()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_test_id("start-session").click()
    page.wait_for_url(re.compile(r"/today/session/"))
    page.get_by_test_id("held-back").first.wait_for()
    assert "lunge jump" in page.get_by_test_id("held-back").first.inner_text().lower()
    play_session(page, VALUES)
    page.wait_for_url(re.compile(r"/today/$"))
    page.get_by_test_id("session-done").wait_for()
    assert page.get_by_test_id("streak").inner_text() == "1"
    assert page.get_by_test_id("week-percent").inner_text() == "100"
    assert SessionLog.objects.filter(runner=maya).count() == 2
    assert not any(entry.exercise.slug == "half-kneeling-lunge-jump" for log in SessionLog.objects.all()
                   for entry in log.sets.all())  # fmt: skip


def test_a_red_flag_in_the_middle_of_a_flare_up_reaches_the_coach(page, maya):
    start_flare_up(
        actor=maya, area="achilles", answers={flag.code: False for flag in questions_for("achilles")}
    )
    log_in(page, maya.email, PASSWORD)
    page.wait_for_url(re.compile(r"/today/"))
    page.get_by_test_id("something-wrong").click()
    page.get_by_role("link", name=re.compile("My achilles is acting up", re.IGNORECASE)).click()
    for fieldset in page.locator("fieldset.question").all():
        answer = "yes" if "pop" in fieldset.inner_text() else "no"
        fieldset.locator(f"input[value={answer}]").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text(re.compile("see a clinician today", re.IGNORECASE)).first.wait_for()
    alert = Alert.objects.get(runner=maya, kind="red_flag")
    assert "see a clinician today" in alert.message
    page.goto("/today/")
    page.get_by_test_id("referral").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
