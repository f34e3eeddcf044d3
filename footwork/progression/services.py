"""The pain-monitoring model applied to a runner's plan: recommendations, accepting them, flare-ups."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from footwork.accounts.models import User
from footwork.accounts.selectors import can_view_runner, coach_of, runner_visible_to
from footwork.activities.selectors import active_load_warnings
from footwork.assessments.domain import plyometrics_blocked
from footwork.assessments.models import Assessment
from footwork.assessments.selectors import analysis_of
from footwork.coaching.models import Alert
from footwork.core.clock import today_for
from footwork.core.datafile import read_yaml
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.rules import REGRESS_PERCENT
from footwork.exercises.models import Exercise, ExerciseLink, LinkKind
from footwork.exercises.selectors import visible_exercises
from footwork.programs.domain import ProgressionRule
from footwork.programs.models import Plan, PlanStatus, Prescription
from footwork.programs.selectors import first_progressions, phase_on, prescription_document
from footwork.programs.services import (
    add_prescription,
    current_session,
    record_change,
    start_own_plan,
    update_prescription,
)
from footwork.progression.domain import (
    CheckinRecord,
    Dose,
    EntryRecord,
    ExerciseDecision,
    History,
    PrescriptionState,
    RunningAdvice,
    SessionRecord,
    baseline_of,
    decide,
)
from footwork.progression.flareup import (
    AREAS,
    FlarePlan,
    Referral,
    ScreeningError,
    Toolbox,
    exit_ready,
    parse_toolbox,
    screen,
)
from footwork.progression.models import (
    FlareUp,
    FlareUpStatus,
    Recommendation,
    RecommendationStatus,
    ToolboxOverride,
)
from footwork.training.models import MorningCheckin, SessionLog

HISTORY_DAYS = 42
RED_FLAG_DAYS = 14
AMOUNT_FIELD = {"reps": "reps", "hold_seconds": "hold_seconds", "jumps": "jumps"}


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
            .order_by("session__position", "position")
        )
        current.extend((plan, item, week) for item in items)
    return current


def _state(
    item: Prescription,
    week: int,
    chain: dict[str, str],
    regressions: dict[str, str],
    categories: dict[str, str],
    regressed: bool,
) -> PrescriptionState:
    now = prescription_document(item, week, chain)["this_week"]
    exercise = now["exercise"]
    following = chain.get(exercise)
    return PrescriptionState(
        id=str(item.pk),
        exercise=exercise,
        dose=Dose(item.sets, item.kind, now["amount"], now["load_kg"], now["load_percent_added"]),
        progression=ProgressionRule(**item.progression) if item.progression else None,
        next_exercise=following,
        regression_exercise=regressions.get(exercise),
        plyometric=categories.get(exercise) == "plyometric",
        next_is_plyometric=bool(following) and categories.get(following or "") == "plyometric",
        regressed=regressed,
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
        entries = []
        for pk, sets in grouped.items():
            amounts = [
                value
                for entry in sets
                for value in (entry.reps, entry.hold_seconds, entry.jumps)
                if value is not None
            ]
            pains = [entry.pain_during for entry in sets if entry.pain_during is not None]
            entries.append(
                EntryRecord(
                    str(pk),
                    len({entry.set_number for entry in sets}),
                    min(amounts) if amounts else None,
                    max(pains) if pains else None,
                )
            )
        if entries:
            records.append(SessionRecord(log.date, log.rpe, log.pain_after, tuple(entries)))
    return tuple(records)


def baseline_for(runner: User) -> float | None:
    """The median morning pain of the runner's first check-ins (CLINICAL section A)."""
    first = MorningCheckin.objects.filter(runner=runner).order_by("date")[:7]
    return baseline_of([CheckinRecord(item.date, item.pain, item.stiffness) for item in first])


