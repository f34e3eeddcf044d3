"""GET and PUT /api/v1/notifications/settings."""

from __future__ import annotations

import pytest

from footwork.notifications.models import NotificationSettings
from footwork.notifications.selectors import settings_of

pytestmark = pytest.mark.django_db
URL = "/api/v1/notifications/settings"
ALL_ON = {"message_emails": True, "red_flag_emails": True, "daily_digest": True, "announcement_emails": True}


def test_the_defaults_are_read_without_writing_and_a_put_saves(client, cast, token_for):
    auth = token_for(cast.coach)
    assert client.get(URL, headers=auth).json() == ALL_ON
    assert not NotificationSettings.objects.exists()
    changed = {**ALL_ON, "daily_digest": False}
    saved = client.put(URL, changed, content_type="application/json", headers=auth)
    assert saved.status_code == 200
    assert saved.json() == changed
    assert settings_of(cast.coach).daily_digest is False
    # Each person changes only their own.
    assert client.get(URL, headers=token_for(cast.other_coach)).json() == ALL_ON


def test_a_put_without_the_workshops_setting_leaves_it_as_it_is(client, cast, token_for):
    auth = token_for(cast.runner)
    client.put(URL, {**ALL_ON, "announcement_emails": False}, content_type="application/json", headers=auth)
    older = {"message_emails": False, "red_flag_emails": True, "daily_digest": True}
    saved = client.put(URL, older, content_type="application/json", headers=auth)
    assert saved.json() == {**older, "announcement_emails": False}
    assert settings_of(cast.runner).announcement_emails is False


@pytest.mark.parametrize(
    "body",
    [{"message_emails": True}, {**ALL_ON, "daily_digest": "sometimes"}, {**ALL_ON, "daily_digest": None}],
)
def test_a_malformed_body_is_refused_with_its_field(client, cast, token_for, body):
    refused = client.put(URL, body, content_type="application/json", headers=token_for(cast.runner))
    assert refused.status_code in {400, 422}
    assert set(refused.json()) <= {"detail", "field"}
    assert refused.json()["field"] in {"red_flag_emails", "daily_digest", "body"}
    assert not NotificationSettings.objects.exists()


def test_anonymous_is_refused(client):
    assert client.get(URL).status_code == 401
