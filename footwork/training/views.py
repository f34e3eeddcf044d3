from __future__ import annotations

import uuid
from dataclasses import replace
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
from footwork.core.limits import READABLE_DATES
from footwork.core.views import current_user, runner_in_question
from footwork.exercises.models import Exercise
from footwork.exercises.selectors import media_by_exercise, visible_exercises
from footwork.programs.models import Prescription, ProgramSession
from footwork.programs.selectors import plan_for
from footwork.progression.selectors import referral_area_names, runner_day
from footwork.season.selectors import next_race_line, today_card
from footwork.training import selectors, services
from footwork.training.domain import AMOUNT_FIELDS, DayExercise, SetEntry
from footwork.training.forms import CheckinForm
from footwork.training.selectors import released_today
from footwork.workshops.selectors import today_cards


def _runner_only(user: User) -> User:
    if not user.is_runner:
        raise NotAllowed("This page is for runners; coaches see their runners from the roster.")
    return user


@login_required
def today(request: HttpRequest) -> HttpResponse:
    """The runner's day: safety first, the morning check-in, one session, what the symptoms say."""
    user = current_user(request)
    if user.is_coach:
        return redirect("coaching:roster")
    day = runner_day(user)
    view = selectors.today_view(user, day.picture)
    context = {
        **view,
        "day": day,
        "session": day.session,
        "summary": day.summary,
        "checkin_form": CheckinForm.for_runner(user, view["checkin"]),
        "runner": user,
        "retest_due": retest_due(user),
        "flare": day.flare_up,
        "referrals": day.referrals,
        "referral_areas": referral_area_names(day.referrals),
        "released": released_today(day.picture),
        "next_race": next_race_line(user, view["today"]),
        "season_today": today_card(user, view["today"], recommendations=day.recommendations),
        # Each workshop the runner is in: the newest unlocked lesson not read yet, and recent announcements.
        "workshop_cards": today_cards(user, view["today"]),
    }
    return render(request, "training/today.html", context)


@login_required
@require_POST
def checkin(request: HttpRequest) -> HttpResponse:
    """Save the morning check-in; a refusal shows the check-in again, every answer kept, the reason by its field."""
    user = _runner_only(current_user(request))
    form = CheckinForm.for_runner(user, data=request.POST)
    if form.is_valid():
        answers = form.cleaned_data
        try:
            services.check_in(
                actor=user,
                client_uuid=answers["client_uuid"],
                pain=answers.get("pain"),
                stiffness=answers.get("stiffness"),
                areas=form.area_answers(),
                note=answers["note"],
            )
        except InvalidInput as error:
            form.add_error(form.field_of(error.field), error.message)
        else:
            messages.success(request, "Morning check-in saved.")
            return redirect("training:today")
    # Today's page is not rebuilt here: the check-in card alone, on a small page that posts to this view again.
    context = {"checkin": None, "checkin_form": form, "runner": user}
    return render(request, "training/checkin.html", context, status=422)


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
                entries=entries_from_form(
                    request.POST, todo["prescriptions"]
                ),  # held-back ones have no inputs
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
    reasons = dict(
        Prescription.objects.filter(pk__in=[p["id"] for p in todo["prescriptions"]])
        .exclude(held_back_reason="")
        .values_list("pk", "held_back_reason")
    )
    offered = [item for item in todo["prescriptions"] if item["id"] not in reasons]
    instead = selectors.instead_of(
        [
            (item["this_week"]["exercise"], reasons[item["id"]])
            for item in todo["prescriptions"]
            if item["id"] in reasons
        ]
    )
    held_back = [
        {
            "name": exercises[item["this_week"]["exercise"]].name,
            "reason": reasons[item["id"]],
            "instead": what,
        }
        for item, what in zip(
            (item for item in todo["prescriptions"] if item["id"] in reasons), instead, strict=True
        )
    ]
    page = {
        "title": session.name,
        "subtitle": plan.program.name,
        "scheduled": scheduled,
        "adaptation": todo["adaptation"],
        "rested": [{"name": doc["exercise_name"], "reason": doc["rested_reason"]} for doc in todo["rested"]],
        # Offline, offline.js sends the player's sets to the API later (the same service as this view).
        "offline": {
            "url": "/api/v1/session-logs",
            "dated_session": {"plan": plan.pk, "session": session.pk, "scheduled_date": day},
        },
    }
    return _render_player(request, user, page, _steps(offered, exercises, user), held_back, refusal_message)


def _render_player(
    request: HttpRequest,
    user: User,
    page: dict[str, Any],
    steps: list[dict[str, Any]],
    held_back: list[dict[str, str]],
    error: str | None,
) -> HttpResponse:
    """The player page, for one plan's session or the day's merged one; a refusal answers 422 with the reason."""
    context = {
        **page,
        "steps": steps,
        "held_back": held_back,
        "error": error,
        "client_uuid": request.POST.get("client_uuid") or uuid.uuid4(),
        "timer_cap": settings.FOOTWORK_TIMER_CAP_SECONDS or "",
        "painful_area": _area_words(user),
    }
    return render(request, "training/player.html", context, status=422 if error else 200)


