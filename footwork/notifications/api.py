"""The person's email settings: GET and PUT /api/v1/notifications/settings."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema

from footwork.core.api import actor
from footwork.core.rules import MESSAGE_EMAIL_DELAY_MINUTES
from footwork.notifications import selectors, services

router = Router(tags=["notifications"])


class NotificationSettingsDocument(Schema):
    message_emails: bool = Field(
        ...,
        description=f"An email when a message is still unread {MESSAGE_EMAIL_DELAY_MINUTES} minutes after it came.",
    )
    red_flag_emails: bool = Field(
        ..., description="Coaches: an email at once when a runner reports a red flag."
    )
    daily_digest: bool = Field(
        ..., description="Coaches: a morning email of who needs attention and the alerts not read yet."
    )


@router.get("/notifications/settings", response=NotificationSettingsDocument, summary="Which emails you get")
def get_settings(request: HttpRequest) -> dict[str, bool]:
    return selectors.settings_document(actor(request))


@router.put(
    "/notifications/settings", response=NotificationSettingsDocument, summary="Choose which emails you get"
)
def put_settings(request: HttpRequest, payload: NotificationSettingsDocument) -> dict[str, bool]:
    user = actor(request)
    services.update_settings(actor=user, changes=payload.model_dump())
    return selectors.settings_document(user)