def build_history(runner: User) -> tuple[History, dict[str, tuple[Plan, Prescription, int]]]:
    """Everything the decision engine reads about a runner, from the database."""
    today = today_for(runner)
    current = current_prescriptions(runner, today)
    slugs = {prescription_document(item, week)["this_week"]["exercise"] for _plan, item, week in current} | {
        item.exercise.slug for _plan, item, _week in current
    }
    chain = first_progressions(slugs)
    regressions = _first_links(LinkKind.REGRESSION, set(chain) | set(chain.values()) | slugs)
    categories = dict(
        Exercise.objects.filter(slug__in=slugs | set(chain.values())).values_list("slug", "category")
    )
    regressed = set(
        Recommendation.objects.filter(
            runner=runner, status=RecommendationStatus.ACCEPTED, decision="regress"
        ).values_list("prescription_id", flat=True)
    )
    states = tuple(
        _state(item, week, chain, regressions, categories, item.pk in regressed)
        for _plan, item, week in current
    )
    since = today - timedelta(days=HISTORY_DAYS)
    checkins = MorningCheckin.objects.filter(runner=runner, date__gte=since).order_by("date")
    latest = Assessment.objects.filter(runner=runner).order_by("-date", "-pk").first()
    history = History(
        today=today,
        prescriptions=states,
        sessions=_sessions(runner, {item.pk for _plan, item, _week in current}, since),
        checkins=tuple(CheckinRecord(item.date, item.pain, item.stiffness) for item in checkins),
        baseline_morning_pain=baseline_for(runner),
        red_flag=latest_referral(runner) is not None,
        load_warning=bool(active_load_warnings(runner, today)),
        plyometric_exclusions=tuple(plyometrics_blocked(analysis_of(latest)[0])) if latest else (),
    )
    return history, {str(item.pk): (plan, item, week) for plan, item, week in current}


def alert_coach(runner: User, kind: str, message: str, link: str = "") -> Alert | None:
    coach = coach_of(runner)
    if coach is None:
        return None
    return Alert.objects.create(coach=coach, runner=runner, kind=kind, message=message[:500], link=link)


def _dosage_of(decision: ExerciseDecision) -> dict[str, Any] | None:
    if decision.new_dose is None and decision.new_exercise is None:
        return None
    dose = decision.new_dose
    key = {"hold_seconds": "hold_s"}.get(dose.kind, dose.kind) if dose else None
    document: dict[str, Any] = {"exercise": decision.new_exercise or decision.exercise}
    if dose is not None and key is not None:
        document.update({"sets": dose.sets, key: dose.amount, "load_kg": dose.load_kg})
    return document


def _latest(runner: User) -> dict[tuple[int | None, str], Recommendation]:
    latest: dict[tuple[int | None, str], Recommendation] = {}
    for rec in (
        Recommendation.objects.filter(runner=runner)
        .exclude(status=RecommendationStatus.SUPERSEDED)
        .order_by("created_at", "pk")
    ):
        latest[(rec.prescription_id, rec.kind)] = rec
    return latest


@transaction.atomic
def refresh_recommendations(runner: User) -> list[Recommendation]:
    """Run the model on the runner's history; keep what is unchanged, supersede what changed, alert the coach."""
    history, current = build_history(runner)
    decisions = decide(history)
    latest = _latest(runner)
    seen: set[tuple[int | None, str]] = set()
    for decision in decisions.exercises:
        plan, item, _week = current[decision.prescription]
        seen.add((item.pk, "exercise"))
        _keep_or_create(
            runner,
            plan,
            item,
            "exercise",
            decision.decision,
            decision.light,
            list(decision.reasons),
            _dosage_of(decision),
            latest,
        )
    running: RunningAdvice = decisions.running
    seen.add((None, "running"))
    light = "red" if running.advice != "keep" else ""
    _keep_or_create(runner, None, None, "running", running.advice, light, list(running.reasons), None, latest)
    stale = [
        rec.pk for key, rec in latest.items() if key not in seen and rec.status == RecommendationStatus.OPEN
    ]
    Recommendation.objects.filter(pk__in=stale).update(status=RecommendationStatus.SUPERSEDED)
    return list(
        Recommendation.objects.filter(runner=runner, status=RecommendationStatus.OPEN)
        .select_related("prescription__exercise", "plan__program")
        .order_by("kind", "plan_id", "prescription__position")
    )


