from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from footwork.accounts.models import User
from footwork.assessments.selectors import retest_due
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.views import current_user, runner_in_question
from footwork.exercises.models import Exercise
from footwork.programs.models import ProgramSession
from footwork.programs.selectors import plan_for
from footwork.progression.services import active_flare_up, latest_referral, refresh_recommendations
from footwork.training import selectors, services
from footwork.training.domain import AMOUNT_FIELDS, SetEntry
from footwork.training.forms import CheckinForm


def _runner_only(user: User) -> User:
    if not user.is_runner:
        raise NotAllowed("This page is for runners; coaches see their runners from the roster.")
    return user


@login_required
def today(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if user.is_coach:
        return redirect("coaching:roster")
    view = selectors.today_view(user)
    checkin = view["checkin"]
    initial = {"pain": checkin.pain, "stiffness": checkin.stiffness, "note": checkin.note} if checkin else {}
    context = {
        **view,
        "checkin_form": CheckinForm(initial=initial),
        "retest_due": retest_due(user),
        "recommendations": refresh_recommendations(user),
        "flare": active_flare_up(user),
        "referral": latest_referral(user),
    }
    return render(request, "training/today.html", context)


@login_required
@require_POST
def checkin(request: HttpRequest) -> HttpResponse:
    user = _runner_only(current_user(request))
    form = CheckinForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pain and stiffness are whole numbers from 0 to 10.")
        return redirect("training:today")
    try:
        services.check_in(
            actor=user,
            client_uuid=form.cleaned_data["client_uuid"],
            pain=form.cleaned_data["pain"],
            stiffness=form.cleaned_data["stiffness"],
            note=form.cleaned_data["note"],
        )
    except InvalidInput as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Morning check-in saved.")
    return redirect("training:today")


def _int(value: str | None) -> int | None:
    if value is None or value.strip() == "":
        return None
    try:
        return int(value)
    except ValueError as error:
        raise InvalidInput(f"{value!r} is not a whole number") from error


def _decimal(value: str | None) -> float | None:
    if value is None or value.strip() == "":
        return None
    try:
        return float(Decimal(value))
    except InvalidOperation as error:
        raise InvalidInput(f"{value!r} is not a number") from error


def entries_from_form(data: QueryDict, prescriptions: list[dict[str, Any]]) -> list[SetEntry]:
    """Set entries from the player's inputs `e-<prescription>-<set>-<side>-<field>`; untouched sets are not logged."""
    entries = []
    for item in prescriptions:
        sides = ("left", "right") if item["per_side"] else ("both",)
        for number in range(1, item["sets"] + 1):
            for side in sides:
                prefix = f"e-{item['id']}-{number}-{side}-"
                values = {name: _int(data.get(prefix + name)) for name in (*AMOUNT_FIELDS, "pain_during")}
                if all(values[name] is None for name in AMOUNT_FIELDS):
                    continue
                entries.append(
                    SetEntry(
                        item["id"],
                        item["this_week"]["exercise"],
                        number,
                        side,
                        values["reps"],
                        values["hold_seconds"],
                        values["jumps"],
                        _decimal(data.get(prefix + "load_kg")),
                        values["pain_during"],
                    )
                )
    return entries


@login_required
def player(request: HttpRequest, plan_id: int, session_id: int, day: str) -> HttpResponse:
    """The session player: one form, made step by step with timers by player.js."""
    user = _runner_only(current_user(request))
    plan = plan_for(user, plan_id)
    if plan.runner_id != user.pk:
        raise NotFound("No such plan.")
    session = ProgramSession.objects.filter(pk=session_id, phase__program=plan.program).first()
    try:
        scheduled = date.fromisoformat(day)
    except ValueError as error:
        raise NotFound("No such session.") from error
    if session is None:
        raise NotFound("No such session.")
    todo = selectors.session_to_do(user, plan, session, scheduled)
    if todo["dated"] is None:
        raise NotFound("No such session on that day.")
    refusal_message = None
    if request.method == "POST":
        try:
            saved = services.log_session(
                actor=user,
                client_uuid=request.POST.get("client_uuid"),
                entries=entries_from_form(request.POST, todo["prescriptions"]),
                plan_id=plan.pk,
                session_id=session.pk,
                scheduled_date=scheduled,
                rpe=_int(request.POST.get("rpe")),
                pain_after=_int(request.POST.get("pain_after")),
            )
        except (InvalidInput, NotFound) as refusal:
            refusal_message = refusal.message
        else:
            messages.success(
                request, "Session logged. Well done!" if saved.created else "This session was already logged."
            )
            return redirect("training:today")
    exercises = {
        item.slug: item
        for item in Exercise.objects.filter(
            slug__in={p["this_week"]["exercise"] for p in todo["prescriptions"]}
        )
    }
    steps = [
        {
            "item": item,
            "exercise": exercises[item["this_week"]["exercise"]],
            "sets": [
                {"number": number, "side": side, "prefix": f"e-{item['id']}-{number}-{side}-"}
                for number in range(1, item["sets"] + 1)
                for side in (("left", "right") if item["per_side"] else ("both",))
            ],
            # Heel raises get the metronome: the heel-raise test and HSR are paced by a beat.
            "metronome": item["kind"] == "reps" and "heel-raise" in item["this_week"]["exercise"],
        }
        for item in todo["prescriptions"]
    ]
    context = {
        "plan": plan,
        "session": session,
        "scheduled": scheduled,
        "steps": steps,
        "error": refusal_message,
        "client_uuid": request.POST.get("client_uuid") or uuid.uuid4(),
        "timer_cap": settings.FOOTWORK_TIMER_CAP_SECONDS or "",
        "painful_area": user.runner_profile.get_painful_area_display(),
    }
    return render(request, "training/player.html", context, status=422 if refusal_message else 200)


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    runner, _query = runner_in_question(request)
    picture = selectors.training_picture(runner)
    month = request.GET.get("month", "")
    try:
        year, number = (
            (int(part) for part in month.split("-")) if month else (picture.today.year, picture.today.month)
        )
        date(year, number, 1)
    except ValueError as error:
        raise NotFound("No such month.") from error
    done_exercises = Exercise.objects.filter(pk__in=selectors.exercises_logged(runner)).order_by("name")
    context = {
        "runner": runner,
        "weeks": picture.adherence(8),
        "streaks": picture.streaks(),
        "calendar": selectors.month_calendar(runner, year, number),
        "month": date(year, number, 1),
        "previous": date(year - (number == 1), 12 if number == 1 else number - 1, 1),
        "next": date(year + (number == 12), 1 if number == 12 else number + 1, 1),
        "exercises": done_exercises,
        "runner_query": f"runner={runner.pk}&" if runner != current_user(request) else "",
    }
    return render(request, "training/progress.html", context)


@login_required
def exercise_progress(request: HttpRequest, slug: str) -> HttpResponse:
    runner, _query = runner_in_question(request)
    exercise = Exercise.objects.filter(slug=slug).first()
    if exercise is None:
        raise NotFound("No such exercise.")
    history = selectors.exercise_history(runner, slug)
    metric = {"hold_seconds": "best_hold", "reps": "reps", "jumps": "jumps"}[exercise.dose_kind]
    chart = {
        "labels": [row["date"].isoformat() for row in history],
        "left": [row["left"][metric] or None for row in history],
        "right": [row["right"][metric] or None for row in history],
        "both": [row["both"][metric] or None for row in history],
        "metric": {"best_hold": "Best hold (s)", "reps": "Total reps", "jumps": "Total jumps"}[metric],
    }
    return render(
        request,
        "training/exercise_progress.html",
        {"runner": runner, "exercise": exercise, "history": history, "chart": chart, "metric": metric},
    )
