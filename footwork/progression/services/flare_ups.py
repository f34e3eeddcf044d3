"""Flare-ups: red-flag screening (heard at any moment), the temporary toolbox plan, the way back, clearances."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from footwork.accounts.models import User
from footwork.accounts.selectors import can_view_runner, coach_of, runner_in_care_of
from footwork.core import derived
from footwork.core.clock import recorded_moment, today_for
from footwork.core.datafile import read_yaml
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.rules import REGRESS_PERCENT
from footwork.core.wording import day_label
from footwork.exercises.models import Exercise
from footwork.exercises.selectors import visible_exercises
from footwork.programs.models import Plan, PlanStatus, Prescription
from footwork.programs.selectors import first_progressions, phase_on, prescription_document
from footwork.programs.services import (
    add_prescription,
    current_session,
    end_temporary_plan,
    pause_for_flare_up,
    resume_after_flare_up,
    set_phase_days,
    start_own_plan,
    update_prescription,
)
from footwork.progression.domain import AREA_TARGETS
from footwork.progression.flareup import (
    AREAS,
    FlarePlan,
    Referral,
    ScreeningError,
    Toolbox,
    ToolboxError,
    exit_ready,
    parse_toolbox,
    screen,
)
from footwork.progression.models import (
    FlareUp,
    FlareUpStatus,
    Recommendation,
    RecommendationStatus,
    ToolboxOverride,
)
from footwork.progression.services.clearances import check_clearance
from footwork.progression.services.recommendations import alert_coach, baseline_for
from footwork.training.models import MorningCheckin

# How an alert names an area: "for the Achilles", "for the plantar heel".
AREA_NAMES = {"achilles": "Achilles", "calf": "calf", "plantar_heel": "plantar heel"}


def shipped_toolboxes() -> dict[str, Toolbox]:
    # The shipped file is checked against the shipped library by its tests; a coach's version is checked on saving.
    return parse_toolbox(read_yaml(Path(settings.FOOTWORK_TOOLBOX_PATH)))


def toolboxes_for(runner: User) -> dict[str, Toolbox]:
    """The shipped toolbox, with the runner's coach's own version of any area in its place."""
    toolboxes = shipped_toolboxes()
    coach = coach_of(runner) if runner.is_runner else runner
    if coach is not None:
        for override in ToolboxOverride.objects.filter(coach=coach):
            toolboxes.update(parse_toolbox({"version": 1, "toolboxes": {override.area: override.content}}))
    return toolboxes


def active_flare_up(runner: User) -> FlareUp | None:
    return (
        FlareUp.objects.filter(runner=runner, status=FlareUpStatus.ACTIVE)
        .select_related("flare_plan__program", "main_plan__program")
        .first()
    )


def _affected(item: Prescription, area: str, categories: dict[str, str]) -> bool:
    targets = set(item.exercise.targets.values_list("slug", flat=True))
    return bool(targets & AREA_TARGETS.get(area, set())) or categories.get(item.exercise.slug) == "plyometric"


def _build_flare_plan(actor: User, runner: User, plan: FlarePlan, main: Plan | None, today: date) -> Plan:
    """A temporary plan: the toolbox exercises, plus what of the main plan's current session the flare-up spares."""
    flare = start_own_plan(
        actor=actor, runner=runner, name=f"Flare-up: {AREAS[plan.area]}", start_date=today, weeks=2
    )
    phase = flare.program.phases.get()
    set_phase_days(
        actor=actor,
        phase=phase,
        weekdays="0123456",
        notes="\n".join([*plan.toolbox.running, *plan.toolbox.track]),
    )
    session = phase.sessions.get()
    for entry in plan.toolbox.exercises:
        add_prescription(actor=actor, session=session, exercise_slug=entry.exercise, values={
            "sets": entry.sets, "kind": entry.kind, "amount": entry.amount, "per_side": entry.per_side, "notes": entry.notes[:300],
        }, why="Flare-up toolbox")  # fmt: skip
    if main is not None:
        kept = current_session(main, today)
        categories = dict(Exercise.objects.values_list("slug", "category"))
        present = set(session.prescriptions.values_list("exercise__slug", flat=True))
        for item in kept.prescriptions.select_related("exercise") if kept else []:
            if not _affected(item, plan.area, categories) and item.exercise.slug not in present:
                add_prescription(actor=actor, session=session, exercise_slug=item.exercise.slug, values={
                    "sets": item.sets, "kind": item.kind, "amount": item.amount, "per_side": item.per_side,
                }, why="Kept from the main plan")  # fmt: skip
    return flare


