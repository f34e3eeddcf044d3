"""The alerts inbox and the roster page and API: events, reads and resolutions through one service, filters, words."""

from __future__ import annotations

import json

import pytest
from ninja.responses import NinjaJSONEncoder

from footwork.accounts.tests.factories import runner as make_runner
from footwork.caseload.tests.factories import needing_attention
from footwork.coaching import services
from footwork.coaching.models import Alert
from footwork.coaching.selectors import AlertFilter, alert_events, unread_alert_count
from footwork.core.errors import InvalidInput, NotFound

pytestmark = pytest.mark.django_db

EVENT_KEYS = {"id", "kind", "runner", "created_at", "read", "resolved", "message", "items"}
ROSTER_KEYS = {
    "runner", "name", "last_session", "adherence_7d", "adherence_30d", "light", "load_flag", "next_race", "phase",
    "unread", "needs_attention", "attention_reasons",
}  # fmt: skip


def _stops(cast, count: int = 2) -> list[Alert]:
    return [
        Alert.objects.create(
            coach=cast.coach, runner=cast.runner, kind="stop", message=f"Stop on exercise {n}"
        )
        for n in range(count)
    ]


def test_the_stops_of_one_day_are_one_event_read_and_resolved_together(cast):
    first, second = _stops(cast)
    flare = Alert.objects.create(coach=cast.coach, runner=cast.runner, kind="flare_up", message="Flare-up")
    events = alert_events(cast.coach)
    assert [(event.kind, len(event.items)) for event in events] == [("stop", 2), ("flare_up", 1)]
    assert unread_alert_count(cast.coach) == 2
    services.mark_alert_read(actor=cast.coach, alert_id=second.pk)
    assert Alert.objects.filter(pk__in=[first.pk, second.pk], read_at__isnull=False).count() == 2
    assert unread_alert_count(cast.coach) == 1
    services.resolve_alert(actor=cast.coach, alert_id=first.pk, note="  Called: seeing her physio Friday ")
    assert set(Alert.objects.filter(resolved_at__isnull=False).values_list("resolution_note", flat=True)) == {
        "Called: seeing her physio Friday"
    }
    assert [event.kind for event in alert_events(cast.coach)] == ["flare_up"]
    (resolved,) = alert_events(cast.coach, AlertFilter(state="resolved"))
    assert resolved.resolution_note == "Called: seeing her physio Friday"
    assert flare.pk not in {item.id for item in resolved.items}


def test_a_resolution_needs_a_note_and_another_coach_cannot_touch_an_alert(cast):
    (alert,) = _stops(cast, 1)
    with pytest.raises(InvalidInput):
        services.resolve_alert(actor=cast.coach, alert_id=alert.pk, note="  ")
    for actor in (cast.other_coach, cast.runner):
        with pytest.raises(NotFound):
            services.mark_alert_read(actor=actor, alert_id=alert.pk)
        with pytest.raises(NotFound):
            services.resolve_alert(actor=actor, alert_id=alert.pk, note="x")
    alert.refresh_from_db()
    assert alert.read_at is None
    assert alert.resolved_at is None


def test_alerts_of_a_runner_who_left_are_hidden_everywhere(client, cast, token_for):
    (alert,) = _stops(cast, 1)
    cast.runner.runner_profile.coach = None
    cast.runner.runner_profile.save()
    client.force_login(cast.coach)
    assert alert_events(cast.coach) == []
    assert unread_alert_count(cast.coach) == 0
    assert "Stop on exercise" not in client.get("/coaching/alerts/").content.decode()
    assert "Stop on exercise" not in client.get("/coaching/").content.decode()
    assert client.get("/api/v1/alerts", headers=token_for(cast.coach)).json() == []
    assert client.post(f"/coaching/alerts/{alert.pk}/read/").status_code == 404


def test_the_inbox_filters_by_kind_runner_and_state_and_never_writes_on_get(client, cast):
    _stops(cast)
    other = make_runner(coach=cast.coach, first_name="Priya", email="priya@example.test")
    Alert.objects.create(coach=cast.coach, runner=other, kind="regress", message="Priya steps back on hops")
    client.force_login(cast.coach)
    page = client.get("/coaching/alerts/").content.decode()
    assert page.count('data-testid="alert"') == 2
    assert page.index('data-kind="stop"') < page.index('data-kind="regress"')
    assert "Stops: see a clinician (2)" in page
    assert "Stop on exercise 0" in page
    assert "Stop on exercise 1" in page
    # Words, not codes.
    assert "red_flag" not in page.replace('data-kind="', "").replace('value="red_flag"', "")
    only_priya = client.get(f"/coaching/alerts/?runner={other.pk}").content.decode()
    assert "Priya steps back on hops" in only_priya
    assert "Stop on exercise" not in only_priya
    only_stops = client.get("/coaching/alerts/?kind=stop").content.decode()
    assert "Priya steps back" not in only_stops
    assert not Alert.objects.filter(read_at__isnull=False).exists()
    assert 'data-testid="alert-count">2<' in page


