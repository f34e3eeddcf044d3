"""The coach's roster: every runner with their last session, adherence, light, load, season and attention.

A constant number of queries however many runners: each kind of record is read once for the whole roster, and
every runner's figures are computed from those rows with the apps' own pure functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from footwork.accounts.models import User
from footwork.accounts.selectors import ClientLine, client_lines, coached_by
from footwork.activities import load
from footwork.activities.importers import RUN_SPORTS
from footwork.activities.models import Run
from footwork.activities.selectors import EXTRA_SESSION_MIN, LEAD_IN_DAYS
from footwork.caseload.domain import (
    NextRace,
    RosterRow,
    Scheduled,
    Signals,
    attention,
    missed_in_a_row,
    sort_rows,
    window_adherence,
    windows,
    worst_light,
)
from footwork.caseload.models import RunnerStanding
from footwork.caseload.threads import Waiting
from footwork.core import bounds, rules
from footwork.core.clock import local_date, today_for
from footwork.programs.domain import DatedSession
from footwork.programs.models import Phase, Plan, PlanStatus
from footwork.programs.selectors import plan_schedule
from footwork.progression.models import FlareUp, FlareUpStatus, Recommendation, RecommendationStatus
from footwork.season.domain import Priority, Strength, periodise
from footwork.season.domain import Race as SeasonRace
from footwork.season.domain.adaptation import strength_days
from footwork.season.models import Race
from footwork.season.selectors import short_name
from footwork.training.domain import LoggedSession, logged_from_summary, statuses
from footwork.training.models import DaySummary, SessionLog
from footwork.training.selectors import NOT_SCHEDULED, prescriptions_by_session

# Logs are read from this many days before the oldest window: a session moved earlier is logged before its date.
LOG_MARGIN_DAYS = 14


@dataclass(frozen=True)
class Decisions:
    """A runner's open decisions, as the roster reads them."""

    lights: tuple[str, ...] = ()
    stop: bool = False
    regress: bool = False


@dataclass(frozen=True)
class Standing:
    """A runner's figures that take reading their plans and history (kept in caseload.models.RunnerStanding)."""

    as_of: date  # the runner's day they are of
    last_session: date | None
    adherence_7d: int | None
    adherence_30d: int | None
    adherence_previous_30d: int | None
    missed_in_a_row: int
    load_warnings: tuple[load.Warning, ...]


def roster(coach: User, waiting: Waiting | None = None) -> list[RosterRow]:
    """Every runner of the coach, those needing attention first. `waiting` (threads.waiting_for: unread messages) is
    None when the messaging app is not there to say: the rows' `unread` is None then, not 0."""
    runners = client_lines(coach)
    if not runners:
        return []
    ids = [runner.pk for runner in runners]
    now = timezone.now()
    todays = {runner.pk: local_date(now, runner.time_zone) for runner in runners}
    # The reads below find the coach's runners by a join, not by a list of 200 ids (each id of which Django would
    # check and the database parse, query after query); the rows of runners no longer coached go unused.
    coached = coached_by(coach)
    races = _races(coached, _races_since(todays))
    kept = kept_standings(ids, todays, races, coached)
    # What safety and the day's decisions say is read afresh on every roster, never kept.
    decisions = _decisions(coached)
    referred = set(
        FlareUp.objects.filter(coached, status=FlareUpStatus.REFERRED).values_list("runner_id", flat=True)
    )
    rows = []
    for runner in runners:
        today, own_races, standing = todays[runner.pk], races.get(runner.pk, []), kept[runner.pk]
        decided = decisions.get(runner.pk, Decisions())
        signals = Signals(
            today=today,
            red_flag=runner.pk in referred,
            stop=decided.stop,
            regress=decided.regress,
            adherence_30d=standing.adherence_30d,
            adherence_previous_30d=standing.adherence_previous_30d,
            missed_in_a_row=standing.missed_in_a_row,
            load_warnings=tuple(warning.message_in(runner.units) for warning in standing.load_warnings),
            unanswered_hours=_waited(waiting, runner.pk, now),
        )
        rows.append(
            RosterRow(
                runner=runner.pk,
                name=runner.name,
                about=_about(runner),
                today=today,
                last_session=standing.last_session,
                adherence_7d=standing.adherence_7d,
                adherence_30d=standing.adherence_30d,
                light=worst_light(decided.lights),
                load_warnings=signals.load_warnings,
                next_race=_next_race(own_races, today),
                phase=_phase(own_races, today),
                unread=None if waiting is None else waiting.unread.get(runner.pk, 0),
                reasons=attention(signals),
                # Sharing is what workshops offer: a runner on the roster who is not a client came through one.
                workshop_runner=not runner.linked,
            )
        )
    return sort_rows(rows)


