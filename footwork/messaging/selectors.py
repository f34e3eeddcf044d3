"""Reads of messages, with who may read which thread written once: a coach and a runner they coach now, no one else.

Once the link ends (the runner leaves, the coach lets them go) neither can read the thread: it is as if it did not
exist, so every refusal is the same NotFound whether the other person exists or not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.urls import reverse

from footwork.accounts.models import Role, User
from footwork.accounts.selectors import client_lines
from footwork.core.clock import time_zone_of
from footwork.core.errors import NotFound
from footwork.messaging.models import Message

# At most this many messages answer one read of a thread (ask again after the last id for more); the page shows the
# latest PAGE_MESSAGES.
READ_MESSAGES = 500
PAGE_MESSAGES = 40

NO_THREAD = "No such conversation."


def correspondent(actor: User, with_id: int) -> User:
    """The person the actor may write to and read with: their coach, or a runner they coach; NotFound otherwise."""
    if not actor.is_authenticated or not actor.is_active or with_id == actor.pk:
        raise NotFound(NO_THREAD)
    other = (
        User.objects.select_related("runner_profile", "coach_profile")
        .filter(pk=with_id, is_active=True)
        .first()
    )
    if other is None or not linked(actor, other):
        raise NotFound(NO_THREAD)
    return other


def linked(one: User, other: User) -> bool:
    """Whether one coaches the other, or the other coaches one, now."""
    if one.is_coach and other.role == Role.RUNNER:
        profile = getattr(other, "runner_profile", None)
        return profile is not None and profile.coach_id == one.pk
    if one.is_runner and other.role == Role.COACH:
        profile = getattr(one, "runner_profile", None)
        return profile is not None and profile.coach_id == other.pk
    return False


def _between(one: User, other: User) -> QuerySet[Message]:
    pair = Q(sender=one, recipient=other) | Q(sender=other, recipient=one)
    return Message.objects.filter(pair, deleted_at__isnull=True)


def _of_pair(messages: list[Message], one: User, other: User) -> list[Message]:
    """The messages with their sender and recipient set from the two people already read (the page names the
    sender of each: not one query a message)."""
    for message in messages:
        message.sender, message.recipient = (one, other) if message.sender_id == one.pk else (other, one)
    return messages


def thread(actor: User, with_id: int, after: int | None = None, limit: int = READ_MESSAGES) -> list[Message]:
    """The actor's messages with with_id, oldest first: the first `limit` after the id `after` (or from the start)."""
    other = correspondent(actor, with_id)
    messages = _between(actor, other).order_by("pk")
    if after is not None:
        messages = messages.filter(pk__gt=after)
    return list(messages[:limit])


def _unread_to(user: User) -> QuerySet[Message]:
    """Unread messages to the user from the people they are linked with now."""
    now_linked = Q(sender__runner_profile__coach=F("recipient")) | Q(
        recipient__runner_profile__coach=F("sender")
    )
    return Message.objects.filter(
        now_linked, recipient=user, read_at__isnull=True, deleted_at__isnull=True, sender__is_active=True
    )


def unread_counts(user: User) -> dict[int, int]:
    """How many unread messages the user has from each person they are linked with, by sender id (none: absent)."""
    if not user.is_authenticated:
        return {}
    rows = _unread_to(user).order_by().values("sender").annotate(unread=Count("pk"))
    return {row["sender"]: row["unread"] for row in rows}


def unread_total(user: User) -> int:
    """How many unread messages the user has from the people they are linked with (the navigation's badge)."""
    if not user.is_authenticated:
        return 0
    return _unread_to(user).count()


@dataclass(frozen=True)
class ThreadLine:
    """One thread on a coach's list: the runner, how many of their messages are unread, when the last was sent."""

    user_id: int
    name: str
    email: str
    unread: int
    last_sent_at: datetime | None
    time_zone: str  # the runner's: the coach reads each thread's times as its runner does


def threads_of(coach: User) -> list[ThreadLine]:
    """A coach's threads, one per runner they coach: those with unread messages first, then the latest
    conversations, then runners not written to yet by name."""
    # Plain rows, not users: a coach of 200 runners reads this list every few seconds (the inbox polls it).
    runners = client_lines(coach, linked_only=True)
    counts = unread_counts(coach)
    last = last_messages(coach, [runner.pk for runner in runners])
    lines = [
        ThreadLine(
            runner.pk,
            runner.name,
            runner.email,
            counts.get(runner.pk, 0),
            last[runner.pk][0] if runner.pk in last else None,
            runner.time_zone,
        )
        for runner in runners
    ]
    # Stable sorts, last key first: by the newest message (runners never written to keep their order by name).
    lines.sort(key=lambda line: line.last_sent_at.timestamp() if line.last_sent_at else 0.0, reverse=True)
    return sorted(lines, key=lambda line: line.unread == 0)


def last_messages(coach: User, runner_ids: Iterable[int]) -> dict[int, tuple[datetime, int]]:
    """The last message of each of the coach's threads with these runners, as (sent at, sender id) by runner id.

    One read: the newest id each way, grouped along the thread index, as subqueries (no list of runner ids sent to
    the database: the coach's own threads are few, and those of runners no longer coached are dropped here).
    """
    live = Message.objects.filter(deleted_at__isnull=True).order_by()
    newest_in = live.filter(recipient=coach).values("sender").annotate(last=Max("pk")).values("last")
    newest_out = live.filter(sender=coach).values("recipient").annotate(last=Max("pk")).values("last")
    wanted = set(runner_ids)
    found: dict[int, tuple[int, datetime, int]] = {}
    for pk, sent_at, sender, recipient in Message.objects.filter(
        Q(pk__in=newest_in) | Q(pk__in=newest_out)
    ).values_list("pk", "sent_at", "sender", "recipient"):
        runner_id = recipient if sender == coach.pk else sender
        if runner_id in wanted and pk > found.get(runner_id, (0,))[0]:
            found[runner_id] = (pk, sent_at, sender)
    return {runner_id: (sent_at, sender) for runner_id, (_pk, sent_at, sender) in found.items()}


