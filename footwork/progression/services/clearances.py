"""Clearing what only a clinician's view lifts: a stop, by the runner's coach with a note (kept), or by a
self-guided runner with the day they saw a clinician."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from footwork.accounts.models import User
from footwork.accounts.selectors import coach_of
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput, NotAllowed
from footwork.programs.models import Prescription
from footwork.progression.models import Recommendation, RecommendationStatus
from footwork.progression.services.recommendations import recommendation_for, refresh_recommendations


def check_clearance(actor: User, runner: User, note: str, seen_on: date | None) -> None:
    """Who may clear a stop or a red flag: the runner's coach with a note; a self-guided runner with the date
    they saw a clinician (not in the future, not before the stop)."""
    coach = coach_of(runner)
    if coach is not None:
        if actor.pk != coach.pk:
            raise NotAllowed("Only the runner's coach clears a stop or a red flag, with a note.")
        if not note.strip():
            raise InvalidInput("Say why it is cleared (the note is kept).", field="note")
        return
    if actor.pk != runner.pk:
        raise NotAllowed("Only the runner clears this, after seeing a clinician.")
    if seen_on is None:
        raise InvalidInput("Give the date a clinician saw you.", field="seen_on")
    if seen_on > today_for(runner):
        raise InvalidInput("The date you saw a clinician cannot be in the future.", field="seen_on")


@transaction.atomic
def clear_stop(*, actor: User, rec_id: int, note: str = "", seen_on: date | None = None) -> Recommendation:
    """Lift a stop: by the runner's coach with a note, or by a self-guided runner who saw a clinician."""
    rec = recommendation_for(actor, rec_id)
    if rec.decision != "stop" or rec.status != RecommendationStatus.OPEN:
        raise InvalidInput("Only a stop still in force is cleared.")
    check_clearance(actor, rec.runner, note, seen_on)
    if len(note) > 1000:
        raise InvalidInput("The note is at most 1,000 characters.", field="note")
    today = today_for(rec.runner)
    rec.status, rec.note, rec.seen_clinician_on = RecommendationStatus.CLEARED, note.strip(), seen_on
    rec.decided_at, rec.decided_by = timezone.now(), actor
    rec.save(update_fields=["status", "note", "seen_clinician_on", "decided_at", "decided_by"])
    if rec.prescription_id is not None:
        # The red days before the clearance led to the stop; only what happens after it counts now.
        Prescription.objects.filter(pk=rec.prescription_id).update(counts_from=today)
    refresh_recommendations(rec.runner)
    rec.refresh_from_db()
    return rec
