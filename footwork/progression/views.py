from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from footwork.accounts.models import User
from footwork.accounts.selectors import coach_of
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.views import coach_required, current_user, runner_in_question
from footwork.core.wording import amount_label, day_label
from footwork.exercises.models import Exercise
from footwork.progression import services
from footwork.progression.flareup import (
    AREAS,
    FlarePlan,
    RedFlag,
    questions_for,
    referral_wording,
    toolbox_document,
)
from footwork.progression.models import Recommendation, RecommendationStatus
from footwork.progression.selectors import open_stops, referrals_in_force
from footwork.season.selectors import recovery_context
from footwork.training.selectors import summaries_between, training_picture


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def accept(request: HttpRequest, rec_id: int) -> HttpResponse:
    rec = services.accept_recommendation(actor=current_user(request), rec_id=rec_id)
    messages.success(
        request,
        f"Accepted: {rec.decision}."
        + (
            " The plan is updated and the change is in its history."
            if rec.decision in {"progress", "regress", "hold"} and rec.kind == "exercise"
            else ""
        ),
    )
    return _back(request, "training:today")


@login_required
@require_POST
def dismiss(request: HttpRequest, rec_id: int) -> HttpResponse:
    services.dismiss_recommendation(actor=current_user(request), rec_id=rec_id)
    messages.success(request, "Dismissed.")
    return _back(request, "training:today")


