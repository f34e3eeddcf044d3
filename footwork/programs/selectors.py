"""Reads of programs and plans, with who-may-see-what written once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from footwork.accounts.models import User
from footwork.accounts.selectors import can_view_runner, coach_of, coached_by
from footwork.core.errors import NotFound
from footwork.exercises.domain import DOSE_KINDS
from footwork.exercises.models import Exercise, ExerciseLink, LinkKind
from footwork.programs.domain import (
    WEEKDAYS,
    DatedSession,
    Override,
    describe_rule,
    dose_in_week,
    expand_schedule,
)
from footwork.programs.models import Phase, Plan, PlanStatus, Prescription, Program, ProgramSession


def with_tree(programs: QuerySet[Program]) -> QuerySet[Program]:
    prescriptions = Prescription.objects.select_related("exercise").order_by("position")
    sessions = ProgramSession.objects.prefetch_related(Prefetch("prescriptions", queryset=prescriptions))
    phases = Phase.objects.prefetch_related(Prefetch("sessions", queryset=sessions.order_by("position")))
    return programs.prefetch_related(Prefetch("phases", queryset=phases.order_by("position")))


def visible_templates(actor: User | None) -> QuerySet[Program]:
    """Shipped templates, plus a coach's own (seen by the coach and their runners)."""
    owners: list[int] = []
    if actor is not None:
        coach = actor if actor.is_coach else coach_of(actor)
        if coach is not None:
            owners.append(coach.pk)
    return Program.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=owners), is_template=True)


def template_for(actor: User | None, slug: str) -> Program:
    program = with_tree(visible_templates(actor)).filter(slug=slug).first()
    if program is None:
        raise NotFound(f"No program {slug!r}.")
    return program


def plans_visible_to(actor: User) -> QuerySet[Plan]:
    if actor.is_coach:
        return Plan.objects.filter(coached_by(actor) | Q(runner=actor))
    return Plan.objects.filter(runner=actor)


def plan_for(actor: User, plan_id: int) -> Plan:
    """A plan the actor may see (their own, or a client's), or NotFound."""
    plan = (
        plans_visible_to(actor).select_related("program", "runner__runner_profile").filter(pk=plan_id).first()
    )
    if plan is None or not can_view_runner(actor, plan.runner):
        raise NotFound("No such plan.")
    return plan


def current_plans(runner: User) -> QuerySet[Plan]:
    """The runner's plans that have not ended (active, or paused by hand or for a flare-up)."""
    return (
        Plan.objects.filter(runner=runner, status__in=[PlanStatus.ACTIVE, PlanStatus.PAUSED])
        .select_related("program")
        .order_by("start_date", "pk")
    )


def current_plan_of(runner: User, source: Program) -> Plan | None:
    """The runner's plan of this program that has not ended, if any (a runner follows a program once)."""
    return current_plans(runner).filter(source=source).first()


@dataclass(frozen=True)
class SharedExercise:
    """An exercise this plan prescribes that another active plan of the runner prescribes too."""

    exercise_name: str
    plan_id: int
    plan_name: str


def shared_exercises(plan: Plan) -> list[SharedExercise]:
    """What an active plan shares with the runner's other active plans (today's session shows each once)."""
    if plan.status != PlanStatus.ACTIVE:
        return []
    mine = Prescription.objects.filter(session__phase__program_id=plan.program_id).values("exercise_id")
    rows = (
        Prescription.objects.filter(
            exercise_id__in=mine,
            session__phase__program__plan__runner_id=plan.runner_id,
            session__phase__program__plan__status=PlanStatus.ACTIVE,
        )
        .exclude(session__phase__program_id=plan.program_id)
        .order_by("exercise__name", "session__phase__program__plan__pk")
        .values_list("exercise__name", "session__phase__program__plan__pk", "session__phase__program__name")
        .distinct()
    )
    return [SharedExercise(name, plan_id, plan_name) for name, plan_id, plan_name in rows]


def active_plans(runner: User) -> QuerySet[Plan]:
    return _plans_with_tree(Plan.objects.filter(runner=runner, status=PlanStatus.ACTIVE))


