from __future__ import annotations

import uuid

from django import forms
from django.core.files.uploadedfile import UploadedFile

from footwork.core.bounds import MEDIA_PHOTO_BYTES, MEDIA_VIDEO_BYTES, MESSAGE_CHARACTERS
from footwork.core.media import ACCEPT, megabytes


class MessageForm(forms.Form):
    """A message to send, with the client UUID made when the form was shown: sending the page twice stores once."""

    body = forms.CharField(
        label="Message",
        max_length=int(MESSAGE_CHARACTERS.high),
        # The service strips and judges the text; the form only keeps a page's post from being huge.
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        # A photo or video may go alone; the service refuses a message with neither.
        required=False,
    )
    client_uuid = forms.UUIDField(widget=forms.HiddenInput)
    attachment = forms.FileField(
        label="Photo or video (optional)",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=(
            f"A photo up to {megabytes(MEDIA_PHOTO_BYTES.high)} or a short MP4 or WebM video up to "
            f"{megabytes(MEDIA_VIDEO_BYTES.high)}."
        ),
    )

    def clean_attachment(self) -> UploadedFile[bytes] | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("attachment")
        most = MEDIA_VIDEO_BYTES.high
        if upload is not None and (upload.size or 0) > most:
            raise forms.ValidationError(
                f"This file is {megabytes(upload.size or 0)}; at most {megabytes(most)} is accepted."
            )
        return upload


def new_message_form() -> MessageForm:
    """An empty form with a fresh client UUID."""
    return MessageForm(initial={"client_uuid": uuid.uuid4()})


class ReadForm(forms.Form):
    """The last message of the other person's that the page has shown (none: all of them)."""

    up_to = forms.IntegerField(min_value=1, required=False)
