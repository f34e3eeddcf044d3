"""The recovery gate (CLINICAL §6.4): which conditions hold, with reasons, without a database."""

from __future__ import annotations

from typing import Any

import pytest

from footwork.season.domain import GateCondition, GateSettings, gate_document, recovery_gate

READY: dict[str, Any] = {
    "pre_race_heel_raises": 30,
    "heel_raises": 28,
    "max_pain": 2,
    "pre_race_score": 85.0,
    "score": 85.0,
}


def holds(**changes):
    gate = recovery_gate(**{**READY, **changes})
    return {check.condition: check.holds for check in gate.checks}, gate


def test_all_three_hold():
    conditions, gate = holds()
    assert conditions == {
        GateCondition.HEEL_RAISES: True,
        GateCondition.PAIN: True,
        GateCondition.QUESTIONNAIRE: True,
    }
    assert gate.met
    assert gate.summary.startswith("Ready to leave recovery")


@pytest.mark.parametrize(
    ("pre_race", "now", "held"),
    [
        (30, 27, True),  # exactly 10 % fewer
        (30, 26, False),
        (30, 40, True),  # more than before is fine
        (25, 23, True),  # 22.5 rounds up to 23
        (25, 22, False),
        (0, 0, True),
    ],
)
def test_heel_raises_within_ten_percent(pre_race, now, held):
    conditions, gate = holds(pre_race_heel_raises=pre_race, heel_raises=now)
    assert conditions[GateCondition.HEEL_RAISES] is held
    assert gate.met is held


def test_the_reasons_name_the_numbers():
    _conditions, gate = holds(heel_raises=24, max_pain=4, score=70.0)
    reasons = [check.reason for check in gate.checks]
    assert reasons == [
        "Heel raises: 24 now against 30 before the race; 27 or more are needed (within 10 %).",
        "Pain: 4 lately, above 2.",
        "VISA-A: 70 now against 85 before the race: not back to its pre-race level yet.",
    ]
    assert not gate.met
    assert gate.summary == "Stay in recovery for now: 3 of the 3 conditions do not hold yet."


@pytest.mark.parametrize(("pain", "held"), [(0, True), (2, True), (3, False), (10, False)])
def test_no_pain_above_2(pain, held):
    assert holds(max_pain=pain)[0][GateCondition.PAIN] is held


@pytest.mark.parametrize(("score", "held"), [(85.0, True), (90.0, True), (84.5, False), (60.0, False)])
def test_the_questionnaire_back_to_its_pre_race_level(score, held):
    assert holds(score=score)[0][GateCondition.QUESTIONNAIRE] is held


def test_the_tolerances_are_settings():
    lenient = GateSettings(heel_raise_percent=20, pain_max=3, score_drop=5.0)
    gate = recovery_gate(**{**READY, "heel_raises": 24, "max_pain": 3, "score": 80.0}, settings=lenient)
    assert gate.met
    assert not recovery_gate(**{**READY, "heel_raises": 24, "max_pain": 3, "score": 80.0}).met


def test_missing_figures_leave_a_condition_undecided():
    conditions, gate = holds(pre_race_heel_raises=None, max_pain=None, score=None)
    assert conditions == {
        GateCondition.HEEL_RAISES: None,
        GateCondition.PAIN: None,
        GateCondition.QUESTIONNAIRE: None,
    }
    assert not gate.met
    assert "no pre-race test" in gate.checks[0].reason
    assert "answer it again" in gate.checks[2].reason


def test_faam_is_named_in_plain_words():
    gate = recovery_gate(**READY, questionnaire="faam-sports")
    assert gate.checks[2].reason.startswith("FAAM (sports): 85 now")
    with pytest.raises(ValueError, match="VISA-A"):
        recovery_gate(**READY, questionnaire="lefs")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("max_pain", 11, "above 10"),
        ("max_pain", -1, "below 0"),
        ("heel_raises", -3, "below 0"),
        ("score", 101.0, "above 100"),
        ("pre_race_score", float("nan"), "not a number"),
    ],
)
def test_impossible_figures_are_refused(field, value, words):
    with pytest.raises(ValueError, match=words):
        recovery_gate(**{**READY, field: value})


def test_gate_document():
    document = gate_document(recovery_gate(**{**READY, "max_pain": 5}))
    assert set(document) == {"met", "summary", "conditions"}
    assert document["met"] is False
    assert [item["condition"] for item in document["conditions"]] == ["heel_raises", "pain", "questionnaire"]
    assert [item["holds"] for item in document["conditions"]] == [True, False, True]
