"""A workshop's announcement mailed to its participants: once each, after the commit, to those who want it, with a
link that turns these mails off; never to a coach, an outsider or someone who joined after it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from footwork.accounts.tests.factories import runner as make_runner
from footwork.notifications import services
from footwork.notifications.domain import ANNOUNCEMENT, kinds_for
from footwork.notifications.models import NotificationSettings, SentNotification
from footwork.notifications.selectors import settings_of
from footwork.workshops.services import join_workshop, post_announcement
from footwork.workshops.tests.factories import participants, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def joined(cast, programs):
    made = workshop(cast.coach)
    return made, [place.runner for place in participants(made, 3)]


def _post(coach, made, body="Halfway there: keep the rail close."):
    return post_announcement(actor=coach, slug=made.slug, body=body)


def test_each_participant_gets_the_announcement_once_with_an_unsubscribe_link(
    cast, joined, django_capture_on_commit_callbacks
):
    made, runners = joined
    with django_capture_on_commit_callbacks(execute=True):
        item = _post(cast.coach, made)
    assert sorted(sent.to[0] for sent in mail.outbox) == sorted(runner.email for runner in runners)
    sent = mail.outbox[0]
    assert sent.subject == f"{cast.coach.display_name} in {made.title}"
    assert "Halfway there: keep the rail close." in sent.body
    assert "/today/" in sent.body
    link = sent.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in sent.body
    assert "/notifications/unsubscribe/" in link
    assert "announcement_emails" not in sent.body
    # A retry (or a second machine) sends nothing again.
    assert services.mail_announcement(announcement_id=item.pk) == 0
    assert len(mail.outbox) == 3
    assert SentNotification.objects.filter(kind=ANNOUNCEMENT, key=str(item.pk)).count() == 3


def test_the_setting_off_an_inactive_account_and_a_later_joiner_get_nothing(
    cast, joined, django_capture_on_commit_callbacks
):
    made, (declined, inactive, wanted) = joined
    NotificationSettings.objects.create(user=declined, announcement_emails=False)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        item = _post(cast.coach, made)
    assert [sent.to for sent in mail.outbox] == [[wanted.email]]
    # Someone who joins after it reads it on their day; no mail about it.
    later = make_runner(email="later@example.test")
    join_workshop(actor=later, slug=made.slug)
    assert services.mail_announcement(announcement_id=item.pk) == 0
    assert later.email not in [sent.to[0] for sent in mail.outbox]


def _rolled_back_post(coach, made):
    with transaction.atomic():
        _post(coach, made)
        raise RuntimeError("the post failed")


def test_a_stale_or_rolled_back_announcement_mails_no_one(cast, joined, django_capture_on_commit_callbacks):
    made, _runners = joined
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        _rolled_back_post(cast.coach, made)
    assert mail.outbox == []
    item = _post(cast.coach, made)
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert services.mail_announcement(announcement_id=item.pk) == 0
    assert services.mail_announcement(announcement_id=item.pk + 1000) == 0
    assert mail.outbox == []


def test_the_unsubscribe_link_turns_off_these_mails_only(
    client, cast, joined, django_capture_on_commit_callbacks
):
    made, runners = joined
    with django_capture_on_commit_callbacks(execute=True):
        _post(cast.coach, made)
    first = next(sent for sent in mail.outbox if sent.to == [runners[0].email])
    link = first.extra_headers["List-Unsubscribe"].strip("<>")
    path = link[link.index("/notifications/") :]
    page = client.get(path)
    assert "the announcements of the workshops you joined" in page.content.decode()
    assert client.post(path).status_code == 200
    mine = settings_of(runners[0])
    assert mine.announcement_emails is False
    assert mine.message_emails is True
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _post(cast.coach, made, "Last week!")
    assert sorted(sent.to[0] for sent in mail.outbox) == sorted(runner.email for runner in runners[1:])


def test_runners_see_the_setting_and_coaches_do_not(client, cast):
    assert "announcement_emails" in [kind.field for kind in kinds_for(is_coach=False)]
    assert "announcement_emails" not in [kind.field for kind in kinds_for(is_coach=True)]
    client.force_login(cast.runner)
    page = client.get("/account/notifications/").content.decode()
    assert "Email me the announcements of the workshops I joined" in page
    client.post("/account/notifications/", {"message_emails": "on"})
    assert settings_of(cast.runner).announcement_emails is False
    client.force_login(cast.coach)
    assert "workshops I joined" not in client.get("/account/notifications/").content.decode()
