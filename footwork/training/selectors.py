"""Reads of daily training: the schedule with statuses, today, adherence, streaks, calendar, exercise history."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, QuerySet, Sum

from footwork.accounts.models import User
from footwork.core import adaptation as season_rule
from footwork.core.adaptation import DayAdaptation
from footwork.core.clock import today_for
from footwork.exercises.models import Exercise, ExerciseLink, LinkKind
from footwork.exercises.selectors import long_texts
from footwork.programs.domain import DatedSession
from footwork.programs.models import Plan, Prescription, ProgramSession
from footwork.programs.selectors import active_plans, first_progressions, plan_schedule, prescription_document
from footwork.training.domain import (
    DayExercise,
    DayPart,
    Key,
    LoggedSession,
    Streaks,
    WeekAdherence,
    day_minutes,
    day_statuses,
    logged_from_summary,
    merge_day,
    statuses,
    streaks,
    weekly_adherence,
)
from footwork.training.domain.adapt import Dose, adapt_dose, adapt_part, dosage_words
from footwork.training.models import DaySummary, MorningCheckin, SessionLog, SetLog

# The target that makes a strength exercise a foot-core drill (exercises.domain names the targets).
FOOT_CORE_TARGET = "intrinsic-foot"
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


def checkin_documents(runner: User, start: date, end: date) -> list[dict[str, Any]]:
    """checkin_document of every check-in in a window, oldest first, with its per-area answers ({} when asked
    once): plain rows, one query."""
    rows = (
        MorningCheckin.objects.filter(runner=runner, date__gte=start, date__lte=end)
        .order_by("date")
        .values_list("pk", "client_uuid", "date", "pain", "stiffness", "note", "areas", "recorded_at")
    )
    return [
        _checkin_document(
            pk,
            client_uuid,
            day,
            pain,
            stiffness,
            note,
            {
                area: {"pain": answer["pain"], "stiffness": answer["stiffness"]}
                for area, answer in (areas or {}).items()
            },
            recorded,
        )
        for pk, client_uuid, day, pain, stiffness, note, areas, recorded in rows
    ]


def _set_document(
    prescription: int | None,
    exercise: str,
    number: int,
    side: str,
    reps: int | None,
    hold: int | None,
    jumps: int | None,
    load: Any,
    pain: int | None,
) -> dict[str, Any]:
    return {
        "prescription": prescription,
        "exercise": exercise,
        "set_number": number,
        "side": side,
        "reps": reps,
        "hold_seconds": hold,
        "jumps": jumps,
        "load_kg": float(load) if load is not None else None,
        "pain_during": pain,
    }  # fmt: skip


def _log_document(
    pk: int,
    client_uuid: Any,
    plan: int | None,
    session: int | None,
    scheduled: date | None,
    day: date,
    rpe: int | None,
    pain_after: int | None,
    notes: str,
    sets: list[dict[str, Any]],
    recorded_at: datetime | None,
) -> dict[str, Any]:
    return {
        "id": pk,
        "client_uuid": str(client_uuid),
        "plan": plan,
        "session": session,
        "scheduled_date": scheduled,
        "date": day,
        "rpe": rpe,
        "pain_after": pain_after,
        "notes": notes,
        "sets": sets,
        "recorded_at": recorded_at,
    }  # fmt: skip


def session_log_document(log: SessionLog) -> dict[str, Any]:
    sets = [
        _set_document(
            entry.prescription_id, entry.exercise.slug, entry.set_number, entry.side, entry.reps,
            entry.hold_seconds, entry.jumps, entry.load_kg, entry.pain_during,
        )
        for entry in log.sets.all()
    ]  # fmt: skip
    return _log_document(
        log.pk, log.client_uuid, log.plan_id, log.session_id, log.scheduled_date, log.date, log.rpe,
        log.pain_after, log.notes, sets, log.recorded_at,
    )  # fmt: skip


def session_log_documents(runner: User, start: date, end: date) -> list[dict[str, Any]]:
    """session_log_document of every log in a window, newest first, read as plain rows (two queries, no models)."""
    logs = list(
        SessionLog.objects.filter(runner=runner, date__gte=start, date__lte=end).values_list(
            "pk",
            "client_uuid",
            "plan_id",
            "session_id",
            "scheduled_date",
            "date",
            "rpe",
            "pain_after",
            "notes",
            "recorded_at",
        )
    )
    sets: dict[int, list[dict[str, Any]]] = {log[0]: [] for log in logs}
    rows = (
        SetLog.objects.filter(log_id__in=sets)
        .order_by("pk")
        .values_list(
            "log_id", "prescription_id", "exercise__slug", "set_number", "side", "reps", "hold_seconds", "jumps",
            "load_kg", "pain_during",
        )
    )  # fmt: skip
    for log_id, prescription, exercise, number, side, reps, hold, jumps, load, pain in rows:
        sets[log_id].append(
            _set_document(prescription, exercise, number, side, reps, hold, jumps, load, pain)
        )
    return [
        _log_document(
            pk, client_uuid, plan, session, scheduled, day, rpe, pain_after, notes, sets[pk], recorded
        )
        for pk, client_uuid, plan, session, scheduled, day, rpe, pain_after, notes, recorded in logs
    ]


def _checkin_document(
    pk: int,
    client_uuid: Any,
    day: date,
    pain: int,
    stiffness: int,
    note: str,
    areas: dict[str, dict[str, int]] | None = None,
    recorded_at: datetime | None = None,
) -> dict[str, Any]:
    """The check-in's JSON; with `areas`, in the API's order (the per-area answers before the note)."""
    document: dict[str, Any] = {
        "id": pk,
        "client_uuid": str(client_uuid),
        "date": day,
        "pain": pain,
        "stiffness": stiffness,
    }
    if areas is not None:
        document["areas"] = areas
    document["note"] = note
    document["recorded_at"] = recorded_at
    return document


def checkin_document(checkin: MorningCheckin) -> dict[str, Any]:
    return _checkin_document(
        checkin.pk,
        checkin.client_uuid,
        checkin.date,
        checkin.pain,
        checkin.stiffness,
        checkin.note,
        recorded_at=checkin.recorded_at,
    )


def session_to_do(
    runner: User,
    plan: Plan,
    session: ProgramSession,
    original_date: date,
    day: date | None = None,
    adaptation: DayAdaptation | None = None,
) -> dict[str, Any]:
    """What the player shows: each prescription with its dosage in that week of the phase, as the season has it on
    the day it is done (`day`, today by default): "prescriptions" to do, "rested" the ones the day leaves out.
    `adaptation`: the day's rule when the caller has already read it (None: read here)."""
    dated = next((item for item in plan_schedule(plan) if item.key == (session.pk, original_date)), None)
    week = dated.week_in_phase if dated else 0
    prescriptions = list(session.prescriptions.select_related("exercise").order_by("position"))
    chain = first_progressions({item.exercise.slug for item in prescriptions})
    documents = [prescription_document(item, week, chain) for item in prescriptions]
    day = day or today_for(runner)
    adaptation = adaptation or season_rule.adaptation_on(runner, day)
    rested: list[dict[str, Any]] = []
    if adaptation is not None:
        documents, rested = _adapted_documents(runner, documents, adaptation.strength, day)
    return {
        "dated": dated,
        "week": week,
        "prescriptions": documents,
        "rested": rested,
        "adaptation": adaptation,
    }


