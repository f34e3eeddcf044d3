"""Issue 16 in Debian's Chromium: installable, and the day's loop with no signal (the browser context offline): the
session in the player, the check-in and a red flag saved on the phone, then sent once, in order, with the times they
were made; a check-in refused by the server is shown with its reason until dismissed."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from footwork.accounts.tests.factories import PASSWORD
from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.conftest import log_in, play_session
from footwork.core.clock import today_for
from footwork.exercises.services import load_library
from footwork.programs.services import enroll, load_programs
from footwork.progression.flareup import questions_for, screen
from footwork.progression.models import FlareUp
from footwork.progression.services import toolboxes_for
from footwork.training.models import MorningCheckin, SessionLog
from footwork.training.services import check_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VALUES = {"reps": "2", "hold_seconds": "15", "jumps": "6", "pain_during": "1"}
# The worker has cached the runner's day: today's player and the red-flag screens.
CACHED = """async (arg) => { const today = arg;
  const names = (await caches.keys()).filter((name) => name.startsWith('footwork-pages-'));
  if (!names.length) return false;
  const cache = await caches.open(names[0]);
  for (const path of ['/today/', `/today/session/${today}/`, '/flare-up/', '/flare-up/achilles/']) {
    if (!(await cache.match(path))) return false;
  }
  return true;
}"""
QUEUED = "async (arg) => (await FootworkOffline.entries()).length === arg"


def wait_until(page, check: str, arg=None) -> None:
    """Until an async check answers true. wait_for_function polls a plain value (a Promise would count as true at
    once), so each poll starts the check and reads the answer the one before left behind."""
    poll = check.replace("async (", "(", 1)
    body = poll[poll.index("=>") + 2 :]
    page.wait_for_function(
        "(arg) => { (async () => "
        + body
        + ")().then((answer) => { window.__footworkCheck = answer === true; },"
        " () => {}); return window.__footworkCheck === true; }",
        arg=arg,
    )
    page.evaluate("() => { window.__footworkCheck = false; }")


@pytest.fixture
def maya(db):
    load_library()
    load_programs()
    coach = make_coach(email="alex@example.test")
    runner = make_runner(coach=coach, email="maya@example.test", first_name="Maya")
    enroll(actor=runner, program_slug="stronger-feet-starter", start_date=today_for(runner))
    return runner


def controlled(page) -> None:
    """Until the worker is active and controls the page: a page loaded before the worker's first activation
    may stay uncontrolled (clients.claim is best effort), as a runner's next page would not."""
    wait_until(page, "async (arg) => (await navigator.serviceWorker.ready).active.state === 'activated'")
    if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def go_offline_with_the_day_cached(page, runner):
    log_in(page, runner.email, PASSWORD)
    page.wait_for_url(re.compile(r"/today/"))
    controlled(page)
    wait_until(page, CACHED, today_for(runner).isoformat())
    page.context.set_offline(True)


def test_the_app_can_be_installed(page, maya):
    log_in(page, maya.email, PASSWORD)
    page.wait_for_url(re.compile(r"/today/"))
    assert page.locator("link[rel=manifest]").get_attribute("href") == "/manifest.webmanifest"
    manifest = page.evaluate("fetch('/manifest.webmanifest').then((answer) => answer.json())")
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/today/"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert page.request.get(icon["src"]).headers["content-type"] == "image/png"
    controlled(page)
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then((item) => item.scope)")
    assert scope == page.url.split("/today/")[0] + "/"


def test_a_day_with_no_signal_is_sent_once_in_order_with_its_times(page, maya, settings):
    settings.FOOTWORK_TIMER_CAP_SECONDS = 2
    today = today_for(maya).isoformat()
    go_offline_with_the_day_cached(page, maya)

    page.goto("/today/")
    page.get_by_test_id("offline-note").wait_for()
    assert "Offline — will sync" in page.get_by_test_id("offline-note").inner_text()
    page.get_by_label(re.compile("Pain .*on waking")).fill("3")
    page.get_by_label(re.compile("Stiffness .*on waking")).fill("2")
    page.get_by_role("button", name="Save check-in").click()
    page.get_by_test_id("checkin-saved-offline").wait_for()

    page.goto(f"/today/session/{today}/")
    play_session(page, VALUES)
    page.get_by_test_id("session-saved-offline").wait_for()

    page.goto("/flare-up/achilles/")
    answers = {}
    for flag in questions_for("achilles"):
        answers[flag.code] = flag.code == "sudden_pop"
    for fieldset in page.locator("fieldset.question").all():
        answer = "yes" if "pop" in fieldset.inner_text().lower() else "no"
        fieldset.locator(f"input[value={answer}]").check()
    page.get_by_role("button", name="Continue").click()
    heading = page.get_by_role("heading", name=re.compile("Stop training this area and see a clinician"))
    heading.wait_for()
    # The very words the server gives a referral, with no signal.
    expected = screen("achilles", answers, toolboxes_for(maya)).message
    assert page.get_by_test_id("flare-message").inner_text() == expected
    assert heading.inner_text() == "Stop training this area and see a clinician today"
    wait_until(page, QUEUED, 3)
    queued = {item["kind"]: item for item in page.evaluate("FootworkOffline.entries()")}
    assert set(queued) == {"checkin", "session", "referral"}
    assert not FlareUp.objects.exists()
    assert not MorningCheckin.objects.exists()

    page.context.set_offline(False)
    wait_until(page, QUEUED, 0)
    referral = FlareUp.objects.get(runner=maya)
    checkin = MorningCheckin.objects.get(runner=maya)
    logs = list(SessionLog.objects.filter(runner=maya))
    assert referral.status == "referred"
    assert checkin.pain == 3
    assert len(logs) == 1
    # Red flag first, then as they were made: the check-in, then the session.
    assert referral.created_at < checkin.created_at < logs[0].created_at
    made = {
        kind: datetime.fromisoformat(queued[kind]["body"]["recorded_at"].replace("Z", "+00:00"))
        for kind in queued
    }
    assert referral.recorded_at == made["referral"]
    # Through the API, as the runner reads them: each entry once, with the time it was made on the phone.
    window = f"start={today}&end={today}"
    checkins = page.request.get(f"/api/v1/checkins?{window}").json()
    sessions = page.request.get(f"/api/v1/session-logs?{window}").json()
    assert [item["id"] for item in checkins] == [checkin.pk]
    assert [item["id"] for item in sessions] == [logs[0].pk]
    for item, kind in ((checkins[0], "checkin"), (sessions[0], "session")):
        assert datetime.fromisoformat(item["recorded_at"].replace("Z", "+00:00")) == made[kind]
    # Sent once: showing the page again sends nothing more.
    page.goto("/today/")
    page.get_by_test_id("referral").wait_for()
    assert FlareUp.objects.count() == MorningCheckin.objects.count() == SessionLog.objects.count() == 1


