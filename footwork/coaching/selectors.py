from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Max, Q, QuerySet, Value, When
from django.utils.text import capfirst

from footwork.accounts.models import User
from footwork.accounts.selectors import clients_of, coached_by
from footwork.coaching.domain import KIND_ORDER, AlertEvent, AlertItem, event_key, group_events
from footwork.coaching.models import Alert, Invitation
from footwork.core.clock import local_date, time_zone_of


@dataclass(frozen=True)
class RosterRow:
    """One runner on the coach's roster, with the line the page shows under the name."""

    id: int
    name: str
    about: str  # "Left Achilles tendon and right plantar heel · Paris marathon", or "No painful area"


_ROSTER_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "role",
    "runner_profile__painful_areas",
    "runner_profile__goal_race_name",
)


def roster_of(coach: User) -> list[RosterRow]:
    """The coach's runners by name, each with its painful areas and goal race in words."""
    # Only the columns the line needs, and not the coach on every row: a roster of 200 was mostly building models.
    runners = clients_of(coach).select_related(None).select_related("runner_profile").only(*_ROSTER_FIELDS)
    return [_roster_row(runner) for runner in runners]


def clients_for_documents(coach: User) -> list[User]:
    """The coach's runners by name with their profiles, for profile_document (each profile's own coach set)."""
    # The coach is the same on nearly every row: set it once rather than read it (and its profile) 200 times; the
    # own coaches of the runners who only share their data with this one are read together.
    runners = list(clients_of(coach).select_related(None).select_related("runner_profile"))
    others = {runner.runner_profile.coach_id for runner in runners} - {coach.pk, None}
    coaches = User.objects.select_related("coach_profile").in_bulk(others) if others else {}
    for runner in runners:
        profile = runner.runner_profile
        profile.coach = coach if profile.coach_id == coach.pk else coaches.get(profile.coach_id or 0)
    return runners


def _roster_row(runner: User) -> RosterRow:
    profile = runner.runner_profile
    about = capfirst(profile.painful_area_names) or "No painful area"
    if profile.goal_race_name:
        about = f"{about} · {profile.goal_race_name}"
    return RosterRow(runner.pk, runner.display_name, about)


def invitations_of(coach: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(coach=coach).select_related("accepted_by")


def open_invitation(code: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("coach__coach_profile").filter(code=code).first()
    return invitation if invitation is not None and invitation.status == "open" else None


def visible_alerts(coach: User) -> QuerySet[Alert]:
    """A coach's alerts about the runners they may see now (a runner who left or stopped sharing takes theirs
    away), newest first.

    The one reader of alerts: the inbox, the navigation's count, the API and the writes all start here."""
    return (
        Alert.objects.filter(coached_by(coach), coach=coach, runner__is_active=True)
        .select_related("runner__runner_profile")
        .order_by("-created_at", "-pk")
    )


def _item(alert: Alert) -> AlertItem:
    return AlertItem(
        id=alert.pk,
        runner=alert.runner_id,
        kind=alert.kind,
        message=alert.message,
        link=alert.link,
        created_at=alert.created_at,
        day=local_date(alert.created_at, time_zone_of(alert.runner)),
        event=alert.event,
        read=alert.read_at is not None,
        resolved=alert.resolved_at is not None,
        resolution_note=alert.resolution_note,
    )


@dataclass(frozen=True)
class AlertFilter:
    """What the inbox shows: open events (or resolved, or all), of one kind, of one runner."""

    state: str = "open"  # open, resolved or all
    kind: str = ""
    runner: int | None = None


ALERT_STATES = ("open", "resolved", "all")


def alert_events(coach: User, which: AlertFilter | None = None, limit: int | None = None) -> list[AlertEvent]:
    """The coach's alerts as events (domain.group_events), filtered; the first `limit` of them (all with None).

    Two queries however many alerts there are: the events are grouped and ordered from their keys in the database,
    then only the alerts of the events asked for are read."""
    return alert_event_page(coach, which, limit)[0]


def alert_event_page(
    coach: User, which: AlertFilter | None = None, limit: int | None = None, offset: int = 0
) -> tuple[list[AlertEvent], int]:
    """`limit` events from `offset` in alert_events' order, and how many events there are in all."""
    which = which or AlertFilter()
    alerts = visible_alerts(coach)
    if which.kind:
        alerts = alerts.filter(kind=which.kind)
    if which.runner is not None:
        alerts = alerts.filter(runner_id=which.runner)
    if which.state == "open":
        # A resolved event is resolved in all its alerts, so the open ones are whole events.
        alerts = alerts.filter(resolved_at__isnull=True)
    # The events are ordered and paged in the database (group_events' order: open before resolved, by kind, safety
    # first, newest first): only the page's keys come back, however many events there are.
    rank = Case(
        *(When(kind=kind, then=Value(position)) for position, kind in enumerate(KIND_ORDER)),
        default=Value(len(KIND_ORDER)),
    )
    groups = (
        alerts.order_by()
        .values("runner_id", "kind", "event")
        .annotate(last=Max("created_at"), unresolved=Count("pk", filter=Q(resolved_at__isnull=True)))
    )
    if which.state == "resolved":
        groups = groups.filter(unresolved=0)
    ordered = groups.annotate(
        settled=Case(When(unresolved=0, then=Value(1)), default=Value(0)), rank=rank
    ).order_by("settled", "rank", "-last", "runner_id", "event")
    chosen = list(ordered[offset:] if limit is None else ordered[offset : offset + limit])
    total = groups.count()
    if not chosen:
        return [], total
    wanted = Q()
    for group in chosen:
        wanted |= Q(runner_id=group["runner_id"], kind=group["kind"], event=group["event"])
    return group_events(_item(alert) for alert in alerts.filter(wanted)), total


def event_alerts(coach: User, alert_id: int, *, lock: bool = False) -> list[Alert]:
    """Every visible alert of the event the given alert belongs to (locked for a write when asked); [] when it is
    not the coach's to see."""
    first = visible_alerts(coach).filter(pk=alert_id).first()
    if first is None:
        return []
    # An event is one runner's alerts of one kind: read those, then keep the ones of the same event.
    candidates = visible_alerts(coach).filter(runner_id=first.runner_id, kind=first.kind, event=first.event)
    if lock:
        candidates = candidates.select_for_update(of=("self",))
    key = event_key(_item(first))
    return [alert for alert in candidates if event_key(_item(alert)) == key]


def alert_event(coach: User, alert_id: int) -> AlertEvent | None:
    """The event an alert of the coach's belongs to, or None."""
    events = group_events(_item(alert) for alert in event_alerts(coach, alert_id))
    return events[0] if events else None


def unread_alert_count(coach: User) -> int:
    """How many events hold an alert the coach has not read: the count beside Alerts in the navigation."""
    unread = visible_alerts(coach).filter(read_at__isnull=True, resolved_at__isnull=True)
    return unread.order_by().values("runner_id", "kind", "event").distinct().count()


def alert_event_document(event: AlertEvent) -> dict[str, Any]:
    """An event as the API gives it: ids, ISO times, its alerts as items."""
    return {
        "id": event.id,
        "kind": event.kind,
        "runner": event.runner,
        "created_at": event.created_at,
        "read": event.read,
        "resolved": event.resolved,
        "message": event.message,
        "items": [
            {
                "id": item.id,
                "message": item.message,
                "link": item.link,
                "created_at": item.created_at,
                "resolution_note": item.resolution_note,
            }
            for item in event.items
        ],
    }