def _adapted_documents(
    runner: User, documents: list[dict[str, Any]], strength: str, day: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Prescription documents under the day's strength rule: those to do (dosage adapted), those rested."""
    slugs = {document["this_week"]["exercise"] for document in documents}
    facts = _exercise_facts(slugs)
    known, pain = _adaptation_inputs(runner, strength, day)
    kept: list[dict[str, Any]] = []
    rested: list[dict[str, Any]] = []
    for document in documents:
        now = document["this_week"]
        dose = Dose(
            now["exercise"], facts[now["exercise"]][1], document["kind"], document["sets"], now["amount"],
            now["load_kg"],
        )  # fmt: skip
        adapted = adapt_dose(dose, strength, known=known, pain_today=pain)
        if adapted.rested_reason:
            rested.append({**document, "rested_reason": adapted.rested_reason})
            continue
        changed = {**document, "sets": adapted.sets}
        changed["this_week"] = {**now, "amount": adapted.amount, "load_kg": adapted.load_kg}
        if adapted != dose:
            changed["dosage"] = dosage_text(changed)
        kept.append(changed)
    return kept, rested


def _adaptation_inputs(runner: User, strength: str, day: date) -> tuple[frozenset[str] | None, int | None]:
    """What a strength rule reads besides the dose: the exercises logged before (the last heavy session adds
    nothing new) and the morning's pain (light days need it low); read only on the days that need them."""
    known = None
    if strength == season_rule.LAST_HEAVY:
        known = frozenset(
            SetLog.objects.filter(runner=runner, log__date__lt=day)
            .values_list("exercise__slug", flat=True)
            .distinct()
        )
    pain = None
    if strength == season_rule.LIGHT:
        pain = MorningCheckin.objects.filter(runner=runner, date=day).values_list("pain", flat=True).first()
    return known, pain


def exercise_history(runner: User, slug: str) -> list[dict[str, Any]]:
    """Per day: best hold and total reps and jumps, left and right, for one exercise (one grouped query)."""
    per_day: dict[date, dict[str, Any]] = {}
    rows = (
        SetLog.objects.filter(runner=runner, exercise__slug=slug)
        .values("log__date", "side")
        .annotate(
            best_hold=Max("hold_seconds"), reps=Sum("reps"), jumps=Sum("jumps"), max_pain=Max("pain_during")
        )
        .order_by("log__date", "side")
    )
    for row in rows:
        day = row["log__date"]
        entry = per_day.setdefault(day, {"date": day, "left": _blank(), "right": _blank(), "both": _blank()})
        entry[row["side"]] = {name: row[name] or 0 for name in ("best_hold", "reps", "jumps", "max_pain")}
    return list(per_day.values())


def _blank() -> dict[str, int]:
    return {"best_hold": 0, "reps": 0, "jumps": 0, "max_pain": 0}


def exercises_logged(runner: User) -> QuerySet[Any]:
    return SetLog.objects.filter(runner=runner).values_list("exercise_id", flat=True).distinct()


def dosage_text(document: dict[str, Any]) -> str:
    """'3 sets × 20 seconds each side', from a prescription document with its week's dosage."""
    now = document.get("this_week", {})
    return dosage_words(
        document["sets"],
        document["kind"],
        now.get("amount", document["amount"]),
        document["unit"],
        document["per_side"],
        now.get("load_kg", document.get("load_kg")),
    )


@dataclass(frozen=True)
class DaySession:
    """Today's one session: every active plan's part merged (training/domain.merge_day)."""

    day: date
    items: list[ScheduledItem]  # the plans' dated sessions it is made of
    exercises: tuple[DayExercise, ...]
    minutes: int
    adaptation: DayAdaptation | None = None  # how the season changes the day's strength work, and why

    @property
    def to_do(self) -> list[ScheduledItem]:
        return [item for item in self.items if item.status not in {"done", "partial"}]

    @property
    def done(self) -> bool:
        return bool(self.items) and not self.to_do

    @property
    def offered(self) -> tuple[DayExercise, ...]:
        return tuple(item for item in self.exercises if not item.held_back and not item.rested)

    @property
    def rested(self) -> list[DayExercise]:
        """Exercises the season leaves out today (a taper, a recovery), with why."""
        return [item for item in self.exercises if item.rested]

    @property
    def held_back(self) -> list[DayExercise]:
        """Held-back exercises, those with the same reason together (the page names the reason once)."""
        return sorted(
            (item for item in self.exercises if item.held_back), key=lambda item: item.held_back_reason
        )


def _exercise_facts(slugs: set[str]) -> dict[str, tuple[str, str]]:
    """Each exercise's name and the group the day's session lists it under, in one query."""
    # Foot-core drills (strength work of the foot's own muscles) come right after the warm-up.
    foot_core = Exercise.targets.through.objects.filter(
        exercise_id=OuterRef("pk"), target_id=FOOT_CORE_TARGET
    )
    rows = (
        Exercise.objects.filter(slug__in=slugs)
        .annotate(foot_core=Exists(foot_core))
        .values_list("slug", "name", "category", "foot_core")
    )
    return {
        slug: (name, "foot-core" if category == "strength" and is_foot_core else category)
        for slug, name, category, is_foot_core in rows
    }


def day_parts(
    items: list[ScheduledItem], prescriptions: dict[int, list[Prescription]] | None = None
) -> list[DayPart]:
    """Each prescription of the given dated sessions, at its dosage in that week."""
    session_ids = {item.session.pk for item in items}
    if prescriptions is None or not session_ids <= prescriptions.keys():
        prescriptions = prescriptions_by_session(session_ids)
    by_session = {session_id: prescriptions[session_id] for session_id in session_ids}
    chain = first_progressions({p.exercise.slug for group in by_session.values() for p in group})
    documents = [
        (item, prescription, prescription_document(prescription, item.dated.week_in_phase, chain))
        for item in items
        for prescription in by_session[item.session.pk]
    ]
    facts = _exercise_facts({document["this_week"]["exercise"] for _item, _p, document in documents})
    return [
        DayPart(
            plan_id=item.plan.pk,
            plan_name=item.plan.program.name,
            session_id=item.session.pk,
            scheduled_date=item.dated.original_date,
            prescription_id=prescription.pk,
            exercise=document["this_week"]["exercise"],
            name=facts[document["this_week"]["exercise"]][0],
            category=facts[document["this_week"]["exercise"]][1],
            sets=prescription.sets,
            kind=prescription.kind,
            amount=document["this_week"]["amount"],
            per_side=prescription.per_side,
            rest_seconds=prescription.rest_seconds,
            dosage=dosage_text(document),
            held_back_reason=prescription.held_back_reason,
            unit=document["unit"],
            load_kg=document["this_week"]["load_kg"],
        )
        for item, prescription, document in documents
    ]


def instead_of(held_back: list[tuple[str, str]]) -> list[str]:
    """What to do in place of each held-back exercise (slug, reason): its first easier, non-plyometric variant."""
    slugs = {slug for slug, _reason in held_back}
    easier: dict[str, tuple[str, str]] = {}
    links = (
        ExerciseLink.objects.filter(source__slug__in=slugs, kind=LinkKind.REGRESSION)
        .order_by("position", "pk")
        .values_list("source__slug", "target__name", "target__category")
    )
    for source, name, category in links if slugs else ():
        easier.setdefault(source, (name, category))
    answers = []
    for slug, reason in held_back:
        if "clinician" in reason or "red flag" in reason:
            answers.append("Nothing for this area until a clinician has seen you.")
        elif slug in easier and easier[slug][1] != "plyometric":
            answers.append(f"Instead, if it does not hurt: {easier[slug][0]}.")
        else:
            answers.append("Instead: nothing extra; the rest of the session is enough today.")
    return answers


def day_session(runner: User, picture: TrainingPicture | None = None, day: date | None = None) -> DaySession:
    """The one session of a day: what every active plan has due that day, merged."""
    picture = picture or training_picture(runner)
    day = day or picture.today
    # A coming day's session too, so the phone keeps the week's players for use offline (logging one still waits
    # for its day: a future date is refused).
    wanted = {"due", "partial", "done", "held_back"} | ({"upcoming"} if day > picture.today else set())
    items = [item for item in picture.between(day, day) if item.status in wanted]
    adaptation = picture.adaptations.get(day)
    if adaptation is None and not (
        picture.items and picture.items[0].dated.date <= day <= picture.items[-1].dated.date
    ):
        adaptation = season_rule.adaptation_on(runner, day)  # a day outside the schedule the picture holds
    exercises = merge_day(adapted_parts(runner, items, picture.prescriptions, day, adaptation))
    return DaySession(day, items, exercises, day_minutes(exercises), adaptation)


def adapted_parts(
    runner: User,
    items: list[ScheduledItem],
    prescriptions: dict[int, list[Prescription]],
    day: date,
    adaptation: DayAdaptation | None,
) -> list[DayPart]:
    """The dated sessions' prescriptions as they are done on `day`: under the season's rule for it, if any."""
    parts = day_parts(items, prescriptions)
    if adaptation is None or not parts:
        return parts
    known, pain = _adaptation_inputs(runner, adaptation.strength, day)
    return [adapt_part(part, adaptation.strength, known=known, pain_today=pain) for part in parts]


def checkin_on(runner: User, day: date) -> MorningCheckin | None:
    return MorningCheckin.objects.filter(runner=runner, date=day).first()