def test_a_check_in_refused_by_the_server_is_shown_with_its_reason(page, maya):
    refuse_an_offline_check_in(page, maya)
    refused = page.get_by_test_id("outbox-refused")
    refused.wait_for()
    assert "Morning check-in" in refused.inner_text()
    assert "the newer one is kept" in refused.inner_text()
    assert MorningCheckin.objects.get(runner=maya).pain == 5
    # Kept until dismissed, also on the next page.
    page.goto("/today/")
    refused.wait_for()
    refused.get_by_role("button", name="Dismiss").click()
    refused.wait_for(state="detached")
    wait_until(page, QUEUED, 0)


def refuse_an_offline_check_in(page, runner):
    """A check-in made offline, then refused by the server: a newer one came from another device meanwhile."""
    go_offline_with_the_day_cached(page, runner)
    page.goto("/today/")
    page.get_by_label(re.compile("Pain .*on waking")).fill("1")
    page.get_by_label(re.compile("Stiffness .*on waking")).fill("1")
    page.get_by_role("button", name="Save check-in").click()
    wait_until(page, QUEUED, 1)
    later = datetime.now(UTC) + timedelta(seconds=1)
    check_in(
        actor=runner,
        client_uuid="6d1b6f52-1111-4aaa-8bbb-000000000002",
        pain=5,
        stiffness=4,
        recorded_at=later,
    )
    page.context.set_offline(False)
    page.get_by_test_id("outbox-refused").wait_for()


PERSONAL_CACHES = """async (arg) => (await caches.keys()).filter((name) => !name.startsWith('footwork-static-'))
  .length === arg"""


def test_logging_out_warns_of_unsent_entries_then_clears_the_phone(page, maya):
    refuse_an_offline_check_in(page, maya)
    page.goto("/more/")
    page.get_by_role("button", name="Log out").last.click()
    warning = page.get_by_test_id("logout-warning")
    warning.wait_for()
    assert "1 entry has not reached Footwork yet" in warning.inner_text()
    warning.get_by_role("button", name="Log out and delete them").click()
    page.wait_for_url(re.compile(r"/accounts/(login|logout)/"))
    wait_until(page, PERSONAL_CACHES, 0)
    entries = page.evaluate("() => new Promise((done) => { const open = indexedDB.open('footwork', 1);"
                            " open.onsuccess = () => { const get = open.result.transaction('outbox')"
                            ".objectStore('outbox').getAll(); get.onsuccess = () => done(get.result); }; })")  # fmt: skip
    assert entries == []


def test_a_new_version_is_offered_and_keeps_what_the_phone_holds(page, maya, monkeypatch):
    from footwork.core import installable

    refuse_an_offline_check_in(page, maya)
    old = page.evaluate("() => caches.keys()")
    monkeypatch.setattr(installable, "version", lambda: "newdeploy001")
    page.evaluate("() => navigator.serviceWorker.getRegistration().then((item) => item.update())")
    prompt = page.get_by_test_id("new-version")
    prompt.wait_for()
    assert "A new version of Footwork is ready" in prompt.inner_text()
    with page.expect_navigation():
        prompt.get_by_role("button", name="Reload").click()
    wait_until(
        page, "async (arg) => (await caches.keys()).every((name) => name.endsWith(arg))", "newdeploy001"
    )
    assert all(name not in page.evaluate("() => caches.keys()") for name in old)
    # The refusal waiting on the phone came through the update.
    page.get_by_test_id("outbox-refused").wait_for()
