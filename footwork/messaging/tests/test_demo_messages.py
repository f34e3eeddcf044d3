from __future__ import annotations

import pytest

from footwork.accounts.tests.factories import coach as make_coach
from footwork.accounts.tests.factories import runner as make_runner
from footwork.demo.messages import THREAD, add_demo_messages
from footwork.messaging.models import Message
from footwork.messaging.selectors import thread, unread_counts


@pytest.mark.django_db
def test_the_demo_thread_is_dated_back_from_now_with_the_last_unread_and_loads_once():
    alex = make_coach(email="coach@footwork.example")
    maya = make_runner(coach=alex, email="runner@footwork.example")
    said: list[str] = []
    add_demo_messages(coach=alex.email, runner=maya.email, say=said.append)
    add_demo_messages(coach=alex.email, runner=maya.email, say=said.append)
    messages = thread(alex, maya.pk)
    assert len(messages) == len(THREAD) == Message.objects.count()
    assert len(said) == 1
    assert [m.sent_at for m in messages] == sorted(m.sent_at for m in messages)
    assert unread_counts(alex) == {maya.pk: 1}
    assert unread_counts(maya) == {}