def roster_document(row: RosterRow) -> dict[str, Any]:
    """A roster row as GET /api/v1/coach/roster and `footwork roster --json` give it."""
    race = row.next_race
    return {
        "runner": row.runner,
        "name": row.name,
        "last_session": row.last_session,
        "adherence_7d": row.adherence_7d,
        "adherence_30d": row.adherence_30d,
        "light": row.light,
        "load_flag": row.load_flag,
        "next_race": None
        if race is None
        else {"id": race.id, "name": race.name, "date": race.date, "days_to": race.days_to},
        "phase": row.phase,
        "unread": row.unread,
        "needs_attention": row.needs_attention,
        "attention_reasons": [{"code": reason.code, "text": reason.words} for reason in row.reasons],
    }


def kept_standings(
    ids: list[int], todays: Mapping[int, date], races: Mapping[int, list[Race]], whose: Q | None = None
) -> dict[int, Standing]:
    """Each runner's kept standing where it is of their today, the others computed now from their records (a read
    writes nothing: the writes and the daily job keep the rows). `whose` finds the runners' rows (default: by id)."""
    # Read as plain rows (no model built per runner), as their columns, in STANDING_COLUMNS' order.
    rows = RunnerStanding.objects.filter(Q(runner_id__in=ids) if whose is None else whose).values_list(
        "runner_id", *STANDING_COLUMNS
    )
    kept = {runner_id: dict(zip(STANDING_COLUMNS, columns, strict=True)) for runner_id, *columns in rows}
    found = {
        runner_id: _standing_of(row)
        for runner_id, row in kept.items()
        if runner_id in todays and row["as_of"] == todays[runner_id]
    }
    stale = [pk for pk in ids if pk not in found]
    if stale:
        found.update(standings(stale, todays, races))
    return found


def standings_now(runners: list[User]) -> dict[int, Standing]:
    """The runners' standings computed from their records today (what the writes keep)."""
    if not runners:
        return {}
    todays = {runner.pk: today_for(runner) for runner in runners}
    ids = list(todays)
    return standings(ids, todays, _races(Q(runner_id__in=ids), _races_since(todays)))


def standings(
    ids: list[int], todays: Mapping[int, date], races: Mapping[int, list[Race]]
) -> dict[int, Standing]:
    """The standings computed from the records, for all the runners at once (a constant number of queries)."""
    own_todays = {pk: todays[pk] for pk in ids}
    first = min(own_todays.values()) - timedelta(days=2 * rules.ROSTER_ADHERENCE_LONG_DAYS)
    last = max(own_todays.values())
    schedules = _schedules(ids, own_todays, first - timedelta(days=LOG_MARGIN_DAYS), last)
    last_sessions = _last_sessions(ids)
    warnings = _load_warnings(ids, own_todays)
    found = {}
    for pk in ids:
        today = own_todays[pk]
        schedule = _counted(schedules.get(pk, []), list(races.get(pk, [])))
        span = windows(today)
        found[pk] = Standing(
            as_of=today,
            last_session=last_sessions.get(pk),
            adherence_7d=window_adherence(schedule, *span["short"], today),
            adherence_30d=window_adherence(schedule, *span["long"], today),
            adherence_previous_30d=window_adherence(schedule, *span["previous"], today),
            missed_in_a_row=missed_in_a_row(schedule, today),
            load_warnings=warnings.get(pk, ()),
        )
    return found


STANDING_COLUMNS = (
    "as_of",
    "last_session",
    "adherence_7d",
    "adherence_30d",
    "adherence_previous_30d",
    "missed_in_a_row",
    "load_warnings",
)


def standing_fields(standing: Standing) -> dict[str, Any]:
    """A standing as RunnerStanding's columns."""
    return {
        "as_of": standing.as_of,
        "last_session": standing.last_session,
        "adherence_7d": standing.adherence_7d,
        "adherence_30d": standing.adherence_30d,
        "adherence_previous_30d": standing.adherence_previous_30d,
        "missed_in_a_row": standing.missed_in_a_row,
        "load_warnings": [
            {
                "date": warning.date.isoformat(),
                "kind": warning.kind,
                "message": warning.message,
                "distances_km": list(warning.distances_km),
            }
            for warning in standing.load_warnings
        ],
    }


def _standing_of(row: dict[str, Any]) -> Standing:
    """A kept standing from its columns (standing_fields' inverse)."""
    return Standing(
        as_of=row["as_of"],
        last_session=row["last_session"],
        adherence_7d=row["adherence_7d"],
        adherence_30d=row["adherence_30d"],
        adherence_previous_30d=row["adherence_previous_30d"],
        missed_in_a_row=row["missed_in_a_row"],
        load_warnings=tuple(
            load.Warning(
                date=date.fromisoformat(item["date"]),
                kind=item["kind"],
                message=item["message"],
                distances_km=tuple(item["distances_km"]),
            )
            for item in row["load_warnings"]
        ),
    )


