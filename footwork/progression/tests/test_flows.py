from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.coaching.models import Alert
from footwork.core.errors import InvalidInput
from footwork.exercises.models import Exercise
from footwork.exercises.tests.factories import shipped_exercises
from footwork.programs.models import Plan, PlanStatus, Prescription
from footwork.programs.selectors import plan_schedule
from footwork.programs.services import enroll
from footwork.progression.flareup import questions_for
from footwork.progression.models import FlareUp, Recommendation
from footwork.progression.services import (
    accept_recommendation,
    end_flare_up,
    refresh_recommendations,
    shipped_toolboxes,
    start_flare_up,
)
from footwork.training.domain import SetEntry
from footwork.training.models import MorningCheckin
from footwork.training.services import check_in, log_session

START = date(2026, 11, 23)
_register()
cli = CliRunner()


def at(day: date, hour: int = 12):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=UTC))


def log_full(runner, plan, day: date, pain: int = 0):
    """Every set of the day's session at its full dosage, with the given pain."""
    dated = next(item for item in plan_schedule(plan) if item.original_date == day)
    entries = []
    for item in Prescription.objects.filter(session_id=dated.session_id).select_related("exercise"):
        for number in range(1, item.sets + 1):
            for side in ("left", "right") if item.per_side else ("both",):
                entries.append(
                    SetEntry(item.pk, item.exercise.slug, number, side, reps=item.amount, pain_during=pain)
                )
    with at(day):
        log_session(actor=runner, client_uuid=uuid.uuid4(), entries=entries, plan_id=plan.pk, session_id=dated.session_id,
                    scheduled_date=day, rpe=4, pain_after=pain)  # fmt: skip


@pytest.fixture
def plan(cast, programs):
    return enroll(actor=cast.runner, program_slug="test-daily", start_date=START)


@pytest.mark.django_db
def test_two_green_sessions_progress_and_accepting_changes_the_plan(cast, plan):
    log_full(cast.runner, plan, START)
    log_full(cast.runner, plan, START + timedelta(1))
    with at(START + timedelta(1), 18):
        recs = {
            rec.prescription.exercise.slug: rec
            for rec in refresh_recommendations(cast.runner)
            if rec.kind == "exercise"
        }
        rec = recs["single-leg-heel-raise"]
        assert rec.decision == "progress"
        assert any("achieved in each of the last 2 sessions" in reason for reason in rec.reasons)
        assert rec.new_dosage == {"exercise": "single-leg-heel-raise", "sets": 2, "reps": 12, "load_kg": None}
        # Refreshing again changes nothing: the same recommendation stays.
        assert refresh_recommendations(cast.runner)[0].pk in {r.pk for r in recs.values()}
        accept_recommendation(actor=cast.coach, rec_id=rec.pk)
    item = rec.prescription
    item.refresh_from_db()
    assert item.amount == 12
    change = plan.changes.order_by("-pk").first()
    assert change.what == "Single-leg heel raise: amount 10 → 12"
    assert change.actor == cast.coach
    assert "achieved" in change.why
    with pytest.raises(InvalidInput, match="already accepted"):
        accept_recommendation(actor=cast.runner, rec_id=rec.pk)


@pytest.mark.django_db
def test_a_red_session_regresses_and_alerts_the_coach(cast, plan):
    log_full(cast.runner, plan, START, pain=6)
    with at(START, 20):
        recs = refresh_recommendations(cast.runner)
    regress = [rec for rec in recs if rec.decision == "regress"]
    assert regress
    assert any("6/10" in reason for reason in regress[0].reasons)
    alerts = Alert.objects.filter(coach=cast.coach, kind="regress")
    assert alerts.count() == len(regress)
    assert cast.runner.display_name in alerts.first().message
    # Each reason after the exercise's name reads as a sentence, even one naming no area ("pain during…").
    for alert in alerts:
        reason = alert.message.split(". ", 1)[1]
        assert reason[0].isupper(), alert.message
    running = next(rec for rec in recs if rec.kind == "running")
    assert running.decision == "reduce"


@pytest.mark.django_db
def test_a_self_guided_runner_can_apply_automatically(cast, plan):
    profile = cast.other_runner.runner_profile
    profile.auto_apply = True
    profile.save()
    own = enroll(actor=cast.other_runner, program_slug="test-daily", start_date=START)
    log_full(cast.other_runner, own, START)
    log_full(cast.other_runner, own, START + timedelta(1))
    with at(START + timedelta(1), 18):
        refresh_recommendations(cast.other_runner)
    applied = Recommendation.objects.get(
        runner=cast.other_runner, decision="progress", prescription__exercise__slug="single-leg-heel-raise"
    )
    assert (applied.status, applied.automatic) == ("accepted", True)
    assert own.changes.order_by("-pk").first().why.startswith("Applied automatically:")


@pytest.mark.django_db
def test_flare_up_with_a_red_flag_refers_and_alerts(cast, plan):
    answers = {flag.code: flag.code == "sudden_pop" for flag in questions_for("achilles")}
    with at(START):
        flare, result = start_flare_up(actor=cast.runner, area="achilles", answers=answers)
    assert flare.status == "referred"
    assert result.urgency == "today"
    assert Alert.objects.filter(coach=cast.coach, kind="red_flag").exists()
    with at(START, 20):
        assert {rec.decision for rec in refresh_recommendations(cast.runner) if rec.kind == "exercise"} == {
            "stop"
        }
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE


