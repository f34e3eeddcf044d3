from __future__ import annotations

import re

import pytest

from footwork.conftest import log_in
from footwork.demo import RUNNER, load_demo
from footwork.exercises.services import load_library

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_runner_filters_by_soleus_and_reads_a_dosage(page):
    load_library()
    load_demo()
    log_in(page, RUNNER.email, RUNNER.password)
    page.wait_for_url(re.compile(r"/today/"))
    # On a phone the library lives behind the tab bar's More.
    page.get_by_role("link", name="More").click()
    page.get_by_role("link", name="Library").click()
    page.wait_for_url(re.compile(r"/exercises/"))

    page.get_by_label("Target").select_option("soleus")
    page.wait_for_url(re.compile(r"target=soleus"))
    results = page.locator("#results")
    results.get_by_role("link", name="Seated soleus raise").wait_for()
    # The htmx swap replaced the list: a non-soleus exercise is gone.
    assert results.get_by_role("link", name="Glute bridge", exact=True).count() == 0

    results.get_by_role("link", name="Seated soleus raise").click()
    page.wait_for_url(re.compile(r"/exercises/seated-soleus-raise/"))
    dosage = page.get_by_test_id("dosage")
    assert re.fullmatch(r"\d+ sets? × \d+(–\d+)? reps( each side)?", dosage.inner_text().strip())
    assert page.get_by_role("heading", name="Dosage").is_visible()
    # Mobile-first: nothing wider than the 375 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