def _plans_with_tree(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    return plans.select_related("program").prefetch_related(
        Prefetch("program__phases", queryset=Phase.objects.order_by("position").prefetch_related("sessions")),
        "overrides",
    )


def plan_schedule(plan: Plan) -> list[DatedSession]:
    """Every dated session of a plan, with its moves and skips."""
    overrides = [
        Override(item.session_id, item.original_date, item.new_date, item.skipped, item.reason)
        for item in plan.overrides.all()
    ]
    return expand_schedule(plan.start_date, plan.program.shapes(), overrides)


def first_progressions(slugs: set[str]) -> dict[str, str]:
    """Each exercise's first progression, following chains from the given slugs (one query: the links are few)."""
    first: dict[str, str] = {}
    links = ExerciseLink.objects.filter(kind=LinkKind.PROGRESSION).order_by("position")
    for source, target in links.values_list("source__slug", "target__slug"):
        first.setdefault(source, target)
    chain: dict[str, str] = {}
    pending = set(slugs)
    while pending:
        found = {slug: first[slug] for slug in pending if slug in first}
        chain.update(found)
        pending = set(found.values()) - set(chain)
    return chain


def exercise_in_step(slug: str, steps: int, chain: dict[str, str]) -> str:
    for _ in range(steps):
        if slug not in chain:
            break
        slug = chain[slug]
    return slug


def prescription_document(
    item: Prescription, week: int | None = None, chain: dict[str, str] | None = None
) -> dict[str, Any]:
    """A prescription as JSON; with `week`, the dosage that week after its progression rule."""
    rule = item.rule
    unit = (
        item.exercise.dosage.unit
        if item.exercise.dose_kind == item.kind and item.exercise.dose_unit
        else DOSE_KINDS[item.kind]
    )
    load = float(item.load_kg) if item.load_kg is not None else None
    document: dict[str, Any] = {
        "id": item.pk,
        "exercise": item.exercise.slug,
        "exercise_name": item.exercise.name,
        "sets": item.sets,
        "kind": item.kind,
        "amount": item.amount,
        "unit": unit,
        "per_side": item.per_side,
        "load_kg": load,
        "load": item.load_note,
        "tempo": item.tempo,
        "rest_seconds": item.rest_seconds,
        "notes": item.notes,
        "progression": item.progression,
        "progression_text": describe_rule(rule, unit) if rule else "",
        # Kept by progression: an exclusion holds it back now (blank reason: offered).
        "held_back": bool(item.held_back_reason),
        "held_back_reason": item.held_back_reason or None,
        "held_back_since": item.held_back_since,
        "released_reason": item.released_reason,
        "released_on": item.released_on,
    }
    if week is not None:
        # A decision accepted from the pain-monitoring model moves the week the rule counts from.
        dose = dose_in_week(item.amount, load, rule, week - item.rule_start_week)
        slug = exercise_in_step(item.exercise.slug, dose.exercise_step, chain or {})
        document["this_week"] = {
            "exercise": slug,
            "amount": dose.amount,
            "load_kg": dose.load_kg,
            "load_percent_added": dose.load_percent_added,
        }
    return document


def program_document(program: Program) -> dict[str, Any]:
    """The stable JSON shape of a program (template or plan copy)."""
    return {
        "slug": program.slug,
        "name": program.name,
        "goal": program.goal,
        "audience": program.audience,
        "description": program.description,
        "duration_weeks": program.duration_weeks,
        "private": program.owner_id is not None,
        "phases": [
            {
                "id": phase.pk,
                "name": phase.name,
                "weeks": phase.weeks,
                "days": (
                    {"every": phase.every_days}
                    if phase.every_days
                    else {"weekdays": [WEEKDAYS[int(day)] for day in phase.weekdays]}
                ),
                "notes": phase.notes,
                "sessions": [
                    {
                        "id": session.pk,
                        "name": session.name,
                        "minutes": session.minutes,
                        "prescriptions": [
                            prescription_document(item) for item in session.prescriptions.all()
                        ],
                    }
                    for session in phase.sessions.all()
                ],
            }
            for phase in program.phases.all()
        ],
    }


def plan_document(plan: Plan) -> dict[str, Any]:
    program = with_tree(Program.objects.filter(pk=plan.program_id)).get()
    return {
        "id": plan.pk,
        "runner": plan.runner_id,
        "source": plan.source.slug if plan.source else None,
        "start_date": plan.start_date,
        "status": plan.status,
        "program": program_document(program),
        "changes": [
            {
                "at": change.at,
                "actor": change.actor.email if change.actor else None,
                "what": change.what,
                "why": change.why,
            }
            for change in plan.changes.select_related("actor")[:50]
        ],
    }


def session_prescriptions(session: ProgramSession) -> list[Prescription]:
    return list(session.prescriptions.select_related("exercise").order_by("position"))


def decimal_or_none(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def exercises_by_slug(slugs: set[str]) -> dict[str, Exercise]:
    return {item.slug: item for item in Exercise.objects.filter(slug__in=slugs)}


def in_window(schedule: list[DatedSession], start: date, end: date) -> list[DatedSession]:
    return [item for item in schedule if start <= item.date <= end]


def phase_on(plan: Plan, day: date) -> tuple[Phase | None, int]:
    """The phase a plan is in on a day and the week within it (the last phase once the plan is over)."""
    start = plan.start_date
    phases = list(plan.program.phases.order_by("position"))
    for phase in phases:
        end = start + timedelta(weeks=phase.weeks)
        if day < end or phase is phases[-1]:
            week = max(0, min(phase.weeks - 1, (day - start).days // 7))
            return phase, week
        start = end
    return None, 0
