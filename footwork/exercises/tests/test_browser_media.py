"""A coach adds a demonstration photo on an exercise's page; their runner sees it in the session player on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from footwork.accounts.tests.factories import PASSWORD
from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.conftest import log_in
from footwork.core.clock import today_for
from footwork.core.tests.media_samples import photo
from footwork.programs.services import enroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375


def test_a_coachs_photo_reaches_the_runners_player(page, live_server, programs):
    alex = make_coach(email="alex@example.test", first_name="Alex")
    maya = make_runner(coach=alex, email="maya@example.test", first_name="Maya")
    plan = enroll(actor=maya, program_slug="test-daily", start_date=today_for(maya))
    session = plan.program.phases.get().sessions.get()
    exercise = session.prescriptions.order_by("position").first().exercise
    desk = page.context.browser.new_context(viewport={"width": 1100, "height": 800}, base_url=live_server.url)
    coach_page = desk.new_page()
    try:
        log_in(coach_page, "alex@example.test", PASSWORD)
        coach_page.goto(f"/exercises/{exercise.slug}/")
        form = coach_page.get_by_test_id("media-form")
        form.get_by_label("Photo or video").set_input_files(
            {"name": "IMG_0042.jpg", "mimeType": "image/jpeg", "buffer": photo("JPEG", (1200, 800), gps=True)}
        )
        form.get_by_label("Caption (optional)").fill("Knee over the second toe")
        form.get_by_role("button", name="Add").click()
        coach_page.wait_for_url(re.compile(rf"/exercises/{exercise.slug}/$"))
        expect(coach_page.get_by_test_id("exercise-media").get_by_role("img")).to_have_attribute(
            "alt", "Knee over the second toe"
        )

        log_in(page, "maya@example.test", PASSWORD)
        page.goto(f"/today/session/{plan.pk}/{session.pk}/{today_for(maya).isoformat()}/")
        shown = page.locator(".step").first.get_by_role("img", name="Knee over the second toe")
        expect(shown).to_be_visible()
        # The photo loaded (its bytes came through the media view) and fits the phone.
        page.wait_for_function("img => img.complete && img.naturalWidth === 1200", arg=shown.element_handle())
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        box = shown.bounding_box()
        assert box is not None
        assert box["width"] <= PHONE
    finally:
        desk.close()
