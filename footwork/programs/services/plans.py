"""A runner's plans: enrolling, pausing, resuming and ending them, and their history of changes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from footwork.accounts.models import User
from footwork.accounts.selectors import check_may_act_for, runner_in_care_of
from footwork.core import bounds
from footwork.core.clock import today_for
from footwork.core.derived import inputs_changed
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.wording import day_label
from footwork.programs.models import WHY_MAX_LENGTH, Plan, PlanChange, PlanStatus, Program
from footwork.programs.selectors import current_plan_of, plan_for, visible_templates


def _copy_tree(source: Program, target: Program) -> None:
    for phase in source.phases.order_by("position"):
        sessions = list(phase.sessions.order_by("position"))
        phase.pk = None
        phase.program = target
        phase.save()
        for session in sessions:
            prescriptions = list(session.prescriptions.order_by("position"))
            session.pk = None
            session.phase = phase
            session.save()
            for item in prescriptions:
                item.pk = None
                item.session = session
                item.save()


def record_change(
    plan: Plan, actor: User, what: str, why: str = "", data: dict[str, Any] | None = None
) -> PlanChange:
    return PlanChange.objects.create(
        plan=plan, actor=actor, what=what[:300], why=why[:WHY_MAX_LENGTH], data=data or {}
    )


def _who(actor: User, runner: User) -> str:
    return "you" if actor == runner else actor.display_name


def _why(why: str | None) -> str:
    text = (why or "").strip()
    if len(text) > WHY_MAX_LENGTH:
        raise InvalidInput(f"Say why in at most {WHY_MAX_LENGTH} characters.", field="why")
    return text


@transaction.atomic
def enroll(
    *,
    actor: User,
    program_slug: str,
    start_date: date,
    runner_id: int | None = None,
    replace: bool = False,
) -> Plan:
    """Copy a program into a runner's own plan (a coach enrols a client); `replace` ends a current one of it."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_in_care_of(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Only runners follow plans; choose one of your runners.")
    source = visible_templates(actor).filter(slug=program_slug).first()
    if source is None:
        raise NotFound(f"No program {program_slug!r}.")
    return _enroll_in(actor, runner, source, start_date, replace)


@transaction.atomic
def enroll_through(*, actor: User, source: Program, start_date: date) -> Plan:
    """Copy a program into the actor's own plan, where another app gave them the program (a workshop they join, whose
    coach's template they may not see otherwise): that app has checked they may follow it. Runners only."""
    if not actor.is_runner:
        raise NotAllowed("Only runners follow plans.")
    if not source.is_template:
        raise NotFound("No such program.")
    return _enroll_in(actor, actor, source, start_date, replace=False)


def _enroll_in(actor: User, runner: User, source: Program, start_date: date, replace: bool) -> Plan:
    today = today_for(runner)
    if problem := bounds.PLAN_START.check(start_date, today=today):
        raise InvalidInput(problem[:1].upper() + problem[1:] + ".", field="start_date")
    current = current_plan_of(runner, source)
    if current is not None:
        _check_replaceable(actor, runner, current, replace, today)
    copy = Program.objects.create(
        name=source.name,
        goal=source.goal,
        audience=source.audience,
        description=source.description,
        duration_weeks=source.duration_weeks,
        is_template=False,
    )
    _copy_tree(source, copy)
    plan = Plan.objects.create(
        runner=runner, program=copy, source=source, start_date=start_date, created_by=actor
    )
    starts = day_label(start_date, today)
    what = f"Enrolled in {source.name} from {starts} by {_who(actor, runner)}"
    if current is not None:
        _end(
            current,
            actor,
            f"Replaced by a new {source.name} plan from {starts}",
            data={"replaced_by": plan.pk},
        )
        what += f", in place of the plan from {day_label(current.start_date, today)}"
    record_change(plan, actor, what)
    inputs_changed(runner)
    return plan


def _check_replaceable(actor: User, runner: User, current: Plan, replace: bool, today: date) -> None:
    """A second plan of one program is refused unless asked to replace the first (a flare-up's is never)."""
    follows = "You already follow" if actor == runner else f"{runner.display_name} already follows"
    since = day_label(current.start_date, today)
    if current.paused_for_flare_up:
        raise InvalidInput(
            f"{follows} {current.program.name} (from {since}), paused while a flare-up plan runs in its "
            "place: end the flare-up first.",
            field="replace",
        )
    if not replace:
        raise InvalidInput(
            f"{follows} {current.program.name} (from {since}, {current.status_label.lower()}). End that plan "
            "first, or replace it: the new plan starts afresh and the old one ends, its history kept.",
            field="replace",
        )