def _races_since(todays: Mapping[int, date]) -> date:
    return min(bounds.SEASON_RACE_DATE.window(today)[0] for today in todays.values())


def _waited(waiting: Waiting | None, runner_id: int, now: datetime) -> float | None:
    since = None if waiting is None else waiting.since.get(runner_id)
    return None if since is None else (now - since).total_seconds() / 3600


def _about(runner: ClientLine) -> str:
    about = capfirst(runner.painful_area_names) or "No painful area"
    return f"{about} · {runner.goal_race_name}" if runner.goal_race_name else about


def counted_sessions(
    plan_ids: list[int], todays: Mapping[int, date], start: date, end: date
) -> dict[int, list[Scheduled]]:
    """The dated sessions from start to end of these active plans, by runner (`todays` holds each runner's today),
    with their statuses as adherence counts them: held-back sessions and those a race keeps free left out, as on the
    roster (for a workshop's weeks: workshops.selectors). A constant number of queries."""
    plans = Plan.objects.filter(pk__in=plan_ids, status=PlanStatus.ACTIVE)
    ids = list(todays)
    schedules = _schedules(ids, todays, start - timedelta(days=LOG_MARGIN_DAYS), end, plans)
    races = _races(Q(runner_id__in=ids), _races_since(todays))
    return {pk: _counted(items, list(races.get(pk, []))) for pk, items in schedules.items()}


def _schedules(
    ids: list[int],
    todays: Mapping[int, date],
    start: date,
    end: date,
    plans: QuerySet[Plan] | None = None,
) -> dict[int, list[tuple[Scheduled, bool]]]:
    """Each runner's dated sessions of their active plans (or of `plans`) with their statuses, and whether the
    session is held back entirely (every prescription of it held back now): six queries for the whole roster."""
    chosen = Plan.objects.filter(runner_id__in=ids, status=PlanStatus.ACTIVE) if plans is None else plans
    plans = chosen.select_related("program").prefetch_related(
        Prefetch("program__phases", queryset=Phase.objects.order_by("position").prefetch_related("sessions")),
        "overrides",
    )
    logs: dict[int, list[LoggedSession]] = defaultdict(list)
    for runner_id, day, sessions in (
        DaySummary.objects.filter(runner_id__in=ids, date__range=(start, end))
        .exclude(sessions=[])
        .values_list("runner_id", "date", "sessions")
    ):
        logs[runner_id].extend(logged_from_summary(day, sessions))
    dated: dict[int, list[DatedSession]] = defaultdict(list)
    for plan in plans:
        dated[plan.runner_id].extend(item for item in plan_schedule(plan) if start <= item.date <= end)
    sessions = {item.session_id for items in dated.values() for item in items}
    held_back = {
        session_id
        for session_id, items in prescriptions_by_session(sessions).items()
        if items and all(item.held_back_reason for item in items)
    }
    found: dict[int, list[tuple[Scheduled, bool]]] = {}
    for runner_id, items in dated.items():
        by_key = statuses(items, logs[runner_id], todays[runner_id])
        found[runner_id] = [
            (Scheduled(item.date, by_key[item.key]), item.session_id in held_back) for item in items
        ]
    return found


def _counted(items: list[tuple[Scheduled, bool]], races: list[Race]) -> list[Scheduled]:
    """The scheduled sessions adherence counts, as training.selectors.training_picture marks them: not those held
    back, nor those on days a race keeps free of strength work (NOT_SCHEDULED), unless they were logged anyway."""
    if not items:
        return []
    start, end = min(item.day for item, _held in items), max(item.day for item, _held in items)
    seasonal = [
        SeasonRace(short_name(race.name), race.date, race.distance_km, Priority(race.priority))
        for race in races
    ]
    rested = {
        day for day, rule in strength_days(seasonal, start, end).items() if rule.strength == Strength.NONE
    }
    open_statuses = {"due", "missed", "upcoming"}
    kept = []
    for item, held in items:
        status = item.status
        if status in open_statuses and held:
            status = "held_back"
        elif status in open_statuses and item.day in rested:
            status = "rested"
        if status not in NOT_SCHEDULED:
            kept.append(Scheduled(item.day, status))
    return kept


def _last_sessions(ids: list[int]) -> dict[int, date]:
    rows = (
        DaySummary.objects.filter(runner_id__in=ids)
        .exclude(sessions=[])
        .values("runner_id")
        .annotate(last=Max("date"))
        .values_list("runner_id", "last")
    )
    return dict(rows)


