"""Mails sent once: red flags at once, unread messages after the delay, the daily jobs' claims and digests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django_tasks.backends.dummy import DummyBackend

from footwork.caseload.models import RunnerStanding
from footwork.coaching.models import Alert
from footwork.core.errors import InvalidInput
from footwork.messaging.services import mark_read, send_message
from footwork.notifications import services, tasks
from footwork.notifications.models import JobClaim, NotificationSettings, SentNotification
from footwork.notifications.selectors import settings_of, unsubscribe_of, unsubscribe_token
from footwork.notifications.tests.factories import missing_sessions
from footwork.progression.services import alert_coach

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 3, 9, tzinfo=UTC)
DAY = date(2026, 12, 3)


def _off(user, field):
    services.update_settings(actor=user, changes={field: False})


def _red_flag(runner):
    # The runner's own coach is the first (here the only) coach alerted.
    return alert_coach(runner, "red_flag", f"{runner.display_name} reported a red flag for the heel.", "/x/")[
        0
    ]


def test_a_red_flag_is_mailed_to_the_coach_once_with_an_unsubscribe_link(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert = _red_flag(cast.runner)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [cast.coach.email]
    assert sent.subject == f"Red flag: {cast.runner.display_name}"
    assert "reported a red flag for the heel" in sent.body
    assert "red_flag" not in sent.body
    link = sent.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in sent.body
    assert "/notifications/unsubscribe/" in link
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A retry (or another machine) sends nothing again.
    assert services.mail_red_flag(alert_id=alert.pk) is False
    assert len(mail.outbox) == 1


def _rolled_back_red_flag(runner):
    with transaction.atomic():
        _red_flag(runner)
        raise RuntimeError("the report failed")


def test_other_alerts_a_setting_off_and_a_rolled_back_red_flag_send_nothing(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alert_coach(cast.runner, "regress", "Stepping back")
        with pytest.raises(RuntimeError):
            _rolled_back_red_flag(cast.runner)
    assert mail.outbox == []
    assert not Alert.objects.filter(kind="red_flag").exists()
    _off(cast.coach, "red_flag_emails")
    with django_capture_on_commit_callbacks(execute=True):
        _red_flag(cast.runner)
    assert mail.outbox == []
    assert not SentNotification.objects.exists()


def _message(sender, to, body="Calf tight"):
    return send_message(actor=sender, to_id=to.pk, body=body, client_uuid=uuid.uuid4()).message


@time_machine.travel(NOW, tick=False)
def test_a_new_message_queues_its_mail_for_ten_minutes_later(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = tasks.message_email.get_backend()
    assert isinstance(backend, DummyBackend)
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message = _message(cast.runner, cast.coach)
    [queued] = backend.results
    assert queued.args == [message.pk]
    assert queued.task.run_after == NOW + timedelta(minutes=10)


def test_on_a_backend_that_cannot_wait_nothing_is_queued_or_sent(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _message(cast.runner, cast.coach)
    assert mail.outbox == []


def test_an_unread_message_is_mailed_after_ten_minutes_once(cast):
    with time_machine.travel(NOW, tick=False):
        message = _message(cast.runner, cast.coach)
    assert services.mail_unread_message(message_id=message.pk, now=NOW + timedelta(minutes=9)) is False
    later = NOW + timedelta(minutes=10)
    assert services.mail_unread_message(message_id=message.pk, now=later) is True
    assert services.mail_unread_message(message_id=message.pk, now=later) is False
    [sent] = mail.outbox
    assert sent.to == [cast.coach.email]
    assert f"{cast.runner.display_name} sent you a message" in sent.body
    assert f"/messages/{cast.runner.pk}/" in sent.body
    # The words stay out of the mail.
    assert "Calf tight" not in sent.body


def test_the_task_sends_once_and_only_while_unread(cast):
    with time_machine.travel(NOW, tick=False):
        first = _message(cast.coach, cast.runner)
    with time_machine.travel(NOW + timedelta(minutes=11), tick=False):
        assert tasks.message_email.call(first.pk) is True
        assert tasks.message_email.call(first.pk) is False
    assert [m.to for m in mail.outbox] == [[cast.runner.email]]


def test_one_mail_until_they_read_and_a_read_message_sends_nothing(cast):
    with time_machine.travel(NOW, tick=False):
        first = _message(cast.runner, cast.coach)
        second = _message(cast.runner, cast.coach)
    later = NOW + timedelta(minutes=10)
    # The first is covered by the second's mail.
    assert services.mail_unread_message(message_id=first.pk, now=later) is False
    assert services.mail_unread_message(message_id=second.pk, now=later) is True
    assert "2 messages" in mail.outbox[0].subject
    with time_machine.travel(later, tick=False):
        third = _message(cast.runner, cast.coach)
    # Still unread since the mail: nothing more.
    assert services.mail_unread_message(message_id=third.pk, now=later + timedelta(minutes=10)) is False
    mark_read(actor=cast.coach, with_id=cast.runner.pk)
    with time_machine.travel(later, tick=False):
        fourth = _message(cast.runner, cast.coach)
    assert services.mail_unread_message(message_id=fourth.pk, now=later + timedelta(minutes=10)) is True
    mark_read(actor=cast.coach, with_id=cast.runner.pk)
    assert services.mail_unread_message(message_id=fourth.pk, now=later + timedelta(hours=1)) is False
    assert len(mail.outbox) == 2


def test_an_unlinked_pair_or_a_setting_off_sends_nothing(cast):
    with time_machine.travel(NOW, tick=False):
        to_coach = _message(cast.runner, cast.coach)
        to_runner = _message(cast.coach, cast.runner)
    _off(cast.runner, "message_emails")
    later = NOW + timedelta(minutes=30)
    assert services.mail_unread_message(message_id=to_runner.pk, now=later) is False
    profile = cast.runner.runner_profile
    profile.coach = None
    profile.save()
    assert services.mail_unread_message(message_id=to_coach.pk, now=later) is False
    assert mail.outbox == []


def test_the_sweep_mails_what_is_due_once_and_not_old_messages(cast):
    with time_machine.travel(NOW - timedelta(hours=49), tick=False):
        old = _message(cast.runner, cast.coach, "Too old to mail")
    with time_machine.travel(NOW, tick=False):
        _message(cast.coach, cast.runner)
    assert services.sweep_messages(now=NOW + timedelta(minutes=5)) == 0
    assert services.sweep_messages(now=NOW + timedelta(minutes=10)) == 1
    assert services.sweep_messages(now=NOW + timedelta(minutes=20)) == 0
    assert [m.to for m in mail.outbox] == [[cast.runner.email]]
    assert not SentNotification.objects.filter(kind="message", key=str(old.pk)).exists()


@time_machine.travel(datetime(2026, 12, 3, 6, 15, tzinfo=UTC), tick=False)
def test_the_daily_jobs_claim_their_day_raise_one_missed_days_alert_and_mail_each_digest_once(cast, programs):
    missing_sessions(cast.runner)
    # The day turned with no write of hers: her kept roster standing is of another day until the job's first turn.
    RunnerStanding.objects.filter(runner=cast.runner).update(as_of=DAY - timedelta(days=1))
    first = services.run_daily(day=DAY)
    assert [(o.job, o.ran, o.alerts, o.mails) for o in first] == [
        ("roster-standings", True, 0, 0),
        ("missed-days-alerts", True, 1, 0),
        ("coach-digest", True, 0, 1),
    ]
    assert RunnerStanding.objects.get(runner=cast.runner).as_of == DAY
    alert = Alert.objects.get(kind="missed_days")
    assert alert.coach == cast.coach
    assert alert.event == f"missed_days:{cast.runner.pk}:2026-12-03"
    assert alert.message.startswith(f"{cast.runner.display_name}: no session on the last")
    [digest] = mail.outbox
    assert digest.to == [cast.coach.email]
    assert digest.subject == "Footwork: your runners on Thu 3 Dec"
    assert "Needs attention (1)" in digest.body
    assert cast.runner.display_name in digest.body
    assert "Missed days" in digest.body
    assert "missed_days" not in digest.body
    assert "2026-12-03" not in digest.body
    # Again: every job is skipped, nothing is sent or raised twice.
    again = services.run_daily(day=DAY)
    assert [(o.ran, o.alerts, o.mails) for o in again] == [(False, 0, 0)] * 3
    assert len(mail.outbox) == 1
    assert JobClaim.objects.count() == 3
    # The next day the open alert is not raised again; the digest goes again (there is still something to say).
    after = services.run_daily(day=DAY + timedelta(days=1))
    assert [(o.alerts, o.mails) for o in after] == [(0, 0), (0, 0), (0, 1)]
    assert Alert.objects.filter(kind="missed_days").count() == 1


@time_machine.travel(datetime(2026, 12, 3, 6, 15, tzinfo=UTC), tick=False)
def test_no_digest_with_nothing_to_say_or_the_setting_off(cast, programs):
    outcomes = services.run_daily(day=DAY)
    assert [o.mails for o in outcomes] == [0, 0, 0]
    missing_sessions(cast.runner)
    _off(cast.coach, "daily_digest")
    outcomes = services.run_daily(day=DAY + timedelta(days=1))
    assert [(o.alerts, o.mails) for o in outcomes] == [(0, 0), (1, 0), (0, 0)]
    assert mail.outbox == []


def test_a_failed_job_leaves_its_day_unclaimed(cast, programs, monkeypatch):
    from footwork.notifications.services import daily

    def broken(_coach, _waiting=None):
        raise RuntimeError("the roster failed")

    missing_sessions(cast.runner)
    monkeypatch.setattr(daily, "roster", broken)
    with pytest.raises(RuntimeError):
        services.run_daily(day=DAY)
    # The job before it (the standings) is done; the one that failed is not claimed.
    assert list(JobClaim.objects.values_list("job", flat=True)) == ["roster-standings"]
    assert not Alert.objects.filter(kind="missed_days").exists()


def test_settings_default_on_read_without_writing_and_change_one_by_one(cast):
    assert settings_of(cast.runner).message_emails is True
    assert not NotificationSettings.objects.exists()
    services.update_settings(actor=cast.runner, changes={"message_emails": False})
    assert settings_of(cast.runner).message_emails is False
    assert settings_of(cast.runner).daily_digest is True
    with pytest.raises(InvalidInput) as refused:
        services.update_settings(actor=cast.runner, changes={"sms": True})
    assert refused.value.field == "sms"


def test_an_unsubscribe_token_turns_off_its_kind_only_and_a_bad_one_is_refused(cast):
    token = unsubscribe_token(cast.coach, "digest")
    assert unsubscribe_of(token).user == cast.coach
    user, kind = services.unsubscribe(token=token)
    assert (user, kind.field) == (cast.coach, "daily_digest")
    found = settings_of(cast.coach)
    assert (found.daily_digest, found.red_flag_emails, found.message_emails) == (False, True, True)
    for bad in ("made-up", token[:-2] + "xx", unsubscribe_token(cast.coach, "digest").replace(":", ";")):
        with pytest.raises(InvalidInput):
            services.unsubscribe(token=bad)
    with time_machine.travel(datetime.now(UTC) + timedelta(days=366)), pytest.raises(InvalidInput):
        unsubscribe_of(token)
