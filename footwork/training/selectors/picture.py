"""The runner's dated schedule with its statuses (the training picture), the day, the month calendar and the
per-day summaries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings

from footwork.accounts.models import User
from footwork.core import adaptation as season_rule
from footwork.core.adaptation import DayAdaptation
from footwork.core.clock import today_for
from footwork.exercises.selectors import long_texts
from footwork.programs.domain import DatedSession
from footwork.programs.models import Plan, Prescription, ProgramSession
from footwork.programs.selectors import active_plans, plan_schedule
from footwork.training.domain import (
    Key,
    LoggedSession,
    Streaks,
    WeekAdherence,
    day_statuses,
    logged_from_summary,
    statuses,
    streaks,
    weekly_adherence,
)
from footwork.training.models import DaySummary, MorningCheckin

# Statuses of dated sessions that are not scheduled work: every exercise held back by an exclusion, or a day the
# season keeps free of strength work (before and after a race).
NOT_SCHEDULED = frozenset({"held_back", "rested"})


@dataclass(frozen=True)
class ScheduledItem:
    plan: Plan
    session: ProgramSession
    dated: DatedSession
    status: str

    def document(self) -> dict[str, Any]:
        return {
            "plan": self.plan.pk,
            "program": self.plan.program.name,
            "session": self.session.pk,
            "session_name": self.session.name,
            "minutes": self.session.minutes,
            "scheduled_date": self.dated.original_date,
            "date": self.dated.date,
            "status": self.status,
            "moved": self.dated.moved,
            "skipped": self.dated.skipped,
            "reason": self.dated.reason,
            "week_in_phase": self.dated.week_in_phase + 1,
        }


@dataclass(frozen=True)
class TrainingPicture:
    """Everything dated about a runner's training that the pages need, computed once."""

    items: list[ScheduledItem]
    status_by_key: dict[Key, str]
    trained: set[date]
    today: date
    # Every prescription of the active plans' sessions, by session, in order, with its exercise: read once.
    prescriptions: dict[int, list[Prescription]]
    # The days of the schedule whose strength work the season changes (a taper, a race, a recovery).
    adaptations: dict[date, DayAdaptation]

    @property
    def schedule(self) -> list[DatedSession]:
        return [item.dated for item in self.items]

    def between(self, start: date, end: date) -> list[ScheduledItem]:
        return [item for item in self.items if start <= item.dated.date <= end]

    @property
    def counted(self) -> list[DatedSession]:
        """The schedule without sessions an exclusion holds back entirely: they are not scheduled."""
        return [item.dated for item in self.items if item.status not in NOT_SCHEDULED]

    def streaks(self) -> Streaks:
        required = {
            item.dated.date
            for item in self.items
            if not item.dated.skipped and item.status not in NOT_SCHEDULED
        }
        return streaks(self.trained, required, self.today)

    def adherence(self, weeks: int) -> list[WeekAdherence]:
        return weekly_adherence(self.counted, self.status_by_key, weeks, self.today)

    def adherence_document(self, weeks: int) -> dict[str, Any]:
        """The stable JSON shape of adherence and streaks, for the API and `footwork adherence --json`."""
        streak = self.streaks()
        return {
            "weeks": [
                {
                    "week_start": week.week_start,
                    "scheduled": week.scheduled,
                    "done": week.done,
                    "partial": week.partial,
                    "percent": week.percent,
                }
                for week in self.adherence(weeks)
            ],
            "streak": {"current": streak.current, "longest": streak.longest},
        }


def logged_sessions(runner: User) -> list[LoggedSession]:
    """Every session the runner logged, from the per-day summaries: one small row per trained day, no sets."""
    result: list[LoggedSession] = []
    for day, sessions in (
        DaySummary.objects.filter(runner=runner).exclude(sessions=[]).values_list("date", "sessions")
    ):
        result.extend(logged_from_summary(day, sessions))
    return result