def test_the_inbox_resolves_with_a_note_and_goes_back_to_its_filters(client, cast):
    (alert,) = _stops(cast, 1)
    client.force_login(cast.coach)
    refused = client.post(f"/coaching/alerts/{alert.pk}/resolve/", {"note": "", "back": "kind=stop"})
    assert refused["Location"] == "/coaching/alerts/?kind=stop"
    assert Alert.objects.get(pk=alert.pk).resolved_at is None
    done = client.post(f"/coaching/alerts/{alert.pk}/resolve/", {"note": "Phoned", "back": "kind=stop"})
    assert done.status_code == 302
    assert Alert.objects.get(pk=alert.pk).resolution_note == "Phoned"
    page = client.get("/coaching/alerts/?state=resolved").content.decode()
    assert "Phoned" in page
    assert 'data-testid="alert-count"' not in page


def test_the_alerts_api_gives_events_with_their_items_and_reads_and_resolves_them(client, cast, token_for):
    first, second = _stops(cast)
    headers = token_for(cast.coach)
    (event,) = client.get("/api/v1/alerts", headers=headers).json()
    assert set(event) == EVENT_KEYS
    assert event["id"] == first.pk
    assert event["kind"] == "stop"
    assert event["runner"] == cast.runner.pk
    assert [item["message"] for item in event["items"]] == ["Stop on exercise 0", "Stop on exercise 1"]
    assert (event["read"], event["resolved"]) == (False, False)
    read = client.post(f"/api/v1/alerts/{second.pk}/read", headers=headers).json()
    assert read["id"] == first.pk
    assert read["read"] is True
    body = json.dumps({"note": "Seen by her physio"})
    resolved = client.post(
        f"/api/v1/alerts/{first.pk}/resolve", body, content_type="application/json", headers=headers
    )
    assert resolved.json()["resolved"] is True
    assert resolved.json()["items"][0]["resolution_note"] == "Seen by her physio"
    assert client.get("/api/v1/alerts?state=open", headers=headers).json() == []
    empty = client.post(
        f"/api/v1/alerts/{first.pk}/resolve",
        json.dumps({"note": " "}),
        content_type="application/json",
        headers=headers,
    )
    assert empty.status_code == 422
    assert empty.json()["field"] == "note"


def test_the_roster_api_gives_the_exact_keys_attention_first(client, cast, token_for):
    needing_attention(cast.runner)
    calm = make_runner(coach=cast.coach, first_name="Aaron", email="aaron@example.test")
    rows = client.get("/api/v1/coach/roster", headers=token_for(cast.coach)).json()
    assert [row["runner"] for row in rows] == [cast.runner.pk, calm.pk]
    busy, quiet = rows
    assert set(busy) == ROSTER_KEYS
    assert busy["light"] == "red"
    assert busy["phase"] == "taper"
    assert set(busy["next_race"]) == {"id", "name", "date", "days_to"}
    assert busy["next_race"]["name"] == "Chicago Marathon"
    assert busy["next_race"]["days_to"] == 9
    assert busy["needs_attention"] is True
    assert [reason["code"] for reason in busy["attention_reasons"]] == ["red_flag", "stop"]
    assert quiet["last_session"] is None
    assert quiet["adherence_7d"] is None
    assert quiet["next_race"] is None
    assert quiet["attention_reasons"] == []
    assert quiet["needs_attention"] is False
    # Messaging is installed: no unread message is 0, not null.
    assert quiet["unread"] == 0
    # The old list of profiles still answers.
    assert len(client.get("/api/v1/coach/runners", headers=token_for(cast.coach)).json()) == 2


def test_the_roster_api_answers_exactly_what_its_schema_gives(client, cast, token_for):
    """The roster is answered as built (no per-item output check): it must equal the schema's own output."""
    from footwork.coaching.api import RosterRowOut

    needing_attention(cast.runner)
    make_runner(coach=cast.coach, first_name="Aaron", email="aaron@example.test")
    answered = client.get("/api/v1/coach/roster", headers=token_for(cast.coach))
    assert answered["Content-Type"] == "application/json; charset=utf-8"
    expected = [RosterRowOut.model_validate(row).model_dump() for row in answered.json()]
    assert len(expected) == 2
    # Byte for byte what django-ninja answers through the schema: same keys, order, types and formats.
    assert answered.content == json.dumps(expected, cls=NinjaJSONEncoder).encode()


