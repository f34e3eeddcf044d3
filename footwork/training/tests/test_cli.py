from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.programs.models import Plan
from footwork.training.models import MorningCheckin, SessionLog

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)


def run(*args):
    return cli.invoke(app, list(args))


@time_machine.travel(NOON)
def test_the_whole_flow_from_the_command_line(cast, programs, tmp_path):
    email = cast.runner.email
    listed = run("programs", "list", "--json")
    assert [item["slug"] for item in json.loads(listed.output)] == ["test-daily"]
    shown = json.loads(run("programs", "show", "test-daily", "--json").output)
    assert shown["phases"][0]["days"] == {"weekdays": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
    enrolled = run("enroll", "test-daily", "--start", "2026-11-25", "--user", email)
    assert enrolled.exit_code == 0, enrolled.output
    plan = Plan.objects.get(runner=cast.runner)

    today = json.loads(run("today", "--user", email, "--json").output)
    assert today["session"]["done"] is False
    assert today["checked_in"] is False
    due = today["session"]["items"][0]
    prescription = shown["phases"][0]["sessions"][0]["prescriptions"][1]
    session = {
        "client_uuid": str(uuid.uuid4()),
        "dated_session": {"plan": plan.pk, "session": due["session"], "scheduled_date": "2026-11-25"},
        "sets": [{"exercise": prescription["exercise"], "set_number": 1, "side": "both", "reps": 15}],
        "rpe": 3,
        "pain_after": 0,
    }
    path = tmp_path / "session.json"
    path.write_text(json.dumps(session))
    logged = run("log", "--file", str(path), "--user", email)
    assert logged.exit_code == 0, logged.output
    assert "already logged" in run("log", "--file", str(path), "--user", email).output
    assert SessionLog.objects.count() == 1

    assert run("checkin", "--pain", "2", "--stiffness", "1", "--user", email).exit_code == 0
    refused = run("checkin", "--pain", "12", "--stiffness", "1", "--user", email)
    assert refused.exit_code == 1
    assert "pain must be from 0 to 10" in refused.output
    assert MorningCheckin.objects.get().pain == 2

    adherence = json.loads(run("adherence", "--weeks", "1", "--user", email, "--json").output)
    assert adherence["streak"]["current"] == 1
    # Scheduled so far: today, logged; the days to come are not counted yet.
    assert adherence["weeks"][0]["scheduled"] == 1

    pdf = tmp_path / "plan.pdf"
    made = run("plan", "pdf", "--user", email, "-o", str(pdf))
    assert made.exit_code == 0, made.output
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bad_files_and_unknown_users_are_refused(cast, programs, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert run("log", "--file", str(bad), "--user", cast.runner.email).exit_code == 1
    assert run("today", "--user", "nobody@example.test").exit_code == 2
    assert run("enroll", "moon-program", "--start", "2026-11-25", "--user", cast.runner.email).exit_code == 1
    assert run("enroll", "test-daily", "--start", "2026-02-30", "--user", cast.runner.email).exit_code == 2
    assert not SessionLog.objects.exists()


@time_machine.travel(NOON)
def test_rebuild_summaries_makes_lost_or_wrong_rows_anew(cast):
    from footwork.training.models import DaySummary
    from footwork.training.services import check_in

    for runner, pain in ((cast.runner, 3), (cast.other_runner, 5)):
        check_in(actor=runner, client_uuid=uuid.uuid4(), pain=pain, stiffness=1)
    DaySummary.objects.filter(runner=cast.runner).update(morning_pain=9)
    DaySummary.objects.filter(runner=cast.other_runner).delete()

    one = run("rebuild-summaries", "--user", cast.runner.email)
    assert one.exit_code == 0, one.output
    assert "1 runner: 1 day kept" in one.output
    assert DaySummary.objects.get(runner=cast.runner).morning_pain == 3
    assert not DaySummary.objects.filter(runner=cast.other_runner).exists()

    everyone = run("rebuild-summaries")
    assert everyone.exit_code == 0, everyone.output
    assert "every runner: 2 days kept" in everyone.output
    assert DaySummary.objects.get(runner=cast.other_runner).morning_pain == 5