def message_document(message: Message) -> dict[str, Any]:
    """The JSON shape of a message, for the API and `footwork messages --json`."""
    return {
        "id": message.pk,
        "from": message.sender_id,
        "to": message.recipient_id,
        "body": message.body,
        "sent_at": message.sent_at,
        "read_at": message.read_at,
        "attachment": attachment_document(message),
    }


NO_ATTACHMENT = "No such photo or video."


def attachment_url(message: Message) -> str:
    return reverse("message_media:file", args=[message.pk])


def attachment_document(message: Message) -> dict[str, Any] | None:
    """A message's photo or video: where to fetch it and what it is; None without one."""
    if not message.attachment_path:
        return None
    return {
        "url": attachment_url(message),
        "kind": message.attachment_kind,
        "content_type": message.attachment_type,
        "width": message.attachment_width,
        "height": message.attachment_height,
    }


def attachment_of(actor: User, message_id: int) -> Message:
    """A message with a photo or video in one of the actor's current threads; NotFound otherwise."""
    message = (
        Message.objects.filter(pk=message_id, deleted_at__isnull=True)
        .filter(Q(sender=actor) | Q(recipient=actor))
        .exclude(attachment_path="")
        .first()
        if actor.is_authenticated
        else None
    )
    if message is None:
        raise NotFound(NO_ATTACHMENT)
    other_id = message.recipient_id if message.sender_id == actor.pk else message.sender_id
    try:
        correspondent(actor, other_id)
    except NotFound as error:
        # The link has ended: the thread and what it holds are no longer the actor's.
        raise NotFound(NO_ATTACHMENT) from error
    return message


def unread_document(user: User) -> dict[str, Any]:
    """The user's unread messages: the total and the count from each sender, by sender id."""
    counts = unread_counts(user)
    return {
        "total": sum(counts.values()),
        "by_sender": [{"user": sender, "count": count} for sender, count in sorted(counts.items())],
    }


def thread_time_zone(one: User, other: User) -> str:
    """The zone a pair's thread is read in: its runner's."""
    # Both read a thread's times in its runner's zone, as both read the runner's distances in the runner's units
    # (accounts.selectors.units_of): a coach has no zone of their own.
    return time_zone_of(one if one.is_runner else other)


@dataclass(frozen=True)
class ThreadPage:
    """What the thread page shows and what its polling and read marking start from."""

    other: User
    messages: list[Message]
    time_zone: str
    last_id: int  # the newest message shown (0: none): the poll asks for what comes after it
    unread_mine: int | None  # the oldest of the actor's own messages shown unread: receipts to watch from
    unread_theirs: int | None  # the newest message of the other's shown unread: marked read when seen
    earlier: int | None = None  # the oldest message shown, when there are older ones (the page before it)
    latest: bool = True  # the thread's newest messages (polled for more); False: an earlier page


def thread_page(
    actor: User, with_id: int, before: int | None = None, size: int = PAGE_MESSAGES
) -> ThreadPage:
    """The latest `size` messages of the actor's thread with with_id (or those before the id `before`), and where
    the page's updates start."""
    other = correspondent(actor, with_id)
    newest_first = _between(actor, other).order_by("-pk")
    if before is not None:
        newest_first = newest_first.filter(pk__lt=before)
    found = list(newest_first[: size + 1])
    messages = _of_pair(list(reversed(found[:size])), actor, other)
    last_id = max((message.pk for message in messages), default=0)
    mine, theirs = _unread(actor, messages)
    return ThreadPage(
        other,
        messages,
        thread_time_zone(actor, other),
        last_id,
        min(mine, default=None),
        max(theirs, default=None),
        earlier=messages[0].pk if len(found) > size else None,
        latest=before is None,
    )


def _unread(actor: User, messages: list[Message]) -> tuple[list[int], list[int]]:
    """The ids of the unread messages among these: the actor's own, and the other person's."""
    mine = [message.pk for message in messages if message.sender_id == actor.pk and message.read_at is None]
    theirs = [message.pk for message in messages if message.sender_id != actor.pk and message.read_at is None]
    return mine, theirs


@dataclass(frozen=True)
class ThreadUpdate:
    """What a poll of the thread brings: new messages, the receipts of the actor's own that were read since."""

    messages: list[Message]
    receipts: list[Message]
    time_zone: str
    last_id: int
    unread_mine: int | None
    unread_theirs: int | None


def thread_update(actor: User, with_id: int, after: int, unread_mine: int | None) -> ThreadUpdate:
    """The messages after `after`, and the actor's own from `unread_mine` on that have been read since."""
    other = correspondent(actor, with_id)
    start = min(after, unread_mine - 1) if unread_mine else after
    seen = _of_pair(
        list(_between(actor, other).filter(pk__gt=start).order_by("pk")[:READ_MESSAGES]), actor, other
    )
    new = [message for message in seen if message.pk > after]
    receipts = [m for m in seen if m.pk <= after and m.sender_id == actor.pk and m.read_at is not None]
    mine, _theirs = _unread(actor, seen)
    _mine, theirs = _unread(actor, new)
    last_id = max((message.pk for message in new), default=after)
    return ThreadUpdate(
        new,
        receipts,
        thread_time_zone(actor, other),
        last_id,
        min(mine, default=None),
        max(theirs, default=None),
    )
