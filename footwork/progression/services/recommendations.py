"""The pain-monitoring model applied to a runner's plans: recommendations, held-back exercises, decisions taken."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from footwork.accounts.models import User
from footwork.accounts.selectors import (
    can_view_runner,
    check_may_act_for,
    coach_of,
    coaches_seeing,
    painful_areas_of,
)
from footwork.activities.selectors import active_load_warnings
from footwork.assessments.domain import plyometrics_blocked
from footwork.assessments.models import Assessment
from footwork.assessments.selectors import analysis_of
from footwork.coaching.domain import day_event
from footwork.coaching.models import Alert
from footwork.coaching.services import raise_alert
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.exercises.models import Exercise, ExerciseLink, LinkKind
from footwork.programs.domain import ProgressionRule
from footwork.programs.models import Plan, PlanStatus, Prescription
from footwork.programs.selectors import first_progressions, phase_on, prescription_document
from footwork.programs.services import update_prescription
from footwork.progression.domain import (
    DOSE_KEYS,
    CheckinRecord,
    Decisions,
    Dose,
    EntryRecord,
    ExerciseDecision,
    History,
    PrescriptionState,
    SessionRecord,
    areas_loaded,
    baseline_of,
    decide,
    dosage_document,
)
from footwork.progression.models import DECISION_WORDS, Recommendation, RecommendationStatus
from footwork.progression.selectors import open_recommendations, referrals_in_force
from footwork.progression.services.held_back import mark_held_back
from footwork.training.models import MorningCheckin, SessionLog

HISTORY_DAYS = 42
# Decisions a runner or coach answers; a hold changes nothing and needs no button.
ACTIONABLE = {"progress", "regress"}


def _first_links(kind: str, slugs: set[str]) -> dict[str, str]:
    links: dict[str, str] = {}
    rows = ExerciseLink.objects.filter(source__slug__in=slugs, kind=kind).order_by("position")
    for source, target in rows.values_list("source__slug", "target__slug"):
        links.setdefault(source, target)
    return links


def current_prescriptions(runner: User, today: date) -> list[tuple[Plan, Prescription, int]]:
    """The prescriptions of the phase each active plan is in today, with the week within that phase."""
    current: list[tuple[Plan, Prescription, int]] = []
    for plan in Plan.objects.filter(runner=runner, status=PlanStatus.ACTIVE).select_related("program"):
        phase, week = phase_on(plan, today)
        if phase is None:
            continue
        items = (
            Prescription.objects.filter(session__phase=phase)
            .select_related("exercise")
            .prefetch_related("exercise__targets")
            .order_by("session__position", "position")
        )
        current.extend((plan, item, week) for item in items)
    return current


def _state(
    item: Prescription,
    week: int,
    lookups: dict[str, dict[str, str]],
    regressed: bool,
    painful: list[str],
) -> PrescriptionState:
    now = prescription_document(item, week, lookups["chain"])["this_week"]
    exercise = now["exercise"]
    following = lookups["chain"].get(exercise)
    categories = lookups["categories"]
    return PrescriptionState(
        id=str(item.pk),
        exercise=exercise,
        dose=Dose(item.sets, item.kind, now["amount"], now["load_kg"], now["load_percent_added"]),
        progression=ProgressionRule(**item.progression) if item.progression else None,
        next_exercise=following,
        regression_exercise=lookups["regressions"].get(exercise),
        plyometric=categories.get(exercise) == "plyometric",
        next_is_plyometric=bool(following) and categories.get(following or "") == "plyometric",
        regressed=regressed,
        name=lookups["names"].get(exercise, item.exercise.name),
        unit=lookups["units"].get(exercise, ""),
        per_side=item.per_side,
        counts_from=item.counts_from,
        areas=areas_loaded([target.slug for target in item.exercise.targets.all()], painful),
    )


def _entry(pk: int, sets: list[Any]) -> EntryRecord:
    amounts = [
        value
        for entry in sets
        for value in (entry.reps, entry.hold_seconds, entry.jumps)
        if value is not None
    ]
    pains = [entry.pain_during for entry in sets if entry.pain_during is not None]
    return EntryRecord(
        str(pk),
        len({entry.set_number for entry in sets}),
        min(amounts) if amounts else None,
        max(pains) if pains else None,
    )


def _sessions(runner: User, ids: set[int], since: date) -> tuple[SessionRecord, ...]:
    records = []
    for log in (
        SessionLog.objects.filter(runner=runner, date__gte=since)
        .prefetch_related("sets")
        .order_by("date", "pk")
    ):
        grouped: dict[int, list[Any]] = defaultdict(list)
        for entry in log.sets.all():
            if entry.prescription_id in ids:
                grouped[entry.prescription_id].append(entry)
        entries = tuple(_entry(pk, sets) for pk, sets in grouped.items())
        if entries:
            records.append(SessionRecord(log.date, log.rpe, log.pain_after, entries))
    return tuple(records)


def _checkin_record(item: MorningCheckin) -> CheckinRecord:
    areas = getattr(item, "areas", None) or {}
    per_area = tuple(
        (area, int(values["pain"]), int(values["stiffness"]))
        for area, values in sorted(areas.items())
        if isinstance(values, dict)
    )
    return CheckinRecord(item.date, item.pain, item.stiffness, per_area)


def baseline_for(runner: User) -> float | None:
    """The median morning pain of the runner's first check-ins (CLINICAL section A)."""
    first = MorningCheckin.objects.filter(runner=runner).order_by("date")[:7]
    return baseline_of([_checkin_record(item) for item in first])


