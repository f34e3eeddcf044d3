"""A day's one session: what the player shows for a dated session, each prescription at its week's dosage under
the season's rule for the day, and the merged session of every active plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef

from footwork.accounts.models import User
from footwork.core import adaptation as season_rule
from footwork.core.adaptation import DayAdaptation
from footwork.core.clock import today_for
from footwork.exercises.models import Exercise, ExerciseLink, LinkKind
from footwork.programs.models import Plan, Prescription, ProgramSession
from footwork.programs.selectors import first_progressions, plan_schedule, prescription_document
from footwork.training.domain import (
    DayExercise,
    DayPart,
    day_minutes,
    merge_day,
)
from footwork.training.domain.adapt import Dose, adapt_dose, adapt_part, dosage_words
from footwork.training.models import MorningCheckin, SetLog
from footwork.training.selectors.picture import (
    ScheduledItem,
    TrainingPicture,
    prescriptions_by_session,
    training_picture,
)

# The target that makes a strength exercise a foot-core drill (exercises.domain names the targets).
FOOT_CORE_TARGET = "intrinsic-foot"


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
