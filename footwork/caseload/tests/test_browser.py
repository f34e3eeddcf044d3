"""A coach on a 375 px phone opens a runner from the roster, keeps a private note and sees it, then opens the
timeline tab and finds it there; nothing is wider than the screen, on the phone or at 1280 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from footwork.accounts.tests.factories import PASSWORD
from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375
DESK = 1280


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_coach_keeps_a_note_and_finds_it_on_the_timeline(page, live_server):
    alex = make_coach(email="alex@example.test", first_name="Alex")
    maya = make_runner(coach=alex, email="maya@example.test", first_name="Maya")
    log_in(page, "alex@example.test", PASSWORD)
    page.goto("/coaching/")
    page.get_by_role("link", name="Maya").first.click()
    page.wait_for_url(re.compile(rf"/coaching/runners/{maya.pk}/$"))
    expect(page.get_by_test_id("symptoms")).to_be_visible()
    notes = page.get_by_test_id("notes")
    form = notes.get_by_test_id("note-form")
    form.get_by_label("Private note").fill(
        "Heel drops at the end of each set: fatigue, not pain. Keep the load."
    )
    form.get_by_role("button", name="Keep the note").click()
    page.wait_for_url(re.compile(r"#notes$"))
    expect(page.get_by_test_id("note")).to_have_count(1)
    expect(page.get_by_test_id("note").first).to_contain_text("fatigue, not pain")
    _fits(page, PHONE)

    page.get_by_test_id("workspace-tabs").get_by_role("link", name="Timeline").click()
    page.wait_for_url(re.compile(rf"/coaching/runners/{maya.pk}/timeline/$"))
    entries = page.get_by_test_id("timeline-entries").get_by_test_id("timeline-entry")
    expect(entries.filter(has_text="Private note")).to_have_count(1)
    expect(entries.first).to_contain_text("fatigue, not pain")
    expect(page.get_by_test_id("workspace-tabs").get_by_role("link", name="Timeline")).to_have_attribute(
        "aria-current", "page"
    )
    _fits(page, PHONE)

    page.set_viewport_size({"width": DESK, "height": 900})
    page.goto(f"/coaching/runners/{maya.pk}/")
    expect(page.get_by_test_id("note")).to_have_count(1)
    _fits(page, DESK)