def training_picture(runner: User) -> TrainingPicture:
    today = today_for(runner)
    logs = logged_sessions(runner)
    items: list[ScheduledItem] = []
    for plan in active_plans(runner):
        sessions = {
            session.pk: session for phase in plan.program.phases.all() for session in phase.sessions.all()
        }
        items.extend(
            ScheduledItem(plan, sessions[dated.session_id], dated, "") for dated in plan_schedule(plan)
        )
    prescriptions = prescriptions_by_session({item.session.pk for item in items})
    status_by_key = statuses([item.dated for item in items], logs, today)
    held_back = _wholly_held_back(prescriptions)
    days = [item.dated.date for item in items]
    adaptations = season_rule.adaptations(runner, min(days), max(days)) if days else {}
    rest_days = {day for day, rule in adaptations.items() if rule.strength == season_rule.NONE}
    for item in items:
        dated_key = item.dated.key
        if status_by_key[dated_key] not in {"due", "missed", "upcoming"}:
            continue
        if dated_key[0] in held_back:
            status_by_key[dated_key] = "held_back"
        elif item.dated.date in rest_days:
            status_by_key[dated_key] = "rested"
    items = [ScheduledItem(i.plan, i.session, i.dated, status_by_key[i.dated.key]) for i in items]
    items.sort(key=lambda item: (item.dated.date, item.plan.pk, item.session.position))
    return TrainingPicture(
        items, status_by_key, {log.date for log in logs}, today, prescriptions, adaptations
    )


def prescriptions_by_session(session_ids: set[int]) -> dict[int, list[Prescription]]:
    """The sessions' prescriptions with their exercises, in order: one query."""
    by_session: dict[int, list[Prescription]] = {session_id: [] for session_id in session_ids}
    for prescription in (
        Prescription.objects.filter(session_id__in=session_ids)
        .select_related("exercise")
        .defer(*long_texts("exercise"))
        .order_by("session_id", "position")
    ):
        by_session[prescription.session_id].append(prescription)
    return by_session


def _wholly_held_back(prescriptions: dict[int, list[Prescription]]) -> set[int]:
    """Sessions every prescription of which an exclusion holds back now."""
    return {
        session_id
        for session_id, items in prescriptions.items()
        if items and all(item.held_back_reason for item in items)
    }


def released_today(picture: TrainingPicture) -> list[Prescription]:
    """Prescriptions whose exclusion lifted in the last days, with why: the runner sees why they are back."""
    since = picture.today - timedelta(days=2)
    return [
        prescription
        for items in picture.prescriptions.values()
        for prescription in items
        if prescription.released_reason and prescription.released_on and prescription.released_on >= since
    ]


def today_view(runner: User, picture: TrainingPicture | None = None) -> dict[str, Any]:
    picture = picture or training_picture(runner)
    today = picture.today
    overdue_from = today - timedelta(days=settings.FOOTWORK_OVERDUE_DAYS)
    week = picture.adherence(1)[0]
    return {
        "today": today,
        "due": [item for item in picture.between(today, today) if item.status in {"due", "partial", "done"}],
        "overdue": [
            item
            for item in picture.between(overdue_from, today - timedelta(days=1))
            if item.status == "missed"
        ],
        "checkin": MorningCheckin.objects.filter(runner=runner, date=today).first(),
        "streaks": picture.streaks(),
        "week": week,
        "upcoming": [
            item
            for item in picture.between(today + timedelta(days=1), today + timedelta(days=7))
            if item.status not in NOT_SCHEDULED
        ],
    }


def month_calendar(
    runner: User, year: int, month: int, picture: TrainingPicture | None = None
) -> list[list[tuple[date, str] | None]]:
    """Weeks of (day, status) for a month view, Monday first; None pads days outside the month."""
    picture = picture or training_picture(runner)
    days = [date(year, month, number) for number in range(1, calendar.monthrange(year, month)[1] + 1)]
    by_day = day_statuses(picture.schedule, picture.status_by_key, picture.trained, days)
    for day in days:
        if day > picture.today and by_day[day] == "rest":
            by_day[day] = "future"
    weeks: list[list[tuple[date, str] | None]] = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        weeks.append([(day, by_day[day]) if day.month == month else None for day in week])
    return weeks


def summaries_between(runner: User, start: date, end: date) -> dict[date, DaySummary]:
    """The per-day summaries (pain during, after and in the morning; sessions) of a window, by day."""
    return {item.date: item for item in DaySummary.objects.filter(runner=runner, date__range=(start, end))}


def checkin_on(runner: User, day: date) -> MorningCheckin | None:
    return MorningCheckin.objects.filter(runner=runner, date=day).first()
