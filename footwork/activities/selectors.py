"""Reads of runs, shoes and running load, shared by views, the API and the CLI."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from statistics import mean

import numpy as np
from django.db.models import Q, QuerySet, Sum

from footwork.accounts.models import User
from footwork.accounts.selectors import can_view_runner, coached_by
from footwork.activities import load, series
from footwork.activities.importers import RUN_SPORTS, Track
from footwork.activities.models import Run, Shoe
from footwork.core.errors import InvalidInput, NotFound
from footwork.core.units import distance_unit, from_km
from footwork.core.wording import day_label
from footwork.training.models import MorningCheckin, SessionLog

# Enough days before a window for every ratio to be defined on its first day (the chronic window is 28 days).
LEAD_IN_DAYS = 56
EXTRA_SESSION_MIN = 20  # an extra strength session has no planned length: count it as a short one
WARNING_DAYS = 7
DROP_NOTE_DAYS = 14
PAIN_RISE = 1.0  # points of weekly mean morning pain (CLINICAL.md A, weekly trend)
MIN_CHECKINS_A_WEEK = 3


def runs_of(runner: User, start: date, end: date) -> QuerySet[Run]:
    """The runner's runs with a local date in [start, end], newest first (without their tracks: lists never show
    one, and a year of them is megabytes)."""
    return (
        Run.objects.filter(runner=runner, local_date__range=(start, end))
        .select_related("shoe")
        .defer("track")
    )


def shoes_of(runner: User) -> QuerySet[Shoe]:
    return Shoe.objects.filter(runner=runner)


def shoe_distances(runner: User) -> dict[int, float]:
    """Kilometres run in each of the runner's shoes (0 for an unused pair)."""
    totals = dict.fromkeys(shoes_of(runner).values_list("pk", flat=True), 0.0)
    rows = (
        Run.objects.filter(runner=runner, shoe__isnull=False)
        .values("shoe")
        .annotate(metres=Sum("distance_m"))
    )
    for row in rows:
        totals[row["shoe"]] = round((row["metres"] or 0.0) / 1000, 2)
    return totals


def load_sessions(runner: User, start: date, end: date) -> list[load.Session]:
    """Runs and the strength sessions logged in Footwork, as the load module's sessions."""
    # Plain rows of the few columns load needs: a year of runs as models (tracks and all) was most of the time.
    runs = (
        Run.objects.filter(runner=runner, local_date__range=(start, end), sport__in=RUN_SPORTS)
        .order_by("start")
        .values_list("local_date", "distance_m", "moving_s", "rpe", "elevation_gain_m")
    )
    sessions = [
        load.Session(
            date=day, distance_km=distance / 1000, duration_min=moving / 60, rpe=rpe, elevation_m=gain or 0.0
        )
        # A run its runner marked as not a run (a walk, a ride) stays listed but is no running load.
        for day, distance, moving, rpe, gain in runs
    ]
    logs = (
        SessionLog.objects.filter(runner=runner, date__range=(start, end))
        .order_by("date", "pk")
        .values_list("date", "session__minutes", "session_id", "rpe")
    )
    sessions += [
        load.Session(
            date=day,
            distance_km=0.0,
            duration_min=float(minutes if session_id is not None else EXTRA_SESSION_MIN),
            rpe=rpe,
            is_run=False,
        )
        for day, minutes, session_id, rpe in logs
    ]
    return sessions


def _first_recorded(runner: User) -> date | None:
    firsts = [
        Run.objects.filter(runner=runner).order_by("local_date").values_list("local_date", flat=True).first(),
        SessionLog.objects.filter(runner=runner).order_by("date").values_list("date", flat=True).first(),
    ]
    return min((day for day in firsts if day is not None), default=None)


def time_constants(fitness_days: int | None = None, fatigue_days: int | None = None) -> load.TimeConstants:
    """The fitness/fatigue time constants asked for (None: the default); InvalidInput says what is wrong."""
    try:
        return load.TimeConstants.of(fitness_days, fatigue_days)
    except load.InvalidTimeConstant as error:
        raise InvalidInput(str(error), field=error.field) from error


