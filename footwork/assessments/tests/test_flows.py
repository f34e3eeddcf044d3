from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.assessments.domain import Result
from footwork.assessments.models import Assessment, QuestionnaireResponse, TestResult
from footwork.assessments.services import add_weak_link_exercises, record_assessment, submit_questionnaire
from footwork.cli import _register, app
from footwork.core.errors import InvalidInput
from footwork.programs.models import Plan, Prescription
from footwork.programs.services import enroll

NOON = datetime(2026, 11, 25, 12, tzinfo=UTC)
_register()
cli = CliRunner()


@pytest.fixture
def profiled(cast):
    profile = cast.runner.runner_profile
    profile.birth_year, profile.sex = 1986, "female"
    profile.painful_areas = [{"area": "achilles", "side": "left"}]
    profile.save()
    return cast


@pytest.mark.django_db
@time_machine.travel(NOON)
def test_weak_link_exercises_go_into_the_plan_with_history(profiled, programs):
    cast = profiled
    plan = enroll(actor=cast.runner, program_slug="test-daily", start_date=date(2026, 11, 23))
    assessment = record_assessment(actor=cast.runner, results=[Result("heel-raise", 18, 27)])
    added_to, added = add_weak_link_exercises(
        actor=cast.runner, assessment_id=assessment.pk, test="heel-raise"
    )
    assert added_to == plan
    # The single-leg and seated raises are already in the session, so only the double-leg raise is new.
    assert [item.exercise.slug for item in added] == ["double-leg-heel-raise"]
    assert plan.changes.first().why.startswith("Weak link found on 25 Nov 2026: Single-leg heel-raise test")
    _again_plan, again = add_weak_link_exercises(
        actor=cast.runner, assessment_id=assessment.pk, test="heel-raise"
    )
    assert again == []


@pytest.mark.django_db
@time_machine.travel(NOON)
def test_without_a_plan_a_weak_link_plan_is_started(profiled, library):
    assessment = record_assessment(
        actor=profiled.coach, runner_id=profiled.runner.pk, results=[Result("heel-raise", 18, 27)]
    )
    plan, added = add_weak_link_exercises(
        actor=profiled.coach, assessment_id=assessment.pk, test="heel-raise"
    )
    assert plan.program.name == "Weak links"
    assert plan.runner == profiled.runner
    assert Prescription.objects.filter(session__phase__program=plan.program).count() == len(added) >= 2


@pytest.mark.django_db
@time_machine.travel(NOON)
def test_bad_test_sessions_store_nothing(profiled, library):
    for results, words in (
        ([Result("heel-raise", -3, 20)], "out of range"),
        ([], "at least one test"),
        ([Result("heel-raise", 20, 20), Result("heel-raise", 21, 21)], "given twice"),
    ):
        with pytest.raises(InvalidInput, match=words):
            record_assessment(actor=profiled.runner, results=results)
    with pytest.raises(InvalidInput, match="future"):
        record_assessment(
            actor=profiled.runner, results=[Result("heel-raise", 20, 20)], day=date(2026, 12, 1)
        )
    assert not Assessment.objects.exists()
    assert not TestResult.objects.exists()


