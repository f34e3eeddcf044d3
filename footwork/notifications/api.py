"""The person's email settings: GET and PUT /api/v1/notifications/settings."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from footwork.core.api import actor
from footwork.core.rules import MESSAGE_EMAIL_DELAY_MINUTES
from footwork.notifications import selectors, services

router = Router(tags=["notifications"])
MESSAGE_WORDS = (
    f"An email when a message is still unread {MESSAGE_EMAIL_DELAY_MINUTES} minutes after it came."
)


class NotificationSettingsDocument(Schema):
    message_emails: bool = Field(..., description=MESSAGE_WORDS)
    red_flag_emails: bool = Field(
        ..., description="Coaches: an email at once when a runner reports a red flag."
    )
    daily_digest: bool = Field(
        ..., description="Coaches: a morning email of who needs attention and the alerts not read yet."
    )
    announcement_emails: bool = Field(
        ..., description="Runners: an email of each announcement of a workshop they joined."
    )


class NotificationSettingsIn(Schema):
    message_emails: bool = Field(..., description=MESSAGE_WORDS)
    red_flag_emails: bool = Field(
        ..., description="Coaches: an email at once when a runner reports a red flag."
    )
    daily_digest: bool = Field(..., description="Coaches: the morning email of who needs attention.")
    announcement_emails: bool | None = Field(
        None,
        description="Runners: an email of each announcement of a workshop they joined. Absent: unchanged.",
    )


@router.get("/notifications/settings", response=NotificationSettingsDocument, summary="Which emails you get")
def get_settings(request: HttpRequest) -> dict[str, bool]:
    return selectors.settings_document(actor(request))


@router.put(
    "/notifications/settings", response=NotificationSettingsDocument, summary="Choose which emails you get"
)
def put_settings(request: HttpRequest, payload: NotificationSettingsIn) -> dict[str, bool]:
    user = actor(request)
    # The workshops' setting came later: a client that does not send it leaves it as it is.
    changes = {field: value for field, value in payload.model_dump().items() if value is not None}
    services.update_settings(actor=user, changes=changes)
    return selectors.settings_document(user)