def test_the_roster_page_filters_searches_and_words_every_figure(client, cast):
    needing_attention(cast.runner)
    # Named first in the alphabet (and unlike any name the factories draw): listed after the runner needing attention.
    make_runner(coach=cast.coach, first_name="Aaa-Calm", email="calm@example.test")
    client.force_login(cast.coach)
    page = client.get("/coaching/").content.decode()
    assert page.index(cast.runner.display_name) < page.index("Aaa-Calm")
    assert "Red flag not cleared yet" in page
    assert "Chicago in 9 days" in page
    assert "Taper" in page
    assert "taper</dd>" not in page
    assert "None logged yet" in page
    assert "nothing scheduled" in page
    # A phone's roster is cards of stacked facts, no wide table.
    assert 'class="cards"' in page
    assert "<table" not in page
    assert 'name="viewport"' in page
    assert page.count('data-testid="roster-row"') == 2
    attention = client.get("/coaching/?attention=on").content.decode()
    assert attention.count('data-testid="roster-row"') == 1
    searched = client.get("/coaching/?q=aaa-c").content.decode()
    assert searched.count('data-testid="roster-row"') == 1
    assert "Aaa-Calm" in searched
    red = client.get("/coaching/?light=red&phase=taper").content.decode()
    assert red.count('data-testid="roster-row"') == 1
    assert 'data-testid="roster-empty"' in client.get("/coaching/?light=green").content.decode()
    # An unknown filter value shows everyone rather than an error.
    assert client.get("/coaching/?light=purple").content.decode().count('data-testid="roster-row"') == 2


def test_the_inbox_goes_back_page_by_page_in_the_order_of_its_events(client, cast):
    from footwork.coaching.views import INBOX_EVENTS

    for n in range(INBOX_EVENTS + 3):
        Alert.objects.create(coach=cast.coach, runner=cast.runner, kind="regress", message=f"Step back {n}",
                             event=f"regress:{n}")  # fmt: skip
    Alert.objects.create(
        coach=cast.coach, runner=cast.runner, kind="red_flag", message="Red flag", event="rf:1"
    )
    client.force_login(cast.coach)
    first = client.get("/coaching/alerts/?kind=&runner=").content.decode()
    assert first.count('data-testid="alert"') == INBOX_EVENTS
    # Safety first, then the newest: the red flag heads the first page, the oldest step back is on the second.
    assert first.index("Red flag") < first.index(f"Step back {INBOX_EVENTS + 2}")
    assert "Older (4 more)" in first
    assert "Newer" not in first
    second = client.get("/coaching/alerts/?kind=&runner=&page=2").content.decode()
    assert second.count('data-testid="alert"') == 4
    assert "Step back 0<" in second
    assert "Step back 0<" not in first
    assert 'href="?kind=&amp;runner=&amp;page=1"' in second
    assert unread_alert_count(cast.coach) == INBOX_EVENTS + 4
    # A page past the end, or not a number, is the first page's or an empty one, never an error.
    assert client.get("/coaching/alerts/?page=99").status_code == 200
    assert (
        client.get("/coaching/alerts/?page=x").content.decode().count('data-testid="alert"') == INBOX_EVENTS
    )


def test_the_roster_shows_a_page_of_runners_at_a_time_with_its_filters_kept(client, cast):
    from footwork.coaching.views import ROSTER_ROWS

    for n in range(ROSTER_ROWS + 1):
        make_runner(coach=cast.coach, first_name=f"Paged{n:03d}", email=f"paged{n}@example.test")
    client.force_login(cast.coach)
    first = client.get("/coaching/?q=paged").content.decode()
    assert first.count('data-testid="roster-row"') == ROSTER_ROWS
    assert "Next runners (1 more)" in first
    assert "Previous runners" not in first
    second = client.get("/coaching/?q=paged&page=2").content.decode()
    assert second.count('data-testid="roster-row"') == 1
    assert "Previous runners" in second
    assert 'href="?q=paged&amp;page=1"' in second
    # The summary counts everyone, whatever page is shown.
    assert f"{ROSTER_ROWS + 2} runners" in second


def test_raising_an_alert_stores_it_with_its_event_and_announces_it(cast, monkeypatch):
    from footwork.core import events as core_events

    heard: list[Alert] = []
    monkeypatch.setattr(core_events, "_alert_handlers", [heard.append])
    alert = services.raise_alert(
        coach=cast.coach,
        runner_id=cast.runner.pk,
        kind="missed_days",
        message="m" * 600,
        event="missed:2026-12-01",
    )
    stored = Alert.objects.get()
    assert heard == [alert]
    assert stored.pk == alert.pk
    assert (stored.kind, stored.event, len(stored.message)) == ("missed_days", "missed:2026-12-01", 500)
    assert unread_alert_count(cast.coach) == 1
