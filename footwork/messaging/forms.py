from __future__ import annotations

import uuid

from django import forms

from footwork.core.bounds import MESSAGE_CHARACTERS


class MessageForm(forms.Form):
    """A message to send, with the client UUID made when the form was shown: sending the page twice stores once."""

    body = forms.CharField(
        label="Message",
        max_length=int(MESSAGE_CHARACTERS.high),
        # The service strips and judges the text; the form only keeps a page's post from being huge.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)


def new_message_form() -> MessageForm:
    """An empty form with a fresh client UUID."""
    return MessageForm(initial={"client_uuid": uuid.uuid4()})


class ReadForm(forms.Form):
    """The last message of the other person's that the page has shown (none: all of them)."""

    up_to = forms.IntegerField(min_value=1, required=False)
