"""Tailoring a plan: changing its prescriptions, moving and skipping its dated sessions."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction

from footwork.accounts.models import User
from footwork.accounts.selectors import check_may_act_for
from footwork.core.derived import inputs_changed
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.wording import day_label
from footwork.exercises.domain import DOSE_KINDS
from footwork.exercises.models import LinkKind
from footwork.exercises.selectors import visible_exercises
from footwork.programs.domain import ExerciseFacts, check_rule
from footwork.programs.models import Plan, Prescription, Program, SessionOverride
from footwork.programs.selectors import plan_for, plan_schedule
from footwork.programs.services.plans import record_change

PRESCRIPTION_FIELDS = (
    "sets",
    "kind",
    "amount",
    "per_side",
    "load_kg",
    "load_note",
    "tempo",
    "rest_seconds",
    "notes",
    "progression",
    "exercise",
    "rule_start_week",
)


def _check_prescription(item: Prescription) -> None:
    """The plan-edit twin of the template rules: ranges, kinds, per-side and the progression rule."""
    if not 1 <= item.sets <= 10:
        raise InvalidInput(f"sets must be from 1 to 10, not {item.sets}", field="sets")
    if not 1 <= item.amount <= 10000:
        raise InvalidInput(f"amount must be from 1 to 10000, not {item.amount}", field="amount")
    if item.kind not in DOSE_KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(DOSE_KINDS)}", field="kind")
    if item.per_side and not item.exercise.per_side:
        raise InvalidInput("per_side: the exercise is not done per side", field="per_side")
    if item.load_kg is not None and not 0 <= float(item.load_kg) <= 500:
        raise InvalidInput("load_kg must be from 0 to 500", field="load_kg")
    if not 0 <= item.rest_seconds <= 600:
        raise InvalidInput("rest_seconds must be from 0 to 600", field="rest_seconds")
    if item.progression is not None:
        facts = ExerciseFacts(
            item.exercise.per_side, item.exercise.links.filter(kind=LinkKind.PROGRESSION).exists()
        )
        rule, problems = check_rule(item.progression, item.amount, facts)
        if problems:
            raise InvalidInput(f"progression.{problems[0].field}: {problems[0].message}", field="progression")
        item.progression = asdict(rule) if rule else None


def editable_program(actor: User, program: Program) -> Plan | None:
    """Checks the actor may edit this program; returns its plan when it is a runner's copy."""
    if program.is_template:
        if program.owner_id != actor.pk:
            raise NotAllowed(
                "Only the coach who made this program can change it; shipped programs are read-only."
            )
        return None
    plan = Plan.objects.select_related("runner__runner_profile").get(program=program)
    check_may_act_for(actor, plan.runner)
    return plan


@transaction.atomic
def update_prescription(
    *, actor: User, prescription_id: int, changes: dict[str, Any], why: str = "", plan_id: int | None = None
) -> Prescription:
    """Change one prescription of a plan (runner or their coach) or of a coach's own template; plans keep a history."""
    item = (
        Prescription.objects.select_related("exercise", "session__phase__program")
        .filter(pk=prescription_id)
        .first()
    )
    if item is None or (
        plan_id is not None
        and not Plan.objects.filter(pk=plan_id, program=item.session.phase.program).exists()
    ):
        raise NotFound("No such prescription.")
    plan = editable_program(actor, item.session.phase.program)
    unknown = set(changes) - set(PRESCRIPTION_FIELDS)
    if unknown:
        raise InvalidInput(f"Unknown field(s): {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    before = {name: _plain(getattr(item, name)) for name in changes if name != "exercise"}
    for name, value in changes.items():
        if name == "exercise":
            # Looked up through what the plan's runner may see: another coach's private exercise is unknown here.
            owner = plan.runner if plan is not None else actor
            exercise = visible_exercises(owner).filter(slug=value).first()
            if exercise is None:
                raise InvalidInput(f"unknown exercise {value!r}", field="exercise")
            before["exercise"] = item.exercise.slug
            item.exercise = exercise
        else:
            setattr(item, name, value)
    _check_prescription(item)
    item.save()
    if plan is not None:
        after = {
            name: _plain(getattr(item, name)) if name != "exercise" else item.exercise.slug
            for name in changes
        }
        described = ", ".join(
            f"{name} {before[name]} → {after[name]}" for name in changes if before[name] != after[name]
        )
        record_change(
            plan,
            actor,
            f"{item.exercise.name}: {described or 'no change'}",
            why,
            {"prescription": item.pk, "before": before, "after": after},
        )
        # A tailored dosage is a new input for the runner's decisions.
        inputs_changed(plan.runner)
    return item


def _plain(value: Any) -> Any:
    return float(value) if hasattr(value, "as_tuple") else value


def _dated_session(plan: Plan, session_id: int, original_date: date) -> None:
    if not any(item.key == (session_id, original_date) for item in plan_schedule(plan)):
        raise NotFound(f"No session of this plan on {day_label(original_date)}.")


@transaction.atomic
def move_session(
    *, actor: User, plan_id: int, session_id: int, original_date: date, new_date: date, reason: str = ""
) -> SessionOverride:
    """Move one dated session to another day."""
    plan = plan_for(actor, plan_id)
    check_may_act_for(actor, plan.runner)
    _dated_session(plan, session_id, original_date)
    if _already_logged(plan, session_id, original_date):
        raise InvalidInput("This session is already logged; logged history is not moved.", field="new_date")
    override, _ = SessionOverride.objects.update_or_create(
        plan=plan,
        session_id=session_id,
        original_date=original_date,
        defaults={"new_date": new_date, "skipped": False, "reason": reason[:300]},
    )
    record_change(
        plan, actor, f"Session of {day_label(original_date)} moved to {day_label(new_date)}", reason
    )
    return override


@transaction.atomic
def skip_session(
    *, actor: User, plan_id: int, session_id: int, original_date: date, reason: str
) -> SessionOverride:
    """Skip one dated session, with a reason."""
    if not reason.strip():
        raise InvalidInput(
            "Say why the session is skipped (e.g. 'calf sore after long run').", field="reason"
        )
    plan = plan_for(actor, plan_id)
    check_may_act_for(actor, plan.runner)
    _dated_session(plan, session_id, original_date)
    if _already_logged(plan, session_id, original_date):
        raise InvalidInput("This session is already logged.", field="reason")
    override, _ = SessionOverride.objects.update_or_create(
        plan=plan,
        session_id=session_id,
        original_date=original_date,
        defaults={"skipped": True, "reason": reason.strip()[:300]},
    )
    record_change(plan, actor, f"Session of {day_label(original_date)} skipped", reason)
    return override


def _already_logged(plan: Plan, session_id: int, original_date: date) -> bool:
    return plan.logs.filter(session_id=session_id, scheduled_date=original_date).exists()
