"""Writes that link coaches and runners."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from footwork.accounts.models import RunnerProfile, User
from footwork.coaching.models import Alert, Invitation
from footwork.coaching.selectors import event_alerts
from footwork.core import events
from footwork.core.errors import InvalidInput, NotAllowed, NotFound

# The length of Alert.resolution_note.
RESOLUTION_NOTE_MAX = 1000


@transaction.atomic
def create_invitation(*, actor: User, note: str = "") -> Invitation:
    """A new invitation code from a coach, valid for FOOTWORK_INVITATION_DAYS."""
    if not actor.is_coach:
        raise NotAllowed("Only coaches can invite runners.")
    return Invitation.objects.create(
        coach=actor,
        code=secrets.token_urlsafe(12),
        note=note.strip()[:120],
        expires_at=timezone.now() + timedelta(days=settings.FOOTWORK_INVITATION_DAYS),
    )


@transaction.atomic
def accept_invitation(*, actor: User, code: str) -> Invitation:
    """Link the accepting runner to the inviting coach; a runner already linked to that coach leaves it unused."""
    if not actor.is_runner:
        raise NotAllowed("Only runners can accept a coach's invitation.")
    invitation = Invitation.objects.select_for_update().filter(code=code.strip()).first()
    if invitation is None:
        raise NotFound("This invitation code is not valid.")
    if invitation.status != "open":
        raise InvalidInput(
            f"This invitation is {invitation.status}; ask your coach for a new one.", field="code"
        )
    profile = RunnerProfile.objects.select_for_update().get(user=actor)
    if profile.coach_id == invitation.coach_id:
        # Already this coach's client: the code stays open for the runner it was meant for.
        return invitation
    if profile.coach_id is not None:
        raise InvalidInput("You already have a coach. Leave your current coach first.", field="code")
    profile.coach = invitation.coach
    profile.save(update_fields=["coach"])
    invitation.accepted_by = actor
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    return invitation


@transaction.atomic
def revoke_invitation(*, actor: User, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.select_for_update().filter(pk=invitation_id, coach=actor).first()
    if invitation is None:
        raise NotFound("No such invitation.")
    if invitation.status == "open":
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def end_coaching(*, actor: User, runner_id: int) -> None:
    """A runner leaves their coach, or a coach lets a client go."""
    profile = RunnerProfile.objects.select_for_update().filter(user_id=runner_id).first()
    allowed = profile is not None and (
        actor.pk == runner_id or (actor.is_coach and profile.coach_id == actor.pk)
    )
    if profile is None or not allowed:
        raise NotFound("No such coaching link.")
    profile.coach = None
    profile.save(update_fields=["coach"])


def raise_alert(*, coach: User, runner_id: int, kind: str, message: str, event: str, link: str = "") -> Alert:
    """The one write of a coach alert (progression's decisions and red flags, the daily missed-days job): stored
    with its event key (alerts of one event are one thing to deal with), then announced (the red-flag email)."""
    alert = Alert.objects.create(
        coach=coach, runner_id=runner_id, kind=kind, message=message[:500], link=link, event=event[:60]
    )
    events.alert_raised(alert)
    return alert


def _event(actor: User, alert_id: int) -> list[Alert]:
    alerts = event_alerts(actor, alert_id, lock=True) if actor.is_coach else []
    if not alerts:
        raise NotFound("No such alert.")
    return alerts


@transaction.atomic
def mark_alert_read(*, actor: User, alert_id: int) -> list[Alert]:
    """A coach has seen an alert about one of their runners: every alert of its event is read."""
    alerts = _event(actor, alert_id)
    now = timezone.now()
    unread = [alert.pk for alert in alerts if alert.read_at is None]
    Alert.objects.filter(pk__in=unread).update(read_at=now)
    for alert in alerts:
        alert.read_at = alert.read_at or now
    return alerts


@transaction.atomic
def resolve_alert(*, actor: User, alert_id: int, note: str) -> list[Alert]:
    """A coach has dealt with an event, and says how: every alert of it is read and resolved with the note."""
    note = note.strip()
    if not note:
        raise InvalidInput("Say how it was dealt with.", field="note")
    if len(note) > RESOLUTION_NOTE_MAX:
        raise InvalidInput(f"Keep the note under {RESOLUTION_NOTE_MAX} characters.", field="note")
    alerts = _event(actor, alert_id)
    now = timezone.now()
    for alert in alerts:
        alert.read_at = alert.read_at or now
        # A second resolution keeps the first one's time but takes the newer note.
        alert.resolved_at = alert.resolved_at or now
        alert.resolution_note = note
    Alert.objects.bulk_update(alerts, ["read_at", "resolved_at", "resolution_note"])
    return alerts
