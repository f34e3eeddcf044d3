"""A runner writes to their coach from a 375 px phone; the coach sees the unread count arrive and replies, and the
runner sees the reply and the read receipt, all without reloading a page."""

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
# Polls come every 5 s: a new message shows within two of them.
POLLS = 12_000


def test_a_runner_and_their_coach_write_to_each_other_without_reloading(page, live_server):
    alex = make_coach(email="alex@example.test", first_name="Alex")
    make_runner(coach=alex, email="maya@example.test", first_name="Maya")
    desk = page.context.browser.new_context(viewport={"width": 1100, "height": 800}, base_url=live_server.url)
    coach_page = desk.new_page()
    try:
        log_in(coach_page, "alex@example.test", PASSWORD)
        coach_page.goto("/messages/")
        lines = coach_page.get_by_test_id("threads")
        expect(lines).to_contain_text("Maya")
        expect(lines.get_by_test_id("thread-unread")).to_have_count(0)

        log_in(page, "maya@example.test", PASSWORD)
        page.goto("/more/")
        page.get_by_role("link", name=re.compile(r"^Messages")).click()
        page.wait_for_url(re.compile(r"/messages/$"))
        form = page.get_by_test_id("message-form")
        form.get_by_label("Message").fill(
            "Calf tight after the hills: https://example.org/run/42 — keep Thursday?"
        )
        form.get_by_role("button", name="Send").click()
        mine = page.get_by_test_id("thread").get_by_test_id("message")
        expect(mine).to_have_count(1)
        expect(mine.first.get_by_role("link", name="https://example.org/run/42")).to_have_attribute(
            "rel", "noopener nofollow"
        )
        expect(mine.first.get_by_test_id("receipt")).to_have_text("Sent")
        expect(form.get_by_label("Message")).to_have_value("")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE

        # The coach's list and badge update by themselves.
        expect(lines.get_by_test_id("thread-unread")).to_have_text("1 unread", timeout=POLLS)
        badge = coach_page.locator("header").get_by_test_id("unread-badge")
        expect(badge).to_contain_text("1")
        coach_page.get_by_role("link", name="Maya").click()
        thread = coach_page.get_by_test_id("thread")
        expect(thread.get_by_test_id("message")).to_contain_text("Calf tight after the hills")
        # On a visible screen the message is marked read (a POST), and the badge empties.
        expect(badge).to_be_hidden()
        coach_form = coach_page.get_by_test_id("message-form")
        coach_form.get_by_label("Message").fill("Keep it, walk the downhills. Log your heel raises tonight.")
        coach_form.get_by_role("button", name="Send").click()
        expect(thread.get_by_test_id("message")).to_have_count(2)

        # The runner's open thread brings the reply, and the receipt of her message.
        expect(mine).to_have_count(2, timeout=POLLS)
        expect(mine.nth(1)).to_contain_text("walk the downhills")
        expect(mine.first.get_by_test_id("receipt")).to_have_text(
            re.compile(r"^Read \d\d:\d\d$"), timeout=POLLS
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    finally:
        desk.close()
