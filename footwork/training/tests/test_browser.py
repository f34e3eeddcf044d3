from __future__ import annotations

import re

import pytest

from footwork.conftest import log_in
from footwork.demo import RUNNER, load_demo
from footwork.exercises.services import load_library
from footwork.programs.services import load_programs
from footwork.training.models import SessionLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_step(page, field, value):
    for box in page.locator(f"section.step:not([hidden]) input[data-field='{field}']").all():
        if not box.input_value():
            box.fill(str(value))


def test_demo_runner_does_the_starter_session_and_starts_a_streak(page, settings):
    settings.FOOTWORK_TIMER_CAP_SECONDS = 3
    load_library()
    load_programs()
    load_demo()
    log_in(page, RUNNER.email, RUNNER.password)
    page.wait_for_url(re.compile(r"/today/"))
    assert page.get_by_test_id("streak").inner_text() == "0"

    # On a phone the programs are behind More in the bottom tab bar.
    page.get_by_role("link", name="More").click()
    page.get_by_role("link", name=re.compile("Your plans and programs")).click()
    page.get_by_role("link", name=re.compile("Stronger Feet starter")).click()
    page.get_by_role("button", name="Enrol").click()
    page.wait_for_url(re.compile(r"/plans/\d+/"))
    page.get_by_role("link", name="Today").click()
    page.get_by_role("link", name="Start session").click()
    page.wait_for_url(re.compile(r"/today/session/"))

    # 1. Sideways walk on the step edge: passes counted as reps.
    assert "Exercise 1 of 3" in page.locator(".player-progress").inner_text()
    fill_step(page, "reps", 2)
    page.locator(".player-next").click()

    # 2. Forefoot balance: run the first hold timer to its (test-capped) end.
    assert "Exercise 2 of 3" in page.locator(".player-progress").inner_text()
    first_set = page.locator("section.step:not([hidden]) fieldset.set").first
    first_set.locator(".timer-toggle").click()
    first_set.locator(".hold-timer.done").wait_for(timeout=10_000)
    assert first_set.locator("input[data-field='hold_seconds']").input_value() == "3"
    first_set.locator(".set-done").click()
    fill_step(page, "hold_seconds", 15)
    page.locator(".player-next").click()

    # 3. Half-kneeling lunge jumps.
    fill_step(page, "jumps", 6)
    page.locator(".player-next").click()

    page.get_by_label(re.compile("Session effort")).fill("5")
    page.get_by_label(re.compile("Pain after")).fill("1")
    page.get_by_role("button", name="Finish session").click()
    page.wait_for_url(re.compile(r"/today/$"))
    assert page.get_by_test_id("streak").inner_text() == "1"
    assert page.get_by_text("Done today").is_visible()

    log = SessionLog.objects.get()
    assert (log.rpe, log.pain_after, log.sets.count()) == (5, 1, 3 + 6 + 6)
    assert sorted({entry.hold_seconds for entry in log.sets.all() if entry.hold_seconds}) == [3, 15]
