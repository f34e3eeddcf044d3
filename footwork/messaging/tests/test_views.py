"""/messages/ pages: what each person sees, the htmx fragments, and that a GET never writes."""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from footwork.messaging.models import Message
from footwork.messaging.services import mark_read, send_message

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def send(sender, recipient, body):
    return send_message(actor=sender, to_id=recipient.pk, body=body, client_uuid=uuid.uuid4()).message


def no_writes(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.IGNORECASE)]
    assert writes == [], writes
    return response


def test_each_person_sees_their_own_messages_page_and_no_get_writes(client, cast):
    send(cast.runner, cast.coach, "Heel <script>x</script> see https://example.org/plan.")
    client.force_login(cast.coach)
    inbox = no_writes(client, "/messages/").content.decode()
    assert 'data-testid="thread-unread">1 unread' in inbox
    assert 'data-testid="unread-badge"' in inbox
    assert "hidden>1" not in inbox
    page = no_writes(client, f"/messages/{cast.runner.pk}/").content.decode()
    assert 'data-testid="thread"' in page
    assert 'data-testid="message-form"' in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x" not in page
    assert '<a href="https://example.org/plan" rel="noopener nofollow" target="_blank">' in page
    assert 'hx-trigger="every 5s' in page
    assert 'id="mark-read"' in page
    assert 'name="up_to"' in page
    assert Message.objects.get().read_at is None
    # An htmx poll of the coach's list answers the list alone, with the badge.
    fragment = no_writes(client, "/messages/", headers=HTMX).content.decode()
    assert fragment.lstrip().startswith("<ul")
    assert 'hx-swap-oob="true"' in fragment

    client.force_login(cast.runner)
    own = no_writes(client, "/messages/").content.decode()
    assert "Heel" in own
    assert "Sent" in own
    assert "Delete" in own
    client.force_login(cast.other_runner)
    alone = no_writes(client, "/messages/").content.decode()
    assert "no coach linked" in alone
    assert "Heel" not in alone


def test_a_poll_brings_only_what_is_new_and_the_receipts_of_ones_own(client, cast):
    first = send(cast.coach, cast.runner, "First")
    client.force_login(cast.coach)
    page = client.get(f"/messages/{cast.runner.pk}/").content.decode()
    assert f'name="after" value="{first.pk}"' in page
    assert f'name="unread_mine" value="{first.pk}"' in page
    reply = send(cast.runner, cast.coach, "Reply")
    mark_read(actor=cast.runner, with_id=cast.coach.pk)
    poll = no_writes(
        client, f"/messages/{cast.runner.pk}/?after={first.pk}&unread_mine={first.pk}", headers=HTMX
    ).content.decode()
    assert "Reply" in poll
    assert "First" not in poll.split(f'id="receipt-{first.pk}"')[0]
    assert re.search(rf'id="receipt-{first.pk}"[^>]*hx-swap-oob="true">Read \d\d:\d\d', poll)
    assert f'name="after" value="{reply.pk}"' in poll
    assert f'name="up_to" value="{reply.pk}"' in poll
    quiet = client.get(f"/messages/{cast.runner.pk}/?after={reply.pk}", headers=HTMX).content.decode()
    assert 'data-testid="message"' not in quiet


def test_sending_and_marking_read_are_posts(client, cast):
    client.force_login(cast.runner)
    form = {"body": "Done my raises", "client_uuid": str(uuid.uuid4())}
    assert client.post(f"/messages/{cast.coach.pk}/", form).status_code == 302
    again = client.post(f"/messages/{cast.coach.pk}/", form, headers=HTMX)
    assert again.status_code == 200
    assert again["HX-Trigger"] == "messages:sent"
    assert Message.objects.count() == 1
    empty = client.post(f"/messages/{cast.coach.pk}/", {"body": "  ", "client_uuid": str(uuid.uuid4())})
    assert empty.status_code == 400
    assert "empty" in empty.content.decode()
    assert Message.objects.count() == 1

    message = Message.objects.get()
    client.force_login(cast.coach)
    read = client.post(f"/messages/{cast.runner.pk}/read/", {"up_to": message.pk}, headers=HTMX)
    assert read.status_code == 200
    assert 'id="unread-badge"' in read.content.decode()
    message.refresh_from_db()
    assert message.read_at is not None
    assert client.get(f"/messages/{cast.runner.pk}/read/").status_code == 405


