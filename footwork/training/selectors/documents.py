"""The stable JSON shapes of check-ins and session logs, and the history of an exercise, for the API and the
command line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Max, QuerySet, Sum

from footwork.accounts.models import User
from footwork.training.models import MorningCheckin, SessionLog, SetLog


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
