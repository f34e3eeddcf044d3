"""The email settings form: a checkbox for each kind of mail the person can get."""

from __future__ import annotations

from typing import Any

from django import forms

from footwork.core.rules import MESSAGE_EMAIL_DELAY_MINUTES
from footwork.notifications.domain import Kind

LABELS = {
    "message_emails": f"Email me about a message I have not read after {MESSAGE_EMAIL_DELAY_MINUTES} minutes",
    "red_flag_emails": "Email me at once when a runner reports a red flag",
    "daily_digest": "Email me a daily digest: who needs attention, and alerts I have not read",
    "announcement_emails": "Email me the announcements of the workshops I joined",
}


class SettingsForm(forms.Form):
    def __init__(self, *args: Any, kinds: tuple[Kind, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind.field] = forms.BooleanField(required=False, label=LABELS[kind.field])
