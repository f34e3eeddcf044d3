"""The gate to leave recovery after an A race (CLINICAL §6.4 [E]): which conditions hold, in plain words. Pure.

Three conditions, all needed: single-leg heel raises within GateSettings.heel_raise_percent of the pre-race test (more
than before is fine), no pain above GateSettings.pain_max, and the questionnaire (VISA-A or FAAM) back to its
pre-race score (at most GateSettings.score_drop points below it; higher is better on both). A figure that is missing
(no pre-race test, no re-test yet) leaves its condition undecided, and the gate is met only when all three hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from footwork.core.bounds import PAIN_READING, QUESTIONNAIRE_SCORE, REPETITIONS, Bound
from footwork.season.domain.settings import GateSettings

__all__ = [
    "DEFAULT_GATE",
    "QUESTIONNAIRE_NAMES",
    "GateCheck",
    "GateCondition",
    "RecoveryGate",
    "gate_document",
    "recovery_gate",
]

DEFAULT_GATE = GateSettings()
# The questionnaires the gate accepts (codes of assessments.questionnaires), by the names people know them by.
QUESTIONNAIRE_NAMES = {"visa-a": "VISA-A", "faam-adl": "FAAM (daily living)", "faam-sports": "FAAM (sports)"}


class GateCondition(StrEnum):
    HEEL_RAISES = "heel_raises"
    PAIN = "pain"
    QUESTIONNAIRE = "questionnaire"


@dataclass(frozen=True)
class GateCheck:
    condition: GateCondition
    holds: bool | None  # None: a figure is missing, so it cannot be told yet
    reason: str


@dataclass(frozen=True)
class RecoveryGate:
    checks: tuple[GateCheck, ...]

    @property
    def met(self) -> bool:
        return all(check.holds is True for check in self.checks)

    @property
    def summary(self) -> str:
        if self.met:
            return "Ready to leave recovery: all the conditions hold."
        waiting = sum(check.holds is not True for check in self.checks)
        verb = "does" if waiting == 1 else "do"
        return (
            f"Stay in recovery for now: {waiting} of the {len(self.checks)} conditions {verb} not hold yet."
        )


def recovery_gate(
    *,
    pre_race_heel_raises: int | None,
    heel_raises: int | None,
    max_pain: int | None,
    pre_race_score: float | None,
    score: float | None,
    questionnaire: str = "visa-a",
    settings: GateSettings = DEFAULT_GATE,
) -> RecoveryGate:
    """Which of the three recovery-gate conditions hold and whether the gate is met; ValueError for an impossible figure."""
    if questionnaire not in QUESTIONNAIRE_NAMES:
        raise ValueError(f"the questionnaire is one of {', '.join(QUESTIONNAIRE_NAMES.values())}")
    for bound, value in (
        (REPETITIONS, pre_race_heel_raises),
        (REPETITIONS, heel_raises),
        (PAIN_READING, max_pain),
        (QUESTIONNAIRE_SCORE, pre_race_score),
        (QUESTIONNAIRE_SCORE, score),
    ):
        _check(bound, value)
    return RecoveryGate(
        (
            _heel_raises(pre_race_heel_raises, heel_raises, settings.heel_raise_percent),
            _pain(max_pain, settings.pain_max),
            _questionnaire(pre_race_score, score, QUESTIONNAIRE_NAMES[questionnaire], settings.score_drop),
        )
    )


def _check(bound: Bound, value: float | None) -> None:
    problem = None if value is None else bound.check(value)
    if problem:
        raise ValueError(problem)


def _heel_raises(before: int | None, now: int | None, percent: int) -> GateCheck:
    condition = GateCondition.HEEL_RAISES
    if before is None:
        return GateCheck(condition, None, "Heel raises: there is no pre-race test to compare with.")
    if now is None:
        return GateCheck(condition, None, f"Heel raises: re-test them ({before} before the race).")
    # The fewest reps within `percent` of the pre-race count, rounded up: whole reps, integer arithmetic.
    needed = -(-before * (100 - percent) // 100)
    if now >= needed:
        return GateCheck(
            condition, True, f"Heel raises: {now} now against {before} before the race, within {percent} %."
        )
    return GateCheck(
        condition,
        False,
        f"Heel raises: {now} now against {before} before the race; {needed} or more are needed (within {percent} %).",
    )


def _pain(worst: int | None, most: int) -> GateCheck:
    condition = GateCondition.PAIN
    if worst is None:
        return GateCheck(condition, None, "Pain: no recent pain readings yet.")
    if worst <= most:
        return GateCheck(condition, True, f"Pain: at most {worst} lately, not above {most}.")
    return GateCheck(condition, False, f"Pain: {worst} lately, above {most}.")


def _questionnaire(before: float | None, now: float | None, name: str, drop: float) -> GateCheck:
    condition = GateCondition.QUESTIONNAIRE
    if before is None:
        return GateCheck(condition, None, f"{name}: there is no pre-race score to compare with.")
    if now is None:
        return GateCheck(
            condition, None, f"{name}: answer it again (it was {_score(before)} before the race)."
        )
    against = f"{name}: {_score(now)} now against {_score(before)} before the race"
    if now >= before - drop:
        return GateCheck(condition, True, f"{against}: back to its pre-race level.")
    return GateCheck(condition, False, f"{against}: not back to its pre-race level yet.")


def _score(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def gate_document(gate: RecoveryGate) -> dict[str, Any]:
    """The gate as JSON: {"met", "summary", "conditions": [{"condition", "holds", "reason"}]}."""
    return {
        "met": gate.met,
        "summary": gate.summary,
        "conditions": [
            {"condition": str(check.condition), "holds": check.holds, "reason": check.reason}
            for check in gate.checks
        ],
    }
