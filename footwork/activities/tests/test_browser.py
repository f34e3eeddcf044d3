from __future__ import annotations

import re
from datetime import timedelta

import numpy as np
import pytest

from footwork.accounts.tests.factories import PASSWORD
from footwork.accounts.tests.factories import runner as make_runner
from footwork.activities.importers.track import Track
from footwork.activities.models import Run
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


def test_a_runner_in_miles_sees_the_run_chart_in_miles(page):
    runner = make_runner(email="miles@example.test")
    profile = runner.runner_profile
    profile.units = "mi"
    profile.save()
    # A steady 8 km in 40 minutes, a point every 10 s: 8:03 /mi.
    seconds = np.arange(0, 2401, 10, dtype=np.float64)
    track = Track(
        seconds=seconds, distance_m=seconds * 8000 / 2400, altitude_m=np.full(len(seconds), 50.0),
        heart_rate=np.full(len(seconds), 150.0), cadence=np.full(len(seconds), 170.0),
    )  # fmt: skip
    recorded = run(runner, today_for(runner), 8, minutes=40)
    Run.objects.filter(pk=recorded.pk).update(track=track.to_bytes())
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, "miles@example.test", PASSWORD)
    page.goto(f"/runs/{recorded.pk}/")
    page.get_by_text("8:03 /mi").wait_for()
    page.locator("#run-pace").wait_for()
    titles = page.evaluate(
        "(() => { const chart = Chart.getChart(document.getElementById('run-pace'));"
        " return [chart.options.scales.x.title.text, chart.options.scales.pace.title.text,"
        " chart.data.datasets[0].label, Math.max(...chart.data.datasets[0].data.map((p) => p.x))]; })()"
    )
    assert titles[:3] == ["mi", "min/mi", "Pace (min/mi)"]
    assert titles[3] == pytest.approx(8 / 1.609344, abs=0.01)
    assert errors == []