def test_the_author_deletes_a_message_from_the_page(client, cast):
    message = send(cast.runner, cast.coach, "Wrong thread")
    client.force_login(cast.coach)
    assert client.post(f"/messages/{cast.runner.pk}/{message.pk}/delete/").status_code == 403
    client.force_login(cast.runner)
    assert client.post(f"/messages/{cast.coach.pk}/{message.pk}/delete/").status_code == 302
    assert "Wrong thread" not in client.get("/messages/").content.decode()


def test_outsiders_get_404_and_store_nothing(client, cast):
    message = send(cast.runner, cast.coach, "Private")
    for outsider, other in ((cast.other_coach, cast.runner), (cast.other_runner, cast.coach)):
        client.force_login(outsider)
        form = {"body": f"to {other.pk}", "client_uuid": str(uuid.uuid4())}
        answers = [
            client.get(f"/messages/{other.pk}/"),
            client.get(f"/messages/{other.pk}/?after=0", headers=HTMX),
            client.post(f"/messages/{other.pk}/", form),
            client.post(f"/messages/{other.pk}/read/"),
            client.post(f"/messages/{other.pk}/{message.pk}/delete/"),
            client.get(f"/messages/{2**63}/"),
        ]
        for answer in answers:
            assert answer.status_code == 404
            assert "Private" not in answer.content.decode()
    assert list(Message.objects.values_list("body", "read_at")) == [("Private", None)]


def test_the_navigation_shows_the_unread_count(client, cast):
    send(cast.runner, cast.coach, "Hi")
    client.force_login(cast.coach)
    assert re.search(
        r'data-testid="unread-badge" class="badge">1<', client.get("/exercises/").content.decode()
    )
    client.force_login(cast.runner)
    assert 'data-testid="unread-badge"></span>' in client.get("/more/").content.decode()


def test_a_long_thread_shows_its_latest_page_and_the_earlier_ones_a_page_at_a_time(client, cast):
    from footwork.messaging.selectors import PAGE_MESSAGES

    sent = [send(cast.runner if n % 2 else cast.coach, cast.coach if n % 2 else cast.runner, f"Note {n}.")
            for n in range(PAGE_MESSAGES + 5)]  # fmt: skip
    client.force_login(cast.coach)
    with CaptureQueriesContext(connection) as queries:
        latest = no_writes(client, f"/messages/{cast.runner.pk}/").content.decode()
    assert len(queries) < 20  # the sender of each message is not read one by one
    assert latest.count('data-testid="message"') == PAGE_MESSAGES
    assert f"Note {PAGE_MESSAGES + 4}." in latest
    assert "Note 4." not in latest
    oldest_shown = sent[5].pk
    assert f'href="/messages/{cast.runner.pk}/?before={oldest_shown}"' in latest
    earlier = no_writes(client, f"/messages/{cast.runner.pk}/?before={oldest_shown}").content.decode()
    assert earlier.count('data-testid="message"') == 5
    assert "Note 0." in earlier
    assert "Note 5." not in earlier
    # An earlier page is read, not polled or written from; it leads back to the latest.
    assert "hx-get" not in earlier
    assert 'data-testid="message-form"' not in earlier
    assert 'data-testid="earlier"' not in earlier
    assert "Latest messages" in earlier


def test_a_coachs_messages_list_goes_a_page_at_a_time_unread_then_latest_first(client, cast, monkeypatch):
    from footwork.accounts.tests.factories import runner as make_runner
    from footwork.messaging import views

    monkeypatch.setattr(views, "THREAD_LINES", 2)
    make_runner(coach=cast.coach, first_name="Aaron")
    answered = make_runner(coach=cast.coach, first_name="Zed")
    send(answered, cast.coach, "Done today.")
    send(cast.coach, answered, "Great, keep going.")
    send(cast.runner, cast.coach, "Heel sore.")
    client.force_login(cast.coach)
    first = no_writes(client, "/messages/").content.decode()
    # Unread first, the latest first among them; the runner not written to yet waits for the next page.
    assert first.count('data-testid="thread-line"') == 2
    assert first.index(cast.runner.display_name) < first.index("Zed")
    assert "Aaron" not in first
    assert "Next runners (1 more)" in first
    assert 'href="?page=2"' in first
    second = no_writes(client, "/messages/?page=2").content.decode()
    assert second.count('data-testid="thread-line"') == 1
    assert "Aaron" in second
    assert "No messages yet" in second
    assert 'href="?page=1"' in second
    # The second page polls itself, and its poll answers that page, with the whole unread count in the badge.
    assert 'hx-get="/messages/?page=2"' in second
    fragment = no_writes(client, "/messages/?page=2", headers=HTMX).content.decode()
    assert "Aaron" in fragment
    assert "Next runners" not in fragment
    assert 'data-testid="unread-badge"' in fragment
    assert ">2<" in fragment