@transaction.atomic
def start_flare_up(
    *,
    actor: User,
    area: str,
    answers: dict[str, bool],
    runner_id: int | None = None,
    client_uuid: uuid.UUID | None = None,
    recorded_at: datetime | None = None,
) -> tuple[FlareUp, Referral | FlarePlan]:
    """Screen for red flags; refer, or swap in a temporary flare-up plan and pause the main one.

    A red flag is heard at any moment, also while a flare-up plan runs or another referral is open. The same
    client UUID sent again (the app's offline queue) answers with what it stored the first time."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_in_care_of(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Flare-ups are a runner's; choose one of your runners.")
    if client_uuid is not None and (sent := _screened_before(client_uuid, runner)) is not None:
        return sent
    try:
        result = screen(area, answers, toolboxes_for(runner))
    except ScreeningError as error:
        raise InvalidInput(str(error), field="answers") from error
    today = today_for(runner)
    flare = FlareUp(
        runner=runner,
        area=area,
        answers=answers,
        started_on=today,
        created_by=actor,
        baseline=_decimal(baseline_for(runner)),
        client_uuid=client_uuid,
        recorded_at=recorded_moment(recorded_at),
    )
    if isinstance(result, Referral):
        return _refer(flare, result), result
    if active_flare_up(runner) is not None:
        raise InvalidInput(
            "A flare-up plan is already running: follow it, and answer the safety questions again whenever "
            "something new worries you."
        )
    main = Plan.objects.filter(runner=runner, status=PlanStatus.ACTIVE).order_by("-start_date", "-pk").first()
    flare.flare_plan = _build_flare_plan(actor, runner, result, main, today)
    if main is not None:
        pause_for_flare_up(
            actor=actor,
            plan=main,
            what=f"Paused for a flare-up ({AREAS[area]})",
            why="Flare-up plan in its place until the mornings settle",
        )
    flare.main_plan, flare.status = main, FlareUpStatus.ACTIVE
    flare.save()
    alert_coach(
        runner,
        "flare_up",
        f"{runner.display_name} started a flare-up plan for the {AREA_NAMES.get(area, 'painful area')} "
        "(no red flag).",
        event=f"flare_up:{flare.pk}",
    )
    derived.inputs_changed(runner)
    return flare, result


def _screened_before(client_uuid: uuid.UUID, runner: User) -> tuple[FlareUp, Referral | FlarePlan] | None:
    """The screening this client UUID already stored, with its result read again from its answers; None if new."""
    flare = FlareUp.objects.filter(client_uuid=client_uuid).first()
    if flare is None:
        return None
    if flare.runner_id != runner.pk:
        raise InvalidInput("client_uuid is already used", field="client_uuid")
    return flare, screen(flare.area, flare.answers, toolboxes_for(runner))


def _refer(flare: FlareUp, result: Referral) -> FlareUp:
    """Record the referral, tell the coach at once, and pause the area's exercises and running advice."""
    runner = flare.runner
    flare.status, flare.urgency = FlareUpStatus.REFERRED, result.urgency
    flare.red_flags = [item.code for item in result.flags]
    flare.save()
    when = "today" if result.urgency == "today" else "soon"
    signs = "; ".join(item.why for item in result.flags)
    alert_coach(
        runner,
        "red_flag",
        f"{runner.display_name} reported a red flag for the {AREA_NAMES.get(flare.area, 'painful area')}: {signs}. "
        f"Told to stop training this area and see a clinician {when}.",
        f"/coaching/runners/{runner.pk}/",
        event=f"red_flag:{flare.pk}",
    )
    derived.inputs_changed(runner)
    return flare


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def exit_status(flare: FlareUp) -> tuple[bool, str]:
    """Whether the mornings since the flare-up began are back at baseline for the toolbox's number of days."""
    days = toolboxes_for(flare.runner)[flare.area].exit_days
    mornings = MorningCheckin.objects.filter(runner=flare.runner, date__gte=flare.started_on).order_by("date")
    baseline = float(flare.baseline) if flare.baseline is not None else None
    return exit_ready(
        [(item.date, item.pain, item.stiffness) for item in mornings], baseline, days, today_for(flare.runner)
    )


def _one_step_below(item: Prescription, week: int) -> dict[str, Any]:
    now = prescription_document(item, week, first_progressions({item.exercise.slug}))["this_week"]
    rule = item.progression
    lower = now["amount"] - rule["add"] if rule else round(now["amount"] * (100 - REGRESS_PERCENT) / 100)
    return {
        "exercise": now["exercise"],
        "amount": max(1, min(lower, now["amount"] - 1)),
        "rule_start_week": week,
    }