def _end(plan: Plan, actor: User, what: str, why: str = "", data: dict[str, Any] | None = None) -> None:
    plan.status, plan.paused_on, plan.paused_why = PlanStatus.ENDED, None, ""
    plan.save(update_fields=["status", "paused_on", "paused_why"])
    record_change(plan, actor, what, why, data)


def _plan_to_change(actor: User, plan_id: int) -> Plan:
    plan = plan_for(actor, plan_id)
    check_may_act_for(actor, plan.runner)
    # Locks the row so two taps of "pause" cannot both pass the status check (PostgreSQL; SQLite serialises).
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.status, plan.paused_on, plan.paused_why = locked.status, locked.paused_on, locked.paused_why
    return plan


@transaction.atomic
def pause_plan(*, actor: User, plan_id: int, why: str | None = "") -> Plan:
    """Pause a plan by hand (runner or their coach): its sessions leave the schedule until it is resumed."""
    plan = _plan_to_change(actor, plan_id)
    text = _why(why)
    if plan.status != PlanStatus.ACTIVE:
        raise InvalidInput(
            f"This plan is {plan.status_label.lower()}; only an active plan can be paused.", field="status"
        )
    plan.status, plan.paused_on, plan.paused_why = PlanStatus.PAUSED, today_for(plan.runner), text
    plan.save(update_fields=["status", "paused_on", "paused_why"])
    record_change(plan, actor, f"Plan paused by {_who(actor, plan.runner)}", text)
    inputs_changed(plan.runner)
    return plan


@transaction.atomic
def resume_plan(*, actor: User, plan_id: int, why: str | None = "") -> Plan:
    """Resume a plan paused by hand; one paused for a flare-up comes back when the flare-up ends."""
    plan = _plan_to_change(actor, plan_id)
    text = _why(why)
    if plan.paused_for_flare_up:
        raise InvalidInput(
            "This plan is paused while a flare-up plan runs in its place; it comes back by itself when the "
            "flare-up ends (see the flare-up page).",
            field="status",
        )
    if plan.status != PlanStatus.PAUSED or plan.paused_on is None:
        raise InvalidInput(
            f"This plan is {plan.status_label.lower()}; only a paused plan can be resumed.", field="status"
        )
    since = day_label(plan.paused_on, today_for(plan.runner))
    plan.status, plan.paused_on, plan.paused_why = PlanStatus.ACTIVE, None, ""
    plan.save(update_fields=["status", "paused_on", "paused_why"])
    record_change(plan, actor, f"Plan resumed by {_who(actor, plan.runner)} (paused since {since})", text)
    inputs_changed(plan.runner)
    return plan


@transaction.atomic
def end_plan(*, actor: User, plan_id: int, why: str | None = "") -> Plan:
    """End a plan for good (runner or their coach); its history and logs are kept."""
    plan = _plan_to_change(actor, plan_id)
    text = _why(why)
    if plan.status == PlanStatus.ENDED:
        raise InvalidInput("This plan has already ended.", field="status")
    if plan.paused_for_flare_up:
        # Ending the flare-up brings this plan back: ended now, it would come back to life then.
        raise InvalidInput(
            "This plan is paused while a flare-up plan runs in its place: end the flare-up first (it brings "
            "this plan back), then end the plan.",
            field="status",
        )
    _end(plan, actor, f"Plan ended by {_who(actor, plan.runner)}", text)
    inputs_changed(plan.runner)
    return plan


@transaction.atomic
def pause_for_flare_up(*, actor: User, plan: Plan, what: str, why: str) -> Plan:
    """A flare-up plan takes this plan's place: paused without a date (that is how a flare-up pause reads)."""
    plan.status, plan.paused_on, plan.paused_why = PlanStatus.PAUSED, None, ""
    plan.save(update_fields=["status", "paused_on", "paused_why"])
    record_change(plan, actor, what, why)
    return plan


@transaction.atomic
def resume_after_flare_up(*, actor: User, plan: Plan, why: str) -> Plan:
    """The flare-up is over: the plan it replaced is back on the runner's day."""
    plan.status = PlanStatus.ACTIVE
    plan.save(update_fields=["status"])
    record_change(plan, actor, "Back from the flare-up", why)
    return plan


@transaction.atomic
def end_temporary_plan(*, actor: User, plan: Plan, why: str) -> Plan:
    """A temporary plan (a flare-up's) has done its job."""
    _end(plan, actor, "Temporary plan ended", why)
    return plan
