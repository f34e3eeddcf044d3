from __future__ import annotations

import re

import pytest

from footwork.conftest import log_in
from footwork.demo import RUNNER, load_demo
from footwork.exercises.services import load_library
from footwork.programs.models import Plan, Prescription

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_runner_tests_heel_raises_and_adds_the_fix_to_the_plan(page):
    load_library()
    load_demo()
    log_in(page, RUNNER.email, RUNNER.password)
    # On a phone the tests live behind the tab bar's More.
    page.get_by_role("link", name="More").click()
    page.get_by_role("link", name="Tests").click()
    page.get_by_role("link", name="Start a test session").click()

    # The player writes its progress line after load: wait for it rather than read it at once (flaky on a busy machine).
    page.locator(".player-progress", has_text="Test 1 of 12: Single-leg heel-raise test").wait_for()
    assert "Test 1 of 12: Single-leg heel-raise test" in page.locator(".player-progress").inner_text()
    step = page.locator("section.step:not([hidden])")
    step.locator("fieldset[data-side='left'] input[data-field='reps']").fill("18")
    step.locator("fieldset[data-side='right'] input[data-field='reps']").fill("27")
    # Skip the other tests: walk to the finish step.
    while not page.get_by_role("button", name="Save the test session").is_visible():
        page.locator(".player-next").click()
    page.get_by_role("button", name="Save the test session").click()
    page.wait_for_url(re.compile(r"/assess/\d+/$"))

    result = page.locator("section.result[data-test='heel-raise']")
    assert result.locator(".bar-row.involved .bar-label").inner_text() == "Left"
    flags = result.locator(".flags").inner_text()
    assert "below norm" in flags
    assert "asymmetry" in flags
    assert "LSI 66.7 %" in result.inner_text()

    link = page.locator("ol.weak-links > li[data-test='heel-raise']")
    suggested = [name.strip() for name in link.locator("ul li a").all_inner_texts()]
    assert 2 <= len(suggested) <= 4
    link.get_by_role("button", name="Add to my plan").click()
    page.get_by_text(re.compile("^Added to Weak links:")).wait_for()

    plan = Plan.objects.get(runner__email=RUNNER.email)
    names = list(
        Prescription.objects.filter(session__phase__program=plan.program).values_list(
            "exercise__name", flat=True
        )
    )
    assert names == suggested
    assert plan.changes.filter(why__contains="Single-leg heel-raise test").count() == len(suggested)
