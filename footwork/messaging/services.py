"""The only writes of messages: sending (with a photo or video, or not), marking read, deleting one's own within
MESSAGE_DELETE_MINUTES."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from footwork.accounts.models import RunnerProfile, User
from footwork.core import events, mediafiles
from footwork.core.bounds import MESSAGE_CHARACTERS
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.media import Checked, MediaRefused, check_upload
from footwork.core.rules import MESSAGE_DELETE_MINUTES
from footwork.messaging.models import Message
from footwork.messaging.selectors import NO_THREAD, correspondent


@dataclass(frozen=True)
class Sent:
    """A stored message and whether this call stored it (False: the same client UUID was sent before)."""

    message: Message
    created: bool


def message_problem(body: str) -> str | None:
    """None for a message's text (already stripped) that may be sent, else why not."""
    if "\x00" in body:
        return "A message may not hold a NUL character."
    if not body:
        return "Write something first: the message is empty."
    most = int(MESSAGE_CHARACTERS.high)
    if len(body) > most:
        return f"A message holds at most {most:,} characters; this one has {len(body):,}."
    return None


def _uuid(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as error:
        raise InvalidInput(f"client_uuid {value!r} is not a UUID", field="client_uuid") from error


def _lock_link(one: User, other: User) -> None:
    """Hold the runner's profile row, so the link cannot end while this write stands on it; NotFound if it ended."""
    runner, coach = (one, other) if one.is_runner else (other, one)
    if not RunnerProfile.objects.select_for_update().filter(user=runner, coach=coach).exists():
        raise NotFound(NO_THREAD)


def _sent_before(sender: User, key: uuid.UUID, recipient: User) -> Message | None:
    existing = Message.objects.filter(sender=sender, client_uuid=key).first()
    if existing is not None and (existing.recipient_id != recipient.pk or existing.deleted_at is not None):
        raise InvalidInput(
            "This client_uuid was used for another message; make a new one.", field="client_uuid"
        )
    return existing


@transaction.atomic
def send_message(
    *, actor: User, to_id: int, body: str, client_uuid: Any, attachment: bytes | None = None
) -> Sent:
    """Send a message to one's coach or runner; the same client UUID twice stores it once and answers the first.

    `attachment`: a photo or short video (a runner's form), checked by core.media; with one the text may be empty.
    """
    recipient = correspondent(actor, to_id)
    key = _uuid(client_uuid)
    text = body.strip()
    problem = message_problem(text)
    if problem and not (attachment is not None and not text):
        raise InvalidInput(problem, field="body")
    checked = _checked(attachment)
    _lock_link(actor, recipient)
    existing = _sent_before(actor, key, recipient)
    if existing is not None:
        return Sent(existing, created=False)
    fields = _stored(actor, recipient, checked)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                sender=actor, recipient=recipient, body=text, client_uuid=key, **fields
            )
    except IntegrityError:
        mediafiles.discard(str(fields.get("attachment_path", "")))
        # A parallel send of the same UUID committed first (PostgreSQL; SQLite runs one writer at a time): the
        # savepoint keeps this transaction usable, and the message is stored once.
        winner = _sent_before(actor, key, recipient)
        if winner is None:
            raise
        return Sent(winner, created=False)
    except BaseException:
        mediafiles.discard(str(fields.get("attachment_path", "")))
        raise
    events.message_sent(message)
    return Sent(message, created=True)


def _checked(attachment: bytes | None) -> Checked | None:
    if attachment is None:
        return None
    try:
        return check_upload(attachment)
    except MediaRefused as refusal:
        raise InvalidInput(refusal.reason, field="file") from refusal


def _stored(sender: User, recipient: User, checked: Checked | None) -> dict[str, Any]:
    """The attachment written under MEDIA_ROOT/messages/<coach id>-<runner id>/, as the message's fields."""
    if checked is None:
        return {}
    coach, runner = (recipient, sender) if sender.is_runner else (sender, recipient)
    path = mediafiles.store(f"messages/{coach.pk}-{runner.pk}", checked.data, checked.extension)
    return {
        "attachment_path": path,
        "attachment_kind": checked.kind,
        "attachment_type": checked.content_type,
        "attachment_size": len(checked.data),
        "attachment_width": checked.width,
        "attachment_height": checked.height,
    }


@transaction.atomic
def mark_read(*, actor: User, with_id: int, up_to: int | None = None) -> int:
    """Mark the messages from with_id to the actor read (up to the id the actor has seen); how many were unread."""
    other = correspondent(actor, with_id)
    unread = Message.objects.filter(
        sender=other, recipient=actor, read_at__isnull=True, deleted_at__isnull=True
    )
    if up_to is not None:
        unread = unread.filter(pk__lte=up_to)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def delete_message(*, actor: User, message_id: int) -> Message:
    """Its author deletes a message within MESSAGE_DELETE_MINUTES of sending it: it leaves the thread, words and all."""
    message = _message_of(actor, message_id)
    if message.sender_id != actor.pk:
        raise NotAllowed("Only its author can delete a message.")
    if timezone.now() > message.sent_at + timedelta(minutes=MESSAGE_DELETE_MINUTES):
        raise InvalidInput(
            f"A message can be deleted within {MESSAGE_DELETE_MINUTES} minutes of sending it; this one is older.",
            field="id",
        )
    message.deleted_at = timezone.now()
    message.body = ""
    path, message.attachment_path = message.attachment_path, ""
    message.save(update_fields=["deleted_at", "body", "attachment_path"])
    # Its photo or video goes with its words, once the deletion is committed.
    transaction.on_commit(lambda: mediafiles.discard(path))
    return message


def _message_of(actor: User, message_id: int) -> Message:
    """A message of one of the actor's current threads, locked; NotFound otherwise."""
    message = (
        Message.objects.select_for_update()
        .filter(pk=message_id, deleted_at__isnull=True)
        .filter(Q(sender=actor) | Q(recipient=actor))
        .first()
    )
    if message is None:
        raise NotFound("No such message.")
    other_id = message.recipient_id if message.sender_id == actor.pk else message.sender_id
    try:
        correspondent(actor, other_id)
    except NotFound as error:
        # The link has ended: the thread, and this message in it, are no longer the actor's.
        raise NotFound("No such message.") from error
    return message
