"""Reads of assessments and questionnaires, with the analysis computed from the stored results."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, fields
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from footwork.accounts.models import User
from footwork.accounts.selectors import can_view_runner, painful_areas_of
from footwork.assessments.domain import (
    Analysis,
    ExerciseOption,
    Result,
    Subject,
    Suggestion,
    WeakLink,
    analyse,
    weak_links,
)
from footwork.assessments.models import Assessment, QuestionnaireResponse
from footwork.assessments.questionnaires import INSTRUMENTS, change
from footwork.core.clock import today_for
from footwork.core.errors import NotFound
from footwork.core.rules import RETEST_WEEKS
from footwork.core.wording import day_label
from footwork.exercises.models import Exercise
from footwork.exercises.selectors import visible_exercises


def subject_of(runner: User, on: date) -> Subject:
    profile = getattr(runner, "runner_profile", None)
    if profile is None:
        return Subject()
    age = on.year - profile.birth_year if profile.birth_year else None
    side = profile.painful_side if profile.painful_side in ("left", "right") else None
    return Subject(age=age, sex=profile.sex or None, painful_side=side)


# What suggesting an exercise reads of it (Exercise.dosage included); the long texts are left in the database.
_OPTION_FIELDS = (
    "slug",
    "name",
    "category",
    "difficulty",
    "sets",
    "dose_kind",
    "dose_min",
    "dose_max",
    "dose_per_side",
    "dose_unit",
    "tempo",
    "rest_seconds",
    "load_note",
)


def exercise_options(exercises: QuerySet[Exercise]) -> list[ExerciseOption]:
    chosen = list(exercises.only(*_OPTION_FIELDS))
    # The targets as slugs from the link table, in one query: a third of the time of prefetching Target rows.
    targets: dict[int, set[str]] = defaultdict(set)
    links = Exercise.targets.through.objects.filter(exercise_id__in=[item.pk for item in chosen])
    for exercise_id, slug in links.values_list("exercise_id", "target__slug"):
        targets[exercise_id].add(slug)
    return [
        ExerciseOption(
            item.slug, item.name, item.category, frozenset(targets[item.pk]), item.difficulty, item.dosage
        )
        for item in chosen
    ]


def assessment_for(actor: User, assessment_id: int) -> Assessment:
    assessment = Assessment.objects.select_related("runner__runner_profile").filter(pk=assessment_id).first()
    if assessment is None or not can_view_runner(actor, assessment.runner):
        raise NotFound("No such test session.")
    return assessment


def results_of(assessment: Assessment) -> list[Result]:
    def number(value: Any) -> float | None:
        return None if value is None else float(value)

    return [
        Result(item.test, number(item.left), number(item.right), item.pain, number(item.leg_length_cm))
        for item in assessment.results.all()
    ]


def analysis_of(
    assessment: Assessment, options: list[ExerciseOption] | None = None
) -> tuple[list[Analysis], list[WeakLink]]:
    """The analysis and weak links of a test session; `options` (the runner's exercises) when read once for many."""
    runner = assessment.runner
    subject = subject_of(runner, assessment.date)
    analyses = [analyse(result, subject) for result in results_of(assessment)]
    if options is None:
        options = exercise_options(visible_exercises(runner))
    return analyses, weak_links(analyses, options, painful_areas=painful_areas_of(runner))


def _fields(item: Analysis | WeakLink | Suggestion) -> dict[str, Any]:
    # What dataclasses.asdict gives for these flat dataclasses, without its deep copy of every value (most of the
    # time of a year of test sessions): the documents are made for output and nothing changes them.
    return {field.name: getattr(item, field.name) for field in fields(item)}


def analysis_document(analyses: list[Analysis], links: list[WeakLink]) -> dict[str, Any]:
    return {
        "tests": [_fields(item) for item in analyses],
        "weak_links": [
            {**_fields(link), "exercises": tuple(_fields(item) for item in link.exercises)} for link in links
        ],
    }


def assessment_document(
    assessment: Assessment, options: list[ExerciseOption] | None = None
) -> dict[str, Any]:
    analyses, links = analysis_of(assessment, options)
    return {"id": assessment.pk, "runner": assessment.runner_id, "date": assessment.date, "notes": assessment.notes,
            **analysis_document(analyses, links)}  # fmt: skip


def assessments_of(runner: User) -> QuerySet[Assessment]:
    return Assessment.objects.filter(runner=runner).prefetch_related("results")


def assessment_documents(runner: User) -> list[dict[str, Any]]:
    """Every test session of a runner with its analysis, newest first, in a few queries however many there are."""
    # The runner's profile and exercises are read once for all sessions, not once a session.
    options = exercise_options(visible_exercises(runner))
    documents = []
    for assessment in assessments_of(runner):
        assessment.runner = runner
        documents.append(assessment_document(assessment, options))
    return documents


def retest_due(runner: User) -> date | None:
    """The day a re-test became due, when the last test session is RETEST_WEEKS old or more."""
    last = Assessment.objects.filter(runner=runner).order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return None
    due = last + timedelta(weeks=RETEST_WEEKS)
    return due if due <= today_for(runner) else None


def responses_of(runner: User, code: str) -> QuerySet[QuestionnaireResponse]:
    return QuestionnaireResponse.objects.filter(runner=runner, instrument=code).order_by("date", "pk")


def response_document(
    response: QuestionnaireResponse, previous: QuestionnaireResponse | None
) -> dict[str, Any]:
    instrument = INSTRUMENTS[response.instrument]
    moved = change(response.instrument, float(previous.score) if previous else None, float(response.score))
    return {
        "id": response.pk,
        "instrument": response.instrument,
        "date": response.date,
        "answers": response.answers,
        "score": float(response.score),
        "max": instrument.max_score,
        "change": asdict(moved),
        "mcid": instrument.mcid,
    }


def response_for(actor: User, code: str, response_id: int) -> dict[str, Any]:
    """One questionnaire response as on its result page (score, change since the previous one), with its runner."""
    response = (
        QuestionnaireResponse.objects.select_related("runner").filter(pk=response_id, instrument=code).first()
    )
    if response is None or not can_view_runner(actor, response.runner):
        raise NotFound("No such questionnaire response.")
    previous = (
        responses_of(response.runner, code)
        .filter(Q(date__lt=response.date) | Q(date=response.date, pk__lt=response.pk))
        .last()
    )
    return {**response_document(response, previous), "runner": response.runner}


def response_history(runner: User, code: str) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    previous = None
    for response in responses_of(runner, code):
        documents.append(response_document(response, previous))
        previous = response
    return documents


def test_history(runner: User) -> dict[str, list[dict[str, Any]]]:
    """Per test: date, its label for a person ("Tue 2 Dec"), left, right, over all test sessions, oldest first."""
    series: dict[str, list[dict[str, Any]]] = {}
    today = today_for(runner)
    for assessment in assessments_of(runner).order_by("date", "pk"):
        for item in assessment.results.all():
            series.setdefault(item.test, []).append(
                {
                    "date": assessment.date.isoformat(),
                    "label": day_label(assessment.date, today),
                    "left": _float(item.left),
                    "right": _float(item.right),
                }
            )
    return series


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