def _lookups(current: list[tuple[Plan, Prescription, int]]) -> dict[str, dict[str, str]]:
    slugs = {prescription_document(item, week)["this_week"]["exercise"] for _plan, item, week in current} | {
        item.exercise.slug for _plan, item, _week in current
    }
    chain = first_progressions(slugs)
    regressions = _first_links(LinkKind.REGRESSION, set(chain) | set(chain.values()) | slugs)
    known = slugs | set(chain.values()) | set(regressions.values())
    rows = list(Exercise.objects.filter(slug__in=known).values_list("slug", "name", "category", "dose_unit"))
    return {
        "chain": chain,
        "regressions": regressions,
        "names": {slug: name for slug, name, _category, _unit in rows},
        "categories": {slug: category for slug, _name, category, _unit in rows},
        "units": {slug: unit for slug, _name, _category, unit in rows},
    }


def build_history(runner: User) -> tuple[History, dict[str, tuple[Plan, Prescription, int]]]:
    """Everything the decision engine reads about a runner, from the database."""
    today = today_for(runner)
    current = current_prescriptions(runner, today)
    lookups = _lookups(current)
    referrals = referrals_in_force(runner)
    # An area with a red flag is judged (and stopped) even when the profile does not list it as painful.
    painful = list(dict.fromkeys([*painful_areas_of(runner), *(item.area for item in referrals)]))
    regressed = set(
        Recommendation.objects.filter(
            runner=runner, status=RecommendationStatus.ACCEPTED, decision="regress"
        ).values_list("prescription_id", flat=True)
    )
    states = tuple(
        _state(item, week, lookups, item.pk in regressed, painful) for _plan, item, week in current
    )
    since = today - timedelta(days=HISTORY_DAYS)
    checkins = MorningCheckin.objects.filter(runner=runner, date__gte=since).order_by("date")
    latest = Assessment.objects.filter(runner=runner).order_by("-date", "-pk").first()
    history = History(
        today=today,
        prescriptions=states,
        sessions=_sessions(runner, {item.pk for _plan, item, _week in current}, since),
        checkins=tuple(_checkin_record(item) for item in checkins),
        baseline_morning_pain=baseline_for(runner),
        red_flag=bool(referrals),
        red_flag_areas=frozenset(item.area for item in referrals),
        load_warning=bool(active_load_warnings(runner, today)),
        plyometric_exclusions=tuple(plyometrics_blocked(analysis_of(latest)[0])) if latest else (),
        names=tuple(sorted(lookups["names"].items())),
    )
    return history, {str(item.pk): (plan, item, week) for plan, item, week in current}


def alert_coach(runner: User, kind: str, message: str, link: str = "", event: str = "") -> list[Alert]:
    """An alert to every coach who may see the runner (their own, and those they share their data with), one each.
    Alerts of one `event` are one thing to deal with; by default, every alert of its kind that day of the runner's
    (stored, so the inbox and its count group them in the database)."""
    coaches = coaches_seeing(runner)
    if not coaches:
        return []
    key = event or day_event(today_for(runner))
    return [
        raise_alert(coach=coach, runner_id=runner.pk, kind=kind, message=message, link=link, event=key)
        for coach in coaches
    ]


def _latest(runner: User) -> dict[tuple[int | None, str], Recommendation]:
    latest: dict[tuple[int | None, str], Recommendation] = {}
    for rec in (
        Recommendation.objects.filter(runner=runner)
        .exclude(status=RecommendationStatus.SUPERSEDED)
        .select_related("prescription__exercise")
        .order_by("created_at", "pk")
    ):
        latest[(rec.prescription_id, rec.kind)] = rec
    return latest


