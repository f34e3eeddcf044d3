"""Runs entered by hand and changes to any run (effort, shoe, notes, sport)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from footwork.accounts.models import User
from footwork.activities.models import Run, RunSource, Shoe, Sport
from footwork.activities.selectors import run_for
from footwork.core import bounds, derived
from footwork.core.clock import local_date, time_zone_of, today_for
from footwork.core.errors import InvalidInput, NotFound

from .runners import default_shoe, runner_for
from .shoes import shoe_of

MAX_DURATION_MIN = int(bounds.MANUAL_RUN_DURATION.high // 60)
_UNSET = object()


def _check_rpe(rpe: int | None) -> None:
    if rpe is not None and not 0 <= rpe <= 10:
        raise InvalidInput("Effort (RPE) is 0 to 10.", field="rpe")


def _check_manual(runner: User, day: date, duration_min: float, distance_km: float) -> None:
    """The bounds of core.bounds, the same the importers and the API schema state."""
    problems = {
        "date": bounds.ACTIVITY_DATE.check(day, today=today_for(runner)),
        "duration_min": bounds.MANUAL_RUN_DURATION.check(duration_min * 60),
        "distance_km": bounds.ACTIVITY_DISTANCE.check(distance_km * 1000),
    }
    for field, problem in problems.items():
        if problem:
            raise InvalidInput(problem[:1].upper() + problem[1:] + ".", field=field)
    if distance_km and bounds.AVERAGE_RUN_SPEED.check(distance_km * 1000 / (duration_min * 60)):
        raise InvalidInput(
            f"{distance_km:g} km in {duration_min:g} minutes is faster than anyone runs.", field="distance_km"
        )


@transaction.atomic
def record_manual_run(
    *,
    actor: User,
    runner_id: int | None = None,
    day: date,
    duration_min: float,
    distance_km: float,
    rpe: int | None = None,
    shoe_id: int | None = None,
    notes: str = "",
) -> Run:
    """A run entered by hand; the runner's default shoe when none is given."""
    runner = runner_for(actor, runner_id)
    _check_manual(runner, day, duration_min, distance_km)
    _check_rpe(rpe)
    shoe: Shoe | None = shoe_of(runner, shoe_id) if shoe_id is not None else default_shoe(runner)
    # A manual run has a day, not a time: noon local time keeps it on that day in the runner's zone.
    zone = time_zone_of(runner)
    start = datetime.combine(day, time(12), tzinfo=ZoneInfo(zone)).astimezone(UTC)
    seconds = duration_min * 60
    run = Run.objects.create(
        runner=runner,
        start=start,
        local_date=local_date(start, zone),
        distance_m=distance_km * 1000,
        moving_s=seconds,
        elapsed_s=seconds,
        rpe=rpe,
        shoe=shoe,
        source=RunSource.MANUAL,
        notes=notes[:500],
    )
    # Running load feeds the running advice.
    derived.inputs_changed(runner)
    return run


def run_visible_to(actor: User, run_id: int) -> Run:
    """The run if the actor may see its runner; otherwise NotFound, worded alike whether it exists or not."""
    return run_for(actor, run_id)


@transaction.atomic
def set_run_sport(*, actor: User, run_id: int, sport: str) -> Run:
    """Say what a run was (a Sport); marked not a run, it stays listed but leaves the running load."""
    run = run_visible_to(actor, run_id)
    _set_sport(run, sport)
    run.save(update_fields=["sport", "sport_assumed"])
    derived.inputs_changed(run.runner)
    return run


def _set_sport(run: Run, sport: object) -> None:
    if not isinstance(sport, str) or sport not in Sport.values:
        choices = ", ".join(Sport.values)
        raise InvalidInput(f"The sport is one of: {choices}.", field="sport")
    # The runner has said what it was: no longer an assumption.
    run.sport, run.sport_assumed = sport, False


@transaction.atomic
def update_run(
    *,
    actor: User,
    run_id: int,
    rpe: object = _UNSET,
    shoe_id: object = _UNSET,
    notes: str | None = None,
    sport: object = _UNSET,
) -> Run:
    """Change a run's effort, shoe, notes or sport (leave an argument out to keep it)."""
    run = run_visible_to(actor, run_id)
    if sport is not _UNSET:
        _set_sport(run, sport)
    if rpe is not _UNSET:
        if rpe is not None and not isinstance(rpe, int):
            raise InvalidInput("Effort (RPE) is a whole number 0 to 10.", field="rpe")
        _check_rpe(rpe)
        run.rpe = rpe
    if shoe_id is not _UNSET:
        if shoe_id is not None and not isinstance(shoe_id, int):
            raise NotFound("No such shoe.")
        run.shoe = None if shoe_id is None else shoe_of(run.runner, shoe_id)
    if notes is not None:
        run.notes = notes[:500]
    run.save()
    derived.inputs_changed(run.runner)
    return run