@pytest.mark.django_db
@time_machine.travel(NOON)
def test_the_api_returns_the_analysis(client, profiled, library, token_for):
    headers = token_for(profiled.runner)
    body = {"results": {"heel-raise": {"L": 18, "R": 27}, "knee-to-wall": {"L": 9, "R": 9.5}}}
    created = client.post(
        "/api/v1/assessments", json.dumps(body), content_type="application/json", headers=headers
    )
    assert created.status_code == 201
    analysis = created.json()
    assert analysis["tests"][0]["lsi"] == 66.7
    assert analysis["weak_links"][0]["test"] == "heel-raise"
    bad = client.post(
        "/api/v1/assessments",
        json.dumps({"results": {"heel-raise": {"L": 999}}}),
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    assert "out of range" in bad.json()["detail"]
    tests = client.get("/api/v1/tests", headers=headers).json()
    assert {test["slug"] for test in tests} >= {
        "heel-raise",
        "single-leg-stance-eyes-open",
        "y-balance-anterior",
    }


@pytest.mark.django_db
@time_machine.travel(NOON)
def test_questionnaires_change_since_the_previous_score(client, profiled, token_for):
    headers = token_for(profiled.runner)
    first = client.post("/api/v1/questionnaires/visa-a/responses", json.dumps({"answers": "5,5,5,5,5,5,4,B:10"}),
                        content_type="application/json", headers=headers)  # fmt: skip
    assert first.status_code == 201
    assert (first.json()["score"], first.json()["change"]["direction"]) == (44.0, "first")
    second = client.post("/api/v1/questionnaires/visa-a/responses", json.dumps({"answers": ["7", "7", "7", "7", "7", "7", "7", "B:14"]}),
                         content_type="application/json", headers=headers)  # fmt: skip
    assert second.json()["change"] == {
        "previous": 44.0,
        "current": 63.0,
        "delta": 19.0,
        "exceeds_mcid": True,
        "direction": "better",
    }
    bad = client.post("/api/v1/questionnaires/visa-a/responses", json.dumps({"answers": "5,5,11,5,5,5,4,B:10"}),
                      content_type="application/json", headers=headers)  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("item 3:")
    assert QuestionnaireResponse.objects.count() == 2
    history = client.get("/api/v1/questionnaires/visa-a/responses", headers=headers).json()
    assert [item["score"] for item in history] == [44.0, 63.0]
    with pytest.raises(InvalidInput, match="at least 19"):
        submit_questionnaire(actor=profiled.runner, code="faam-adl", answers=["na"] * 3 + ["4"] * 18)


@pytest.mark.django_db
@time_machine.travel(NOON)
def test_web_flow_records_skips_and_shows_results(client, profiled, library):
    client.force_login(profiled.runner)
    page = client.get("/assess/new/").content.decode()
    assert 'class="metronome" data-bpm="60"' in page
    assert 'class="hold-timer" data-seconds="45"' in page
    response = client.post(
        "/assess/new/",
        {
            "heel-raise-left": "18",
            "heel-raise-right": "27",
            "hop-pain-left": "1",
            "hop-pain-right": "0",
            "date": "2026-11-25",
        },
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == f"/assess/{assessment.pk}/"
    assert sorted(assessment.results.values_list("test", flat=True)) == ["heel-raise", "hop-pain"]
    detail = client.get(response["Location"]).content.decode()
    assert "<dt>Limb symmetry</dt><dd>LSI 66.7 %</dd>" in detail
    assert "Add to my plan" in detail
    refused = client.post("/assess/new/", {"heel-raise-left": "-1", "date": "2026-11-25"})
    assert refused.status_code == 422
    assert Assessment.objects.count() == 1
    questionnaire = client.post("/assess/questionnaires/lefs/", {f"item-{n}": "3" for n in range(1, 21)})
    assert questionnaire.status_code == 302
    assert "60" in client.get(questionnaire["Location"]).content.decode()
    assert client.get("/assess/history/").status_code == 200


@pytest.mark.django_db
def test_retest_reminder_after_four_weeks(client, profiled, library):
    with time_machine.travel(NOON):
        record_assessment(actor=profiled.runner, results=[Result("heel-raise", 25, 25)])
    with time_machine.travel(datetime(2026, 12, 22, 12, tzinfo=UTC)):
        client.force_login(profiled.runner)
        assert "Time to re-test" not in client.get("/today/").content.decode()
    with time_machine.travel(datetime(2026, 12, 23, 12, tzinfo=UTC)):
        client.force_login(profiled.runner)
        assert "Time to re-test" in client.get("/today/").content.decode()


def test_scoring_commands_need_no_database(tmp_path, settings):
    # No django_db mark: any database access here fails the test.
    norms = cli.invoke(
        app, ["assess", "norms", "single-leg-stance-eyes-closed", "--age", "45", "--sex", "M", "--json"]
    )
    assert norms.exit_code == 0, norms.output
    assert json.loads(norms.output)["norm"]["value"] == 12.0
    results = tmp_path / "results.json"
    results.write_text(
        json.dumps(
            {"age": 40, "sex": "F", "painful_side": None, "results": {"heel-raise": {"L": 18, "R": 27}}}
        )
    )
    evaluated = json.loads(cli.invoke(app, ["assess", "evaluate", "--file", str(results), "--json"]).output)
    assert evaluated["tests"][0]["flags"] == ["below_norm", "below_target", "asymmetry", "clear_deficit"]
    assert 2 <= len(evaluated["weak_links"][0]["exercises"]) <= 4
    scored = cli.invoke(
        app, ["questionnaire", "score", "faam-sports", "--answers", "4,4,3,3,2,na,4,4", "--json"]
    )
    assert json.loads(scored.output)["score"] == 85.7
    refused = cli.invoke(app, ["questionnaire", "score", "visa-a", "--answers", "1,2,3,4,5,6,7"])
    assert refused.exit_code == 2
    assert "expected 8 answers" in refused.output
    assert cli.invoke(app, ["assess", "norms", "moon-jump", "--age", "40", "--sex", "F"]).exit_code == 2


@pytest.mark.django_db(transaction=True)
@time_machine.travel(NOON)
def test_record_from_the_command_line(profiled, library, tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"results": {"heel-raise": {"L": 18, "R": 27}}}))
    recorded = cli.invoke(app, ["assess", "record", "--file", str(results), "--user", profiled.runner.email])
    assert recorded.exit_code == 0, recorded.output
    assert Assessment.objects.get().runner == profiled.runner
    results.write_text(json.dumps({"results": {"heel-raise": {"L": -18}}}))
    assert (
        cli.invoke(
            app, ["assess", "record", "--file", str(results), "--user", profiled.runner.email]
        ).exit_code
        == 2
    )
    assert Assessment.objects.count() == 1
    assert not Plan.objects.exists()
