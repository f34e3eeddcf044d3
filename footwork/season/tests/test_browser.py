"""A runner on a 375 px phone adds an A race 20 days out and reads the season laid back from it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from footwork.accounts.models import User
from footwork.conftest import log_in
from footwork.core.clock import today_for
from footwork.core.wording import day_label
from footwork.demo import SELF_GUIDED, load_demo
from footwork.exercises.services import load_library
from footwork.programs.services import load_programs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375


def test_a_runner_adds_a_race_20_days_out_and_sees_the_taper_on_a_phone(page):
    load_library()
    load_programs()
    load_demo()
    sam = User.objects.get(email=SELF_GUIDED.email)
    race_day = today_for(sam) + timedelta(days=20)
    log_in(page, SELF_GUIDED.email, SELF_GUIDED.password)
    page.wait_for_url(re.compile(r"/today/"))

    page.goto("/more/")
    page.get_by_role("link", name="Season").click()
    page.wait_for_url(re.compile(r"/season/"))
    page.get_by_label("Name").fill("Chicago Marathon")
    page.get_by_label("Race day").fill(race_day.isoformat())
    page.get_by_label("Distance", exact=True).select_option("marathon")
    page.locator("input[name=priority][value=A]").check()
    page.get_by_role("button", name="Add the race").click()

    page.get_by_text("Chicago Marathon added.").wait_for()
    races = page.locator("main")
    races.get_by_text(
        re.compile(rf"Chicago Marathon — {re.escape(day_label(race_day))}, in 20 days")
    ).wait_for()
    timeline = page.get_by_test_id("timeline")
    # Sam's tune-up half (in the demo) is on the timeline too: Chicago's own race day is named by its date.
    timeline.get_by_text(f"Race day: {day_label(race_day)}").wait_for()
    timeline.get_by_text(re.compile(r"^Taper: ")).first.wait_for()
    timeline.get_by_text(re.compile(r"^Recovery: ")).first.wait_for()
    text = timeline.inner_text()
    assert not re.search(r"\d{4}-\d\d-\d\d", text)
    # Sam runs in miles: the distance reads in miles.
    assert "26.2 mi" in races.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE

    page.goto("/today/")
    page.get_by_text("Chicago in 20 days").wait_for()