def load_report(
    runner: User, start: date, end: date, constants: load.TimeConstants = load.DEFAULT_TIME_CONSTANTS
) -> load.LoadReport:
    """Load metrics of [start, end], computed from up to LEAD_IN_DAYS earlier so the ratios are defined.

    The lead-in starts no earlier than the first thing recorded: days before a runner used Footwork are unknown, not
    rest, and counting them as rest would make their first weeks look like a spike.
    """
    first = _first_recorded(runner)
    lead = start - timedelta(days=LEAD_IN_DAYS)
    if first is not None:
        lead = min(start, max(lead, first))
    report = load.compute(load.daily_loads(load_sessions(runner, lead, end), lead, end), constants)
    return load.LoadReport(
        daily=tuple(m for m in report.daily if m.date >= start),
        weekly=tuple(w for w in report.weekly if w.start + timedelta(days=6) >= start),
        warnings=tuple(w for w in report.warnings if w.date >= start),
    )


def load_document(
    runner: User, start: date, end: date, constants: load.TimeConstants = load.DEFAULT_TIME_CONSTANTS
) -> dict[str, object]:
    """The /load JSON document: daily, weekly, warnings and the ACWR caveat."""
    return {**load.report_document(load_report(runner, start, end, constants)), "caveat": load.ACWR_CAVEAT}


def load_chart(report: load.LoadReport, pain: dict[date, int], units: str) -> dict[str, object]:
    """What load-chart.js draws: each day's metrics and morning pain, the weekly distances in the runner's units."""
    document = load.report_document(report)
    days = [metrics.date for metrics in report.daily]
    return {
        "days": [day.isoformat() for day in days],
        # What the axes show: "Tue 2 Dec", never an ISO date.
        "labels": [day_label(day) for day in days],
        "pain": [pain.get(day) for day in days],
        "weekly": [
            {"start": week.start.isoformat(), "distance": round(from_km(week.distance_km, units), 2)}
            for week in report.weekly
        ],
        "distance_unit": distance_unit(units),
        "daily": document["daily"],
    }


def active_load_warnings(runner: User, today: date) -> tuple[load.Warning, ...]:
    """Load warnings of the last WARNING_DAYS days, today included."""
    return load_report(runner, today - timedelta(days=WARNING_DAYS - 1), today).warnings


def morning_pain(runner: User, start: date, end: date) -> dict[date, int]:
    rows = MorningCheckin.objects.filter(runner=runner, date__range=(start, end))
    return dict(rows.values_list("date", "pain"))


def _weekly_pain(runner: User, since: date) -> dict[date, float]:
    by_week: dict[date, list[int]] = defaultdict(list)
    for day, pain in MorningCheckin.objects.filter(runner=runner, date__gte=since).values_list(
        "date", "pain"
    ):
        by_week[day - timedelta(days=day.weekday())].append(pain)
    return {monday: mean(pains) for monday, pains in by_week.items() if len(pains) >= MIN_CHECKINS_A_WEEK}


def _pain_rose(weekly: dict[date, float], start: date) -> date | None:
    """The Monday of a week touching [start, start + DROP_NOTE_DAYS] whose mean rose by PAIN_RISE or more."""
    monday = start - timedelta(days=start.weekday())
    while monday <= start + timedelta(days=DROP_NOTE_DAYS):
        before = weekly.get(monday - timedelta(days=7))
        if monday in weekly and before is not None and weekly[monday] >= before + PAIN_RISE:
            return monday
        monday += timedelta(days=7)
    return None


def shoe_drop_notes(runner: User, flare_starts: Iterable[date] = ()) -> list[str]:
    """Notes where a pair with another drop than the pair before it was started shortly before a flare-up or pain rise.

    Footwork keeps no history of which pair was the default, so "the previous default" is the pair started before.
    """
    shoes = list(Shoe.objects.filter(runner=runner).order_by("started_on", "pk"))
    if len(shoes) < 2:
        return []
    # The flare-ups come from the caller (progression sits above this app and reads it, not the other way round).
    flares = list(flare_starts)
    weekly = _weekly_pain(runner, shoes[1].started_on - timedelta(days=14))
    notes = []
    for previous, shoe in pairwise(shoes):
        if shoe.drop_mm == previous.drop_mm:
            continue
        change = f"{shoe} ({shoe.drop_mm} mm drop, after {previous.drop_mm} mm) started on {shoe.started_on:%d %b %Y}"
        flare = next((d for d in sorted(flares) if 0 <= (d - shoe.started_on).days <= DROP_NOTE_DAYS), None)
        if flare is not None:
            notes.append(f"{change}, {(flare - shoe.started_on).days} days before a flare-up began.")
            continue
        rose = _pain_rose(weekly, shoe.started_on)
        if rose is not None:
            notes.append(f"{change}; morning pain rose by 1 point or more in the week of {rose:%d %b}.")
    return notes


