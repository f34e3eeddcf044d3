"""The email settings page and the mails' unsubscribe link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from footwork.notifications.models import NotificationSettings
from footwork.notifications.selectors import settings_of, unsubscribe_token

pytestmark = pytest.mark.django_db
PAGE = "/account/notifications/"


def test_a_coach_sees_three_settings_a_get_writes_nothing_and_a_post_saves(client, cast):
    client.force_login(cast.coach)
    page = client.get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    for name in ("message_emails", "red_flag_emails", "daily_digest"):
        assert f'name="{name}"' in text
    assert "checked" in text
    assert not NotificationSettings.objects.exists()
    saved = client.post(PAGE, {"message_emails": "on"})
    assert saved.status_code == 302
    found = settings_of(cast.coach)
    assert (found.message_emails, found.red_flag_emails, found.daily_digest) == (True, False, False)
    assert "Your email settings are saved." in client.get(PAGE).content.decode()


def test_a_runner_chooses_message_emails_only(client, cast):
    client.force_login(cast.runner)
    text = client.get(PAGE).content.decode()
    assert 'name="message_emails"' in text
    assert 'name="daily_digest"' not in text
    client.post(PAGE, {})
    found = settings_of(cast.runner)
    assert (found.message_emails, found.daily_digest) == (False, True)


def test_the_pages_link_to_the_settings(client, cast):
    client.force_login(cast.runner)
    assert PAGE in client.get("/account/").content.decode()
    assert PAGE in client.get("/more/").content.decode()


def test_unsubscribe_get_asks_writes_nothing_post_turns_off_without_login_or_csrf(cast):
    client = Client(enforce_csrf_checks=True)
    link = f"/notifications/unsubscribe/{unsubscribe_token(cast.coach, 'red_flag')}/"
    page = client.get(link)
    assert page.status_code == 200
    assert "red flag" in page.content.decode()
    assert not NotificationSettings.objects.exists()
    # RFC 8058's one-click POST, as a mail client sends it.
    done = client.post(link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert done.status_code == 200
    assert "will no longer send" in done.content.decode()
    found = settings_of(cast.coach)
    assert (found.red_flag_emails, found.daily_digest, found.message_emails) == (False, True, True)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_or_expired_unsubscribe_link_is_a_400_page(client, cast, method):
    token = unsubscribe_token(cast.coach, "digest")
    for bad in ("made-up", token[:-3] + "abc"):
        response = getattr(client, method)(f"/notifications/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "not valid or has expired" in response.content.decode()
    with time_machine.travel(datetime.now(UTC) + timedelta(days=366)):
        expired = getattr(client, method)(f"/notifications/unsubscribe/{token}/")
    assert expired.status_code == 400
    assert not NotificationSettings.objects.exists()