@pytest.mark.django_db
def test_flare_up_plan_and_return_one_step_below(cast, plan):
    # The toolbox does the seated soleus raise on each side, as the shipped library does.
    Exercise.objects.filter(slug="seated-soleus-raise").update(per_side=True, dose_per_side=True)
    shipped_exercises(*(entry.exercise for entry in shipped_toolboxes()["achilles"].exercises))
    for offset in range(3):
        with at(START + timedelta(offset), 7):
            check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=2, stiffness=2)
    answers = {flag.code: False for flag in questions_for("achilles")}
    with at(START + timedelta(3)):
        flare, _plan = start_flare_up(actor=cast.runner, area="achilles", answers=answers)
        with pytest.raises(InvalidInput, match="already running"):
            start_flare_up(actor=cast.runner, area="achilles", answers=answers)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PAUSED
    flare_plan = flare.flare_plan
    assert flare_plan.status == PlanStatus.ACTIVE
    slugs = set(
        Prescription.objects.filter(session__phase__program=flare_plan.program).values_list(
            "exercise__slug", flat=True
        )
    )
    assert "isometric-calf-hold" in slugs
    with at(START + timedelta(4)), pytest.raises(InvalidInput, match="Not yet"):
        end_flare_up(actor=cast.runner)
    for offset in range(4, 7):
        with at(START + timedelta(offset), 7):
            check_in(actor=cast.runner, client_uuid=uuid.uuid4(), pain=2, stiffness=1)
    with at(START + timedelta(6), 9):
        end_flare_up(actor=cast.runner)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACTIVE
    item = Prescription.objects.get(
        session__phase__program=plan.program, exercise__slug="single-leg-heel-raise"
    )
    assert item.amount == 8  # one rule step (2) below 10
    assert FlareUp.objects.get(pk=flare.pk).status == "ended"
    assert Plan.objects.get(pk=flare_plan.pk).status == PlanStatus.ENDED


@pytest.mark.django_db
def test_api_recommendations_and_flare_ups(client, cast, plan, token_for):
    log_full(cast.runner, plan, START)
    log_full(cast.runner, plan, START + timedelta(1))
    headers = token_for(cast.runner)
    with at(START + timedelta(1), 18):
        recs = client.get("/api/v1/recommendations", headers=headers).json()
        progress = next(rec for rec in recs if rec["decision"] == "progress")
        accepted = client.post(f"/api/v1/recommendations/{progress['id']}/accept", headers=headers).json()
        assert accepted["status"] == "accepted"
        assert (
            client.get(
                f"/api/v1/recommendations?runner={cast.runner.pk}", headers=token_for(cast.other_coach)
            ).status_code
            == 404
        )
        shipped_exercises(
            *(
                entry.exercise
                for entry in shipped_toolboxes()["calf"].exercises
                if entry.exercise != "seated-soleus-raise"
            )
        )
        bad = client.post(
            "/api/v1/flare-ups",
            json.dumps({"area": "calf", "answers": {"sudden_pop": False}}),
            content_type="application/json",
            headers=headers,
        )
        assert bad.status_code == 422
        assert "cannot_tiptoe" in bad.json()["detail"]
        answers = {flag.code: False for flag in questions_for("plantar_heel")}
        shipped_exercises(*(entry.exercise for entry in shipped_toolboxes()["plantar_heel"].exercises))
        made = client.post(
            "/api/v1/flare-ups",
            json.dumps({"area": "plantar_heel", "answers": answers}),
            content_type="application/json",
            headers=headers,
        )
        assert made.status_code == 201
        assert made.json()["outcome"] == "flare_plan"
        current = client.get("/api/v1/flare-ups/current", headers=headers).json()
        assert (current["status"], current["exit_ready"]) == ("active", False)


@pytest.mark.django_db
def test_web_today_review_and_toolbox(client, cast, plan):
    log_full(cast.runner, plan, START, pain=4)
    with at(START, 20):
        client.force_login(cast.runner)
        page = client.get("/today/").content.decode()
        assert "What your symptoms say" in page
        # A hold changes nothing: no card, a line in the folded list.
        assert 'data-decision="hold"' not in page
        assert "to hold at this dosage" in page
        assert "Something is wrong: my Achilles / calf / heel is acting up" in page
        review = client.get("/review/").content.decode()
        assert '"during": [null, null, null, null, null, null, 4]' in review.replace("&quot;", '"')
    client.force_login(cast.coach)
    toolbox = client.get("/coaching/toolbox/").content.decode()
    assert "isometric-calf-hold" in toolbox
    refused = client.post("/coaching/toolbox/", {"area": "calf", "content": "title: x\nexercises: []\n"})
    assert refused.status_code == 422
    assert not cast.coach.toolboxes.exists()


def test_decide_and_screen_need_no_database(tmp_path):
    decided = cli.invoke(app, ["progress", "decide", "--file", "examples/history.json", "--json"])
    assert decided.exit_code == 0, decided.output
    document = json.loads(decided.output)
    assert [item["decision"] for item in document["decisions"]] == ["progress", "hold", "hold"]
    assert document["running"]["advice"] == "keep"
    screened = json.loads(
        cli.invoke(app, ["flare-up", "screen", "--answers", "examples/flare-up.json", "--json"]).output
    )
    assert screened["outcome"] == "flare_plan"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"area": "achilles", "answers": {"sudden_pop": "maybe"}}))
    refused = cli.invoke(app, ["flare-up", "screen", "--answers", str(bad)])
    assert refused.exit_code == 2
    assert "sudden_pop" in refused.output
    assert (
        not MorningCheckin.objects.model._meta.abstract
    )  # the models import, but nothing touched the database
