"""`footwork messages --user E [--with E2] [--json]`."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.messaging.models import Message
from footwork.messaging.services import send_message

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()
WIDE = {"COLUMNS": "200"}


def run(*args):
    return cli.invoke(app, list(args), env=WIDE)


@time_machine.travel(datetime(2026, 12, 3, 12, tzinfo=UTC), tick=False)
def test_a_coach_lists_threads_and_reads_one_a_runner_reads_theirs(cast):
    sent = send_message(
        actor=cast.runner, to_id=cast.coach.pk, body="Calf [b]tight[/b]", client_uuid=uuid.uuid4()
    )
    threads = run("messages", "--user", cast.coach.email)
    assert threads.exit_code == 0, threads.output
    assert cast.runner.email in threads.output
    assert "Thu 3 Dec" in threads.output
    assert re.search(rf"{re.escape(cast.runner.email)}\s*│\s*1\s", threads.output)
    as_json = json.loads(run("messages", "--user", cast.coach.email, "--json").output)
    assert as_json == {"total": 1, "by_sender": [{"user": cast.runner.pk, "count": 1}]}

    thread = run("messages", "--user", cast.coach.email, "--with", cast.runner.email)
    assert thread.exit_code == 0, thread.output
    # Rich markup in a message is printed as written.
    assert "Calf [b]tight[/b]" in thread.output
    assert "Thu 3 Dec 12:00" in thread.output
    assert not re.search(r"\d{4}-\d\d-\d\d", thread.output)
    documents = json.loads(run("messages", "--user", cast.runner.email, "--json").output)
    assert documents == [
        {"id": sent.message.pk, "from": cast.runner.pk, "to": cast.coach.pk, "body": "Calf [b]tight[/b]",
         "sent_at": "2026-12-03T12:00:00Z", "read_at": None, "attachment": None}
    ]  # fmt: skip
    # Reading on the command line marks nothing read.
    assert Message.objects.get().read_at is None


def test_outsiders_and_a_runner_without_a_coach_are_refused(cast):
    send_message(actor=cast.runner, to_id=cast.coach.pk, body="Private", client_uuid=uuid.uuid4())
    refused = run("messages", "--user", cast.other_coach.email, "--with", cast.runner.email)
    assert refused.exit_code == 2
    assert "No such conversation" in refused.output
    assert "Private" not in refused.output
    alone = run("messages", "--user", cast.other_runner.email)
    assert alone.exit_code == 2
    assert "no coach" in alone.output
