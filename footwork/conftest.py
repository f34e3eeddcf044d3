from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from footwork.accounts.models import User
from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.exercises.services import load_library
from footwork.exercises.tests.factories import small_library, write_library


@dataclass
class Cast:
    """The people every authorisation test needs: a runner, their coach, and outsiders who must see nothing."""

    coach: User
    runner: User
    other_runner: User
    other_coach: User


@pytest.fixture
def cast(db) -> Cast:
    coach = make_coach(email="coach@example.test")
    return Cast(
        coach=coach,
        runner=make_runner(coach=coach, email="runner@example.test"),
        other_runner=make_runner(email="other-runner@example.test"),
        other_coach=make_coach(email="other-coach@example.test"),
    )


@pytest.fixture
def library(db, tmp_path):
    """The small test library, loaded."""
    return load_library(write_library(tmp_path / "library.yaml", small_library()))


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Real hashing costs ~0.3 s a user; tests create many.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    # Tasks run inline in tests: the immediate backend, whatever the environment chose.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded photos and videos go to the test's own folder, never the data directory's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def token_for(db):
    """A personal API token for an account, as a header dict."""
    from footwork.accounts.services import create_api_token

    def make(user: User) -> dict[str, str]:
        _token, raw = create_api_token(actor=user, name="tests")
        return {"Authorization": f"Bearer {raw}"}

    return make


CHROMIUM = Path("/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parent.parent / "test-results"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keeps each phase's report on the test item, so the browser fixture knows whether the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, live_server, monkeypatch):
    """A headless Debian Chromium page; a screenshot lands in test-results/ when the test fails."""
    if not CHROMIUM.exists():
        pytest.skip("browser test skipped: /usr/bin/chromium is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made here are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )  # fmt: skip
        context = browser.new_context(viewport={"width": 375, "height": 812}, base_url=live_server.url)
        browser_page = context.new_page()
        try:
            yield browser_page
        finally:
            report = getattr(request.node, "report_call", None)
            if report is not None and report.failed:
                RESULTS.mkdir(exist_ok=True)
                browser_page.screenshot(path=str(RESULTS / f"{request.node.name}.png"), full_page=True)
            context.close()
            browser.close()


@pytest.fixture
def programs(library, tmp_path):
    """The small library plus one two-week daily test program, loaded."""
    from footwork.programs.services import load_programs
    from footwork.programs.tests.factories import program_record, write_programs

    return load_programs(write_programs(tmp_path / "programs.yaml", [program_record()]))


def log_in(page, email: str, password: str) -> None:
    """Through the login form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def play_session(page, values: dict[str, str], effort: str = "4", pain_after: str = "1") -> None:
    """Through the session player to its last step, every set's boxes filled with `values` (by data-field), then
    the session's effort and pain after given and Finish pressed."""
    import re

    finish = page.get_by_role("button", name="Finish session")
    while not finish.is_visible():
        step = page.locator("section.step:not([hidden])")
        step.locator("input").first.wait_for()
        for field, value in values.items():
            for box in step.locator(f"input[data-field='{field}']").all():
                box.fill(value)
        page.locator(".player-next").click()
    page.get_by_label(re.compile("Session effort")).fill(effort)
    page.get_by_label(re.compile("Pain after")).fill(pain_after)
    finish.click()