def _races(whose: Q, since: date) -> dict[int, list[Race]]:
    by_runner: dict[int, list[Race]] = defaultdict(list)
    for race in Race.objects.filter(whose, date__gte=since).order_by("date", "pk"):
        by_runner[race.runner_id].append(race)
    return by_runner


def _next_race(races: list[Race], today: date) -> NextRace | None:
    race = next((race for race in races if race.date >= today), None)
    if race is None:
        return None
    return NextRace(race.pk, race.name, short_name(race.name), race.date, (race.date - today).days)


def _phase(races: list[Race], today: date) -> str | None:
    """The season's phase today (season.selectors.season_of from rows already read); None with no race planned."""
    first, _last = bounds.SEASON_RACE_DATE.window(today)
    season = periodise(
        [
            SeasonRace(race.name, race.date, race.distance_km, Priority(race.priority))
            for race in races
            if race.date >= first
        ],
        today,
    )
    return str(season.days[0].phase) if season.days else None


def _decisions(whose: Q) -> dict[int, Decisions]:
    """Each runner's open decisions: the latest of each prescription and of the running advice."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    # Each runner's distinct pairs only: the counts do not matter, and a runner may have dozens open.
    for runner_id, decision, light in (
        Recommendation.objects.filter(whose, status=RecommendationStatus.OPEN)
        .order_by()
        .values_list("runner_id", "decision", "light")
        .distinct()
    ):
        found[runner_id].append((decision, light))
    return {
        runner_id: Decisions(
            lights=tuple(light for _decision, light in items if light),
            stop=any(decision == "stop" for decision, _light in items),
            regress=any(decision == "regress" for decision, _light in items),
        )
        for runner_id, items in found.items()
    }


def _load_warnings(ids: list[int], todays: Mapping[int, date]) -> dict[int, tuple[load.Warning, ...]]:
    """Each runner's load warnings of the last ROSTER_LOAD_FLAG_DAYS days, as activities.selectors.load_report
    computes them (runs and logged strength sessions, the lead-in from the first thing recorded), for all at once."""
    days = rules.ROSTER_LOAD_FLAG_DAYS
    end = max(todays.values())
    lead = min(todays.values()) - timedelta(days=days - 1 + LEAD_IN_DAYS)
    sessions: dict[int, list[load.Session]] = defaultdict(list)
    runs = (
        Run.objects.filter(runner_id__in=ids, local_date__range=(lead, end), sport__in=RUN_SPORTS)
        .order_by("start")
        .values_list("runner_id", "local_date", "distance_m", "moving_s", "rpe", "elevation_gain_m")
    )
    for runner_id, day, distance, moving, rpe, gain in runs:
        sessions[runner_id].append(
            load.Session(
                date=day,
                distance_km=distance / 1000,
                duration_min=moving / 60,
                rpe=rpe,
                elevation_m=gain or 0.0,
            )
        )
    logs = (
        SessionLog.objects.filter(runner_id__in=ids, date__range=(lead, end))
        .order_by("date", "pk")
        .values_list("runner_id", "date", "session__minutes", "session_id", "rpe")
    )
    for runner_id, day, minutes, session_id, rpe in logs:
        minutes = minutes if session_id is not None else EXTRA_SESSION_MIN
        sessions[runner_id].append(
            load.Session(date=day, distance_km=0.0, duration_min=float(minutes), rpe=rpe, is_run=False)
        )
    firsts = _first_recorded(ids)
    found = {}
    for runner_id, own in sessions.items():
        found[runner_id] = _warnings_of(own, todays[runner_id], firsts.get(runner_id))
    return {runner_id: warnings for runner_id, warnings in found.items() if warnings}


def _warnings_of(sessions: list[load.Session], today: date, first: date | None) -> tuple[load.Warning, ...]:
    start = today - timedelta(days=rules.ROSTER_LOAD_FLAG_DAYS - 1)
    lead = start - timedelta(days=LEAD_IN_DAYS)
    if first is not None:
        lead = min(start, max(lead, first))
    own = [session for session in sessions if lead <= session.date <= today]
    report = load.compute(load.daily_loads(own, lead, today))
    return tuple(warning for warning in report.warnings if warning.date >= start)


def _first_recorded(ids: Iterable[int]) -> dict[int, date]:
    firsts: dict[int, date] = {}
    for model, column in ((Run, "local_date"), (SessionLog, "date")):
        rows = model.objects.filter(runner_id__in=ids).values("runner_id").annotate(first=Min(column))
        for runner_id, day in rows.values_list("runner_id", "first"):
            firsts[runner_id] = min(day, firsts.get(runner_id, day))
    return firsts
