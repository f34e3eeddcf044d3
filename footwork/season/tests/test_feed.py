"""The private calendar feed: parsed back with icalendar, its secret made, rotated and revoked, a coach's runners."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from icalendar import Calendar
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.coaching.services import end_coaching
from footwork.programs.services import enroll
from footwork.season.models import CalendarFeed
from footwork.season.services import make_feed, revoke_feed, rotate_feed, set_reminder

from .factories import race

pytestmark = pytest.mark.django_db
_register()
TODAY = datetime(2026, 9, 18, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def season(cast, programs):
    enroll(actor=cast.runner, program_slug="test-daily", start_date=date(2026, 9, 14))
    race(cast.runner)
    race(cast.other_runner, name="Berlin Marathon", day=date(2026, 9, 27))


def read(client, secret: str) -> Calendar:
    response = client.get(f"/calendar/{secret}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def named(calendar: Calendar, words: str) -> list:
    return [event for event in events(calendar) if words in str(event["SUMMARY"])]


def test_the_feed_holds_sessions_races_and_phases(client, cast, season):
    _feed, secret = make_feed(actor=cast.runner)
    calendar = read(client, secret)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    chicago = [
        event for event in named(calendar, "Chicago Marathon") if str(event["UID"]).startswith("race-")
    ]
    assert len(chicago) == 1
    assert str(chicago[0]["DESCRIPTION"]) == "Marathon (42.2 km), A: goal race."
    assert chicago[0].decoded("DTSTART") == date(2026, 10, 11)
    assert chicago[0].decoded("DTEND") == date(2026, 10, 12)
    taper = named(calendar, "Taper for Chicago Marathon")[0]
    assert (taper.decoded("DTSTART"), taper.decoded("DTEND")) == (date(2026, 9, 27), date(2026, 10, 11))
    sessions = [event for event in events(calendar) if str(event["UID"]).startswith("session-")]
    days = sorted(event.decoded("DTSTART") for event in sessions)
    assert days[0] >= date(2026, 9, 14)
    assert days[-1] <= date(2026, 11, 13)
    first = sessions[0]
    # All-day with no reminder, no alarm; the dosage and the player's link.
    assert isinstance(first.decoded("DTSTART"), date)
    assert not isinstance(first.decoded("DTSTART"), datetime)
    assert not first.walk("VALARM")
    assert " sets × " in str(first["DESCRIPTION"])
    assert str(first["URL"]) == f"http://testserver/today/session/{first.decoded('DTSTART').isoformat()}/"
    # Nothing of another runner's.
    assert not named(calendar, "Berlin")


def test_a_reminder_puts_sessions_at_its_time_with_an_alarm(client, cast, season):
    cast.runner.runner_profile.time_zone = "Europe/Berlin"
    cast.runner.runner_profile.save()
    _feed, secret = make_feed(actor=cast.runner)
    set_reminder(actor=cast.runner, reminder=time(7, 30))
    calendar = read(client, secret)
    session = next(event for event in events(calendar) if str(event["UID"]).startswith("session-"))
    start = session.decoded("DTSTART")
    assert (start.hour, start.minute, str(start.tzinfo)) == (7, 30, "Europe/Berlin")
    alarm = session.walk("VALARM")[0]
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)
    assert calendar.walk("VTIMEZONE")


def test_uids_are_stable_across_reads(client, cast, season):
    _feed, secret = make_feed(actor=cast.runner)
    first = [str(event["UID"]) for event in events(read(client, secret))]
    second = [str(event["UID"]) for event in events(read(client, secret))]
    assert first == second
    assert len(set(first)) == len(first)


def test_reading_the_feed_writes_nothing(client, cast, season):
    _feed, secret = make_feed(actor=cast.runner)
    stored = CalendarFeed.objects.values().get(owner=cast.runner)
    read(client, secret)
    assert CalendarFeed.objects.values().get(owner=cast.runner) == stored
    assert client.post(f"/calendar/{secret}.ics").status_code == 405


def test_rotation_and_revocation_close_the_old_address(client, cast, season):
    _feed, old = make_feed(actor=cast.runner)
    _feed, new = rotate_feed(actor=cast.runner)
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    read(client, new)
    revoke_feed(actor=cast.runner)
    assert client.get(f"/calendar/{new}.ics").status_code == 404
    assert client.get("/calendar/made-up.ics").status_code == 404
    # The secret itself is never stored.
    assert new not in str(CalendarFeed.objects.values().get(owner=cast.runner))


def test_another_runners_secret_shows_only_their_own(client, cast, season):
    _feed, secret = make_feed(actor=cast.other_runner)
    calendar = read(client, secret)
    assert named(calendar, "Berlin Marathon")
    assert not named(calendar, "Chicago")
    assert not [event for event in events(calendar) if str(event["UID"]).startswith("session-")]


def test_a_coachs_feed_shows_their_runners_until_the_link_ends(client, cast, season):
    _feed, secret = make_feed(actor=cast.coach)
    calendar = read(client, secret)
    name = cast.runner.display_name
    assert named(calendar, f"{name}: Chicago Marathon")
    assert not named(calendar, "Berlin")
    session = next(event for event in events(calendar) if str(event["UID"]).startswith("session-"))
    assert str(session["SUMMARY"]).startswith(f"{name}: ")
    assert str(session["URL"]).endswith(f"/coaching/runners/{cast.runner.pk}/")
    _other, other_secret = make_feed(actor=cast.other_coach)
    assert not events(read(client, other_secret))
    end_coaching(actor=cast.coach, runner_id=cast.runner.pk)
    assert not events(read(client, secret))


def test_the_account_page_makes_rotates_and_revokes(client, cast, season):
    client.force_login(cast.runner)
    assert "Make my feed" in client.get("/account/").content.decode()
    assert client.post("/season/feed/").status_code == 302
    page = client.get("/account/").content.decode()
    assert "it will not be shown again" in page
    assert "/calendar/" in page
    address = page.split('id="new-feed-url">')[1].split("<")[0]
    assert address.startswith("http://testserver/calendar/")
    # Shown once.
    assert 'id="new-feed-url"' not in client.get("/account/").content.decode()
    assert client.get(address).status_code == 200
    client.post("/season/feed/reminder/", {"reminder": "06:45"})
    assert CalendarFeed.objects.get(owner=cast.runner).reminder == time(6, 45)
    assert "Sessions show at 6:45 with an alarm" in client.get("/account/").content.decode()
    client.post("/season/feed/rotate/")
    assert client.get(address).status_code == 404
    client.post("/season/feed/revoke/")
    assert not CalendarFeed.objects.get(owner=cast.runner).is_active
    client.post("/season/feed/reminder/", {"reminder": ""})
    assert CalendarFeed.objects.get(owner=cast.runner).reminder is None


def test_the_cli_writes_a_parseable_file(cast, season, tmp_path):
    target = tmp_path / "feed.ics"
    result = CliRunner().invoke(app, ["calendar", "ics", "--user", cast.runner.email, "-o", str(target)])
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(target.read_bytes())
    assert named(calendar, "Chicago Marathon")
    assert any(str(event["UID"]).startswith("session-") for event in events(calendar))
