"""The /calendar/ page's and GET /api/v1/calendar's read: each day's phase, race, strength sessions and runs, and
per week the plan against what was done (sessions done of those scheduled, running distance against the phase's
range). The caller has already chosen a runner it may see (core.views.runner_in_question, core.api.runner_of_window).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from footwork.accounts.models import User
from footwork.activities.models import Run
from footwork.activities.selectors import runs_of
from footwork.core.units import distance_text, from_km
from footwork.core.wording import day_label
from footwork.season.domain import Phase, SeasonDay
from footwork.season.domain.wording import PHASE_WORDS
from footwork.season.models import Race
from footwork.season.selectors import peak_weekly_km, races_of, season_of
from footwork.training.selectors import ScheduledItem, training_picture

# A session's status in words; "due" and "upcoming" are both "to do".
STATUS_WORDS = {
    "done": "done",
    "partial": "partly done",
    "missed": "missed",
    "held_back": "held back",
    "rested": "rest (race plan)",
    "skipped": "skipped",
    "due": "to do",
    "upcoming": "to do",
}
# Statuses that count as done for the week's tally (CLINICAL counts a partial session as done, as adherence does).
_DONE = {"done", "partial"}


@dataclass(frozen=True)
class CalendarDay:
    day: date
    phase: Phase | None
    race: Race | None
    sessions: list[ScheduledItem]
    runs: list[Run]

    def status_of(self, item: ScheduledItem) -> str:
        return "skipped" if item.dated.skipped else item.status


@dataclass(frozen=True)
class CalendarWeek:
    """A Monday-first week: its days, sessions done of those scheduled, and the running against the phase's range."""

    days: list[CalendarDay]
    scheduled: int
    done: int
    run_km: float
    low_km: float | None
    high_km: float | None

    @property
    def start(self) -> date:
        return self.days[0].day

    @property
    def running(self) -> str:
        """'within', 'below' or 'above' the phase's range; '' when the phase gives none."""
        if self.low_km is None or self.high_km is None:
            return ""
        if self.run_km < self.low_km:
            return "below"
        return "above" if self.run_km > self.high_km else "within"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def calendar_days(runner: User, start: date, end: date) -> list[CalendarDay]:
    """Every day of [start, end] with its phase, race, sessions and runs (a constant number of queries)."""
    # The season as planned from the window's first day, so past weeks have their phases too.
    season = {item.date: item for item in season_of(runner, start).days}
    races = {race.date: race for race in races_of(runner).filter(date__range=(start, end))}
    sessions: dict[date, list[ScheduledItem]] = {}
    for item in training_picture(runner).between(start, end):
        sessions.setdefault(item.dated.date, []).append(item)
    runs: dict[date, list[Run]] = {}
    for run in runs_of(runner, start, end).order_by("start", "pk"):
        runs.setdefault(run.local_date, []).append(run)
    days = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        plan: SeasonDay | None = season.get(day)
        days.append(
            CalendarDay(
                day, plan.phase if plan else None, races.get(day), sessions.get(day, []), runs.get(day, [])
            )
        )
    return days


def calendar_weeks(runner: User, start: date, end: date) -> list[CalendarWeek]:
    """The whole weeks covering [start, end], each with its plan against what was done."""
    first, last = monday_of(start), monday_of(end) + timedelta(days=6)
    days = calendar_days(runner, first, last)
    season = {item.date: item for item in season_of(runner, first).days}
    peak = peak_weekly_km(runner)
    weeks = []
    for index in range(0, len(days), 7):
        week = days[index : index + 7]
        items = [(day, item) for day in week for item in day.sessions]
        counted = [
            day.status_of(item)
            for day, item in items
            if day.status_of(item) not in {"skipped", "held_back", "rested"}
        ]
        guidance = season.get(week[0].day)
        low = high = None
        if guidance is not None and peak is not None and guidance.running.min_percent is not None:
            low = peak * guidance.running.min_percent / 100
            high = peak * (guidance.running.max_percent or guidance.running.min_percent) / 100
        weeks.append(
            CalendarWeek(
                days=week,
                scheduled=len(counted),
                done=sum(status in _DONE for status in counted),
                run_km=sum(run.distance_m for day in week for run in day.runs) / 1000,
                low_km=low,
                high_km=high,
            )
        )
    return weeks


def calendar_documents(days: list[CalendarDay]) -> list[dict[str, Any]]:
    """GET /api/v1/calendar's shape: metric, ISO dates, exact enum strings."""
    return [
        {
            "date": day.day.isoformat(),
            "phase": str(day.phase) if day.phase else None,
            "race": {"id": day.race.pk, "name": day.race.name} if day.race else None,
            "sessions": [
                {"plan": item.plan.pk, "session": item.session.pk, "status": day.status_of(item)}
                for item in day.sessions
            ],
            "runs": [{"id": run.pk, "distance_km": round(run.distance_m / 1000, 3)} for run in day.runs],
        }
        for day in days
    ]


@dataclass(frozen=True)
class DayLine:
    """A day as the page shows it, in plain words."""

    day: date
    label: str  # "Mon 14 Sep"
    phase: str  # "Build", or ""
    race: str  # "Chicago Marathon", or ""
    sessions: list[tuple[str, str, str]]  # (session name, status in words, status for a CSS class)
    runs: list[str]  # "8.2 km"
    today: bool
    in_range: bool  # inside the month or week asked for


@dataclass(frozen=True)
class WeekLine:
    label: str  # "Week of Mon 14 Sep"
    days: list[DayLine]
    strength: str  # "3 of 4 strength sessions done"
    running: str  # "22.0 km run, within the build range of 20.0 to 25.0 km"
    verdict: str  # within, below, above or "": for a CSS class only


def week_lines(weeks: list[CalendarWeek], units: str, today: date, start: date, end: date) -> list[WeekLine]:
    """The weeks in the runner's units and plain words (no ISO dates, no enum values)."""
    lines = []
    for week in weeks:
        days = [_day_line(day, units, today, start, end) for day in week.days]
        phase = next((PHASE_WORDS[day.phase].lower() for day in week.days if day.phase), "")
        running = f"{distance_text(week.run_km, units)} run"
        if week.running:
            bounds = f"{from_km(week.low_km or 0, units):.1f} to {distance_text(week.high_km, units)}"
            running += f", {week.running} the {phase} range of {bounds}"
        strength = (
            f"{week.done} of {week.scheduled} strength sessions done"
            if week.scheduled
            else "No strength sessions"
        )
        lines.append(
            WeekLine(f"Week of {day_label(week.start, today)}", days, strength, running, week.running)
        )
    return lines


def _day_line(day: CalendarDay, units: str, today: date, start: date, end: date) -> DayLine:
    return DayLine(
        day=day.day,
        label=day_label(day.day, today),
        phase=PHASE_WORDS[day.phase] if day.phase else "",
        race=day.race.name if day.race else "",
        sessions=[
            (
                item.session.name,
                STATUS_WORDS.get(day.status_of(item), ""),
                day.status_of(item).replace("_", "-"),
            )
            for item in day.sessions
        ],
        runs=[distance_text(run.distance_m / 1000, units) for run in day.runs],
        today=day.day == today,
        in_range=start <= day.day <= end,
    )