def _keep_or_create(runner: User, plan: Plan | None, item: Prescription | None, kind: str, decision: str, light: str,
                    reasons: list[str], dosage: dict[str, Any] | None, latest: dict[tuple[int | None, str], Recommendation]) -> None:  # fmt: skip
    previous = latest.get((item.pk if item else None, kind))
    if previous is not None and (previous.decision, previous.new_dosage, previous.light) == (
        decision,
        dosage,
        light,
    ):
        if previous.status == RecommendationStatus.OPEN and previous.reasons != reasons:
            previous.reasons = reasons
            previous.save(update_fields=["reasons"])
        return
    if previous is not None and previous.status == RecommendationStatus.OPEN:
        previous.status = RecommendationStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    rec = Recommendation.objects.create(
        runner=runner,
        plan=plan,
        prescription=item,
        kind=kind,
        decision=decision,
        light=light,
        reasons=reasons,
        new_dosage=dosage,
    )
    if kind == "exercise" and decision in {"regress", "stop"} and item is not None:
        alert_coach(
            runner,
            decision,
            f"{runner.display_name}: {decision} on {item.exercise.name}: {'; '.join(reasons)}",
            f"/plans/{plan.pk if plan else ''}/",
        )
    profile = getattr(runner, "runner_profile", None)
    if (
        kind == "exercise"
        and decision in {"progress", "regress"}
        and profile is not None
        and profile.auto_apply
        and coach_of(runner) is None
    ):
        _apply(rec, runner, automatic=True)


def recommendation_for(actor: User, rec_id: int) -> Recommendation:
    rec = (
        Recommendation.objects.select_related("runner__runner_profile", "prescription__exercise", "plan")
        .filter(pk=rec_id)
        .first()
    )
    if rec is None or not can_view_runner(actor, rec.runner):
        raise NotFound("No such recommendation.")
    return rec


def _apply(rec: Recommendation, actor: User, *, automatic: bool = False) -> None:
    """Change the plan as the recommendation says, through the plan's history; re-anchor the weekly rule."""
    item = rec.prescription
    if rec.kind == "exercise" and item is not None and rec.plan is not None:
        _phase, week = phase_on(rec.plan, today_for(rec.runner))
        why = ("Applied automatically: " if automatic else "") + "; ".join(rec.reasons)
        if rec.decision in {"progress", "regress"} and rec.new_dosage:
            dosage = rec.new_dosage
            amount = next(dosage[key] for key in ("reps", "hold_s", "jumps") if key in dosage)
            changes: dict[str, Any] = {
                "exercise": dosage["exercise"],
                "sets": dosage["sets"],
                "amount": amount,
                "rule_start_week": week,
            }
            if dosage.get("load_kg") is not None:
                changes["load_kg"] = Decimal(str(dosage["load_kg"]))
            update_prescription(actor=actor, prescription_id=item.pk, changes=changes, why=why)
        elif rec.decision == "hold":
            # Holding repeats this week's dose next week: the weekly rule restarts from there.
            now = prescription_document(item, week, first_progressions({item.exercise.slug}))["this_week"]
            update_prescription(
                actor=actor,
                prescription_id=item.pk,
                changes={"exercise": now["exercise"], "amount": now["amount"], "rule_start_week": week + 1},
                why=why,
            )
    rec.status = RecommendationStatus.ACCEPTED
    rec.automatic = automatic
    rec.decided_at = timezone.now()
    rec.decided_by = actor
    rec.save(update_fields=["status", "automatic", "decided_at", "decided_by"])


@transaction.atomic
def accept_recommendation(*, actor: User, rec_id: int) -> Recommendation:
    rec = recommendation_for(actor, rec_id)
    if rec.status != RecommendationStatus.OPEN:
        raise InvalidInput(f"This recommendation is already {rec.status}.")
    _apply(rec, actor)
    return rec


@transaction.atomic
def dismiss_recommendation(*, actor: User, rec_id: int) -> Recommendation:
    rec = recommendation_for(actor, rec_id)
    if rec.status != RecommendationStatus.OPEN:
        raise InvalidInput(f"This recommendation is already {rec.status}.")
    rec.status = RecommendationStatus.DISMISSED
    rec.decided_at = timezone.now()
    rec.decided_by = actor
    rec.save(update_fields=["status", "decided_at", "decided_by"])
    return rec


def recommendation_document(rec: Recommendation) -> dict[str, Any]:
    return {
        "id": rec.pk,
        "kind": rec.kind,
        "plan": rec.plan_id,
        "prescription": rec.prescription_id,
        "exercise": rec.prescription.exercise.slug if rec.prescription else None,
        "decision": rec.decision,
        "light": rec.light or None,
        "new_dosage": rec.new_dosage,
        "reasons": rec.reasons,
        "status": rec.status,
        "created_at": rec.created_at,
    }


# --- Flare-ups --------------------------------------------------------------------------------------------------

AREA_TARGETS = {
    "achilles": {"achilles", "gastrocnemius", "soleus"},
    "calf": {"gastrocnemius", "soleus"},
    "plantar_heel": {"plantar-fascia", "intrinsic-foot"},
}


