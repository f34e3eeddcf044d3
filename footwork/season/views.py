"""The season page (races and the timeline of phases), a race's edit page and its result page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from footwork.accounts.models import User
from footwork.accounts.selectors import units_of
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput
from footwork.core.rules import PAIN_AMBER_MAX
from footwork.core.views import current_user, runner_in_question
from footwork.season import selectors, services
from footwork.season.forms import RaceForm, ResultForm
from footwork.season.models import Race
from footwork.season.times import time_words

# The service's field names as the forms name them.
_FORM_FIELDS = {"distance_km": "custom_km", "goal_seconds": "goal", "finish_seconds": "finish"}


def _refuse(form: forms.Form, error: InvalidInput) -> None:
    """A service's refusal beside the field it names (or above the form)."""
    field = _FORM_FIELDS.get(error.field or "", error.field)
    if field == "custom_km" and form.cleaned_data.get("distance") != "custom":
        field = "distance"
    form.add_error(field if field in form.fields else None, error.message)


def _query(user: User, runner: User) -> str:
    return "" if runner.pk == user.pk else f"?runner={runner.pk}"


def _season_url(user: User, race: Race) -> str:
    return reverse("season:season") + _query(user, race.runner)


@login_required
def season(request: HttpRequest) -> HttpResponse:
    """The runner's races, the form to add one, and the season's phases laid backwards from them."""
    runner, query = runner_in_question(request)
    form = RaceForm(request.POST or None, units=units_of(runner))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            race = services.add_race(
                actor=current_user(request), runner_id=runner.pk, name=data["name"], date=data["date"],
                distance_km=data["distance_km"], priority=data["priority"], goal_seconds=data["goal"],
                notes=data["notes"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, f"{race.name} added.")
            return redirect(reverse("season:season") + query)
    today = today_for(runner)
    plan = selectors.season_of(runner, today)
    context = {
        "runner": runner, "query": query, "form": form, "season_races": selectors.race_lines(runner, today),
        "phases": selectors.phase_lines(plan), "warnings": plan.warnings,
    }  # fmt: skip
    return render(request, "season/season.html", context, status=400 if form.errors else 200)


@login_required
def race(request: HttpRequest, race_id: int) -> HttpResponse:
    """Change a race; the page also deletes it and leads to its result."""
    user = current_user(request)
    found = selectors.race_for(user, race_id)
    units = units_of(found.runner)
    form = RaceForm(request.POST or None, initial=RaceForm.initial_of(found, units), units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_race(
                actor=user, race_id=found.pk, name=data["name"], date=data["date"],
                distance_km=data["distance_km"], priority=data["priority"], goal_seconds=data["goal"],
                notes=data["notes"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, "Race changed.")
            return redirect(_season_url(user, found))
    context = {
        "line": selectors.race_line(found, today_for(found.runner), units),
        "form": form,
        "runner": found.runner,
    }
    context["query"] = _query(user, found.runner)
    return render(request, "season/race.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def delete_race(request: HttpRequest, race_id: int) -> HttpResponse:
    user = current_user(request)
    found = selectors.race_for(user, race_id)
    services.delete_race(actor=user, race_id=found.pk)
    messages.success(request, f"{found.name} taken off the calendar.")
    return redirect(_season_url(user, found))


@login_required
def result(request: HttpRequest, race_id: int) -> HttpResponse:
    """How the race went; pain at the red line leads to the flare-up toolbox."""
    user = current_user(request)
    found = selectors.race_for(user, race_id)
    form = ResultForm(request.POST or None, initial=_result_initial(found) if found.recorded_at else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_result(
                actor=user, race_id=found.pk, finish_seconds=data["finish"], how_it_went=data["how_it_went"],
                pain_during=data["pain_during"], pain_after=data["pain_after"],
                next_morning=data["next_morning"], next_morning_pain=data["next_morning_pain"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, "Result saved.")
            return redirect(reverse("season:result", args=[found.pk]))
    today = today_for(found.runner)
    context = {
        "line": selectors.race_line(found, today, units_of(found.runner)), "form": form, "runner": found.runner,
        "query": _query(user, found.runner), "red_pains": selectors.red_line_pains(found),
        "red_line": PAIN_AMBER_MAX + 1, "open": found.date <= today,
    }  # fmt: skip
    return render(request, "season/result.html", context, status=400 if form.errors else 200)


def _result_initial(race: Race) -> dict[str, object]:
    return {
        "finish": time_words(race.finish_seconds) if race.finish_seconds else "",
        "how_it_went": race.how_it_went,
        "pain_during": race.pain_during,
        "pain_after": race.pain_after,
        "next_morning_pain": race.next_morning_pain,
        "next_morning": race.next_morning,
    }
