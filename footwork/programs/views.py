from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from footwork.accounts.models import User
from footwork.accounts.selectors import clients_of
from footwork.core.clock import today_for
from footwork.core.errors import FootworkError, InvalidInput, NotFound
from footwork.core.views import coach_required, current_user
from footwork.core.wording import day_label
from footwork.exercises.selectors import visible_exercises
from footwork.programs import selectors, services
from footwork.programs.forms import (
    EnrollForm,
    OverrideForm,
    PhaseForm,
    PlanChangeForm,
    PrescriptionForm,
    ProgramForm,
    SessionForm,
)
from footwork.programs.handout import handout_html, handout_pdf
from footwork.programs.models import Phase, Plan, PlanStatus, Prescription, Program, ProgramSession
from footwork.progression.selectors import open_recommendations, summarise


def _enroll_form(user: User, data: Any = None) -> EnrollForm:
    form = EnrollForm(data, initial={"start_date": today_for(user)})
    if user.is_coach:
        runner_field = form.fields["runner"]
        assert isinstance(runner_field, forms.TypedChoiceField)
        runner_field.choices = [(runner.pk, runner.display_name) for runner in clients_of(user)]
        runner_field.required = True
    else:
        del form.fields["runner"]
    return form


def _offer_replace(form: EnrollForm, offered: bool) -> None:
    """The replace box shows once an enrolment was refused for a plan of the program already running."""
    if not offered:
        form.fields["replace"].widget = forms.HiddenInput()


@login_required
def program_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    programs = selectors.visible_templates(user).order_by("owner_id", "name")
    plans = selectors.plans_visible_to(user).select_related("program", "runner").order_by("-start_date")[:20]
    return render(request, "programs/list.html", {"programs": programs, "plans": plans})


@login_required
def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    program = selectors.template_for(user, slug)
    form = _enroll_form(user, request.POST or None)
    offered = bool(form.is_bound and request.POST.get("replace") in {"on", "True", "true"})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.enroll(
                actor=user,
                program_slug=slug,
                start_date=form.cleaned_data["start_date"],
                runner_id=form.cleaned_data.get("runner"),
                replace=form.cleaned_data["replace"],
            )
        except InvalidInput as error:
            form.add_error("replace" if error.field == "replace" else None, error.message)
            offered = offered or error.field == "replace"
        else:
            starts = day_label(plan.start_date, today_for(plan.runner))
            messages.success(request, f"Enrolled in {program.name} from {starts}.")
            return redirect("programs:plan", plan_id=plan.pk)
    _offer_replace(form, offered)
    document = selectors.program_document(program)
    return render(
        request,
        "programs/detail.html",
        {"program": program, "document": document, "form": form, "can_edit": program.owner_id == user.pk},
    )


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = current_user(request)
    plan = selectors.plan_for(user, plan_id)
    today = today_for(plan.runner)
    schedule = selectors.in_window(
        selectors.plan_schedule(plan), today - timedelta(days=2), today + timedelta(days=13)
    )
    sessions = {item.pk: item for item in ProgramSession.objects.filter(phase__program=plan.program)}
    context = {
        "plan": plan,
        "document": selectors.plan_document(plan),
        "schedule": [(item, sessions[item.session_id]) for item in schedule],
        "today": today,
        "changes": list(plan.changes.select_related("actor__coach_profile")[:30]),
        "shared": selectors.shared_exercises(plan),
        "change_form": PlanChangeForm(),
        "summary": summarise([rec for rec in open_recommendations(plan.runner) if rec.plan_id == plan.pk])
        if plan.status == PlanStatus.ACTIVE
        else [],
    }
    return render(request, "programs/plan.html", context)


@login_required
@require_POST
def plan_override(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = current_user(request)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a date to move to, or skip with a reason.")
        return redirect("programs:plan", plan_id=plan_id)
    data = form.cleaned_data
    try:
        if data["skip"]:
            services.skip_session(
                actor=user,
                plan_id=plan_id,
                session_id=data["session"],
                original_date=data["scheduled_date"],
                reason=data["reason"],
            )
        elif data["new_date"]:
            services.move_session(
                actor=user,
                plan_id=plan_id,
                session_id=data["session"],
                original_date=data["scheduled_date"],
                new_date=data["new_date"],
                reason=data["reason"],
            )
        else:
            raise InvalidInput("Choose a date to move to, or tick skip and give a reason.")
    except InvalidInput as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Schedule updated.")
    return redirect("programs:plan", plan_id=plan_id)


PLAN_CHANGES: dict[str, tuple[Callable[..., Plan], str]] = {
    "pause": (services.pause_plan, "Plan paused: its sessions are off your schedule until you resume it."),
    "resume": (services.resume_plan, "Plan resumed."),
    "end": (services.end_plan, "Plan ended; its history and logs are kept."),
}


@login_required
@require_POST
def plan_change(request: HttpRequest, plan_id: int, change: str) -> HttpResponse:
    """Pause, resume or end a plan, with an optional why."""
    user = current_user(request)
    selectors.plan_for(user, plan_id)
    form = PlanChangeForm(request.POST)
    service, done = PLAN_CHANGES[change]
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("why", [])))
        return redirect("programs:plan", plan_id=plan_id)
    try:
        service(actor=user, plan_id=plan_id, why=form.cleaned_data["why"])
    except InvalidInput as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("programs:plan", plan_id=plan_id)


