"""Reads of progression: the runner's day (one session, decisions, safety), recommendations in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from footwork.accounts.models import User
from footwork.accounts.selectors import coach_of
from footwork.core.adaptation import DayAdaptation
from footwork.core.wording import day_label
from footwork.exercises.selectors import long_texts
from footwork.progression.flareup import AREAS
from footwork.progression.models import (
    DECISION_WORDS,
    FlareUp,
    FlareUpStatus,
    Recommendation,
    RecommendationStatus,
)
from footwork.training.selectors import DaySession, TrainingPicture, day_session, training_picture

# Decisions that change something get a card; a hold changes nothing and sits behind a disclosure.
CHANGING = ("stop", "regress", "progress")


@dataclass(frozen=True)
class DecisionSummary:
    """One line for the day ("3 exercises can progress, 1 steps back; running: reduce 40 %") and the cards."""

    line: str
    cards: list[Recommendation]
    holds: list[Recommendation]
    running: Recommendation | None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summarise(recommendations: list[Recommendation]) -> DecisionSummary:
    exercises = [rec for rec in recommendations if rec.kind == "exercise"]
    running = next((rec for rec in recommendations if rec.kind == "running"), None)
    counts = {decision: sum(rec.decision == decision for rec in exercises) for decision in CHANGING}
    parts = []
    if counts["stop"]:
        parts.append(f"{_plural(counts['stop'], 'exercise')} stopped: see a clinician")
    if counts["progress"]:
        parts.append(f"{_plural(counts['progress'], 'exercise')} can progress")
    if counts["regress"]:
        parts.append(f"{counts['regress']} step{'s' if counts['regress'] != 1 else ''} back")
    holds = [rec for rec in exercises if rec.decision == "hold"]
    if not parts and exercises:
        parts.append("hold every exercise at this dosage")
    line = ", ".join(parts)
    if running is not None:
        words = {
            "keep": "keep as planned",
            "reduce": f"reduce {running.new_dosage or ''}".strip(),
            "pause": "pause",
        }
        advice = words.get(running.decision, running.decision)
        if running.decision == "reduce":
            advice = "reduce about 40 %, no hills, speed or consecutive days"
        line = f"{line}; running: {advice}" if line else f"Running: {advice}"
    cards = sorted(
        (rec for rec in exercises if rec.decision in CHANGING), key=lambda rec: CHANGING.index(rec.decision)
    )
    return DecisionSummary(line[:1].upper() + line[1:] if line else "", cards, holds, running)


def recommendation_document(rec: Recommendation) -> dict[str, Any]:
    """A recommendation as JSON, with a readable title beside its codes."""
    name = rec.prescription.exercise.name if rec.prescription else "Running"
    return {
        "id": rec.pk,
        "kind": rec.kind,
        "plan": rec.plan_id,
        "prescription": rec.prescription_id,
        "exercise": rec.prescription.exercise.slug if rec.prescription else None,
        "name": name,
        "title": f"{name}: {DECISION_WORDS.get(rec.decision, rec.decision)}",
        "decision": rec.decision,
        "light": rec.light or None,
        "new_dosage": rec.new_dosage,
        "reasons": rec.reasons,
        "status": rec.status,
        "created_at": rec.created_at,
        "note": rec.note or None,
    }


def referrals_in_force(runner: User) -> list[FlareUp]:
    return list(FlareUp.objects.filter(runner=runner, status=FlareUpStatus.REFERRED).order_by("-started_on"))


def open_stops(runner: User) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(runner=runner, status=RecommendationStatus.OPEN, decision="stop")
        .select_related("prescription__exercise")
        .order_by("created_at")
    )


def stops_among(recommendations: list[Recommendation]) -> list[Recommendation]:
    """The "stop" decisions among open recommendations already read, oldest first (as open_stops orders them)."""
    return sorted(
        (rec for rec in recommendations if rec.decision == "stop"), key=lambda rec: (rec.created_at, rec.pk)
    )


def open_recommendations(runner: User) -> list[Recommendation]:
    return list(
        Recommendation.objects.filter(runner=runner, status=RecommendationStatus.OPEN)
        .select_related("prescription__exercise", "plan__program")
        .defer(*long_texts("prescription__exercise"))
        .order_by("kind", "plan_id", "prescription__position")
    )


def referral_area_names(referrals: list[FlareUp]) -> str:
    return " and ".join(dict.fromkeys(AREAS.get(item.area, "painful area").lower() for item in referrals))


@dataclass(frozen=True)
class Day:
    """Everything /today/, GET /api/v1/today and `footwork today` show, read once."""

    runner: User
    picture: TrainingPicture
    session: DaySession
    recommendations: list[Recommendation]
    summary: DecisionSummary
    referrals: list[FlareUp]
    stops: list[Recommendation]
    self_guided: bool
    flare_up: FlareUp | None  # the flare-up plan running now, if any


def runner_day(runner: User) -> Day:
    picture = training_picture(runner)
    recommendations = open_recommendations(runner)
    # Referrals in force and the running flare-up, in one query.
    flare_ups = list(
        FlareUp.objects.filter(runner=runner, status__in=(FlareUpStatus.REFERRED, FlareUpStatus.ACTIVE))
        .select_related("flare_plan__program", "main_plan__program")
        .order_by("-started_on", "-pk")
    )
    return Day(
        runner=runner,
        picture=picture,
        session=day_session(runner, picture),
        recommendations=recommendations,
        summary=summarise(recommendations),
        referrals=[item for item in flare_ups if item.status == FlareUpStatus.REFERRED],
        stops=stops_among(recommendations),
        self_guided=coach_of(runner) is None,
        flare_up=next((item for item in flare_ups if item.status == FlareUpStatus.ACTIVE), None),
    )


def today_document(day: Day, checked_in: bool) -> dict[str, Any]:
    """The day as GET /api/v1/today and `footwork today --json` give it, but for today's running, which the season
    adds (season.selectors.today.day_document)."""
    streak = day.picture.streaks()
    week = day.picture.adherence(1)[0]
    return {
        "date": day.picture.today,
        "checked_in": checked_in,
        "session": {
            "minutes": day.session.minutes,
            "done": day.session.done,
            "adaptation": _adaptation_document(day.session.adaptation),
            "items": [
                {
                    "plan": item.chosen.plan_id,
                    "session": item.chosen.session_id,
                    "prescription": item.chosen.prescription_id,
                    "exercise": item.chosen.exercise,
                    "name": item.chosen.name,
                    "dosage": item.chosen.dosage,
                    "held_back": item.held_back,
                    "held_back_reason": item.held_back_reason or None,
                    "rested": item.rested,
                    "rested_reason": item.rested_reason or None,
                    "plans": [
                        {"plan": part.plan_id, "name": part.plan_name, "prescription": part.prescription_id}
                        for part in item.parts
                    ],
                }
                for item in day.session.exercises
            ],
        },
        "decisions": [recommendation_document(rec) for rec in day.recommendations],
        "summary": day.summary.line,
        "referral": bool(day.referrals),
        "streak": {"current": streak.current, "longest": streak.longest},
        "week": {"scheduled": week.scheduled, "done": week.done, "percent": week.percent},
    }


def _adaptation_document(adaptation: DayAdaptation | None) -> dict[str, str] | None:
    """How the race plan changes the day's strength work, in the runner's words and the coach's."""
    if adaptation is None:
        return None
    return {
        "strength": adaptation.strength,
        "reason": adaptation.reason,
        "coach_reason": adaptation.coach_reason,
    }


def running_warnings(runner: User) -> list[str]:
    """What a runner must read before logging a run: a red flag or a stop not yet cleared, and paused running."""
    warnings = [
        f"You reported a red flag for the {AREAS.get(item.area, 'painful area').lower()} on "
        f"{day_label(item.started_on)}: no running until a clinician has seen you and it is cleared."
        for item in referrals_in_force(runner)
    ]
    stops = open_stops(runner)
    if stops and not warnings:
        names = ", ".join(
            dict.fromkeys(stop.prescription.exercise.name for stop in stops if stop.prescription)
        )
        warnings.append(
            f"Stopped until a clinician has seen you: {names}. Run only if a clinician says you may."
        )
    return warnings


def flare_up_starts(runner: User) -> list[date]:
    """The days the runner's flare-ups (and referrals) began: the shoe notes of the load page read them."""
    return list(FlareUp.objects.filter(runner=runner).values_list("started_on", flat=True))
