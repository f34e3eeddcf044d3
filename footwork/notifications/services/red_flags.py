"""A red flag is mailed to the runner's coach as soon as it is stored (after its transaction commits)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from footwork.accounts.selectors import can_view_runner
from footwork.coaching.models import Alert
from footwork.core.clock import local_date, time_zone_of
from footwork.core.wording import day_label
from footwork.notifications.domain import RED_FLAG
from footwork.notifications.mail import absolute, compose
from footwork.notifications.selectors import wants
from footwork.notifications.services.sent import record_sent


@transaction.atomic
def mail_red_flag(*, alert_id: int) -> bool:
    """Mail the coach a red flag alert about a runner they may still see (their client, or a runner sharing their
    data with them), if they want it; whether a mail went."""
    alert = (
        Alert.objects.select_related("coach__coach_profile", "runner__runner_profile")
        .filter(pk=alert_id, kind=RED_FLAG)
        .first()
    )
    if alert is None:
        return False
    coach, runner = alert.coach, alert.runner
    if not runner.is_active or not can_view_runner(coach, runner) or not wants(coach, RED_FLAG):
        return False
    if not record_sent(kind=RED_FLAG, key=str(alert.pk), user=coach):
        return False
    reported = local_date(alert.created_at, time_zone_of(runner))
    compose(
        user=coach,
        kind=RED_FLAG,
        subject=f"Red flag: {runner.display_name}",
        template="red_flag",
        context={
            "runner": runner,
            "message": alert.message,
            "day": day_label(reported, reported),
            "link": absolute(alert.link or reverse("coaching:runner", args=[runner.pk])),
        },
    ).send()
    return True
