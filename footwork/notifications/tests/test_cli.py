"""`footwork jobs daily [--date D]` and `footwork jobs messages`."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.coaching.models import Alert
from footwork.messaging.services import send_message
from footwork.notifications.models import JobClaim
from footwork.notifications.tests.factories import missing_sessions

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()
WIDE = {"COLUMNS": "200"}
MORNING = datetime(2026, 12, 3, 6, 15, tzinfo=UTC)


def run(*args):
    return cli.invoke(app, list(args), env=WIDE)


@time_machine.travel(MORNING, tick=False)
def test_the_daily_command_run_twice_sends_each_mail_once(cast, programs):
    missing_sessions(cast.runner)
    first = run("jobs", "daily")
    assert first.exit_code == 0, first.output
    assert "Daily jobs for Thu 3 Dec" in first.output
    assert "ran now" in first.output
    assert "skipped" not in first.output
    assert [m.to for m in mail.outbox] == [[cast.coach.email]]
    assert Alert.objects.filter(kind="missed_days").count() == 1
    second = run("jobs", "daily")
    assert second.exit_code == 0, second.output
    assert second.output.count("skipped: already done for that day") == 3
    assert len(mail.outbox) == 1
    assert Alert.objects.filter(kind="missed_days").count() == 1
    # Another day by --date runs again: the digest is that day's.
    other = run("jobs", "daily", "--date", "2026-12-02")
    assert other.exit_code == 0, other.output
    assert "Daily jobs for Wed 2 Dec" in other.output
    assert len(mail.outbox) == 2
    assert JobClaim.objects.count() == 6


@time_machine.travel(MORNING, tick=False)
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-02-30", "'2026-02-30' is not a date"),
        ("tomorrow", "is not a date"),
        ("2026-12-05", "job date Sat 5 Dec is after Fri 4 Dec"),
        ("2025-12-03", "job date Wed 3 Dec 2025 is before"),
    ],
)
def test_an_impossible_date_is_refused_with_its_reason(cast, value, reason):
    refused = run("jobs", "daily", "--date", value)
    assert refused.exit_code == 2
    assert reason in refused.output
    assert not JobClaim.objects.exists()


def test_the_messages_job_mails_unread_messages_once(cast):
    with time_machine.travel(MORNING, tick=False):
        send_message(actor=cast.runner, to_id=cast.coach.pk, body="Sore", client_uuid=uuid.uuid4())
    with time_machine.travel(MORNING + timedelta(minutes=11), tick=False):
        first = run("jobs", "messages")
        again = run("jobs", "messages")
    assert first.exit_code == 0, first.output
    assert "Emailed about 1 unread message " in first.output
    assert "Emailed about 0 unread messages" in again.output
    assert [m.to for m in mail.outbox] == [[cast.coach.email]]
