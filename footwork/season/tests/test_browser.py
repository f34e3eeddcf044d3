"""A runner on a 375 px phone adds an A race 20 days out, reads the season laid back from it, and ten days on sees
the taper's adapted session with its reason and the calendar week's plan against what was done."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Page, expect

from footwork.accounts.models import User
from footwork.activities.services import record_manual_run
from footwork.conftest import log_in
from footwork.core import rules
from footwork.core.clock import time_zone_of, today_for
from footwork.core.wording import day_label
from footwork.demo import SELF_GUIDED, load_demo
from footwork.exercises.services import load_library
from footwork.programs.models import Plan
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import load_programs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375


def fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE


def maintenance_day_with_a_session(runner: User, race_day: date) -> date:
    """The first day of the taper's maintenance days (CLINICAL section A: 10 to 7 days out) with a session planned."""
    planned = {item.date for plan in Plan.objects.filter(runner=runner) for item in plan_schedule(plan)}
    out = range(rules.STRENGTH_MAINTENANCE_DAYS_OUT, rules.STRENGTH_ACTIVATION_DAYS_OUT, -1)
    return next(race_day - timedelta(days=days) for days in out if race_day - timedelta(days=days) in planned)


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
    fits_the_phone(page)

    page.goto("/today/")
    page.get_by_text("Chicago in 20 days").wait_for()

    # Ten days or so on, on a day of the maintenance session (Sam's plan trains every other day), after his morning
    # run: the clock moves for the live server too (time-machine travels the whole process), and keeps ticking.
    day = maintenance_day_with_a_session(sam, race_day)
    days_out = (race_day - day).days
    noon = datetime.combine(day, time(12, 0), tzinfo=ZoneInfo(time_zone_of(sam)))
    with time_machine.travel(noon, tick=True):
        record_manual_run(actor=sam, day=day, duration_min=50, distance_km=8.05, rpe=4)
        page.goto("/today/")
        page.get_by_text(f"Chicago in {days_out} days").wait_for()
        adapted = page.get_by_test_id("day-session").get_by_test_id("season-adaptation")
        # "Race week" from 7 days out, when the first maintenance day without a session pushes it that late.
        expect(adapted).to_contain_text(
            re.compile(rf"(Taper|Race week): {days_out} days to Chicago: half the sets and half the jumps")
        )
        expect(page.get_by_test_id("start-session")).to_be_visible()
        expect(page.get_by_test_id("running-today")).to_contain_text(f"taper: {days_out} days to Chicago")
        fits_the_phone(page)

        page.goto("/more/")
        page.get_by_role("link", name=re.compile(r"^Calendar")).click()
        page.wait_for_url(re.compile(r"/calendar/"))
        page.get_by_role("link", name="This week").click()
        page.wait_for_url(re.compile(r"/calendar/\?week="))
        week = page.locator("section.calendar-week")
        expect(week).to_have_count(1)
        # Plan against what was done: strength sessions done of those scheduled, and the miles run against the
        # phase's range when the week's phase gives one.
        expect(week).to_contain_text(re.compile(r"\d+ of \d+ strength sessions done"))
        expect(week).to_contain_text(
            re.compile(r"5\.0 mi run(, (below|within|above) the \w+ range of [\d.]+ to [\d.]+ mi)?")
        )
        expect(week.locator("li[aria-current=date]")).to_contain_text(day_label(day, day))
        expect(week.locator("li[aria-current=date]")).to_contain_text("Taper")
        expect(week.get_by_text("Ran 5.0 mi")).to_be_visible()
        assert not re.search(r"\d{4}-\d\d-\d\d", week.inner_text())
        fits_the_phone(page)