def _steps(todo: list[dict[str, Any]], exercises: dict[str, Exercise], runner: User) -> list[dict[str, Any]]:
    # The coach's photos and videos of every exercise of the session, in one query.
    media = media_by_exercise(runner, [exercise.pk for exercise in exercises.values()])
    return [
        {
            "item": item,
            "exercise": exercises[item["this_week"]["exercise"]],
            "media": media[exercises[item["this_week"]["exercise"]].pk],
            "sets": [
                {"number": number, "side": side, "prefix": f"e-{item['id']}-{number}-{side}-"}
                for number in range(1, item["sets"] + 1)
                for side in (("left", "right") if item["per_side"] else ("both",))
            ],
            # Heel raises get the metronome: the heel-raise test and HSR are paced by a beat.
            "metronome": item["kind"] == "reps" and "heel-raise" in item["this_week"]["exercise"],
            "plans": item.get("plans", ()),
        }
        for item in todo
    ]


@login_required
def day_player(request: HttpRequest, day: str) -> HttpResponse:
    """The day's one session, every plan's part merged; held-back exercises are skipped with their reason."""
    user = _runner_only(current_user(request))
    try:
        scheduled = date.fromisoformat(day)
    except ValueError as error:
        raise NotFound("No such day.") from error
    session = selectors.day_session(user, day=scheduled)
    if not session.items:
        raise NotFound("No session on that day.")
    todo = [_day_item(item) for item in session.offered]
    refusal_message = None
    if request.method == "POST":
        try:
            entries = [
                replace(entry, prescription_id=None) for entry in entries_from_form(request.POST, todo)
            ]
            services.log_day(
                actor=user,
                client_uuid=request.POST.get("client_uuid"),
                entries=entries,
                day=scheduled,
                rpe=_int(request.POST.get("rpe")),
                pain_after=_int(request.POST.get("pain_after")),
            )
        except (InvalidInput, NotFound) as refusal:
            refusal_message = refusal.message
        else:
            messages.success(request, "Session logged. Well done!")
            return redirect("training:today")
    exercises = {
        item.slug: item
        for item in Exercise.objects.filter(slug__in={i.chosen.exercise for i in session.exercises})
    }
    held = [item for item in session.exercises if item.held_back]
    instead = selectors.instead_of([(item.chosen.exercise, item.held_back_reason) for item in held])
    held_back = [
        {"name": item.chosen.name, "reason": item.held_back_reason, "instead": what}
        for item, what in zip(held, instead, strict=True)
    ]
    page = {
        "title": "Today's session",
        "subtitle": " and ".join(dict.fromkeys(item.plan.program.name for item in session.items)),
        "scheduled": scheduled,
        "adaptation": session.adaptation,
        "rested": [{"name": item.chosen.name, "reason": item.rested_reason} for item in session.rested],
        "offline": {"url": "/api/v1/today/session", "date": day},
    }
    return _render_player(request, user, page, _steps(todo, exercises, user), held_back, refusal_message)


def _day_item(item: DayExercise) -> dict[str, Any]:
    """A merged exercise in the shape the player's form reads (prescription_document's)."""
    chosen = item.chosen
    return {
        "id": chosen.prescription_id,
        "sets": chosen.sets,
        "kind": chosen.kind,
        "per_side": chosen.per_side,
        "unit": "",
        "dosage": chosen.dosage,
        "rest_seconds": chosen.rest_seconds,
        "tempo": "",
        "notes": "",
        "load_kg": None,
        "this_week": {"exercise": chosen.exercise, "amount": chosen.amount, "load_kg": None},
        "plans": item.plan_names if len(item.parts) > 1 else (),
    }


def _area_words(user: User) -> str:
    profile = getattr(user, "runner_profile", None)
    words = getattr(profile, "painful_area_names", "") if profile is not None else ""
    return str(words or "")


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
    first, last = READABLE_DATES.window(picture.today)
    # Also keeps the links to the month before and after inside the calendar (9999-12 has no next month).
    if not first.replace(day=1) <= date(year, number, 1) <= last:
        raise NotFound(f"No such month: progress goes from {first:%B %Y} to {last:%B %Y}.")
    done_exercises = Exercise.objects.filter(pk__in=selectors.exercises_logged(runner)).order_by("name")
    context = {
        "runner": runner,
        "weeks": picture.adherence(8),
        "streaks": picture.streaks(),
        "calendar": selectors.month_calendar(runner, year, number, picture),
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
    # Another coach's private exercise is not there for this runner, not even its name.
    exercise = visible_exercises(runner).filter(slug=slug).first()
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