def refresh_recommendations(runner: User) -> list[Recommendation]:
    """Run the model on the runner's history; keep what is unchanged, supersede what changed, alert the coach,
    and mark each current prescription held back or offered. Called by every write that changes its inputs."""
    if not runner.is_runner:
        return []
    with transaction.atomic():
        history, current = build_history(runner)
        decisions = decide(history)
        latest = _latest(runner)
        red_flag = history.red_flag
        for decision in decisions.exercises:
            plan, item, _week = current[decision.prescription]
            _keep_or_create(runner, plan, item, decision, latest, red_flag)
        _keep_or_create_running(runner, decisions, latest)
        seen = {(item.pk, "exercise") for _plan, item, _week in current.values()} | {(None, "running")}
        stale = [
            rec.pk
            for key, rec in latest.items()
            if key not in seen and rec.status == RecommendationStatus.OPEN and rec.decision != "stop"
        ]
        Recommendation.objects.filter(pk__in=stale).update(status=RecommendationStatus.SUPERSEDED)
        mark_held_back(runner, history, decisions, current)
    return open_recommendations(runner)


def _keep_or_create(
    runner: User,
    plan: Plan,
    item: Prescription,
    decision: ExerciseDecision,
    latest: dict[tuple[int | None, str], Recommendation],
    red_flag: bool,
) -> None:
    previous = latest.get((item.pk, "exercise"))
    # A stop stands until it is cleared: a calmer day does not silently lift it.
    if previous is not None and previous.status == RecommendationStatus.OPEN and previous.decision == "stop":
        return
    dosage = dosage_document(decision)
    reasons = list(decision.reasons)
    if previous is not None and (previous.decision, previous.new_dosage, previous.light) == (
        decision.decision,
        dosage,
        decision.light,
    ):
        _keep(previous, reasons)
        return
    _supersede(previous)
    rec = Recommendation.objects.create(
        runner=runner, plan=plan, prescription=item, kind="exercise", decision=decision.decision,
        light=decision.light, reasons=reasons, new_dosage=dosage,
    )  # fmt: skip
    # One red flag is one alert (sent when it was reported), not one "stop" per exercise it pauses.
    if decision.decision in {"regress", "stop"} and not red_flag:
        alert_coach(
            runner,
            decision.decision,
            f"{runner.display_name}: {DECISION_WORDS[decision.decision]} on {item.exercise.name}. "
            # A reason naming no area starts lowercase ("pain the morning after…"): a sentence here.
            + capfirst("; ".join(_drivers(reasons))),
            f"/plans/{plan.pk}/",
        )
    profile = getattr(runner, "runner_profile", None)
    if (
        decision.decision in ACTIONABLE
        and profile is not None
        and profile.auto_apply
        and coach_of(runner) is None
    ):
        _apply(rec, runner, automatic=True)


def _drivers(reasons: list[str]) -> list[str]:
    """What a coach reads in an alert: the red readings that decided it, and the decision itself (the last reason)."""
    red = [reason for reason in reasons[:-1] if "(red)" in reason]
    return [*red[:2], *reasons[-1:]]


def _keep(previous: Recommendation, reasons: list[str]) -> None:
    """The same decision as before: an open one only takes the newest reasons."""
    if previous.status == RecommendationStatus.OPEN and previous.reasons != reasons:
        previous.reasons = reasons
        previous.save(update_fields=["reasons"])


def _supersede(previous: Recommendation | None) -> None:
    if previous is not None and previous.status == RecommendationStatus.OPEN:
        previous.status = RecommendationStatus.SUPERSEDED
        previous.save(update_fields=["status"])


def _keep_or_create_running(
    runner: User, decisions: Decisions, latest: dict[tuple[int | None, str], Recommendation]
) -> None:
    running = decisions.running
    light = "red" if running.advice != "keep" else ""
    reasons = list(running.reasons)
    previous = latest.get((None, "running"))
    if previous is not None and (previous.decision, previous.light) == (running.advice, light):
        _keep(previous, reasons)
        return
    _supersede(previous)
    Recommendation.objects.create(
        runner=runner, kind="running", decision=running.advice, light=light, reasons=reasons
    )


def recommendation_for(actor: User, rec_id: int) -> Recommendation:
    rec = (
        Recommendation.objects.select_related("runner__runner_profile", "prescription__exercise", "plan")
        .filter(pk=rec_id)
        .first()
    )
    if rec is None or not can_view_runner(actor, rec.runner):
        raise NotFound("No such recommendation.")
    # Accepted, dismissed or cleared by the runner or their own coach; a workshop's coach they share with reads it.
    check_may_act_for(actor, rec.runner)
    return rec


