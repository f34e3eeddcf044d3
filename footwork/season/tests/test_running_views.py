"""/today/'s running card: the season's phase, the symptoms' running advice and the running load combined, the
smallest limit winning, with who set it (issue 13 §3); the same card on /season/."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from footwork.activities.tests.factories import run
from footwork.progression.models import Recommendation
from footwork.season.selectors import running_today, today_card

from .factories import race, visible_text, weekly

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 18)  # a Friday, 23 days before Chicago: its peak weeks


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 9, 18, 12, tzinfo=UTC), tick=False):
        yield


def card(page: str) -> str:
    found = re.search(r'data-testid="running-today"[^>]*>(.*?)</section>', page, flags=re.S)
    assert found is not None, "no running card"
    return visible_text(found[1]).strip()


def symptoms(runner, decision: str, *reasons: str) -> Recommendation:
    # The engine's running advice as its refresher leaves it (the pages only read it).
    return Recommendation.objects.create(
        runner=runner, kind="running", decision=decision, reasons=list(reasons)
    )


def spike(runner) -> None:
    """Two weeks of 30 km, then 60 km this week: a weekly-distance warning."""
    monday = TODAY - timedelta(days=TODAY.weekday())
    for week in (2, 1):
        for n in range(3):
            run(runner, monday - timedelta(days=7 * week - n), 10)
    for n in range(4):
        run(runner, monday + timedelta(days=n), 15)


def test_symptoms_reduce_beat_the_peak_phase_and_a_load_warning_is_named(client, cast):
    weekly(cast.runner, 57)
    race(cast.runner)
    symptoms(cast.runner, "reduce", "the morning pain is in the red")
    spike(cast.runner)
    client.force_login(cast.runner)
    text = card(client.get("/today/").content.decode())
    assert text.startswith(
        "Running today: up to 60 % of your usual week (about 34 km) — symptoms say reduce by 40 %; "
        "peak toward Chicago; a load warning: do not increase this week"
    )
    assert "Symptoms say reduce (the morning pain is in the red). sets the limit" in text
    assert "Running load: " in text
    assert "Do not increase this week." in text


def test_pause_wins_over_everything(client, cast):
    race(cast.runner)
    symptoms(cast.runner, "pause", "a red flag is recorded: pause running and see a clinician")
    client.force_login(cast.runner)
    text = card(client.get("/today/").content.decode())
    assert text.startswith("Running today: none: pause running — symptoms say pause")


def test_a_recovery_day_caps_the_running_and_the_season_page_shows_the_same_card(client, cast):
    weekly(cast.runner, 57)
    race(cast.runner, day=TODAY - timedelta(days=5))
    symptoms(cast.runner, "keep", "symptoms are green: keep running as planned")
    client.force_login(cast.runner)
    expected = "Running today: up to 35 % of your usual week (about 20 km) — recovery day 5 after Chicago; symptoms say keep"
    assert card(client.get("/today/").content.decode()).startswith(expected)
    assert card(client.get("/season/").content.decode()).startswith(expected)
    combined = running_today(cast.runner)
    assert combined.limit == 35
    assert combined.km == pytest.approx(19.95)


def test_nothing_to_say_shows_no_card(client, cast):
    client.force_login(cast.runner)
    page = client.get("/today/").content.decode()
    assert 'data-testid="running-today"' not in page
    assert not today_card(cast.runner).show_running
    # With only green symptoms and no race, running is as planned: still no card.
    symptoms(cast.runner, "keep", "symptoms are green: keep running as planned")
    assert 'data-testid="running-today"' not in client.get("/today/").content.decode()
