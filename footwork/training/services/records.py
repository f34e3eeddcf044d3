"""Session logs and morning check-ins, idempotent by the client's UUID; each keeps its day's summary."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from footwork.accounts.domain import AREA_NAMES, PainSite, site_name, sites_in_words
from footwork.accounts.models import User
from footwork.core import adaptation as season_rule
from footwork.core import derived
from footwork.core.clock import entry_day, recorded_moment, time_zone_of, today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.wording import day_label
from footwork.exercises.selectors import visible_exercises
from footwork.programs.models import Plan, Prescription, ProgramSession
from footwork.programs.selectors import plan_schedule
from footwork.training.domain import SetEntry, date_problem, entries_asked, pain_problem, set_entry_problems
from footwork.training.models import MorningCheckin, SessionLog, SetLog
from footwork.training.selectors import day_session, session_to_do
from footwork.training.services.summaries import refresh_days


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
    recorded_at: datetime | None = None,
) -> Saved:
    """Store a done session with its sets; the same client UUID twice stores it once; bad input stores nothing.

    recorded_at: when it was logged on the phone (offline), which also gives its day when `day` is not given."""
    runner = _runner(actor)
    key, existing = _sent_before(SessionLog, client_uuid, runner)
    if existing is not None:
        return Saved(existing, created=False)
    if not entries:
        raise InvalidInput(
            "An empty session: log at least one set (or move or skip the session with a reason).",
            field="sets",
        )
    recorded_at = recorded_moment(recorded_at)
    today = today_for(runner)
    day = day or entry_day(runner, recorded_at)
    _refuse(date_problem(day, today), "date")
    _refuse(pain_problem("rpe", rpe), "rpe")
    _refuse(pain_problem("pain_after", pain_after), "pain_after")
    plan, prescriptions = _dated_session_of(runner, plan_id, session_id, scheduled_date)
    exercises = {
        item.slug: item
        # Only exercises the runner may see: another coach's private exercise is "unknown" here.
        for item in visible_exercises(runner).filter(slug__in={entry.exercise_slug for entry in entries})
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
                recorded_at=recorded_at,
                held_back=sorted(pk for pk, item in prescriptions.items() if item.held_back_reason),
                asked=_asked(runner, plan, session_id, scheduled_date, day, prescriptions),
            )
    except IntegrityError:
        # PostgreSQL: a parallel request with the same UUID committed first (SQLite runs one writer at a time);
        # the savepoint keeps this transaction usable, and the log is stored once.
        _key, winner = _sent_before(SessionLog, key, runner)
        if winner is None:
            raise
        return Saved(winner, created=False)
    SetLog.objects.bulk_create(
        SetLog(
            log=log,
            runner=runner,
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
    refresh_days(runner, [day])
    derived.inputs_changed(runner)
    return Saved(log, created=True)


@transaction.atomic
def log_day(
    *,
    actor: User,
    client_uuid: Any,
    entries: list[SetEntry],
    day: date | None = None,
    rpe: int | None = None,
    pain_after: int | None = None,
    notes: str = "",
    recorded_at: datetime | None = None,
) -> list[Saved]:
    """Log the day's one session: each plan's part as its own log (sets of an exercise two plans share go to
    both), idempotent by the client UUID; nothing is stored if any part is refused."""
    runner = _runner(actor)
    key = _uuid(client_uuid)
    if not entries:
        raise InvalidInput("An empty session: log at least one set.", field="sets")
    recorded_at = recorded_moment(recorded_at)
    day = day or entry_day(runner, recorded_at)
    # Before the schedule is expanded for it: a day in year 9999 is refused, not computed.
    _refuse(date_problem(day, today_for(runner)), "date")
    session = day_session(runner, day=day)
    # As the day's session shows them: the season's rule for the day (a taper's fewer sets) already applied.
    parts = [part for exercise in session.exercises for part in exercise.parts]
    unknown = sorted({entry.exercise_slug for entry in entries} - {part.exercise for part in parts})
    if unknown:
        raise InvalidInput(f"Not in today's session: {', '.join(unknown)}.", field="sets")
    logged: list[Saved] = []
    for item in session.items:
        mine = [part for part in parts if part.session_id == item.session.pk and part.plan_id == item.plan.pk]
        by_exercise = {part.exercise: part.prescription_id for part in mine}
        part_entries = [
            replace(entry, prescription_id=by_exercise[entry.exercise_slug])
            for entry in entries
            if entry.exercise_slug in by_exercise
        ]
        part_key = uuid.uuid5(key, f"{item.plan.pk}:{item.session.pk}:{item.dated.original_date.isoformat()}")
        already = SessionLog.objects.filter(client_uuid=part_key, runner=runner).first()
        if already is not None:
            logged.append(Saved(already, created=False))
        elif part_entries and item.status not in {"done", "partial"}:
            logged.append(
                log_session(
                    actor=runner, client_uuid=part_key, entries=part_entries, day=session.day,
                    plan_id=item.plan.pk, session_id=item.session.pk, scheduled_date=item.dated.original_date,
                    rpe=rpe, pain_after=pain_after, notes=notes, recorded_at=recorded_at,
                )
            )  # fmt: skip
    if not logged:
        raise InvalidInput("Nothing of today's session is left to log.", field="sets")
    return logged


def _asked(
    runner: User,
    plan: Plan | None,
    session_id: int | None,
    scheduled_date: date | None,
    day: date,
    prescriptions: dict[int, Prescription],
) -> dict[str, int]:
    """What the dated session asks for on the day it is done: on a day the season changes (a taper, a recovery)
    the adapted sets, without the exercises it rests, as the player showed them."""
    adaptation = None if plan is None or scheduled_date is None else season_rule.adaptation_on(runner, day)
    if plan is None or session_id is None or scheduled_date is None or adaptation is None:
        return entries_asked((pk, item.sets, item.per_side) for pk, item in prescriptions.items())
    session = ProgramSession.objects.get(pk=session_id)
    todo = session_to_do(runner, plan, session, scheduled_date, day=day, adaptation=adaptation)
    return entries_asked((doc["id"], doc["sets"], doc["per_side"]) for doc in todo["prescriptions"])


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
        raise NotFound(f"No session of this plan on {day_label(scheduled_date)}.")
    if plan.logs.filter(session_id=session_id, scheduled_date=scheduled_date).exists():
        raise InvalidInput("This session is already logged.", field="session")
    prescriptions = Prescription.objects.filter(session_id=session_id).select_related("exercise")
    return plan, {item.pk: item for item in prescriptions}


def _not_your_area(area: str, sites: dict[str, PainSite]) -> str:
    if area not in AREA_NAMES:
        return f"{area!r} is not an area Footwork knows: leave it out."
    if not sites:
        return f"Your profile lists no painful area, so not the {AREA_NAMES[area]}: add it there first."
    listed = sites_in_words(sites.values())
    return (
        f"The {AREA_NAMES[area]} is not one of your painful areas ({listed}): add it to your profile first."
    )


def _area_answers(
    runner: User, areas: dict[str, tuple[int, int]], pain: int | None, stiffness: int | None
) -> tuple[dict[str, dict[str, int]], int, int]:
    """Each area's answer, checked against the runner's painful areas, and the worst pain and stiffness."""
    profile = getattr(runner, "runner_profile", None)
    sites = {site.area: site for site in (profile.pain_sites if profile else [])}
    answers: dict[str, dict[str, int]] = {}
    for area, answer in areas.items():
        if area not in sites:
            raise InvalidInput(_not_your_area(area, sites), field=f"areas.{area}")
        if not isinstance(answer, tuple | list) or len(answer) != 2:
            raise InvalidInput(
                f"Give the {site_name(sites[area])} a pain and a stiffness.", field=f"areas.{area}"
            )
        for word, value in zip(("pain", "stiffness"), answer, strict=True):
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidInput(
                    f"{word.capitalize()} is a whole number from 0 to 10", field=f"areas.{area}.{word}"
                )
            named = f"{word.capitalize()} at the {site_name(sites[area])}"
            _refuse(pain_problem(named, value), f"areas.{area}.{word}")
        answers[area] = {"pain": answer[0], "stiffness": answer[1]}
    ordered = {area: answers[area] for area in sites if area in answers}
    worst = {word: max(answer[word] for answer in ordered.values()) for word in ("pain", "stiffness")}
    for word, given in (("pain", pain), ("stiffness", stiffness)):
        if given is not None and given != worst[word]:
            raise InvalidInput(
                f"{word.capitalize()} is the worst of the areas ({worst[word]}), not {given}: leave it out.",
                field=word,
            )
    return ordered, worst["pain"], worst["stiffness"]


@transaction.atomic
def check_in(
    *,
    actor: User,
    client_uuid: Any,
    pain: int | None = None,
    stiffness: int | None = None,
    day: date | None = None,
    note: str = "",
    areas: dict[str, tuple[int, int]] | None = None,
    recorded_at: datetime | None = None,
) -> Saved:
    """The morning check-in: one per day, editable that same day; with areas, pain and stiffness are their worst.

    recorded_at: when it was made on the phone (offline); it gives the day when `day` is not given, and a check-in
    changed after that moment (on another device) is not overwritten by this older one."""
    runner = _runner(actor)
    key, existing = _sent_before(MorningCheckin, client_uuid, runner)
    if existing is not None:
        return Saved(existing, created=False)
    recorded_at = recorded_moment(recorded_at)
    today = today_for(runner)
    day = day or entry_day(runner, recorded_at)
    _refuse(date_problem(day, today), "date")
    answers: dict[str, dict[str, int]] = {}
    if areas:
        answers, pain, stiffness = _area_answers(runner, areas, pain, stiffness)
    if pain is None or stiffness is None:
        raise InvalidInput(
            "Give pain and stiffness, each from 0 to 10.", field="pain" if pain is None else "stiffness"
        )
    _refuse(pain_problem("pain", pain), "pain")
    _refuse(pain_problem("stiffness", stiffness), "stiffness")
    fields = {
        "pain": pain,
        "stiffness": stiffness,
        "note": note[:500],
        "areas": answers,
        "recorded_at": recorded_at,
    }
    try:
        with transaction.atomic():
            saved = _store_check_in(runner, key, day, today, fields)
    except IntegrityError:
        # PostgreSQL: a parallel request stored this UUID, or another check-in of the day, first (SQLite runs one
        # writer at a time). The savepoint keeps this transaction usable: the same UUID answers with what it
        # stored, another one changes the day's check-in as if it had come second.
        _key, existing = _sent_before(MorningCheckin, key, runner)
        if existing is not None:
            return Saved(existing, created=False)
        saved = _store_check_in(runner, key, day, today, fields)
    refresh_days(runner, [day])
    # The morning decides the light of yesterday's exercises and whether jumping is held back.
    derived.inputs_changed(runner)
    return saved


def _store_check_in(runner: User, key: uuid.UUID, day: date, today: date, fields: dict[str, Any]) -> Saved:
    """The day's check-in created, or changed (today only) under this client UUID."""
    current = MorningCheckin.objects.select_for_update().filter(runner=runner, date=day).first()
    if current is None:
        return Saved(
            MorningCheckin.objects.create(runner=runner, client_uuid=key, date=day, **fields), created=True
        )
    if day != today:
        raise InvalidInput(
            f"The check-in of {day_label(day)} was already made (on this or another device) and can no longer "
            "be changed.",
            field="date",
        )
    made, theirs = fields["recorded_at"], current.recorded_at or current.updated_at
    if made is not None and theirs > made:
        raise InvalidInput(
            f"Today's check-in was changed at {_clock(theirs, runner)}, after this one was made at "
            f"{_clock(made, runner)}: the newer one is kept.",
            field="recorded_at",
        )
    for name, value in fields.items():
        setattr(current, name, value)
    current.client_uuid = key
    current.save()
    return Saved(current, created=False)


def _clock(moment: datetime, runner: User) -> str:
    """A moment as the runner's wall clock reads it: "07:40"."""
    return moment.astimezone(ZoneInfo(time_zone_of(runner))).strftime("%H:%M")
