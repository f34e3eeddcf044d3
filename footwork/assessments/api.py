"""Tests, test sessions with their analysis, and questionnaires over the API."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from footwork.assessments import selectors, services
from footwork.assessments.battery import BATTERY
from footwork.assessments.domain import parse_result
from footwork.assessments.questionnaires import INSTRUMENTS, parse_answers
from footwork.core.api import actor, whose
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.limits import Id
from footwork.programs.selectors import plan_document

router = Router(tags=["assessments"])


class NormOut(Schema):
    age_min: int
    age_max: int
    value: float
    sex: str | None


class TestOut(Schema):
    slug: str
    name: str
    measures: str
    protocol: list[str]
    equipment: list[str]
    unit: str
    per_side: bool
    targets: list[str]
    norms: list[NormOut]
    norm_source: str
    norm_certainty: str
    runner_target: float | None
    runner_target_note: str
    lower_is_better: bool
    cap: float | None
    metronome_bpm: int | None
    timer_seconds: int | None


# The analysis of a test session comes out as plain pydantic models, not ninja Schemas: they are made from dicts, never
# from model instances, and ninja's per-object getter took most of the time of listing a year of test sessions
# (hundreds of nested objects). The OpenAPI schema is the same.
class AnalysisOut(BaseModel):
    test: str
    name: str
    unit: str
    left: float | None
    right: float | None
    norm: float | None
    norm_source: str
    norm_certainty: str
    target: float | None
    percent_of_norm: dict[str, float | None]
    percent_of_target: dict[str, float | None]
    normalised: dict[str, float | None]
    lsi: float | None
    involved_side: str | None
    flags: list[str]
    severity: float


class SuggestionOut(BaseModel):
    slug: str
    name: str
    dosage: str
    reason: str


class WeakLinkOut(BaseModel):
    test: str
    name: str
    severity: float
    flags: list[str]
    targets: list[str]
    exercises: list[SuggestionOut]


class AssessmentOut(BaseModel):
    id: int
    runner: int
    date: datetime.date
    notes: str
    tests: list[AnalysisOut]
    weak_links: list[WeakLinkOut]


class AssessmentIn(Schema):
    date: datetime.date | None = None
    runner: Id | None = Field(None, description="Coaches: the client tested. Default: yourself.")
    notes: str = ""
    results: dict[str, Any] = Field(
        ..., description='Per test slug: {"L": v, "R": v, "pain": n, "leg_length_cm": x}'
    )


class ChoiceOut(Schema):
    value: str
    label: str


class ItemOut(Schema):
    number: int
    text: str
    hint: str
    choices: list[ChoiceOut]


class InstrumentOut(Schema):
    code: str
    name: str
    short_name: str
    description: str
    max_score: float
    unit: str
    mcid: float
    mcid_note: str
    source: str
    items: list[ItemOut]


class ResponseIn(Schema):
    answers: list[str] | str = Field(
        ..., description='In item order, as a list or "a1,a2,…" (see the README).'
    )
    date: datetime.date | None = None
    runner: Id | None = None


class ChangeOut(Schema):
    previous: float | None
    current: float
    delta: float | None
    exceeds_mcid: bool | None
    direction: str


class ResponseOut(Schema):
    id: int
    instrument: str
    date: datetime.date
    answers: list[str]
    score: float
    max: float
    change: ChangeOut
    mcid: float


class Whose(Schema):
    runner: Id | None = None


@router.get("/tests", response=list[TestOut], summary="The test battery with protocols and norms")
def list_tests(request: HttpRequest) -> list[dict[str, Any]]:
    return [asdict(test) for test in BATTERY]


@router.post(
    "/assessments", response={201: AssessmentOut}, summary="Record a test session; returns the analysis"
)
def create_assessment(request: HttpRequest, payload: AssessmentIn) -> Status[dict[str, Any]]:
    try:
        results = [parse_result(slug, raw) for slug, raw in payload.results.items()]
    except ValueError as error:
        raise InvalidInput(str(error), field="results") from error
    assessment = services.record_assessment(
        actor=actor(request), results=results, day=payload.date, runner_id=payload.runner, notes=payload.notes
    )
    return Status(201, selectors.assessment_document(assessment))


@router.get(
    "/assessments", response=list[AssessmentOut], summary="Your test sessions (or a client's), newest first"
)
def list_assessments(request: HttpRequest, params: Query[Whose]) -> list[dict[str, Any]]:
    return selectors.assessment_documents(whose(request, params.runner))


@router.get(
    "/assessments/{assessment_id}", response=AssessmentOut, summary="One test session with its analysis"
)
def get_assessment(request: HttpRequest, assessment_id: Id) -> dict[str, Any]:
    return selectors.assessment_document(selectors.assessment_for(actor(request), assessment_id))


@router.post(
    "/assessments/{assessment_id}/weak-links/{test}/add-to-plan",
    summary="Add a weak link's exercises to the plan",
)
def add_to_plan(request: HttpRequest, assessment_id: Id, test: str) -> dict[str, Any]:
    plan, added = services.add_weak_link_exercises(
        actor=actor(request), assessment_id=assessment_id, test=test
    )
    return {"plan": plan_document(plan), "added": [item.exercise.slug for item in added]}


@router.get(
    "/questionnaires", response=list[InstrumentOut], summary="The questionnaires with their items and scales"
)
def list_questionnaires(request: HttpRequest) -> list[dict[str, Any]]:
    return [asdict(instrument) for instrument in INSTRUMENTS.values()]


@router.post(
    "/questionnaires/{code}/responses",
    response={201: ResponseOut},
    summary="Answer a questionnaire; returns the score",
)
def create_response(request: HttpRequest, code: str, payload: ResponseIn) -> Status[dict[str, Any]]:
    if code not in INSTRUMENTS:
        raise NotFound(f"No questionnaire {code!r}; choose one of {', '.join(INSTRUMENTS)}.")
    answers = (
        parse_answers(payload.answers)
        if isinstance(payload.answers, str)
        else [str(item) for item in payload.answers]
    )
    response = services.submit_questionnaire(
        actor=actor(request), code=code, answers=answers, day=payload.date, runner_id=payload.runner
    )
    history = selectors.response_history(response.runner, code)
    return Status(201, next(item for item in history if item["id"] == response.pk))


@router.get(
    "/questionnaires/{code}/responses", response=list[ResponseOut], summary="Scores over time, oldest first"
)
def list_responses(request: HttpRequest, code: str, params: Query[Whose]) -> list[dict[str, Any]]:
    if code not in INSTRUMENTS:
        raise NotFound(f"No questionnaire {code!r}.")
    return selectors.response_history(whose(request, params.runner), code)
