"""Issue 15 in Debian's Chromium at 375 px: a visitor opens a workshop's page, signs up, joins with its code and finds
day one's lesson and session on /today/; the coach then sees one participant, as "fewer than 5"."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from footwork.accounts.tests.factories import PASSWORD
from footwork.accounts.tests.factories import coach as make_coach
from footwork.conftest import log_in
from footwork.workshops import services
from footwork.workshops.domain import HIDDEN_WORDS
from footwork.workshops.tests.factories import code_workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def feet_workshop(programs):
    coach = make_coach(email="pt@example.test")
    made = code_workshop(coach, title="Feet Camp")
    services.add_lesson(
        actor=coach,
        slug=made.slug,
        title="Why feet matter",
        body_markdown="Your feet **carry** you.",
        unlock_day=1,
    )
    return coach, made


def test_a_visitor_signs_up_joins_with_a_code_and_finds_day_one(page, live_server, feet_workshop):
    coach, made = feet_workshop
    page.goto(f"/w/{made.slug}/")
    page.get_by_role("heading", name="Feet Camp", level=1).wait_for()
    # Readable on a phone: nothing wider than the screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    page.get_by_label("Your code").fill(made.shared_code.lower())
    page.get_by_role("button", name=re.compile("^Join")).click()
    page.wait_for_url(re.compile(r"/account/signup/\?next="))
    page.get_by_label("Email").fill("newrunner@example.test")
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Password").fill("a-long-pass-phrase-1")
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text("newrunner@example.test").first.wait_for()
    link = re.search(r"https?://\S+/account/signup/confirm/\S+", str(mail.outbox[-1].body)).group(0)
    page.goto(link)
    page.wait_for_url(re.compile(rf"/w/{made.slug}/join/"))
    page.get_by_role("button", name="Join the workshop").click()
    page.wait_for_url(re.compile(rf"/workshops/{made.slug}/$"))
    page.get_by_text("You joined Feet Camp").wait_for()
    page.get_by_test_id("before-first-session").wait_for()
    page.goto("/today/")
    lesson = page.get_by_test_id("today-lesson")
    lesson.wait_for()
    assert lesson.inner_text() == "Why feet matter"
    page.get_by_test_id("start-session").wait_for()

    # The coach on a laptop, in a browser of their own (the runner's phone keeps its session and its worker).
    laptop = page.context.browser.new_context(
        viewport={"width": 1280, "height": 800}, base_url=live_server.url
    )
    try:
        coach_page = laptop.new_page()
        log_in(coach_page, coach.email, PASSWORD)
        coach_page.goto(f"/coaching/workshops/{made.slug}/")
        joined = coach_page.get_by_test_id("stat-participants")
        joined.wait_for()
        assert joined.inner_text() == HIDDEN_WORDS
        assert "newrunner@example.test" not in coach_page.content()
    finally:
        laptop.close()
