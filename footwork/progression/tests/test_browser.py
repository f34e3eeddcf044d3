from __future__ import annotations

import re
from datetime import timedelta

import pytest

from footwork.conftest import log_in
from footwork.core.clock import today_for
from footwork.demo import RUNNER, load_demo
from footwork.exercises.services import load_library
from footwork.programs.services import load_programs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FULL = {"reps": "2", "hold_seconds": "15", "jumps": "6", "pain_during": "0"}


def do_session(page, link_name):
    """Open a due session from /today/ and log every set at full dosage, pain free."""
    page.get_by_role("link", name=link_name).first.click()
    page.wait_for_url(re.compile(r"/today/session/"))
    while True:
        step = page.locator("section.step:not([hidden])")
        for field, value in FULL.items():
            for box in step.locator(f"input[data-field='{field}']").all():
                box.fill(value)
        if page.get_by_role("button", name="Finish session").is_visible():
            break
        page.locator(".player-next").click()
    page.get_by_label(re.compile("Session effort")).fill("3")
    page.get_by_label(re.compile("Pain after")).fill("0")
    page.get_by_role("button", name="Finish session").click()
    page.wait_for_url(re.compile(r"/today/$"))


def test_green_sessions_progress_then_a_flare_up_brings_the_toolbox(page):
    load_library()
    load_programs()
    load_demo()
    from footwork.accounts.models import User

    start = today_for(User.objects.get(email=RUNNER.email)) - timedelta(days=2)
    log_in(page, RUNNER.email, RUNNER.password)
    page.goto("/programs/stronger-feet-starter/")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_role("button", name="Enrol").click()
    page.wait_for_url(re.compile(r"/plans/\d+/"))
    plan_url = page.url

    page.goto("/today/")
    do_session(page, "Do it now")
    do_session(page, "Do it now")
    do_session(page, "Start session")

    balance = page.locator("[data-testid=recommendation]", has_text="forefoot balance")
    assert balance.get_attribute("data-decision") == "progress"
    balance.get_by_text("Why").click()
    assert "achieved in each of the last 2 sessions" in balance.inner_text()
    assert "New: 3 sets × 20 seconds" in balance.inner_text()
    balance.get_by_role("button", name="Accept").click()
    page.get_by_text(re.compile("^Accepted: progress")).wait_for()

    page.goto(plan_url)
    structure = page.locator("section.card", has_text="Daily foundation").inner_text()
    assert "3 × 20 s each side" in structure
    history = page.locator("section.card").filter(has=page.get_by_role("heading", name="History"))
    assert "amount 15 → 20" in history.inner_text()

    page.goto("/today/")
    page.get_by_test_id("something-wrong").click()
    page.get_by_role("link", name="My achilles is acting up").click()
    for question in page.locator("fieldset.question").all():
        question.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your flare-up plan").wait_for()
    assert "No red flags" in page.get_by_test_id("flare-message").inner_text()
    assert "Isometric calf" in page.locator("section.card", has_text="Exercises for now").inner_text()
    page.get_by_role("link", name="See the temporary plan").click()
    assert "Flare-up: Achilles" in page.locator("h1").inner_text()
