"""Held-back prescriptions: an exclusion (CLINICAL section 7) marks a prescription wherever it appears, and says
why it came back when it lifts. Kept by the refresh of recommendations, in the same transaction."""

from __future__ import annotations

from datetime import date

from footwork.accounts.models import User
from footwork.accounts.selectors import coach_of
from footwork.assessments.models import Assessment
from footwork.core.wording import day_label
from footwork.programs.models import Plan, Prescription
from footwork.progression.domain import Decisions, History
from footwork.progression.models import FlareUp, Recommendation, RecommendationStatus


def mark_held_back(
    runner: User,
    history: History,
    decisions: Decisions,
    current: dict[str, tuple[Plan, Prescription, int]],
) -> None:
    """Keep each current prescription's held-back reason, and say why one came back when its exclusion lifted."""
    today = history.today
    stopped = set(
        Recommendation.objects.filter(
            runner=runner, status=RecommendationStatus.OPEN, decision="stop"
        ).values_list("prescription_id", flat=True)
    )
    for decision in decisions.exercises:
        _plan, item, _week = current[decision.prescription]
        reasons = list(decision.held_back)
        if item.pk in stopped and not reasons:
            reasons.append(
                "stopped: see a clinician before doing it again; "
                + ("your coach clears it" if coach_of(runner) else "clear it once a clinician has seen you")
            )
        reason = _short(reasons)
        if reason == item.held_back_reason:
            continue
        if reason:
            since = item.held_back_since if item.held_back_reason else today
            Prescription.objects.filter(pk=item.pk).update(
                held_back_reason=reason, held_back_since=since, released_reason="", released_on=None
            )
        else:
            Prescription.objects.filter(pk=item.pk).update(
                held_back_reason="",
                held_back_since=None,
                released_reason=why_released(runner, item, today),
                released_on=today,
            )


def why_released(runner: User, item: Prescription, today: date) -> str:
    since = item.held_back_since or today
    test = Assessment.objects.filter(runner=runner, date__gte=since).order_by("-date").first()
    if test is not None:
        return f"Back in your session: your tests of {day_label(test.date)} no longer rule it out."
    cleared = FlareUp.objects.filter(runner=runner, ended_on__gte=since).exclude(cleared_note="").first()
    if cleared is not None:
        return f"Back in your session: the red flag was cleared on {day_label(cleared.ended_on or today)}."
    return "Back in your session: your symptoms have settled (no amber or red reading in the last 48 hours)."


def _short(reasons: list[str]) -> str:
    """The first reason (the engine puts test exclusions and stops before passing readings), and how many more:
    a phone shows one line, not every reading of the last 48 hours."""
    unique = list(dict.fromkeys(reasons))
    if not unique:
        return ""
    first = unique[0][:1].upper() + unique[0][1:]
    more = len(unique) - 1
    return (first + (f" (and {more} more reason{'s' if more > 1 else ''})" if more else ""))[:300]