def shipped_toolboxes() -> dict[str, Toolbox]:
    # The shipped file is checked against the shipped library by its tests; a coach's version is checked on saving.
    return parse_toolbox(read_yaml(Path(settings.FOOTWORK_TOOLBOX_PATH)))


def toolboxes_for(runner: User) -> dict[str, Toolbox]:
    """The shipped toolbox, with the runner's coach's own version of any area in its place."""
    toolboxes = shipped_toolboxes()
    coach = coach_of(runner) if runner.is_runner else runner
    if coach is not None:
        for override in ToolboxOverride.objects.filter(coach=coach):
            toolboxes.update(parse_toolbox({"version": 1, "toolboxes": {override.area: override.content}}))
    return toolboxes


def active_flare_up(runner: User) -> FlareUp | None:
    return (
        FlareUp.objects.filter(runner=runner, status=FlareUpStatus.ACTIVE)
        .select_related("flare_plan__program", "main_plan__program")
        .first()
    )


def _affected(item: Prescription, area: str, categories: dict[str, str]) -> bool:
    targets = set(item.exercise.targets.values_list("slug", flat=True))
    return bool(targets & AREA_TARGETS[area]) or categories.get(item.exercise.slug) == "plyometric"


def _build_flare_plan(actor: User, runner: User, plan: FlarePlan, main: Plan | None, today: date) -> Plan:
    """A temporary plan: the toolbox exercises, plus what of the main plan's current session the flare-up spares."""
    flare = start_own_plan(
        actor=actor, runner=runner, name=f"Flare-up: {AREAS[plan.area]}", start_date=today, weeks=2
    )
    phase = flare.program.phases.get()
    phase.weekdays, phase.notes = "0123456", "\n".join([*plan.toolbox.running, *plan.toolbox.track])
    phase.save(update_fields=["weekdays", "notes"])
    session = phase.sessions.get()
    for entry in plan.toolbox.exercises:
        add_prescription(actor=actor, session=session, exercise_slug=entry.exercise, values={
            "sets": entry.sets, "kind": entry.kind, "amount": entry.amount, "per_side": entry.per_side, "notes": entry.notes[:300],
        }, why="Flare-up toolbox")  # fmt: skip
    if main is not None:
        kept = current_session(main, today)
        categories = dict(Exercise.objects.values_list("slug", "category"))
        present = set(session.prescriptions.values_list("exercise__slug", flat=True))
        for item in kept.prescriptions.select_related("exercise") if kept else []:
            if not _affected(item, plan.area, categories) and item.exercise.slug not in present:
                add_prescription(actor=actor, session=session, exercise_slug=item.exercise.slug, values={
                    "sets": item.sets, "kind": item.kind, "amount": item.amount, "per_side": item.per_side,
                }, why="Kept from the main plan")  # fmt: skip
    return flare


@transaction.atomic
def start_flare_up(
    *, actor: User, area: str, answers: dict[str, bool], runner_id: int | None = None
) -> tuple[FlareUp, Referral | FlarePlan]:
    """Screen for red flags; refer, or swap in a temporary flare-up plan and pause the main one."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_visible_to(actor, runner_id)
    if not runner.is_runner:
        raise NotAllowed("Flare-ups are a runner's; choose one of your runners.")
    if active_flare_up(runner) is not None:
        raise InvalidInput("A flare-up plan is already running; finish it first.")
    try:
        result = screen(area, answers, toolboxes_for(runner))
    except ScreeningError as error:
        raise InvalidInput(str(error), field="answers") from error
    today = today_for(runner)
    flare = FlareUp(
        runner=runner,
        area=area,
        answers=answers,
        started_on=today,
        created_by=actor,
        baseline=_decimal(baseline_for(runner)),
    )
    if isinstance(result, Referral):
        flare.status, flare.urgency, flare.red_flags = (
            FlareUpStatus.REFERRED,
            result.urgency,
            [item.code for item in result.flags],
        )
        flare.save()
        alert_coach(
            runner,
            "red_flag",
            f"{runner.display_name}: red flag ({', '.join(flare.red_flags)}), see a clinician {result.urgency}.",
        )
        return flare, result
    main = Plan.objects.filter(runner=runner, status=PlanStatus.ACTIVE).order_by("-start_date", "-pk").first()
    flare.flare_plan = _build_flare_plan(actor, runner, result, main, today)
    if main is not None:
        main.status = PlanStatus.PAUSED
        main.save(update_fields=["status"])
        record_change(
            main,
            actor,
            f"Paused for a {AREAS[area].lower()} flare-up",
            "Flare-up plan in its place until the mornings settle",
        )
    flare.main_plan, flare.status = main, FlareUpStatus.ACTIVE
    flare.save()
    alert_coach(
        runner,
        "flare_up",
        f"{runner.display_name} started a {AREAS[area].lower()} flare-up plan (no red flag).",
    )
    return flare, result


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def exit_status(flare: FlareUp) -> tuple[bool, str]:
    """Whether the mornings since the flare-up began are back at baseline for the toolbox's number of days."""
    days = toolboxes_for(flare.runner)[flare.area].exit_days
    mornings = MorningCheckin.objects.filter(runner=flare.runner, date__gte=flare.started_on).order_by("date")
    baseline = float(flare.baseline) if flare.baseline is not None else None
    return exit_ready(
        [(item.date, item.pain, item.stiffness) for item in mornings], baseline, days, today_for(flare.runner)
    )


