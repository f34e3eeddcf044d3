"""A workshop's announcement mailed to its participants: each who wants it (the setting, an active account with an
address), once, while the announcement is fresh (ANNOUNCEMENT_EMAIL_HOURS); who joined after it reads it on /today/.

The announcement's words are in the mail: the coach wrote them to every participant, and they hold nobody's health.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from footwork.accounts.models import User
from footwork.core.rules import ANNOUNCEMENT_EMAIL_HOURS
from footwork.notifications.domain import ANNOUNCEMENT, KINDS
from footwork.notifications.mail import absolute, compose
from footwork.notifications.models import NotificationSettings
from footwork.notifications.services.sent import record_sent
from footwork.workshops.models import Announcement, Participant


def _recipients(announcement: Announcement) -> list[User]:
    """The participants who joined by the time it was posted and want its mail (three queries for all of them)."""
    runners = [
        place.runner
        for place in Participant.objects.filter(
            workshop_id=announcement.workshop_id, joined_at__lte=announcement.posted_at
        ).select_related("runner")
    ]
    field = KINDS[ANNOUNCEMENT].field
    declined = set(
        NotificationSettings.objects.filter(user__in=runners, **{field: False}).values_list(
            "user_id", flat=True
        )
    )
    return [runner for runner in runners if runner.is_active and runner.email and runner.pk not in declined]


def mail_announcement(*, announcement_id: int, now: datetime | None = None) -> int:
    """Mail the announcement to each participant who wants it and was not mailed it yet; how many mails went.

    One transaction a participant: a mail that fails to send leaves its row unstored (a retry sends it), and the
    others already sent are kept."""
    now = now or timezone.now()
    announcement = (
        Announcement.objects.select_related("workshop", "author").filter(pk=announcement_id).first()
    )
    if announcement is None or now - announcement.posted_at > timedelta(hours=ANNOUNCEMENT_EMAIL_HOURS):
        return 0
    sent = 0
    for runner in _recipients(announcement):
        with transaction.atomic():
            if not record_sent(kind=ANNOUNCEMENT, key=str(announcement.pk), user=runner):
                continue
            _mail(announcement, runner)
            sent += 1
    return sent


def _mail(announcement: Announcement, runner: User) -> None:
    workshop = announcement.workshop
    coach = announcement.author.display_name if announcement.author else "Your coach"
    compose(
        user=runner,
        kind=ANNOUNCEMENT,
        subject=f"{coach} in {workshop.title}",
        template="announcement",
        context={
            "coach": coach,
            "workshop": workshop,
            "body": announcement.body,
            "today_link": absolute(reverse("training:today")),
        },
    ).send()
