from __future__ import annotations

import math
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from footwork.accounts.models import User
from footwork.assessments import selectors, services
from footwork.assessments.battery import BATTERY, BY_SLUG, TestDefinition
from footwork.assessments.domain import RANKING_EXPLANATION, Analysis, Result, norm_for, result_problems
from footwork.assessments.forms import QuestionnaireForm, item_field
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.rules import PAIN_AMBER_MAX, PAIN_GREEN_MAX, PAIN_MAX
from footwork.core.views import current_user, runner_in_question
from footwork.core.wording import day_label


@login_required
def index(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    context = {
        "runner": runner,
        "query": query,
        "assessments": selectors.assessments_of(runner)[:20],
        "instruments": [
            (item, selectors.responses_of(runner, item.code).last()) for item in INSTRUMENTS.values()
        ],
        "retest_due": selectors.retest_due(runner),
    }
    return render(request, "assessments/index.html", context)


def _number(value: str | None, where: str, field: str) -> float | None:
    if value is None or value.strip() == "":
        return None
    try:
        return float(value)
    except ValueError as error:
        raise InvalidInput(f"{where}: “{value}” is not a number", field=field) from error


def _plain(test: TestDefinition, problem: str) -> str:
    """A result problem in a person's words: the test's name, not its slug ('Single-leg heel-raise test, left: …')."""
    for part, words in (
        ("leg_length_cm", "leg length"),
        ("left", "left"),
        ("right", "right"),
        ("pain", "pain"),
    ):
        problem = problem.replace(f"{test.slug}.{part}:", f"{test.name}, {words}:")
    return problem.replace(f"{test.slug}:", f"{test.name}:")


def results_from_form(data: QueryDict) -> list[Result]:
    """The entered tests (a test left blank is skipped); a refusal names the test and its field (`<slug>-<side>`)."""
    results = []
    for test in BATTERY:
        left, right = (
            _number(data.get(f"{test.slug}-{side}"), f"{test.name}, {side}", f"{test.slug}-{side}")
            for side in ("left", "right")
        )
        if left is None and right is None:
            continue
        pain = _number(data.get(f"{test.slug}-pain"), f"{test.name}, pain", f"{test.slug}-pain")
        leg = _number(
            data.get(f"{test.slug}-leg_length_cm"), f"{test.name}, leg length", f"{test.slug}-leg_length_cm"
        )
        result = Result(test.slug, left, right, int(pain) if pain is not None else None, leg)
        if problems := result_problems(result):
            field = next(
                (f"{test.slug}-{part}" for part in ("left", "right", "pain", "leg_length_cm")
                 if f"{test.slug}.{part}:" in problems[0]),
                f"{test.slug}-left",
            )  # fmt: skip
            raise InvalidInput("; ".join(_plain(test, problem) for problem in problems), field=field)
        results.append(result)
    return results


def _refused_field(refusal: InvalidInput) -> str:
    """The input a service refusal points at: a whole test (its slug) points at its left side."""
    field = refusal.field or ""
    return f"{field}-left" if field in BY_SLUG else field


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """The guided battery: one test a step, with its protocol, metronome or timer, and inputs per side."""
    runner, query = runner_in_question(request)
    error = error_field = None
    if request.method == "POST":
        try:
            day = date.fromisoformat(request.POST.get("date") or today_for(runner).isoformat())
        except ValueError:
            error, error_field = "The date is not a real date.", "date"
        else:
            try:
                assessment = services.record_assessment(
                    actor=current_user(request), results=results_from_form(request.POST), day=day,
                    runner_id=runner.pk, notes=request.POST.get("notes", ""),
                )  # fmt: skip
            except InvalidInput as refusal:
                error, error_field = _plain_refusal(refusal.message), _refused_field(refusal)
            else:
                messages.success(request, "Test session saved.")
                # Post/redirect/get: the result page can be reloaded without saving the session twice.
                return redirect(reverse("assessments:detail", args=[assessment.pk]))
    context = {
        "runner": runner,
        "query": query,
        "battery": BATTERY,
        "error": error,
        "error_field": error_field,
        "error_test": (error_field or "").rsplit("-", 1)[0],
        "today": today_for(runner),
        # A date input takes an ISO date, the one answered or today.
        "day_value": request.POST.get("date") or today_for(runner).isoformat(),
        "values": request.POST,
    }
    return render(request, "assessments/new.html", context, status=422 if error else 200)


def _plain_refusal(message: str) -> str:
    """A service's refusal with each test named, not slugged."""
    for test in BATTERY:
        message = _plain(test, message)
    return message


def _nice_ceiling(value: float) -> float:
    """The round number at or above `value` (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten): a scale's end."""
    power = 10.0 ** math.floor(math.log10(value))
    return float(next(step * power for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= value))


def _scale(analysis: Analysis) -> float:
    """One scale for a whole test, so left, right and the norm line compare at a glance; pain is always 0-10."""
    if analysis.unit == "pain":
        return float(PAIN_MAX)
    reference = analysis.norm or analysis.target
    values = [value for value in (analysis.left, analysis.right, reference) if value]
    return _nice_ceiling(max(values, default=1) * 1.1)


def _pain_light(pain: float) -> str:
    """The pain model's light of a 0-10 pain score: green, amber or red."""
    return "green" if pain <= PAIN_GREEN_MAX else "amber" if pain <= PAIN_AMBER_MAX else "red"


def _bars(analysis: Analysis) -> dict[str, Any]:
    """Both sides' bars and the norm line, as percentages of the test's one scale."""
    scale = _scale(analysis)
    reference = analysis.norm or analysis.target

    def bar(side: str) -> dict[str, Any]:
        value = getattr(analysis, side)
        return {
            "side": side,
            "value": value,
            "width": round(100 * min(value or 0, scale) / scale, 1),
            "percent": analysis.percent_of_norm.get(side) or analysis.percent_of_target.get(side),
            "involved": analysis.involved_side == side,
            "light": _pain_light(value) if analysis.unit == "pain" and value is not None else None,
        }

    return {
        "scale": scale,
        "sides": [bar(side) for side in ("left", "right")],
        "norm": round(100 * min(reference, scale) / scale, 1) if reference else None,
        "reference": reference,
        "reference_name": "norm" if analysis.norm else "runner target",
        "show": analysis.unit != "pass",
    }


@login_required
def detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    user = current_user(request)
    assessment = selectors.assessment_for(user, assessment_id)
    analyses, links = selectors.analysis_of(assessment)
    rows = [{"analysis": item, "test": BY_SLUG[item.test], "bars": _bars(item)} for item in analyses]
    runner = assessment.runner
    context = {
        "assessment": assessment,
        "runner": runner,
        "rows": rows,
        "links": links,
        "today": today_for(runner),
        "add_label": "Add to my plan" if runner == user else f"Add to {runner.display_name}’s plan",
        "ranking_explanation": RANKING_EXPLANATION,
    }
    return render(request, "assessments/detail.html", context)


@login_required
@require_POST
def add_to_plan(request: HttpRequest, assessment_id: int, test: str) -> HttpResponse:
    plan, added = services.add_weak_link_exercises(
        actor=current_user(request), assessment_id=assessment_id, test=test
    )
    names = ", ".join(item.exercise.name for item in added) or "nothing new (already in the plan)"
    messages.success(request, f"Added to {plan.program.name}: {names}.")
    return redirect("assessments:detail", assessment_id=assessment_id)


@login_required
def history(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    series = selectors.test_history(runner)
    charts = [
        {
            "slug": slug,
            "name": BY_SLUG[slug].name,
            "unit": BY_SLUG[slug].unit,
            "points": points,
            "norm": _norm_of(runner, slug),
        }
        for slug, points in series.items()
    ]
    scores = {code: selectors.response_history(runner, code) for code in INSTRUMENTS}
    today = today_for(runner)
    questionnaires = [
        {
            "code": code,
            "name": INSTRUMENTS[code].short_name,
            "max": INSTRUMENTS[code].max_score,
            "points": [
                {
                    "date": item["date"].isoformat(),
                    "label": day_label(item["date"], today),
                    "score": item["score"],
                }
                for item in items
            ],
        }
        for code, items in scores.items()
        if items
    ]
    data = {"tests": charts, "questionnaires": questionnaires}
    return render(
        request,
        "assessments/history.html",
        {"runner": runner, "query": query, "charts": charts, "questionnaires": questionnaires, "data": data},
    )


def _norm_of(runner: User, slug: str) -> float | None:
    subject = selectors.subject_of(runner, today_for(runner))
    band = norm_for(BY_SLUG[slug], subject.age, subject.sex)
    return band.value if band else BY_SLUG[slug].runner_target


def _refuse_answers(form: QuestionnaireForm, refusal: InvalidInput) -> None:
    """Put the scorer's reason beside the question at fault; a missing answer marks every question left blank."""
    number = refusal.field.removeprefix("item ") if refusal.field else ""
    if not number.isdigit():
        form.add_error(None, refusal.message)
        return
    answers = form.answers()
    if answers[int(number) - 1] == "":
        for item, answer in zip(form.instrument.items, answers, strict=True):
            if answer == "":
                form.add_error(item_field(item.number), "No answer yet: choose one.")
        return
    form.add_error(item_field(int(number)), refusal.message.removeprefix(f"item {number}: ").capitalize())


@login_required
def questionnaire(request: HttpRequest, code: str) -> HttpResponse:
    runner, query = runner_in_question(request)
    instrument = INSTRUMENTS.get(code)
    if instrument is None:
        raise NotFound("No such questionnaire.")
    form = QuestionnaireForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            response = services.submit_questionnaire(
                actor=current_user(request), code=code, answers=form.answers(), runner_id=runner.pk
            )
        except InvalidInput as refusal:
            _refuse_answers(form, refusal)
        else:
            # Post/redirect/get: reloading the result page shows it again and never scores twice.
            return redirect(reverse("assessments:questionnaire_result", args=[code, response.pk]) + query)
    context = {"instrument": instrument, "form": form, "runner": runner, "query": query}
    return render(request, "assessments/questionnaire.html", context, status=400 if form.errors else 200)


@login_required
def questionnaire_result(request: HttpRequest, code: str, response_id: int) -> HttpResponse:
    """One scored questionnaire with its change since the one before."""
    user = current_user(request)
    result = selectors.response_for(user, code, response_id)
    runner = result["runner"]
    query = "" if runner == user else f"?runner={runner.pk}"
    context = {"instrument": INSTRUMENTS[code], "result": result, "runner": runner, "query": query}
    return render(request, "assessments/questionnaire_result.html", context)