@login_required
def plan_print(request: HttpRequest, plan_id: int) -> HttpResponse:
    return HttpResponse(handout_html(selectors.plan_for(current_user(request), plan_id)))


@login_required
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_for(current_user(request), plan_id)
    response = HttpResponse(handout_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="footwork-plan-{plan.pk}.pdf"'
    return response


# --- Builder ---------------------------------------------------------------------------------------------------


def _program_to_build(user: User, slug: str | None, plan_id: int | None) -> tuple[Program, Plan | None]:
    if plan_id is not None:
        plan = selectors.plan_for(user, plan_id)
        return plan.program, plan
    program = Program.objects.filter(slug=slug, is_template=True, owner=user).first()
    if program is None:
        raise NotFound(
            "No such program of yours (shipped programs are read-only: enrol, then tailor the plan)."
        )
    return program, None


def _builder(request: HttpRequest, slug: str | None = None, plan_id: int | None = None) -> HttpResponse:
    user = current_user(request)
    program, plan = _program_to_build(user, slug, plan_id)
    if request.method == "POST":
        try:
            _builder_action(user, program, request.POST)
        except FootworkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Saved.")
        return redirect(request.path)
    program = (
        selectors.template_for(user, program.slug)
        if plan is None
        else selectors.with_tree(Program.objects.filter(pk=program.pk)).get()
    )
    context = {
        "program": program,
        "plan": plan,
        "phase_form": PhaseForm(),
        "session_form": SessionForm(),
        "exercises": visible_exercises(user).order_by("name"),
    }
    return render(request, "programs/builder.html", context)


def _posted_id(data: Any, name: str) -> int:
    """An id from the builder's hidden inputs: digits, or 400 (a broken or hand-made form; int() would be a 500)."""
    value = str(data.get(name, "")).strip()
    # 18 digits stay below 2**63, the largest id a database holds.
    if not re.fullmatch(r"[0-9]{1,18}", value):
        raise BadRequest(f"{name}: expected an id (digits), not {value[:20]!r}.")
    return int(value)


def _builder_action(user: User, program: Program, data: Any) -> None:
    action = data.get("action")
    why = data.get("why", "")
    if action == "add_phase":
        phase_form = PhaseForm(data)
        if not phase_form.is_valid():
            raise InvalidInput("Check the phase: a name, 1-52 weeks, weekdays or every N days.")
        values = phase_form.cleaned_data
        services.add_phase(
            actor=user,
            program=program,
            name=values["name"],
            weeks=values["weeks"],
            weekdays=values["weekdays"],
            every_days=values["every_days"],
        )
    elif action == "add_session":
        session_form = SessionForm(data)
        phase = get_object_or_404(Phase, pk=_posted_id(data, "phase"), program=program)
        if not session_form.is_valid():
            raise InvalidInput("A session needs a name and 1-120 minutes.")
        values = session_form.cleaned_data
        services.add_session(actor=user, phase=phase, name=values["name"], minutes=values["minutes"])
    elif action == "add_prescription":
        session = get_object_or_404(ProgramSession, pk=_posted_id(data, "session"), phase__program=program)
        slug = data.get("exercise", "").strip()
        services.add_prescription(actor=user, session=session, exercise_slug=slug, values={}, why=why)
    elif action == "edit_prescription":
        item = get_object_or_404(
            Prescription, pk=_posted_id(data, "prescription"), session__phase__program=program
        )
        dose_form = PrescriptionForm(data)
        if not dose_form.is_valid():
            field, errors = next(iter(dose_form.errors.items()))
            raise InvalidInput(f"{field}: {' '.join(str(error) for error in errors)}")
        changes = {key: value for key, value in dose_form.cleaned_data.items() if key != "why"}
        services.update_prescription(
            actor=user, prescription_id=item.pk, changes=changes, why=dose_form.cleaned_data["why"]
        )
    elif action == "remove_phase":
        services.remove_item(
            actor=user, item=get_object_or_404(Phase, pk=_posted_id(data, "item"), program=program), why=why
        )
    elif action == "remove_session":
        session = get_object_or_404(ProgramSession, pk=_posted_id(data, "item"), phase__program=program)
        services.remove_item(actor=user, item=session, why=why)
    elif action == "remove_prescription":
        prescription = get_object_or_404(
            Prescription, pk=_posted_id(data, "item"), session__phase__program=program
        )
        services.remove_item(actor=user, item=prescription, why=why)
    else:
        raise InvalidInput("Unknown action.")


@coach_required
def program_create(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = services.create_program(actor=current_user(request), **form.cleaned_data)
        return redirect("programs:build", slug=program.slug)
    return render(request, "programs/new.html", {"form": form})


@coach_required
def program_build(request: HttpRequest, slug: str) -> HttpResponse:
    return _builder(request, slug=slug)


@login_required
def plan_build(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _builder(request, plan_id=plan_id)
