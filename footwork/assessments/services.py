"""Writes of assessments: test sessions, questionnaire responses, and weak-link exercises added to a plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from footwork.accounts.models import User
from footwork.accounts.selectors import runner_in_care_of
from footwork.assessments.domain import Result, result_problems
from footwork.assessments.models import Assessment, QuestionnaireResponse, TestResult
from footwork.assessments.questionnaires import AnswerError, score
from footwork.assessments.selectors import analysis_of, assessment_for
from footwork.core import derived
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.programs.models import Plan, PlanStatus, Prescription
from footwork.programs.services import add_prescription, current_session, start_own_plan
from footwork.training.domain import date_problem

WEAK_LINK_PLAN = "Weak links"


def _runner_for(actor: User, runner_id: int | None) -> User:
    runner = actor if runner_id is None or runner_id == actor.pk else runner_in_care_of(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Tests and questionnaires are a runner's; choose one of your runners.")
    return runner


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@transaction.atomic
def record_assessment(
    *,
    actor: User,
    results: list[Result],
    day: date | None = None,
    runner_id: int | None = None,
    notes: str = "",
) -> Assessment:
    """Store a test session (skipped tests are simply absent); every result is checked before anything is stored."""
    runner = _runner_for(actor, runner_id)
    today = today_for(runner)
    day = day or today
    if problem := date_problem(day, today):
        raise InvalidInput(problem, field="date")
    if not results:
        raise InvalidInput("Record at least one test; skipped tests are left out.", field="results")
    seen: set[str] = set()
    for result in results:
        problems = result_problems(result)
        if problems:
            raise InvalidInput("; ".join(problems), field=result.test)
        if result.test in seen:
            raise InvalidInput(f"{result.test}: given twice", field=result.test)
        seen.add(result.test)
    assessment = Assessment.objects.create(runner=runner, date=day, created_by=actor, notes=notes[:500])
    TestResult.objects.bulk_create(
        TestResult(
            assessment=assessment,
            test=item.test,
            left=_decimal(item.left),
            right=_decimal(item.right),
            pain=item.pain,
            leg_length_cm=_decimal(item.leg_length_cm),
        )
        for item in results
    )
    # A new test can lift an exclusion (or add one): what derives from tests is refreshed now.
    derived.inputs_changed(runner)
    return assessment


@transaction.atomic
def add_weak_link_exercises(*, actor: User, assessment_id: int, test: str) -> tuple[Plan, list[Prescription]]:
    """Add a weak link's suggested exercises to the runner's current plan (or a new one), through the plan history."""
    assessment = assessment_for(actor, assessment_id)
    _analyses, links = analysis_of(assessment)
    link = next((item for item in links if item.test == test), None)
    if link is None or not link.exercises:
        raise NotFound("No weak link with exercises for that test.")
    runner = assessment.runner
    today = today_for(runner)
    plan = Plan.objects.filter(runner=runner, status=PlanStatus.ACTIVE).order_by("-start_date", "-pk").first()
    if plan is None:
        plan = start_own_plan(actor=actor, runner=runner, name=WEAK_LINK_PLAN, start_date=today)
    session = current_session(plan, today)
    if session is None:
        raise InvalidInput("The plan has no session to add exercises to; add one in the builder first.")
    present = set(session.prescriptions.values_list("exercise__slug", flat=True))
    why = f"Weak link found on {assessment.date:%d %b %Y}: {link.name} ({', '.join(link.flags)})"
    added = [
        add_prescription(actor=actor, session=session, exercise_slug=item.slug, values={}, why=why)
        for item in link.exercises
        if item.slug not in present
    ]
    return plan, added


@transaction.atomic
def submit_questionnaire(
    *, actor: User, code: str, answers: list[str], day: date | None = None, runner_id: int | None = None
) -> QuestionnaireResponse:
    """Score and store a questionnaire; an incomplete or out-of-range answer set is refused naming the item."""
    runner = _runner_for(actor, runner_id)
    today = today_for(runner)
    day = day or today
    if problem := date_problem(day, today):
        raise InvalidInput(problem, field="date")
    try:
        result = score(code, answers)
    except AnswerError as error:
        raise InvalidInput(error.message, field=f"item {error.item}" if error.item else "answers") from error
    return QuestionnaireResponse.objects.create(
        runner=runner,
        instrument=code,
        date=day,
        answers=list(answers),
        score=Decimal(str(result.score)),
        created_by=actor,
    )
