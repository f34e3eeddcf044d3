from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from footwork.accounts.models import User
from footwork.accounts.selectors import units_of
from footwork.activities import selectors, services, tasks
from footwork.activities.forms import RunEditForm, RunForm, ShoeForm, TimeConstantsForm, WindowForm
from footwork.activities.importers import RUN_SPORTS
from footwork.activities.load import (
    ACWR_CAVEAT,
    DEFAULT_TIME_CONSTANTS,
    TimeConstants,
)
from footwork.activities.models import Sport
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.rules import MAX_TIME_CONSTANT_DAYS
from footwork.core.units import distance_unit, from_km, pace_from_s_per_km, pace_unit
from footwork.core.views import HtmxRequest, current_user, runner_in_question
from footwork.progression.selectors import flare_up_starts, running_warnings

IMPORT_RESULTS = (
    ("imported", "imported"),
    ("duplicates", "duplicate"),
    ("skipped", "skipped"),
    ("refused", "refused"),
)
DEFAULT_DAYS = 28
LOAD_WEEKS = 12
MAX_DAYS = 366


# The services name a run's distance in km; the form takes it in the runner's units.
FORM_FIELDS = {"distance_km": "distance"}


def _refuse(form: RunForm | RunEditForm | ShoeForm, error: InvalidInput) -> None:
    """A service's refusal beside the field it names (or above the form)."""
    field = FORM_FIELDS.get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, error.message)


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    shoes = selectors.shoes_of(runner).filter(retired_on__isnull=True)
    form = RunForm(
        request.POST or None, shoes=shoes, units=units_of(runner), initial={"day": today_for(runner)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_manual_run(
                actor=current_user(request), runner_id=runner.pk, day=data["day"],
                duration_min=data["duration_min"], distance_km=data["distance_km"], rpe=data["rpe"],
                shoe_id=data["shoe"].pk if data["shoe"] else None, notes=data["notes"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, "Run saved.")
            return redirect(reverse("activities:runs") + query)
    # A refused run comes back with every answer and the message beside its field.
    context = _runs_context(request, runner, query, form)
    return render(request, "activities/runs.html", context, status=400 if form.errors else 200)


def _runs_context(request: HttpRequest, runner: User, query: str, form: RunForm) -> dict[str, object]:
    today = today_for(runner)
    window = WindowForm(request.GET)
    cleaned = window.cleaned_data if window.is_valid() else {}
    end = cleaned.get("end") or today
    start = cleaned.get("start") or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end or (end - start).days > MAX_DAYS:
        messages.error(request, "Choose a start before the end, at most a year apart.")
        start, end = today - timedelta(days=DEFAULT_DAYS - 1), today
    listed = list(selectors.runs_of(runner, start, end))
    return {
        "runner": runner, "query": query, "runs": listed, "start": start, "end": end, "today": today,
        "total_km": sum(run.distance_m for run in listed) / 1000, "form": form, "units": units_of(runner),
        # Safety first: a red flag or a stop not cleared is read before a run is logged.
        "warnings": running_warnings(runner),
    }  # fmt: skip


@login_required
@require_POST
def import_upload(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    uploads = [(upload.name or "upload", upload.chunks()) for upload in request.FILES.getlist("files")]
    try:
        batch = services.create_import_batch(actor=current_user(request), runner_id=runner.pk, files=uploads)
    except InvalidInput as error:
        messages.error(request, error.message)
        return redirect(reverse("activities:runs") + query)
    tasks.start_import(batch.pk)
    return redirect(reverse("activities:import", args=[batch.pk]))


@login_required
def import_status(request: HtmxRequest, batch_id: int) -> HttpResponse:
    batch = services.import_batch_visible_to(current_user(request), batch_id)
    query = "" if batch.runner_id == current_user(request).pk else f"?runner={batch.runner_id}"
    results = [
        (label, outcome) for kind, label in IMPORT_RESULTS for outcome in (batch.results or {}).get(kind, [])
    ]
    context = {"batch": batch, "query": query, "results": results}
    return render(
        request, "activities/import.html#status" if request.htmx else "activities/import.html", context
    )


@login_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = services.run_visible_to(current_user(request), run_id)
    query = "" if run.runner_id == current_user(request).pk else f"?runner={run.runner_id}"
    form = RunEditForm(request.POST or None, initial={"rpe": run.rpe, "notes": run.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_run(
                actor=current_user(request), run_id=run.pk, rpe=form.cleaned_data["rpe"],
                notes=form.cleaned_data["notes"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, "Run updated.")
            return redirect(reverse("activities:run", args=[run.pk]))
    units = units_of(run.runner)
    chart = selectors.track_chart(run)
    context = {
        "run": run,
        "query": query,
        "form": form,
        "chart": _track_chart_in(chart, units) if chart else None,
        "units": units,
        "sports": Sport.choices,
        "counts_as_run": run.sport in RUN_SPORTS,
    }
    return render(request, "activities/run.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def run_sport(request: HttpRequest, run_id: int) -> HttpResponse:
    """The run page's "what was it?" form: a run sport keeps it in load, another takes it out."""
    try:
        run = services.set_run_sport(
            actor=current_user(request), run_id=run_id, sport=request.POST.get("sport", "")
        )
    except InvalidInput as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Saved as: {run.get_sport_display()}.")
    return redirect(reverse("activities:run", args=[run_id]))


def _track_chart_in(chart: dict[str, list[float | None]], units: str) -> dict[str, object]:
    """The run chart's series with distance and pace in the runner's units, and the words of its axes."""
    return {
        "distance": [None if km is None else round(from_km(km, units), 3) for km in chart["km"]],
        "pace": [None if s is None else round(pace_from_s_per_km(s, units), 1) for s in chart["pace"]],
        "hr": chart["hr"],
        "altitude": chart["altitude"],
        "distance_unit": distance_unit(units),
        "pace_unit": pace_unit(units),
    }


def _time_constants(request: HttpRequest) -> TimeConstants:
    """The time constants asked for in the query string; the defaults, with the reason shown, when they are wrong."""
    form = TimeConstantsForm(request.GET)
    if not form.is_valid():
        messages.error(request, "Time constants are whole numbers of days; the defaults are shown.")
        return DEFAULT_TIME_CONSTANTS
    try:
        return selectors.time_constants(form.cleaned_data["fitness_days"], form.cleaned_data["fatigue_days"])
    except InvalidInput as error:
        messages.error(request, f"{error.message}; the defaults are shown.")
        return DEFAULT_TIME_CONSTANTS


@login_required
def running_load(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    today = today_for(runner)
    start = today - timedelta(days=today.weekday(), weeks=LOAD_WEEKS - 1)
    constants = _time_constants(request)
    report = selectors.load_report(runner, start, today, constants)
    units = units_of(runner)
    context = {
        "runner": runner, "query": query, "weeks": LOAD_WEEKS, "caveat": ACWR_CAVEAT, "constants": constants,
        "max_days": MAX_TIME_CONSTANT_DAYS, "units": units,
        "warnings": [replace(warning, message=warning.message_in(units)) for warning in report.warnings],
        "latest": report.daily[-1] if report.daily else None,
        "chart": selectors.load_chart(report, selectors.morning_pain(runner, start, today), units), "weekly": report.weekly,
    }  # fmt: skip
    return render(request, "activities/load.html", context)


@login_required
def shoes(request: HttpRequest) -> HttpResponse:
    runner, query = runner_in_question(request)
    form = ShoeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_shoe(
                actor=current_user(request), runner_id=runner.pk, brand=data["brand"], model=data["model"],
                drop_mm=data["drop_mm"], started_on=data["started_on"], is_default=data["is_default"],
            )  # fmt: skip
        except InvalidInput as error:
            _refuse(form, error)
        else:
            messages.success(request, "Shoes added.")
            return redirect(reverse("activities:shoes") + query)
    distances = selectors.shoe_distances(runner)
    pairs = [(shoe, distances.get(shoe.pk, 0.0)) for shoe in selectors.shoes_of(runner)]
    context = {
        "runner": runner, "query": query, "pairs": pairs, "form": form, "units": units_of(runner),
        "notes": selectors.shoe_drop_notes(runner, flare_up_starts(runner)),
    }  # fmt: skip
    return render(request, "activities/shoes.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def change_shoe(request: HttpRequest, shoe_id: int) -> HttpResponse:
    action = request.POST.get("action")
    if action not in {"retire", "default"}:
        raise NotFound("No such change.")
    user = current_user(request)
    try:
        shoe = services.update_shoe(
            actor=user, shoe_id=shoe_id, retire=action == "retire", make_default=action == "default"
        )
    except InvalidInput as error:
        messages.error(request, error.message)
        shoe = services.shoe_visible_to(user, shoe_id)
    else:
        messages.success(request, f"{shoe} retired." if action == "retire" else f"{shoe} is now the default.")
    query = "" if shoe.runner_id == user.pk else f"?runner={shoe.runner_id}"
    return redirect(reverse("activities:shoes") + query)