@login_required
def flare_up(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    active = services.active_flare_up(runner)
    ready, reason = services.exit_status(active) if active is not None else (False, "")
    context = {
        "runner": runner,
        "query": query,
        "areas": AREAS,
        "active": active,
        "referrals": referrals_in_force(runner),
        "stops": open_stops(runner),
        "active_area": AREAS.get(active.area, "Painful area") if active else "",
        "self_guided": coach_of(runner) is None,
        "exit_ready": ready,
        "exit_reason": reason,
        **_recovery(request, runner),
    }
    return render(request, "progression/flare_up.html", context)


def _recovery(request: HttpRequest, runner: User) -> dict[str, object]:
    """The race recovery a flare-up falls in (CLINICAL §6.4), in the runner's words or, for their coach, a coach's."""
    context = recovery_context(runner)
    if context is None:
        return {"recovery": None, "recovery_note": ""}
    coach = runner.pk != current_user(request).pk
    return {"recovery": context, "recovery_note": context.coach_note if coach else context.note}


@login_required
def screening(request: HttpRequest, area: str) -> HttpResponse:
    runner, query = runner_in_question(request)
    if area not in AREAS:
        raise NotFound("No such area.")
    questions = questions_for(area)
    error = None
    if request.method == "POST":
        answers = {
            flag.code: request.POST.get(flag.code) == "yes"
            for flag in questions
            if request.POST.get(flag.code) in {"yes", "no"}
        }
        try:
            flare, result = services.start_flare_up(
                actor=current_user(request), area=area, answers=answers, runner_id=runner.pk
            )
        except InvalidInput as refusal:
            error = refusal.message
        else:
            return render(
                request,
                "progression/flare_result.html",
                {
                    "result": result,
                    "flare": flare,
                    "plan_result": isinstance(result, FlarePlan),
                    "exercises": _toolbox_items(result) if isinstance(result, FlarePlan) else [],
                    "runner": runner,
                    "query": query,
                    **_recovery(request, runner),
                },
            )
    context = {
        "area": area,
        "area_name": AREAS[area],
        "questions": questions,
        "offline_referral": _offline_referral(questions),
        "error": error,
        "runner": runner,
        "query": query,
        **_recovery(request, runner),
    }
    return render(request, "progression/screening.html", context, status=422 if error else 200)


def _offline_referral(questions: Sequence[RedFlag]) -> dict[str, Any]:
    """What the screening page needs to show a referral with no signal: each question's urgency and why, and the
    message's words around them (flareup.referral_wording, the server's own)."""
    return {
        "flags": {
            flag.code: {"question": flag.question, "urgency": flag.urgency, "why": flag.why}
            for flag in questions
        },
        "wording": {urgency: referral_wording(urgency) for urgency in ("today", "soon")},
    }


def _toolbox_items(result: FlarePlan) -> list[dict[str, str]]:
    """The toolbox's exercises in words: name and dosage, never a slug or a dose kind."""
    entries = result.toolbox.exercises
    names = dict(Exercise.objects.filter(slug__in={e.exercise for e in entries}).values_list("slug", "name"))
    return [
        {
            "name": names.get(entry.exercise, entry.exercise.replace("-", " ").capitalize()),
            "dosage": f"{entry.sets} sets × {amount_label(entry.kind, entry.amount)}"
            + (" each side" if entry.per_side else ""),
            "notes": entry.notes,
        }
        for entry in entries
    ]


@login_required
@require_POST
def end_flare(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    try:
        services.end_flare_up(actor=current_user(request), runner_id=runner.pk)
    except InvalidInput as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, "Back to the main plan, one step below where you were on the affected exercises."
        )
    return redirect("training:today" if not query else "coaching:runner", *([] if not query else [runner.pk]))


def _clearance(request: HttpRequest) -> tuple[str, date | None]:
    raw = request.POST.get("seen_on", "").strip()
    try:
        seen_on = date.fromisoformat(raw) if raw else None
    except ValueError as error:
        raise InvalidInput("The date a clinician saw you is not a date.", field="seen_on") from error
    return request.POST.get("note", "")[:1000], seen_on


@login_required
@require_POST
def clear_referral(request: HttpRequest, flare_id: int) -> HttpResponse:
    """The coach clears a red flag with a note; a self-guided runner confirms they saw a clinician."""
    try:
        note, seen_on = _clearance(request)
        flare = services.clear_referral(
            actor=current_user(request), flare_id=flare_id, note=note, seen_on=seen_on
        )
    except (InvalidInput, NotAllowed) as refusal:
        messages.error(request, f"Not cleared: {refusal.message}")
    else:
        messages.success(request, f"Cleared: training of this area can resume. Kept: {flare.cleared_note}")
    return _back(request, "progression:flare_up")


@login_required
@require_POST
def clear_stop(request: HttpRequest, rec_id: int) -> HttpResponse:
    """Lift a stop: the coach with a note, or a self-guided runner who saw a clinician."""
    try:
        note, seen_on = _clearance(request)
        services.clear_stop(actor=current_user(request), rec_id=rec_id, note=note, seen_on=seen_on)
    except (InvalidInput, NotAllowed) as refusal:
        messages.error(request, f"Not cleared: {refusal.message}")
    else:
        messages.success(request, "Cleared: the exercise is back in the plan, and the note is kept.")
    return _back(request, "training:today")


@login_required
def review(request: HttpRequest) -> HttpResponse:
    """The week: pain during, after and in the morning beside adherence and the decisions taken."""
    runner, query = runner_in_question(request)
    today = today_for(runner)
    days = [today - timedelta(days=offset) for offset in range(6, -1, -1)]
    summaries = summaries_between(runner, days[0], days[-1])
    chart = {
        "labels": [day_label(day) for day in days],
        "during": [getattr(summaries.get(day), "pain_during", None) for day in days],
        "after": [getattr(summaries.get(day), "pain_after", None) for day in days],
        "morning": [getattr(summaries.get(day), "morning_pain", None) for day in days],
    }
    decisions = (
        Recommendation.objects.filter(runner=runner, decided_at__date__gte=days[0])
        .exclude(status=RecommendationStatus.OPEN)
        .select_related("prescription__exercise", "decided_by")
    )
    context = {
        "runner": runner,
        "query": query,
        "chart": chart,
        "week": training_picture(runner).adherence(1)[0],
        "decisions": decisions,
        "days": days,
    }
    return render(request, "progression/review.html", context)


@coach_required
def toolbox(request: HttpRequest) -> HttpResponse:
    """A coach's own version of each area's toolbox, written as YAML and checked like the shipped file."""
    coach = current_user(request)
    current = services.toolboxes_for(coach)
    error = None
    if request.method == "POST":
        area = request.POST.get("area", "")
        try:
            services.save_toolbox(actor=coach, area=area, text=request.POST.get("content", ""))
        except InvalidInput as problem:
            error = f"{AREAS.get(area, 'Toolbox')}: not saved: {problem.message}"
        else:
            messages.success(request, f"{AREAS[area]} toolbox saved for your runners.")
            return redirect("progression:toolbox")
    texts = {
        area: yaml.safe_dump(toolbox_document(item), sort_keys=False, allow_unicode=True)
        for area, item in current.items()
    }
    return render(
        request,
        "progression/toolbox.html",
        {"texts": texts, "areas": AREAS, "error": error},
        status=422 if error else 200,
    )
