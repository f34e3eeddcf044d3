"""Writes to programs and plans: loading templates, enrolling, pausing, resuming, ending, tailoring, moving and skipping."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from footwork.accounts.models import User
from footwork.accounts.selectors import can_view_runner, runner_visible_to
from footwork.core.clock import today_for
from footwork.core.datafile import DataFileError, read_yaml
from footwork.core.derived import inputs_changed
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.wording import day_label
from footwork.exercises.domain import DOSE_KINDS, Problem
from footwork.exercises.models import Exercise, ExerciseLink, LinkKind
from footwork.exercises.selectors import visible_exercises
from footwork.programs.domain import (
    ExerciseFacts,
    ProgramError,
    ProgramSpec,
    check_rule,
    parse_programs,
)
from footwork.programs.models import (
    WHY_MAX_LENGTH,
    Phase,
    Plan,
    PlanChange,
    PlanStatus,
    Prescription,
    Program,
    ProgramSession,
    SessionOverride,
)
from footwork.programs.selectors import current_plan_of, plan_for, plan_schedule, visible_templates


@dataclass
class ProgramLoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def exercise_facts() -> dict[str, ExerciseFacts]:
    with_progression = set(
        ExerciseLink.objects.filter(kind=LinkKind.PROGRESSION).values_list("source__slug", flat=True)
    )
    return {
        slug: ExerciseFacts(per_side=per_side, has_progression=slug in with_progression)
        for slug, per_side in Exercise.objects.filter(owner__isnull=True, retired=False).values_list(
            "slug", "per_side"
        )
    }


def read_programs_file(path: Path) -> list[ProgramSpec]:
    try:
        data = read_yaml(path)
    except DataFileError as error:
        raise ProgramError([Problem(str(path), "(file)", str(error))]) from error
    return parse_programs(data, exercise_facts())


def _build_tree(program: Program, spec: ProgramSpec) -> None:
    exercises = {item.slug: item for item in Exercise.objects.filter(owner__isnull=True)}
    program.phases.all().delete()
    for p_index, phase_spec in enumerate(spec.phases):
        phase = Phase.objects.create(
            program=program,
            position=p_index,
            name=phase_spec.name,
            weeks=phase_spec.weeks,
            weekdays="".join(str(day) for day in phase_spec.weekdays),
            every_days=phase_spec.every_days,
            notes=phase_spec.notes,
        )
        for s_index, session_spec in enumerate(phase_spec.sessions):
            session = ProgramSession.objects.create(
                phase=phase, position=s_index, name=session_spec.name, minutes=session_spec.minutes
            )
            for r_index, item in enumerate(session_spec.prescriptions):
                Prescription.objects.create(
                    session=session,
                    position=r_index,
                    exercise=exercises[item.exercise],
                    sets=item.sets,
                    kind=item.kind,
                    amount=item.amount,
                    per_side=item.per_side,
                    load_kg=item.load_kg,
                    load_note=item.load,
                    tempo=item.tempo,
                    rest_seconds=item.rest_seconds,
                    notes=item.notes,
                    progression=asdict(item.progression) if item.progression else None,
                )


def _fingerprint(spec: ProgramSpec) -> str:
    return hashlib.sha256(json.dumps(asdict(spec), sort_keys=True).encode()).hexdigest()


@transaction.atomic
def load_programs(path: Path | None = None) -> ProgramLoadReport:
    """Load the shipped program templates idempotently; a bad file is refused whole and nothing changes."""
    specs = read_programs_file(path or Path(settings.FOOTWORK_PROGRAMS_PATH))
    report = ProgramLoadReport()
    for spec in specs:
        program = Program.objects.filter(slug=spec.slug, is_template=True).first()
        if program is not None and program.owner_id is not None:
            raise ProgramError([Problem(spec.slug, "slug", "is already used by a coach's own program")])
        fingerprint = _fingerprint(spec)
        if program is not None and program.fingerprint == fingerprint:
            report.unchanged.append(spec.slug)
            continue
        (report.updated if program else report.created).append(spec.slug)
        program = program or Program(slug=spec.slug, is_template=True)
        for name in ("name", "goal", "audience", "description", "duration_weeks"):
            setattr(program, name, getattr(spec, name))
        program.fingerprint = fingerprint
        program.save()
        _build_tree(program, spec)
    return report


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
    runner = actor if runner_id is None or runner_id == actor.pk else runner_visible_to(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Only runners follow plans; choose one of your runners.")
    source = visible_templates(actor).filter(slug=program_slug).first()
    if source is None:
        raise NotFound(f"No program {program_slug!r}.")
    today = today_for(runner)
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
    if not can_view_runner(actor, plan.runner):
        raise NotFound("No such plan.")
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
            exercise = Exercise.objects.filter(slug=value).first()
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


# --- The program builder (coaches' templates, and tailoring a runner's plan) ---------------------------------


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