def run_for(actor: User, run_id: int) -> Run:
    """A run the actor may see (their own, or a client's), or NotFound: the same answer whether it exists or not."""
    visible = Q(runner=actor)
    if actor.is_coach:
        visible |= coached_by(actor)
    run = Run.objects.filter(visible, pk=run_id).select_related("runner__runner_profile").first()
    if run is None or not can_view_runner(actor, run.runner):
        raise NotFound("No such run.")
    return run


def run_track_document(run: Run, *, full: bool = False) -> dict[str, object]:
    """The run's JSON shape with its track series (activities.series), thinned unless full; track None without one."""
    track = None
    if run.track:
        try:
            decoded = Track.from_bytes(bytes(run.track))
        except ValueError:
            # Bytes Footwork did not write answer as a run without a track, as its page does, not as an error.
            decoded = None
        if decoded is not None and len(decoded):
            track = series.track_document(decoded, full=full)
    return {**run_document(run), "track": track}


def run_document(run: Run) -> dict[str, object]:
    """The stable JSON shape of a run."""
    return {
        "id": run.pk,
        "date": run.local_date,
        "start": run.start,
        "sport": run.sport,
        "sport_assumed": run.sport_assumed,
        "distance_km": round(run.distance_m / 1000, 2),
        "duration_min": round(run.moving_s / 60, 1),
        "elapsed_min": round(run.elapsed_s / 60, 1),
        "elevation_gain_m": run.elevation_gain_m,
        "avg_hr": run.avg_hr,
        "max_hr": run.max_hr,
        "avg_cadence": run.avg_cadence,
        "rpe": run.rpe,
        "shoe": run.shoe_id,
        "source": run.source,
        "notes": run.notes,
    }


def shoe_document(shoe: Shoe, distance_km: float) -> dict[str, object]:
    """The stable JSON shape of a pair of shoes, with the kilometres run in it."""
    return {
        "id": shoe.pk,
        "brand": shoe.brand,
        "model": shoe.model,
        "drop_mm": float(shoe.drop_mm),
        "started_on": shoe.started_on,
        "retired_on": shoe.retired_on,
        "is_default": shoe.is_default,
        "distance_km": distance_km,
    }


CHART_POINTS = 400


def track_chart(run: Run) -> dict[str, list[float | None]] | None:
    """Distance (km), pace (s/km), heart rate and altitude along a stored track, thinned to CHART_POINTS."""
    if not run.track:
        return None
    try:
        track = Track.from_bytes(bytes(run.track))
    except ValueError:
        return None
    keep = np.isfinite(track.distance_m) & np.isfinite(track.seconds)
    if keep.sum() < 2:
        return None
    step = max(1, int(keep.sum()) // CHART_POINTS)
    seconds, metres = track.seconds[keep][::step], track.distance_m[keep][::step]
    heart, altitude = track.heart_rate[keep][::step], track.altitude_m[keep][::step]
    gained = np.diff(metres, prepend=np.nan)
    took = np.diff(seconds, prepend=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        pace = np.where(gained > 1, took / gained * 1000, np.nan)
    # Paces slower than 20 min/km are standing still, not running: left out so the axis stays readable.
    pace[pace > 1200] = np.nan
    return {
        "km": _plain(metres / 1000),
        "pace": _plain(pace),
        "hr": _plain(heart),
        "altitude": _plain(altitude),
    }


def _plain(values: np.ndarray) -> list[float | None]:
    return [round(float(value), 3) if np.isfinite(value) else None for value in values]
