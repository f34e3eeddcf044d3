"""`footwork roster` and `footwork alerts`: what the roster page and the inbox show, and the inbox's two writes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from footwork.accounts.tests.factories import runner as make_runner
from footwork.caseload.tests.factories import needing_attention
from footwork.cli import _register, app
from footwork.coaching.models import Alert

pytestmark = pytest.mark.django_db(transaction=True)
_register()
cli = CliRunner()
WIDE = {"COLUMNS": "220"}


def run(*args):
    return cli.invoke(app, list(args), env=WIDE)


def test_the_roster_lists_runners_attention_first_in_words_and_as_the_apis_json(cast, client, token_for):
    needing_attention(cast.runner)
    make_runner(coach=cast.coach, first_name="Aaron", email="aaron@example.test")
    shown = run("roster", "--user", cast.coach.email)
    assert shown.exit_code == 0, shown.output
    text = shown.output
    assert text.index(cast.runner.display_name) < text.index("Aaron")
    assert "Red flag not cleared yet" in text
    assert "Chicago in 9 days (Taper)" in text
    assert "nothing scheduled" in text
    assert "red_flag" not in text
    assert "taper" not in text
    only = run("roster", "--user", cast.coach.email, "--attention").output
    assert "Aaron" not in only
    assert cast.runner.display_name in only
    as_json = json.loads(run("roster", "--user", cast.coach.email, "--json").output)
    api = client.get("/api/v1/coach/roster", headers=token_for(cast.coach)).json()
    assert as_json == api
    refused = run("roster", "--user", cast.runner.email)
    assert refused.exit_code == 2
    assert "for coaches" in refused.output


def test_alerts_are_listed_as_events_read_and_resolved_through_the_inbox_services(cast):
    stops = [Alert.objects.create(coach=cast.coach, runner=cast.runner, kind="stop", message=f"Stop on drill {n}")
             for n in range(2)]  # fmt: skip
    Alert.objects.create(coach=cast.coach, runner=cast.runner, kind="flare_up", message="Achilles flare-up")
    listed = run("alerts", "--user", cast.coach.email)
    assert listed.exit_code == 0, listed.output
    assert "Stops: see a clinician (2)" in listed.output
    assert listed.output.index("Stop on drill 0") < listed.output.index("Achilles flare-up")
    assert "flare_up" not in listed.output
    only = run("alerts", "--user", cast.coach.email, "--kind", "flare_up", "--json").output
    assert [event["kind"] for event in json.loads(only)] == ["flare_up"]
    stranger = run("alerts", "--user", cast.coach.email, "--runner", cast.other_runner.email)
    assert stranger.exit_code == 2
    assert "not a runner you coach" in stranger.output

    marked = run("alerts", "--user", cast.coach.email, "--read", str(stops[1].pk))
    assert marked.exit_code == 0, marked.output
    assert Alert.objects.filter(kind="stop", read_at__isnull=False).count() == 2
    no_note = run("alerts", "--user", cast.coach.email, "--resolve", str(stops[0].pk))
    assert no_note.exit_code == 2
    assert not Alert.objects.filter(resolved_at__isnull=False).exists()
    done = run("alerts", "--user", cast.coach.email, "--resolve", str(stops[0].pk), "--note", "Called her")
    assert done.exit_code == 0, done.output
    assert set(Alert.objects.filter(kind="stop").values_list("resolution_note", flat=True)) == {"Called her"}
    resolved = run("alerts", "--user", cast.coach.email, "--resolved").output
    assert "Dealt with: Called her" in resolved
    assert "Stop on drill 1" in resolved


def test_another_coach_cannot_read_or_touch_an_alert_and_nothing_changes(cast):
    alert = Alert.objects.create(coach=cast.coach, runner=cast.runner, kind="stop", message="Stop on drill")
    for args in (("--read", str(alert.pk)), ("--resolve", str(alert.pk), "--note", "Not mine"), ("--read", "0"),
                 ("--read", str(10**12))):  # fmt: skip
        refused = run("alerts", "--user", cast.other_coach.email, *args)
        assert refused.exit_code == 2, (args, refused.output)
    assert "Stop on drill" not in run("alerts", "--user", cast.other_coach.email).output
    alert.refresh_from_db()
    assert (alert.read_at, alert.resolved_at, alert.resolution_note) == (None, None, "")
