"""A runner's phone, 375 px wide: the tab bar is there, and no page is wider than the screen."""

from __future__ import annotations

import re

import pytest

from footwork.conftest import log_in
from footwork.demo import RUNNER, load_demo
from footwork.exercises.services import load_library
from footwork.programs.services import load_programs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 375
# What is wider than the screen, to name it when a page overflows.
WIDER = """(limit) => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > limit + 0.5 && el.offsetParent !== null)
  .filter((el) => !el.closest(".table-scroll, .topnav"))
  .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)"""


def test_the_demo_runner_has_a_tab_bar_and_nothing_overflows_375_px(page):
    load_library()
    load_programs()
    load_demo()
    assert page.viewport_size == {"width": PHONE, "height": 812}
    log_in(page, RUNNER.email, RUNNER.password)
    page.wait_for_url(re.compile(r"/today/"))

    tabbar = page.locator("nav.tabbar")
    tabbar.wait_for(state="visible")
    tabs = [name.strip() for name in tabbar.locator("a").all_inner_texts()]
    assert tabs == ["Today", "Progress", "Runs", "More"]
    assert tabbar.get_by_role("link", name="Today").get_attribute("aria-current") == "page"
    # The wide-screen links are not shown twice on a phone.
    assert not page.locator("nav.runner-nav").is_visible()
    box = tabbar.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] == pytest.approx(812, abs=1)

    for path, heading in (("/today/", None), ("/runs/", "Runs"), ("/progress/", None), ("/assess/", "Tests")):
        page.goto(path)
        page.locator("main h1").first.wait_for()
        if heading:
            page.locator("main h1", has_text=heading).wait_for()
        tabbar.wait_for(state="visible")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE, (path, width, page.evaluate(WIDER, PHONE))

    # The upload field of /runs/ fits the screen.
    page.goto("/runs/")
    upload = page.locator("#upload-files")
    upload.wait_for()
    upload_box = upload.bounding_box()
    assert upload_box is not None
    assert upload_box["x"] + upload_box["width"] <= PHONE

    # More opens a plain page with the rest; Tests from there.
    tabbar.get_by_role("link", name="More").click()
    page.wait_for_url(re.compile(r"/more/$"))
    assert tabbar.get_by_role("link", name="More").get_attribute("aria-current") == "page"
    page.get_by_role("link", name=re.compile("^Tests")).click()
    page.wait_for_url(re.compile(r"/assess/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
