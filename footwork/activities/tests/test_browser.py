from __future__ import annotations

import re
from datetime import timedelta

import pytest

from footwork.accounts.tests.factories import PASSWORD
from footwork.accounts.tests.factories import runner as make_runner
from footwork.activities.tests.factories import run
from footwork.conftest import log_in
from footwork.core.clock import today_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_runner_adds_a_run_and_sees_the_load_charts(page):
    runner = make_runner(email="legs@example.test")
    today = today_for(runner)
    for days in range(1, 80, 2):
        run(runner, today - timedelta(days=days), 6)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, "legs@example.test", PASSWORD)
    page.get_by_role("link", name="Runs").first.click()
    page.get_by_label("Time (minutes)").fill("40")
    page.get_by_label("Distance (km)").fill("7")
    page.get_by_role("button", name="Save run").click()
    page.get_by_text("Run saved.").wait_for()
    # On a phone the load page is behind More in the bottom tab bar.
    page.get_by_role("link", name="More").click()
    page.get_by_role("link", name=re.compile("Running load")).click()
    page.get_by_role("heading", name="Running load").wait_for()
    # load-chart.js marks the page once it has drawn (a waiting poll would need eval, which the CSP forbids).
    page.locator("html[data-load-charts=drawn]").wait_for(state="attached")
    for chart in ("load-weekly", "load-acwr", "load-form"):
        assert page.evaluate(f"Chart.getChart(document.getElementById('{chart}')) !== undefined")
    assert errors == []
