"""The only writes of notifications: settings, mails sent (each once), the daily jobs' claims and their alerts."""

from __future__ import annotations

from footwork.notifications.services.announcements import mail_announcement
from footwork.notifications.services.daily import JobOutcome, run_daily
from footwork.notifications.services.messages import mail_unread_message, sweep_messages
from footwork.notifications.services.preferences import unsubscribe, update_settings
from footwork.notifications.services.red_flags import mail_red_flag
from footwork.notifications.services.sent import record_sent

__all__ = [
    "JobOutcome",
    "mail_announcement",
    "mail_red_flag",
    "mail_unread_message",
    "record_sent",
    "run_daily",
    "sweep_messages",
    "unsubscribe",
    "update_settings",
]
