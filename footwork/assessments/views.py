from __future__ import annotations

import json
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
from footwork.assessments.battery import BATTERY, BY_SLUG
from footwork.assessments.domain import Result, norm_for, result_problems
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.views import current_user, runner_in_question


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


def _number(value: str | None, where: str) -> float | None:
    if value is None or value.strip() == "":
        return None
    try:
        return float(value)
    except ValueError as error:
        raise InvalidInput(f"{where}: {value!r} is not a number") from error


def results_from_form(data: QueryDict) -> list[Result]:
    """The entered tests (a test left blank is skipped)."""
    results = []
    for test in BATTERY:
        left, right = (
            _number(data.get(f"{test.slug}-{side}"), f"{test.name}, {side}") for side in ("left", "right")
        )
        if left is None and right is None:
            continue
        pain = _number(data.get(f"{test.slug}-pain"), f"{test.name}, pain")
        leg = _number(data.get(f"{test.slug}-leg_length_cm"), f"{test.name}, leg length")
        result = Result(test.slug, left, right, int(pain) if pain is not None else None, leg)
        if problems := result_problems(result):
            raise InvalidInput("; ".join(problems))
        results.append(result)
    return results


@login_required
def new(request: HttpRequest) -> HttpResponse:
    """The guided battery: one test a step, with its protocol, metronome or timer, and inputs per side."""
    runner, query = runner_in_question(request)
    error = None
    if request.method == "POST":
        try:
            day = date.fromisoformat(request.POST.get("date") or today_for(runner).isoformat())
            assessment = services.record_assessment(
                actor=current_user(request), results=results_from_form(request.POST), day=day,
                runner_id=runner.pk, notes=request.POST.get("notes", ""),
            )  # fmt: skip
        except ValueError:
            error = "The date is not a real date (YYYY-MM-DD)."
        except InvalidInput as refusal:
            error = refusal.message
        else:
            messages.success(request, "Test session saved.")
            return redirect(reverse("assessments:detail", args=[assessment.pk]))
    context = {
        "runner": runner,
        "query": query,
        "battery": BATTERY,
        "error": error,
        "today": today_for(runner),
        "values": request.POST,
    }
    return render(request, "assessments/new.html", context, status=422 if error else 200)


def _bar(analysis: Any, side: str) -> dict[str, Any]:
    """Widths for one side's bar against its norm band, on a scale reaching 1.5 × the larger of norm and value."""
    value = getattr(analysis, side)
    reference = analysis.norm or analysis.target
    scale = max(filter(None, (value, reference, 1))) * 1.5 if value is not None else 1
    return {
        "value": value,
        "width": round(100 * (value or 0) / scale, 1),
        "norm": round(100 * reference / scale, 1) if reference else None,
        "percent": analysis.percent_of_norm.get(side) or analysis.percent_of_target.get(side),
        "involved": analysis.involved_side == side,
    }


@login_required
def detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    user = current_user(request)
    assessment = selectors.assessment_for(user, assessment_id)
    analyses, links = selectors.analysis_of(assessment)
    rows = [
        {
            "analysis": item,
            "test": BY_SLUG[item.test],
            "bars": [(side, _bar(item, side)) for side in ("left", "right")],
        }
        for item in analyses
    ]
    return render(
        request, "assessments/detail.html", {"assessment": assessment, "rows": rows, "links": links}
    )


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
    questionnaires = [
        {
            "code": code,
            "name": INSTRUMENTS[code].short_name,
            "max": INSTRUMENTS[code].max_score,
            "points": [{"date": item["date"].isoformat(), "score": item["score"]} for item in items],
        }
        for code, items in scores.items()
        if items
    ]
    data = json.dumps({"tests": charts, "questionnaires": questionnaires})
    return render(
        request,
        "assessments/history.html",
        {"runner": runner, "query": query, "charts": charts, "questionnaires": questionnaires, "data": data},
    )


def _norm_of(runner: User, slug: str) -> float | None:
    subject = selectors.subject_of(runner, today_for(runner))
    band = norm_for(BY_SLUG[slug], subject.age, subject.sex)
    return band.value if band else BY_SLUG[slug].runner_target


@login_required
def questionnaire(request: HttpRequest, code: str) -> HttpResponse:
    runner, query = runner_in_question(request)
    instrument = INSTRUMENTS.get(code)
    if instrument is None:
        raise NotFound("No such questionnaire.")
    error = None
    if request.method == "POST":
        answers = [request.POST.get(f"item-{item.number}", "") for item in instrument.items]
        try:
            response = services.submit_questionnaire(
                actor=current_user(request), code=code, answers=answers, runner_id=runner.pk
            )
        except InvalidInput as refusal:
            error = refusal.message
        else:
            result = next(
                item for item in selectors.response_history(runner, code) if item["id"] == response.pk
            )
            return render(
                request,
                "assessments/questionnaire_result.html",
                {"instrument": instrument, "result": result, "runner": runner, "query": query},
            )
    return render(request, "assessments/questionnaire.html", {"instrument": instrument, "error": error, "runner": runner, "query": query, "values": request.POST},
                  status=422 if error else 200)  # fmt: skip
