"""/season/, a race's pages, the races on the coach's view and the next race on /today/: plain words, 375 px."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from footwork.season.models import Race
from footwork.season.services import record_result

from .factories import ISO, race, visible_text

pytestmark = pytest.mark.django_db
TODAY = datetime(2026, 9, 18, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_season_page_lists_races_and_phases_in_plain_words(client, cast):
    race(cast.runner, goal_seconds=3 * 3600 + 29 * 60)
    client.force_login(cast.runner)
    page = client.get("/season/").content.decode()
    text = visible_text(page)
    assert "Chicago Marathon — Sun 11 Oct, in 23 days" in text
    assert "Taper: Sun 27 Sep – Sat 10 Oct" in text
    assert "goal 3:29:00" in text
    assert "Marathon (42.2 km) · A: goal race" in text
    # No enum values or ISO dates a person reads.
    assert not ISO.search(text)
    for value in ("last_heavy", "half_load", "same_day", "taper<", ">A<"):
        assert value not in page
    assert '<meta name="viewport" content="width=device-width' in page


def test_adding_a_race_and_a_refusal_keeps_the_answers(client, cast):
    client.force_login(cast.runner)
    answers = {"name": "Chicago Marathon", "date": "2026-10-11", "distance": "marathon", "priority": "A",
               "goal": "3:29:00", "notes": "even splits"}  # fmt: skip
    assert client.post("/season/", answers).status_code == 302
    assert Race.objects.get().goal_seconds == 12540
    again = client.post("/season/", answers)
    assert again.status_code == 400
    page = again.content.decode()
    assert 'id="id_name_error"' in page
    assert "already on the calendar" in page
    assert 'value="Chicago Marathon"' in page
    assert "even splits" in page
    custom = client.post("/season/", {**answers, "name": "Ultra", "distance": "custom", "custom_km": "nan"})
    assert custom.status_code == 400
    assert 'id="id_custom_km_error"' in custom.content.decode()
    bad_time = client.post("/season/", {**answers, "name": "Other", "goal": "3:75:00"})
    assert 'id="id_goal_error"' in bad_time.content.decode()
    assert Race.objects.count() == 1


def test_edit_and_delete(client, cast):
    chicago = race(cast.runner)
    client.force_login(cast.coach)
    page = client.get(f"/season/races/{chicago.pk}/")
    assert page.status_code == 200
    answers = {"name": "Chicago Marathon", "date": "2026-10-11", "distance": "custom", "custom_km": "42.2",
               "priority": "B", "goal": "", "notes": ""}  # fmt: skip
    saved = client.post(f"/season/races/{chicago.pk}/", answers)
    assert saved.status_code == 302
    assert saved["Location"] == f"/season/?runner={cast.runner.pk}"
    assert Race.objects.get().priority == "B"
    assert client.post(f"/season/races/{chicago.pk}/delete/").status_code == 302
    assert not Race.objects.exists()


def test_a_hiccup_on_race_day_leads_to_the_flare_up_toolbox(client, cast):
    past = race(cast.runner, name="Berlin Half", day=date(2026, 9, 13), km=21.0975, priority="B")
    client.force_login(cast.runner)
    saved = client.post(f"/season/races/{past.pk}/result/", {"finish": "1:38:20", "pain_during": "4",
                                                             "pain_after": "7", "how_it_went": "Calf tight"})  # fmt: skip
    assert saved.status_code == 302
    page = client.get(f"/season/races/{past.pk}/result/").content.decode()
    assert 'href="/flare-up/"' in page
    assert "Open the flare-up toolbox" in page
    assert "Pain 7 after it at Berlin Half (Sun 13 Sep)" in page
    assert "Finished in 1:38:20" in page


def test_no_result_before_race_day(client, cast):
    chicago = race(cast.runner)
    client.force_login(cast.runner)
    page = client.get(f"/season/races/{chicago.pk}/result/").content.decode()
    assert "from race day on" in page
    refused = client.post(f"/season/races/{chicago.pk}/result/", {"pain_during": "1", "pain_after": "1"})
    assert refused.status_code == 400
    assert Race.objects.get().recorded_at is None


def test_calm_result_shows_no_toolbox(client, cast):
    past = race(cast.runner, name="Park 5K", day=date(2026, 9, 12), km=5, priority="C")
    record_result(actor=cast.runner, race_id=past.pk, finish_seconds=1300, pain_during=1, pain_after=2)
    client.force_login(cast.runner)
    assert "Open the flare-up toolbox" not in client.get(f"/season/races/{past.pk}/result/").content.decode()


def test_today_shows_the_next_race_and_more_links_the_season(client, cast):
    race(cast.runner)
    client.force_login(cast.runner)
    today = client.get("/today/").content.decode()
    assert re.search(r'data-testid="next-race"><a href="/season/">Chicago in 23 days</a>', today)
    assert 'href="/season/"' in client.get("/more/").content.decode()


def test_the_coach_sees_the_runners_races_on_their_page(client, cast):
    race(cast.runner)
    client.force_login(cast.coach)
    page = client.get(f"/coaching/runners/{cast.runner.pk}/").content.decode()
    assert "Chicago Marathon" in page
    assert "Sun 11 Oct, in 23 days" in page
    assert f'href="/season/?runner={cast.runner.pk}"' in page
    assert client.get(f"/season/?runner={cast.runner.pk}").status_code == 200
    client.force_login(cast.other_coach)
    assert client.get(f"/season/?runner={cast.runner.pk}").status_code == 404


def test_a_runner_in_miles_reads_and_types_race_distances_in_miles(client, cast):
    from footwork.accounts.services import update_runner_profile

    update_runner_profile(actor=cast.runner, changes={"units": "mi"})
    race(cast.runner)
    client.force_login(cast.runner)
    page = client.get("/season/").content.decode()
    assert "Marathon (26.2 mi)" in visible_text(page)
    assert "Distance in mi (another distance)" in page
    answers = {
        "name": "Trail 50",
        "date": "2026-11-01",
        "distance": "custom",
        "custom_km": "31.1",
        "priority": "B",
    }
    assert client.post("/season/", answers).status_code == 302
    assert Race.objects.get(name="Trail 50").distance_km == pytest.approx(31.1 * 1.609344)
    too_far = client.post("/season/", {**answers, "name": "Too far", "custom_km": "700"})
    assert too_far.status_code == 400
    assert "mi" in re.search(r'id="id_custom_km_error"[^>]*>([^<]*)<', too_far.content.decode()).group(1)
    assert not Race.objects.filter(name="Too far").exists()