def _one_step_below(item: Prescription, week: int) -> dict[str, Any]:
    now = prescription_document(item, week, first_progressions({item.exercise.slug}))["this_week"]
    rule = item.progression
    lower = now["amount"] - rule["add"] if rule else round(now["amount"] * (100 - REGRESS_PERCENT) / 100)
    return {
        "exercise": now["exercise"],
        "amount": max(1, min(lower, now["amount"] - 1)),
        "rule_start_week": week,
    }


@transaction.atomic
def end_flare_up(*, actor: User, runner_id: int | None = None) -> FlareUp:
    """Back to the main plan, one step below where it was for the affected exercises."""
    runner = actor if runner_id is None or runner_id == actor.pk else runner_visible_to(actor, runner_id)
    flare = active_flare_up(runner)
    if flare is None:
        raise NotFound("No flare-up plan is running.")
    ready, reason = exit_status(flare)
    if not ready and not actor.is_coach:
        raise InvalidInput(f"Not yet: {reason}")
    today = today_for(runner)
    if flare.flare_plan is not None:
        flare.flare_plan.status = PlanStatus.ENDED
        flare.flare_plan.save(update_fields=["status"])
    main = flare.main_plan
    if main is not None:
        main.status = PlanStatus.ACTIVE
        main.save(update_fields=["status"])
        phase, week = phase_on(main, today)
        categories = dict(Exercise.objects.values_list("slug", "category"))
        for item in Prescription.objects.filter(session__phase=phase).select_related("exercise"):
            if _affected(item, flare.area, categories):
                update_prescription(
                    actor=actor,
                    prescription_id=item.pk,
                    changes=_one_step_below(item, week),
                    why=f"Back from the flare-up one step below: {reason}",
                )
    flare.status, flare.ended_on = FlareUpStatus.ENDED, today
    flare.save(update_fields=["status", "ended_on"])
    return flare


@transaction.atomic
def clear_referral(*, actor: User, flare_id: int) -> FlareUp:
    """A clinician has seen the runner: the red flag no longer stops training."""
    flare = (
        FlareUp.objects.select_related("runner").filter(pk=flare_id, status=FlareUpStatus.REFERRED).first()
    )
    if flare is None or not can_view_runner(actor, flare.runner):
        raise NotFound("No such referral.")
    flare.status, flare.ended_on = FlareUpStatus.ENDED, today_for(flare.runner)
    flare.save(update_fields=["status", "ended_on"])
    return flare


def flare_document(flare: FlareUp) -> dict[str, Any]:
    ready, reason = exit_status(flare) if flare.status == FlareUpStatus.ACTIVE else (False, "")
    return {
        "id": flare.pk, "area": flare.area, "status": flare.status, "urgency": flare.urgency or None,
        "red_flags": flare.red_flags, "started_on": flare.started_on, "ended_on": flare.ended_on,
        "main_plan": flare.main_plan_id, "flare_plan": flare.flare_plan_id, "exit_ready": ready, "exit_reason": reason,
    }  # fmt: skip


def latest_referral(runner: User) -> FlareUp | None:
    """A red-flag referral still in force."""
    today = today_for(runner)
    return FlareUp.objects.filter(
        runner=runner, status=FlareUpStatus.REFERRED, started_on__gte=today - timedelta(days=RED_FLAG_DAYS)
    ).first()


def known_exercises_for(coach: User) -> set[str]:
    return set(visible_exercises(coach).values_list("slug", flat=True))
