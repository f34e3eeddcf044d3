"""`footwork plan pause|resume|end` and `footwork enroll --replace`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.programs.models import Plan, PlanStatus
from footwork.programs.services import enroll, load_programs
from footwork.programs.tests.factories import program_record, write_programs

_register()
cli = CliRunner()
pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
TODAY = NOON.date()


@time_machine.travel(NOON)
def test_pause_resume_and_end_the_only_current_plan(cast, programs):
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    email = cast.runner.email
    paused = cli.invoke(app, ["plan", "pause", "--user", email, "--why", "travel"])
    assert paused.exit_code == 0, paused.output
    assert f"Paused Test daily (plan {plan.pk})" in paused.output
    plan.refresh_from_db()
    assert (plan.status, plan.paused_why) == (PlanStatus.PAUSED, "travel")
    refused = cli.invoke(app, ["plan", "pause", "--user", email])
    assert refused.exit_code == 1
    assert "only an active plan can be paused" in refused.output
    assert plan.changes.count() == 2
    resumed = cli.invoke(app, ["plan", "resume", "--user", cast.coach.email, "--plan", str(plan.pk)])
    assert resumed.exit_code == 0, resumed.output
    ended = cli.invoke(app, ["plan", "end", "--user", email])
    assert ended.exit_code == 0, ended.output
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.ENDED
    assert [change.what for change in plan.changes.all()][:3] == [
        "Plan ended by you",
        f"Plan resumed by {cast.coach.display_name} (paused since Wed 25 Nov)",
        "Plan paused by you",
    ]
    nothing = cli.invoke(app, ["plan", "end", "--user", email])
    assert nothing.exit_code == 1
    assert "has no active or paused plan" in nothing.output


@time_machine.travel(NOON)
def test_several_plans_need_a_plan_id_and_strangers_see_nothing(cast, library, tmp_path):
    second = program_record(slug="test-achilles", name="Test Achilles")
    load_programs(write_programs(tmp_path / "programs.yaml", [program_record(), second]))
    daily = enroll(actor=cast.runner, program_slug="test-daily", start_date=TODAY)
    achilles = enroll(actor=cast.runner, program_slug="test-achilles", start_date=TODAY)
    refused = cli.invoke(app, ["plan", "end", "--user", cast.runner.email])
    assert refused.exit_code == 1
    assert "has 2 current plans; say which with --plan ID" in refused.output
    assert f"{daily.pk}  Test daily (active, from Wed 25 Nov)" in refused.output
    assert f"{achilles.pk}  Test Achilles (active, from Wed 25 Nov)" in refused.output
    stranger = cli.invoke(app, ["plan", "end", "--user", cast.other_coach.email, "--plan", str(daily.pk)])
    assert stranger.exit_code == 1
    assert "No such plan." in stranger.output
    assert Plan.objects.filter(status=PlanStatus.ACTIVE).count() == 2
    ended = cli.invoke(
        app, ["plan", "end", "--user", cast.runner.email, "--plan", str(achilles.pk), "--why", "done"]
    )
    assert ended.exit_code == 0, ended.output
    assert Plan.objects.get(pk=achilles.pk).changes.first().why == "done"


@time_machine.travel(NOON)
def test_enroll_twice_needs_replace(cast, programs):
    email = cast.runner.email
    assert cli.invoke(app, ["enroll", "test-daily", "--start", "2026-11-25", "--user", email]).exit_code == 0
    refused = cli.invoke(app, ["enroll", "test-daily", "--start", "2026-11-30", "--user", email])
    assert refused.exit_code == 1
    assert "You already follow Test daily" in refused.output
    assert "Add --replace" in refused.output
    assert Plan.objects.count() == 1
    replaced = cli.invoke(
        app, ["enroll", "test-daily", "--start", "2026-11-30", "--user", email, "--replace"]
    )
    assert replaced.exit_code == 0, replaced.output
    assert "from Mon 30 Nov" in replaced.output
    assert list(Plan.objects.order_by("pk").values_list("status", flat=True)) == ["ended", "active"]
