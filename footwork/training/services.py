"""Writes of daily training: session logs and morning check-ins, idempotent by the client's UUID."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db import IntegrityError, transaction

from footwork.accounts.models import User
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.exercises.models import Exercise
from footwork.programs.models import Plan, Prescription
from footwork.programs.selectors import plan_schedule
from footwork.training.domain import SetEntry, date_problem, pain_problem, set_entry_problems
from footwork.training.models import MorningCheckin, SessionLog, SetLog


@dataclass(frozen=True)
class Saved:
    """A stored record and whether this call created it (False: the same UUID was sent before)."""

    record: Any
    created: bool


def _uuid(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as error:
        raise InvalidInput(f"client_uuid {value!r} is not a UUID", field="client_uuid") from error


Record = TypeVar("Record", SessionLog, MorningCheckin)


def _sent_before(model: type[Record], client_uuid: Any, runner: User) -> tuple[uuid.UUID, Record | None]:
    """The record this client UUID already stored, if any; someone else's UUID is refused."""
    key = _uuid(client_uuid)
    existing = model.objects.filter(client_uuid=key).first()
    if existing is not None and existing.runner_id != runner.pk:
        raise InvalidInput("client_uuid is already used", field="client_uuid")
    return key, existing


def _refuse(problem: str | None, field: str) -> None:
    if problem:
        raise InvalidInput(problem, field=field)


def _runner(actor: User) -> User:
    if not actor.is_runner:
        raise NotAllowed("Only runners log training.")
    return actor


@transaction.atomic
def log_session(
    *,
    actor: User,
    client_uuid: Any,
    entries: list[SetEntry],
    day: date | None = None,
    plan_id: int | None = None,
    session_id: int | None = None,
    scheduled_date: date | None = None,
    rpe: int | None = None,
    pain_after: int | None = None,
    notes: str = "",
) -> Saved:
    """Store a done session with its sets; the same client UUID twice stores it once; bad input stores nothing."""
    runner = _runner(actor)
    key, existing = _sent_before(SessionLog, client_uuid, runner)
    if existing is not None:
        return Saved(existing, created=False)
    today = today_for(runner)
    day = day or today
    _refuse(date_problem(day, today), "date")
    _refuse(pain_problem("rpe", rpe), "rpe")
    _refuse(pain_problem("pain_after", pain_after), "pain_after")
    plan, prescriptions = _dated_session_of(runner, plan_id, session_id, scheduled_date)
    exercises = {
        item.slug: item
        for item in Exercise.objects.filter(slug__in={entry.exercise_slug for entry in entries})
    }
    rows = []
    for index, entry in enumerate(entries, start=1):
        problems = set_entry_problems(entry, f"sets[{index}]")
        if problems:
            raise InvalidInput("; ".join(problems), field=f"sets[{index}]")
        prescription = prescriptions.get(entry.prescription_id) if entry.prescription_id else None
        if entry.prescription_id and prescription is None:
            raise InvalidInput(
                f"sets[{index}].prescription {entry.prescription_id} is not part of this session",
                field=f"sets[{index}]",
            )
        exercise = prescription.exercise if prescription else exercises.get(entry.exercise_slug)
        if exercise is None:
            raise InvalidInput(
                f"sets[{index}].exercise {entry.exercise_slug!r} is unknown", field=f"sets[{index}]"
            )
        rows.append((entry, prescription, exercise))
    try:
        with transaction.atomic():
            log = SessionLog.objects.create(
                runner=runner,
                client_uuid=key,
                plan=plan,
                session_id=session_id if plan else None,
                scheduled_date=scheduled_date if plan else None,
                date=day,
                rpe=rpe,
                pain_after=pain_after,
                notes=notes[:500],
            )
    except IntegrityError:
        # Another request with the same UUID won the race: the log is stored once.
        return Saved(SessionLog.objects.get(client_uuid=key), created=False)
    SetLog.objects.bulk_create(
        SetLog(
            log=log,
            prescription=prescription,
            exercise=exercise,
            set_number=entry.set_number,
            side=entry.side,
            reps=entry.reps,
            hold_seconds=entry.hold_seconds,
            jumps=entry.jumps,
            load_kg=entry.load_kg,
            pain_during=entry.pain_during,
        )
        for entry, prescription, exercise in rows
    )
    return Saved(log, created=True)


def _dated_session_of(
    runner: User, plan_id: int | None, session_id: int | None, scheduled_date: date | None
) -> tuple[Plan | None, dict[int, Prescription]]:
    """The runner's plan and the prescriptions of the dated session a log is for (none for an extra session)."""
    if plan_id is None and session_id is None:
        return None, {}
    if plan_id is None or session_id is None or scheduled_date is None:
        raise NotFound("Name the dated session: plan, session and scheduled_date.")
    plan = Plan.objects.filter(pk=plan_id, runner=runner).select_related("program").first()
    if plan is None:
        raise NotFound("That session is not one of yours.")
    if not any(item.key == (session_id, scheduled_date) for item in plan_schedule(plan)):
        raise NotFound(f"No session of this plan on {scheduled_date.isoformat()}.")
    if plan.logs.filter(session_id=session_id, scheduled_date=scheduled_date).exists():
        raise InvalidInput("This session is already logged.", field="session")
    prescriptions = Prescription.objects.filter(session_id=session_id).select_related("exercise")
    return plan, {item.pk: item for item in prescriptions}


@transaction.atomic
def check_in(
    *, actor: User, client_uuid: Any, pain: int, stiffness: int, day: date | None = None, note: str = ""
) -> Saved:
    """The morning check-in: one per day, editable that same day."""
    runner = _runner(actor)
    key, existing = _sent_before(MorningCheckin, client_uuid, runner)
    if existing is not None:
        return Saved(existing, created=False)
    today = today_for(runner)
    day = day or today
    _refuse(date_problem(day, today), "date")
    _refuse(pain_problem("pain", pain), "pain")
    _refuse(pain_problem("stiffness", stiffness), "stiffness")
    current = MorningCheckin.objects.select_for_update().filter(runner=runner, date=day).first()
    if current is not None:
        if day != today:
            raise InvalidInput(f"The check-in of {day.isoformat()} can no longer be changed.", field="date")
        current.pain, current.stiffness, current.note, current.client_uuid = pain, stiffness, note[:500], key
        current.save()
        return Saved(current, created=False)
    return Saved(
        MorningCheckin.objects.create(
            runner=runner, client_uuid=key, date=day, pain=pain, stiffness=stiffness, note=note[:500]
        ),
        created=True,
    )
