"""The count of unread alert events beside Alerts in a coach's navigation."""

from __future__ import annotations

from django import template

from footwork.accounts.models import User
from footwork.coaching.selectors import unread_alert_count

register = template.Library()


@register.simple_tag
def unread_alerts(user: User) -> int:
    """Events with an unread alert, of the runners the coach coaches now (0 for anyone else)."""
    if not user.is_authenticated or not user.is_coach:
        return 0
    return unread_alert_count(user)
