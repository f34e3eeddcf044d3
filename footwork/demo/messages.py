"""The demo's messages: a short thread between Alex (the coach) and Maya, over the last two days, through the
messaging services with the clock moved to each message's moment. Maya's last message is unread by Alex.

Idempotent: a pair that already has any message gets none added.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import time_machine
from django.utils import timezone

from footwork.accounts.models import User
from footwork.messaging.models import Message
from footwork.messaging.services import mark_read, send_message

# Who writes, how long ago (hours, minutes), and what: Maya writes first; Alex has read all but her last.
THREAD = (
    ("runner", (30, 10), "Morning! Achilles was stiff for the first 10 minutes of my easy run, then fine. Keep Thursday's hills?"),
    ("coach", (29, 25), "Thanks for the detail. Stiffness that eases within 10 minutes is fine: keep the hills, but "
     "walk back down. Log tonight's heel raises with the pain you feel during them."),
    ("runner", (27, 5), "Done: 3 × 15 at 2/10. Is this the calf stretch you meant? https://www.footwork.example/exercises/"),
    ("coach", (26, 40), "That one, straight knee then bent knee. Check in tomorrow morning and we'll look at the week."),
    ("runner", (1, 20), "Morning check-in is in: pain 1, stiffness 2. Hills went well, no flare."),
)  # fmt: skip


def add_demo_messages(*, coach: str, runner: str, say: Callable[[str], None] = print) -> None:
    """The coach-runner thread dated back from now, for a pair with no message yet; the last one left unread."""
    alex = User.objects.select_related("coach_profile").get(email=coach)
    maya = User.objects.select_related("runner_profile").get(email=runner)
    if Message.objects.filter(sender__in=[alex, maya], recipient__in=[alex, maya]).exists():
        return
    now = timezone.now()
    people = {"coach": (alex, maya), "runner": (maya, alex)}
    for index, (who, (hours, minutes), body) in enumerate(THREAD):
        sender, recipient = people[who]
        moment = now - timedelta(hours=hours, minutes=minutes)
        with time_machine.travel(moment, tick=False):
            send_message(actor=sender, to_id=recipient.pk, body=body, client_uuid=_key(sender, index))
        if index < len(THREAD) - 1:
            # Read a few minutes later, by the time the other answers.
            with time_machine.travel(moment + timedelta(minutes=4), tick=False):
                mark_read(actor=recipient, with_id=sender.pk)
    say(
        f"demo: {len(THREAD)} messages between {alex.display_name} and {maya.display_name}, the last one unread."
    )


def _key(sender: User, index: int) -> uuid.UUID:
    # The same UUIDs each time: loading the demo twice could not store a message twice.
    return uuid.uuid5(uuid.NAMESPACE_URL, f"footwork-demo-message/{sender.email}/{index}")