def _apply(rec: Recommendation, actor: User, *, automatic: bool = False) -> None:
    """Change the plan as the recommendation says, through the plan's history; re-anchor the weekly rule."""
    item = rec.prescription
    if rec.kind == "exercise" and item is not None and rec.plan is not None:
        today = today_for(rec.runner)
        _phase, week = phase_on(rec.plan, today)
        why = ("Applied automatically: " if automatic else "") + "; ".join(rec.reasons)
        if rec.decision in ACTIONABLE and rec.new_dosage:
            dosage = rec.new_dosage
            amount = next(dosage[key] for key in ("reps", "hold_s", "jumps") if key in dosage)
            changes: dict[str, Any] = {
                "exercise": dosage["exercise"],
                "sets": dosage["sets"],
                "amount": amount,
                "rule_start_week": week,
            }
            if dosage["exercise"] != item.exercise.slug:
                # Another exercise brings its own way of dosing: per side or not, reps or seconds.
                changes.update(_dosing_of(item, dosage))
            if dosage.get("load_kg") is not None:
                changes["load_kg"] = Decimal(str(dosage["load_kg"]))
            update_prescription(actor=actor, prescription_id=item.pk, changes=changes, why=why)
            # Only sessions at the new dosage count towards the next decision.
            Prescription.objects.filter(pk=item.pk).update(counts_from=today)
    rec.status = RecommendationStatus.ACCEPTED
    rec.automatic = automatic
    rec.decided_at = timezone.now()
    rec.decided_by = actor
    rec.save(update_fields=["status", "automatic", "decided_at", "decided_by"])


def _dosing_of(item: Prescription, dosage: dict[str, Any]) -> dict[str, Any]:
    """A move to another exercise takes its way of dosing; the weekly rule stays only while it still fits."""
    exercise = Exercise.objects.filter(slug=dosage["exercise"]).first()
    kind = next(kind for kind, key in DOSE_KEYS.items() if key in dosage)
    changes: dict[str, Any] = {"kind": kind}
    if exercise is None:
        return changes
    changes["per_side"] = exercise.per_side
    rule = dict(item.progression) if item.progression else None
    amount = dosage[DOSE_KEYS[kind]]
    if rule is not None and (kind != item.kind or rule.get("up_to", 0) < amount):
        rule = None
    elif (
        rule is not None
        and rule.get("then") == "next_exercise"
        and not exercise.links.filter(kind=LinkKind.PROGRESSION).exists()
    ):
        rule["then"] = "none"
    changes["progression"] = rule
    return changes


def _refreshed(rec: Recommendation) -> Recommendation:
    refresh_recommendations(rec.runner)
    rec.refresh_from_db()
    return rec


@transaction.atomic
def accept_recommendation(*, actor: User, rec_id: int) -> Recommendation:
    """Accept a progress or step back: the plan changes through its history."""
    rec = _answerable(actor, rec_id)
    _apply(rec, actor)
    return _refreshed(rec)


def _answerable(actor: User, rec_id: int) -> Recommendation:
    """An open recommendation the actor may accept or dismiss: never a stop (it is cleared, with a note)."""
    rec = recommendation_for(actor, rec_id)
    if rec.status != RecommendationStatus.OPEN:
        raise InvalidInput(f"This recommendation is already {rec.get_status_display().lower()}.")
    if rec.decision == "stop":
        raise NotAllowed(_stop_refusal(actor, rec.runner))
    return rec


def _stop_refusal(actor: User, runner: User) -> str:
    if coach_of(runner) is not None:
        if actor.is_coach:
            return "A stop is cleared with a note, not accepted or dismissed."
        return "Only your coach can clear a stop, once you have seen a clinician. Tell them how it went."
    return "A stop is cleared once a clinician has seen you: confirm it with the date you saw them."


@transaction.atomic
def dismiss_recommendation(*, actor: User, rec_id: int) -> Recommendation:
    """Dismiss a progress, hold or step back; a stop is never dismissed (it is cleared with a note)."""
    rec = _answerable(actor, rec_id)
    rec.status = RecommendationStatus.DISMISSED
    rec.decided_at = timezone.now()
    rec.decided_by = actor
    rec.save(update_fields=["status", "decided_at", "decided_by"])
    return rec


def refresh_for(runner: User) -> None:
    """The refresher registered with core.derived: every write to a runner's inputs ends here."""
    refresh_recommendations(runner)
