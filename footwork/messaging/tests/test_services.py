"""Sending, reading and deleting messages: one thread per coach-runner pair, for them alone, while they are linked."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection

from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.coaching.services import end_coaching
from footwork.core.bounds import MESSAGE_CHARACTERS
from footwork.core.errors import InvalidInput, NotAllowed, NotFound
from footwork.core.rules import MESSAGE_DELETE_MINUTES
from footwork.messaging import selectors, services
from footwork.messaging.domain import Piece, pieces
from footwork.messaging.models import Message
from footwork.messaging.templatetags.messaging_tags import message_text

NOON = datetime(2026, 12, 3, 12, tzinfo=UTC)


def send(sender, recipient, body="Hello", key=None):
    return services.send_message(
        actor=sender, to_id=recipient.pk, body=body, client_uuid=key or uuid.uuid4()
    ).message


@pytest.mark.django_db
def test_a_runner_and_their_coach_write_to_each_other_in_one_thread(cast):
    first = send(cast.runner, cast.coach, "  Sore after hills \n")
    reply = send(cast.coach, cast.runner, "Ease off tomorrow.")
    assert first.body == "Sore after hills"
    assert [m.pk for m in selectors.thread(cast.runner, cast.coach.pk)] == [first.pk, reply.pk]
    assert [m.pk for m in selectors.thread(cast.coach, cast.runner.pk)] == [first.pk, reply.pk]
    assert [m.pk for m in selectors.thread(cast.coach, cast.runner.pk, after=first.pk)] == [reply.pk]
    assert selectors.unread_counts(cast.coach) == {cast.runner.pk: 1}
    assert selectors.unread_total(cast.runner) == 1


@pytest.mark.django_db
def test_the_same_client_uuid_stores_once_and_answers_the_first(cast):
    key = uuid.uuid4()
    first = services.send_message(actor=cast.runner, to_id=cast.coach.pk, body="Once", client_uuid=key)
    again = services.send_message(actor=cast.runner, to_id=cast.coach.pk, body="Once more", client_uuid=key)
    assert (first.created, again.created) == (True, False)
    assert again.message.pk == first.message.pk
    assert again.message.body == "Once"
    assert Message.objects.count() == 1
    # Another sender may happen to use the same UUID: it is unique per sender.
    services.send_message(actor=cast.coach, to_id=cast.runner.pk, body="Mine", client_uuid=key)
    assert Message.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("a\x00b", "NUL"),
        ("x" * (int(MESSAGE_CHARACTERS.high) + 1), "at most 4,000 characters"),
    ],
)
def test_a_message_must_hold_some_plain_text_within_the_bound(cast, body, why):
    with pytest.raises(InvalidInput, match=why) as refused:
        send(cast.runner, cast.coach, body)
    assert refused.value.field == "body"
    assert not Message.objects.exists()


@pytest.mark.django_db
def test_the_longest_message_fits(cast):
    assert len(send(cast.runner, cast.coach, "x" * int(MESSAGE_CHARACTERS.high)).body) == 4000


@pytest.mark.django_db
def test_outsiders_can_neither_write_nor_read_and_nothing_is_stored(cast):
    other_pair_runner = make_runner(coach=cast.other_coach)
    send(cast.runner, cast.coach, "Private")
    attempts = [
        (cast.other_runner, cast.coach),
        (cast.other_coach, cast.runner),
        (cast.runner, cast.other_coach),
        (cast.coach, cast.other_runner),
        (cast.runner, cast.runner),
        (cast.coach, other_pair_runner),
        (cast.runner, other_pair_runner),
    ]
    for sender, recipient in attempts:
        with pytest.raises(NotFound):
            send(sender, recipient, f"to {recipient.pk} from {sender.pk}")
        with pytest.raises(NotFound):
            selectors.thread(sender, recipient.pk)
        with pytest.raises(NotFound):
            services.mark_read(actor=sender, with_id=recipient.pk)
    with pytest.raises(NotFound):
        services.send_message(actor=cast.runner, to_id=10**9, body="x", client_uuid=uuid.uuid4())
    assert list(Message.objects.values_list("body", flat=True)) == ["Private"]
    assert selectors.unread_counts(cast.other_coach) == {}


@pytest.mark.django_db
def test_once_unlinked_neither_reads_nor_writes_and_the_counts_forget_the_thread(cast):
    message = send(cast.runner, cast.coach, "Before")
    send(cast.coach, cast.runner, "Reply")
    end_coaching(actor=cast.runner, runner_id=cast.runner.pk)
    cast.runner.refresh_from_db()
    for actor, other in ((cast.runner, cast.coach), (cast.coach, cast.runner)):
        with pytest.raises(NotFound):
            selectors.thread(actor, other.pk)
        with pytest.raises(NotFound):
            send(actor, other, "After")
        with pytest.raises(NotFound):
            services.mark_read(actor=actor, with_id=other.pk)
    with pytest.raises(NotFound):
        services.delete_message(actor=cast.runner, message_id=message.pk)
    assert selectors.unread_counts(cast.coach) == {}
    assert selectors.unread_total(cast.runner) == 0
    assert Message.objects.count() == 2


@pytest.mark.django_db
def test_mark_read_marks_the_other_persons_messages_up_to_the_one_seen(cast):
    one, two = send(cast.runner, cast.coach, "1"), send(cast.runner, cast.coach, "2")
    mine = send(cast.coach, cast.runner, "mine")
    assert services.mark_read(actor=cast.coach, with_id=cast.runner.pk, up_to=one.pk) == 1
    assert selectors.unread_counts(cast.coach) == {cast.runner.pk: 1}
    assert services.mark_read(actor=cast.coach, with_id=cast.runner.pk) == 1
    assert services.mark_read(actor=cast.coach, with_id=cast.runner.pk) == 0
    two.refresh_from_db(), mine.refresh_from_db()
    assert two.read_at is not None
    assert mine.read_at is None
    assert selectors.unread_document(cast.runner) == {
        "total": 1,
        "by_sender": [{"user": cast.coach.pk, "count": 1}],
    }


@pytest.mark.django_db
def test_its_author_deletes_a_message_within_the_window_only(cast):
    with time_machine.travel(NOON, tick=False):
        early, late = send(cast.runner, cast.coach, "oops"), send(cast.runner, cast.coach, "keep")
    with time_machine.travel(NOON + timedelta(minutes=MESSAGE_DELETE_MINUTES), tick=False):
        with pytest.raises(NotAllowed):
            services.delete_message(actor=cast.coach, message_id=early.pk)
        with pytest.raises(NotFound):
            services.delete_message(actor=cast.other_runner, message_id=early.pk)
        services.delete_message(actor=cast.runner, message_id=early.pk)
    too_late = time_machine.travel(NOON + timedelta(minutes=MESSAGE_DELETE_MINUTES, seconds=1), tick=False)
    with too_late, pytest.raises(InvalidInput, match="within 15 minutes"):
        services.delete_message(actor=cast.runner, message_id=late.pk)
    early.refresh_from_db()
    assert early.deleted_at is not None
    assert early.body == ""
    assert [m.body for m in selectors.thread(cast.coach, cast.runner.pk)] == ["keep"]
    assert selectors.unread_counts(cast.coach) == {cast.runner.pk: 1}
    with pytest.raises(NotFound):
        services.delete_message(actor=cast.runner, message_id=early.pk)
    # Its UUID cannot bring the deleted message back.
    with pytest.raises(InvalidInput):
        services.send_message(
            actor=cast.runner, to_id=cast.coach.pk, body="oops", client_uuid=early.client_uuid
        )


@pytest.mark.django_db
def test_a_coachs_threads_list_every_runner_with_unread_first(cast):
    quiet = make_runner(coach=cast.coach, first_name="Aaron")
    with time_machine.travel(NOON, tick=False):
        send(cast.runner, cast.coach, "Hi")
    lines = selectors.threads_of(cast.coach)
    assert [(line.user_id, line.unread) for line in lines] == [(cast.runner.pk, 1), (quiet.pk, 0)]
    assert lines[0].last_sent_at == NOON
    assert lines[1].last_sent_at is None
    assert selectors.threads_of(make_coach()) == []


@pytest.mark.django_db(transaction=True)
def test_several_clients_sending_the_same_uuid_at_once_store_one_message(cast):
    key, at_once, results, errors = uuid.uuid4(), threading.Barrier(8), [], []

    def send_once():
        try:
            at_once.wait(timeout=10)
            results.append(
                services.send_message(actor=cast.runner, to_id=cast.coach.pk, body="Once", client_uuid=key)
            )
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=send_once) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Message.objects.filter(sender=cast.runner, client_uuid=key).count() == 1
    assert sorted(sent.created for sent in results) == [False] * 7 + [True]
    assert len({sent.message.pk for sent in results}) == 1


def test_addresses_become_pieces_with_the_sentence_punctuation_left_out():
    assert pieces("See https://example.org/a_(b). Or http://x.io/?q=1&r=2, then stop") == [
        Piece("See "),
        Piece("https://example.org/a_(b)", "https://example.org/a_(b)"),
        Piece(". Or "),
        Piece("http://x.io/?q=1&r=2", "http://x.io/?q=1&r=2"),
        Piece(", then stop"),
    ]
    assert pieces("(https://example.org)") == [
        Piece("("),
        Piece("https://example.org", "https://example.org"),
        Piece(")"),
    ]
    assert pieces("javascript:alert(1) www.example.org ftp://x mailto:a@b https://") == [
        Piece("javascript:alert(1) www.example.org ftp://x mailto:a@b https://")
    ]
    assert pieces("") == []


def test_a_message_is_escaped_and_only_its_web_addresses_linked():
    html = message_text('<b>hi</b> & "bye" <a href="javascript:x">y</a> https://example.org/?a=1&b=<2>')
    assert html == (
        "&lt;b&gt;hi&lt;/b&gt; &amp; &quot;bye&quot; &lt;a href=&quot;javascript:x&quot;&gt;y&lt;/a&gt; "
        '<a href="https://example.org/?a=1&amp;b=" rel="noopener nofollow" target="_blank">'
        "https://example.org/?a=1&amp;b=</a>&lt;2&gt;"
    )
    # A quote ends the address: the rest is text, escaped.
    assert message_text('https://e.org/"onmouseover="alert(1)') == (
        '<a href="https://e.org/" rel="noopener nofollow" target="_blank">https://e.org/</a>'
        "&quot;onmouseover=&quot;alert(1)"
    )