@transaction.atomic
def end_flare_up(*, actor: User, runner_id: int | None = None) -> FlareUp:
    """Back to the main plan, one step below where it was for the affected exercises."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_in_care_of(actor, runner_id)
    flare = active_flare_up(runner)
    if flare is None:
        raise NotFound("No flare-up plan is running.")
    ready, reason = exit_status(flare)
    if not ready and not actor.is_coach:
        raise InvalidInput(f"Not yet: {reason}")
    today = today_for(runner)
    if flare.flare_plan is not None:
        end_temporary_plan(actor=actor, plan=flare.flare_plan, why=f"The mornings settled: {reason}")
    main = flare.main_plan
    if main is not None:
        resume_after_flare_up(actor=actor, plan=main, why=reason)
        phase, week = phase_on(main, today)
        categories = dict(Exercise.objects.values_list("slug", "category"))
        for item in Prescription.objects.filter(session__phase=phase).select_related("exercise"):
            if _affected(item, flare.area, categories):
                update_prescription(
                    actor=actor,
                    prescription_id=item.pk,
                    changes=_one_step_below(item, week),
                    why=f"Back from the flare-up one step below: {reason}",
                )
    flare.status, flare.ended_on = FlareUpStatus.ENDED, today
    flare.save(update_fields=["status", "ended_on"])
    derived.inputs_changed(runner)
    return flare


@transaction.atomic
def clear_referral(*, actor: User, flare_id: int, note: str = "", seen_on: date | None = None) -> FlareUp:
    """A clinician has seen the runner: the red flag no longer stops training. Cleared by the runner's coach
    with a note, or by a self-guided runner with the date they saw the clinician."""
    flare = (
        FlareUp.objects.select_related("runner").filter(pk=flare_id, status=FlareUpStatus.REFERRED).first()
    )
    if flare is None or not can_view_runner(actor, flare.runner):
        raise NotFound("No such referral.")
    check_clearance(actor, flare.runner, note, seen_on)
    if len(note) > 1000:
        raise InvalidInput("The note is at most 1,000 characters.", field="note")
    flare.status, flare.ended_on = FlareUpStatus.ENDED, today_for(flare.runner)
    flare.cleared_by, flare.cleared_note, flare.seen_clinician_on = actor, note.strip(), seen_on
    if not flare.cleared_note:
        flare.cleared_note = f"Saw a clinician on {day_label(seen_on)}." if seen_on else "Cleared."
    flare.save(update_fields=["status", "ended_on", "cleared_by", "cleared_note", "seen_clinician_on"])
    # The stops the red flag caused are lifted with it, by the same clinician's word; only what follows counts.
    stops = Recommendation.objects.filter(
        runner=flare.runner,
        status=RecommendationStatus.OPEN,
        decision="stop",
        created_at__gte=flare.created_at,
    )
    Prescription.objects.filter(pk__in=stops.values("prescription_id")).update(counts_from=flare.ended_on)
    stops.update(
        status=RecommendationStatus.CLEARED, note=flare.cleared_note, seen_clinician_on=seen_on,
        decided_at=timezone.now(), decided_by=actor,
    )  # fmt: skip
    derived.inputs_changed(flare.runner)
    return flare


def flare_document(flare: FlareUp) -> dict[str, Any]:
    ready, reason = exit_status(flare) if flare.status == FlareUpStatus.ACTIVE else (False, "")
    return {
        "id": flare.pk, "area": flare.area, "status": flare.status, "urgency": flare.urgency or None,
        "red_flags": flare.red_flags, "started_on": flare.started_on, "ended_on": flare.ended_on,
        "main_plan": flare.main_plan_id, "flare_plan": flare.flare_plan_id, "exit_ready": ready, "exit_reason": reason,
    }  # fmt: skip


def latest_referral(runner: User) -> FlareUp | None:
    """The newest red-flag referral still in force (not cleared)."""
    return (
        FlareUp.objects.filter(runner=runner, status=FlareUpStatus.REFERRED)
        .order_by("-started_on", "-pk")
        .first()
    )


def known_exercises_for(coach: User) -> set[str]:
    return set(visible_exercises(coach).values_list("slug", flat=True))


@transaction.atomic
def save_toolbox(*, actor: User, area: str, text: str) -> ToolboxOverride:
    """A coach's own version of one area's toolbox, as YAML, checked like the shipped file."""
    if not actor.is_coach:
        raise NotAllowed("Only coaches keep their own toolbox.")
    if area not in AREAS:
        raise InvalidInput(f"unknown area; choose one of {', '.join(AREAS.values())}", field="area")
    try:
        content = yaml.safe_load(text)
        parse_toolbox({"version": 1, "toolboxes": {area: content}}, known_exercises_for(actor))
    except (yaml.YAMLError, ToolboxError) as problem:
        raise InvalidInput(str(problem), field="content") from problem
    override, _created = ToolboxOverride.objects.update_or_create(
        coach=actor, area=area, defaults={"content": content}
    )
    return override
