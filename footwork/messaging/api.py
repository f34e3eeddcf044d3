"""Messages between a coach and their runner: send, read a thread, mark it read, the unread counts, delete one's own.

A repeat of a send with the same client_uuid answers the message stored the first time with 200 (the first send
answers 201), as check-ins and session logs do.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict

from footwork.core.api import actor
from footwork.core.bounds import MESSAGE_CHARACTERS
from footwork.core.limits import Id
from footwork.core.mediafiles import upload_bytes
from footwork.core.rules import MESSAGE_DELETE_MINUTES
from footwork.messaging import selectors, services

router = Router(tags=["messages"])

WITH = "The other person: your coach, or a runner you coach."


class MessageIn(Schema):
    to: Id = Field(..., description=WITH)
    body: str = Field(
        ...,
        max_length=int(MESSAGE_CHARACTERS.high) * 2,
        description=f"Plain text, at most {int(MESSAGE_CHARACTERS.high):,} characters once stripped.",
    )
    client_uuid: uuid.UUID = Field(
        ..., description="Made by your client: sending it again stores nothing new."
    )


class AttachmentOut(Schema):
    url: str = Field(..., description="Where the file is served, to the two people of the thread.")
    kind: Literal["photo", "video"]
    content_type: str
    width: int | None = Field(..., description="A photo's pixels across; null for a video.")
    height: int | None


class MessageOut(Schema):
    # "from" is a Python keyword: the field is from_ and the document's key "from".
    model_config = ConfigDict(populate_by_name=True)

    id: int
    from_: int = Field(..., alias="from", description="Who sent it.")
    to: int
    body: str
    sent_at: datetime
    read_at: datetime | None = Field(..., description="When the recipient read it; null while unread.")
    attachment: AttachmentOut | None = Field(..., description="Its photo or video; null for none.")


class ThreadQuery(Schema):
    with_: Id = Field(..., alias="with", description=WITH)
    after: Id | None = Field(
        None, description="Only the messages after this id (what a client has not seen yet)."
    )


class MessagesReadIn(Schema):
    model_config = ConfigDict(populate_by_name=True)

    with_: Id = Field(..., alias="with", description="Whose messages to you are read.")
    up_to: Id | None = Field(None, description="Only up to this message id (the last one you have shown).")


class MessagesReadOut(Schema):
    read: int = Field(..., description="How many messages were unread and are read now.")


class UnreadFromSender(Schema):
    user: int
    count: int


class UnreadMessagesOut(Schema):
    total: int
    by_sender: list[UnreadFromSender]


# File() and Form() are untyped for mypy.
ATTACHMENT = File(  # type: ignore[type-arg]
    None, description="A JPEG, PNG or WebP photo, or an MP4 or WebM video, judged by its content."
)
TO = Form(..., description=WITH)  # type: ignore[type-arg]
CLIENT_UUID = Form(..., description="Made by your client: sending it again stores nothing new.")  # type: ignore[type-arg]
BODY = Form(  # type: ignore[type-arg]
    "", max_length=int(MESSAGE_CHARACTERS.high) * 2, description="Optional text with the photo or video."
)


@router.post(
    "/messages",
    response={201: MessageOut, 200: MessageOut},
    by_alias=True,
    summary="Send a message to your coach or to a runner you coach",
)
def send(request: HttpRequest, payload: MessageIn) -> Status[dict[str, Any]]:
    sent = services.send_message(
        actor=actor(request), to_id=payload.to, body=payload.body, client_uuid=payload.client_uuid
    )
    return Status(201 if sent.created else 200, selectors.message_document(sent.message))


@router.post(
    "/messages/attachments",
    response={201: MessageOut, 200: MessageOut},
    by_alias=True,
    summary="Send a message with a photo or short video (multipart: to, client_uuid, file, body)",
)
def send_with_attachment(
    request: HttpRequest,
    to: Id = TO,
    client_uuid: uuid.UUID = CLIENT_UUID,
    body: str = BODY,
    file: UploadedFile | None = ATTACHMENT,
) -> Status[dict[str, Any]]:
    sent = services.send_message(
        actor=actor(request), to_id=to, body=body, client_uuid=client_uuid, attachment=upload_bytes(file)
    )
    return Status(201 if sent.created else 200, selectors.message_document(sent.message))


@router.get(
    "/messages",
    response=list[MessageOut],
    by_alias=True,
    summary=f"A thread, oldest first (at most {selectors.READ_MESSAGES}: ask again after the last id for more)",
)
def thread(request: HttpRequest, params: Query[ThreadQuery]) -> list[dict[str, Any]]:
    messages = selectors.thread(actor(request), params.with_, after=params.after)
    return [selectors.message_document(message) for message in messages]


@router.post("/messages/read", response=MessagesReadOut, summary="Mark the messages someone sent you read")
def read(request: HttpRequest, payload: MessagesReadIn) -> dict[str, int]:
    return {"read": services.mark_read(actor=actor(request), with_id=payload.with_, up_to=payload.up_to)}


@router.get("/messages/unread", response=UnreadMessagesOut, summary="Your unread messages, by sender")
def unread(request: HttpRequest) -> dict[str, Any]:
    return selectors.unread_document(actor(request))


@router.delete(
    "/messages/{message_id}",
    response={204: None},
    summary=f"Delete a message you sent, within {MESSAGE_DELETE_MINUTES} minutes of sending it",
)
def delete(request: HttpRequest, message_id: Id) -> Status[None]:
    services.delete_message(actor=actor(request), message_id=message_id)
    return Status(204, None)
