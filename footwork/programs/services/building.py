"""The program builder: coaches' own templates, and tailoring a runner's plan exercise by exercise."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from footwork.accounts.models import User
from footwork.core.errors import InvalidInput, NotAllowed
from footwork.exercises.selectors import visible_exercises
from footwork.programs.models import Phase, Plan, Prescription, Program, ProgramSession
from footwork.programs.services.plans import record_change
from footwork.programs.services.tailoring import PRESCRIPTION_FIELDS, _check_prescription, editable_program


def _touch(program: Program, actor: User, what: str, why: str = "") -> None:
    """Keep the duration equal to the phases, and record plan edits in the plan's history."""
    program.duration_weeks = sum(program.phases.values_list("weeks", flat=True)) or 1
    program.save(update_fields=["duration_weeks", "updated_at"])
    plan = Plan.objects.filter(program=program).first()
    if plan is not None:
        record_change(plan, actor, what, why)


@transaction.atomic
def create_program(
    *, actor: User, name: str, goal: str, audience: str = "", description: str = ""
) -> Program:
    """A coach starts a new template of their own."""
    if not actor.is_coach:
        raise NotAllowed("Only coaches build programs.")
    if not name.strip() or not goal.strip():
        raise InvalidInput("A program needs a name and a goal.", field="name")
    base = slugify(name)[:60] or "program"
    slug, number = base, 2
    while Program.objects.filter(slug=slug, is_template=True).exists():
        slug, number = f"{base}-{number}", number + 1
    return Program.objects.create(
        slug=slug,
        name=name.strip(),
        goal=goal.strip(),
        audience=audience.strip(),
        description=description.strip(),
        duration_weeks=1,
        owner=actor,
        is_template=True,
    )


@transaction.atomic
def add_phase(
    *, actor: User, program: Program, name: str, weeks: int, weekdays: list[int], every_days: int | None
) -> Phase:
    editable_program(actor, program)
    if not 1 <= weeks <= 52:
        raise InvalidInput(f"weeks must be from 1 to 52, not {weeks}", field="weeks")
    if every_days is None and not weekdays:
        raise InvalidInput("Choose the training weekdays, or 'every N days'.", field="weekdays")
    if every_days is not None and not 1 <= every_days <= 7:
        raise InvalidInput("every N days takes N from 1 to 7", field="every_days")
    if any(not 0 <= day <= 6 for day in weekdays):
        raise InvalidInput("weekdays are 0 (Monday) to 6 (Sunday)", field="weekdays")
    phase = Phase.objects.create(
        program=program,
        position=program.phases.count(),
        name=name.strip() or f"Phase {program.phases.count() + 1}",
        weeks=weeks,
        weekdays="" if every_days else "".join(str(day) for day in sorted(set(weekdays))),
        every_days=every_days,
    )
    _touch(program, actor, f"Phase “{phase.name}” added ({weeks} weeks)")
    return phase


@transaction.atomic
def add_session(*, actor: User, phase: Phase, name: str, minutes: int) -> ProgramSession:
    editable_program(actor, phase.program)
    if not 1 <= minutes <= 120:
        raise InvalidInput("minutes must be from 1 to 120", field="minutes")
    session = ProgramSession.objects.create(
        phase=phase, position=phase.sessions.count(), name=name.strip() or "Session", minutes=minutes
    )
    _touch(phase.program, actor, f"Session “{session.name}” added to {phase.name}")
    return session


@transaction.atomic
def add_prescription(
    *, actor: User, session: ProgramSession, exercise_slug: str, values: dict[str, Any], why: str = ""
) -> Prescription:
    """Add an exercise to a session, with its default dosage unless values say otherwise."""
    program = session.phase.program
    editable_program(actor, program)
    exercise = visible_exercises(actor).filter(slug=exercise_slug).first()
    if exercise is None:
        raise InvalidInput(f"unknown exercise {exercise_slug!r}", field="exercise")
    item = Prescription(
        session=session,
        position=session.prescriptions.count(),
        exercise=exercise,
        sets=exercise.sets,
        kind=exercise.dose_kind,
        amount=exercise.dose_min,
        per_side=exercise.dose_per_side,
        load_note=exercise.load_note,
        tempo=exercise.tempo,
        rest_seconds=exercise.rest_seconds,
    )
    for name, value in values.items():
        if name not in PRESCRIPTION_FIELDS or name == "exercise":
            raise InvalidInput(f"Unknown field {name}", field=name)
        setattr(item, name, value)
    _check_prescription(item)
    item.save()
    _touch(program, actor, f"{exercise.name} added to {session.name}", why)
    return item


@transaction.atomic
def remove_item(*, actor: User, item: Phase | ProgramSession | Prescription, why: str = "") -> None:
    """Remove a phase, a session or a prescription; logged history keeps its own copy of what was done."""
    if isinstance(item, Prescription):
        program, label = item.session.phase.program, f"{item.exercise.name} removed from {item.session.name}"
    elif isinstance(item, ProgramSession):
        program, label = item.phase.program, f"Session “{item.name}” removed"
    else:
        program, label = item.program, f"Phase “{item.name}” removed"
    editable_program(actor, program)
    item.delete()
    _touch(program, actor, label, why)


@transaction.atomic
def start_own_plan(*, actor: User, runner: User, name: str, start_date: date, weeks: int = 4) -> Plan:
    """A plan of the runner's own with one empty session (Mon, Wed, Fri), for exercises added one by one."""
    program = Program.objects.create(
        name=name, goal="Fix the weak links found in testing.", duration_weeks=weeks, is_template=False
    )
    phase = Phase.objects.create(program=program, position=0, name="Weak links", weeks=weeks, weekdays="024")
    ProgramSession.objects.create(phase=phase, position=0, name=name, minutes=15)
    plan = Plan.objects.create(runner=runner, program=program, start_date=start_date, created_by=actor)
    record_change(plan, actor, f"Plan “{name}” started")
    return plan


def current_session(plan: Plan, day: date) -> ProgramSession | None:
    """The first session of the phase the plan is in on `day` (its last phase once it is over)."""
    phases = list(plan.program.phases.order_by("position"))
    start = plan.start_date
    for phase in phases:
        start += timedelta(weeks=phase.weeks)
        if day < start or phase is phases[-1]:
            return phase.sessions.order_by("position").first()
    return None


@transaction.atomic
def set_phase_days(*, actor: User, phase: Phase, weekdays: str, notes: str) -> Phase:
    """Which weekdays a phase trains on ("0123456" = every day), with its notes."""
    if not weekdays or any(day not in "0123456" for day in weekdays):
        raise InvalidInput("weekdays are digits 0 (Monday) to 6 (Sunday)", field="weekdays")
    phase.weekdays, phase.notes = weekdays, notes[:2000]
    phase.save(update_fields=["weekdays", "notes"])
    _touch(phase.program, actor, f"{phase.name}: training days set")
    return phase
