"""The workshops' web forms: input shapes only; the services judge every value and say why in words."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from footwork.accounts.models import User
from footwork.assessments.questionnaires import INSTRUMENTS
from footwork.core import bounds
from footwork.core.media import ACCEPT, megabytes
from footwork.programs.selectors import visible_templates
from footwork.workshops.models import Access

PACE_CHOICES = [
    ("self", "Self-paced: each runner starts the day they join"),
    ("cohort", "A group starting together"),
]
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _most(bound: bounds.Bound) -> int:
    return int(bound.high)


def questionnaire_choices() -> list[tuple[str, str]]:
    return [("", "None"), *((code, item.name) for code, item in INSTRUMENTS.items())]


class PublishForm(forms.Form):
    """The few things a workshop needs to go out; the rest is edited on its own page."""

    program = forms.ChoiceField(label="Program", help_text="Each runner who joins gets their own copy of it.")
    title = forms.CharField(max_length=_most(bounds.WORKSHOP_TITLE_CHARACTERS))
    summary = forms.CharField(
        max_length=_most(bounds.WORKSHOP_SUMMARY_CHARACTERS),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One or two sentences: the first line of the page and of link previews.",
    )
    access = forms.ChoiceField(label="Who may join", choices=Access.choices, initial=Access.OPEN)
    pace = forms.ChoiceField(label="Pace", choices=PACE_CHOICES, initial="self", widget=forms.RadioSelect)
    cohort_start = forms.DateField(
        label="The group's first day", required=False, widget=DATE_INPUT, help_text="For a group only."
    )

    def __init__(self, coach: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programs = visible_templates(coach).order_by("name").values_list("slug", "name")
        self.fields["program"].choices = list(programs)  # type: ignore[attr-defined]  # a ChoiceField's

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        if cleaned.get("pace") == "cohort" and not cleaned.get("cohort_start"):
            self.add_error("cohort_start", "Give the group's first day, or choose self-paced.")
        if cleaned.get("pace") == "self":
            cleaned["cohort_start"] = None
        return cleaned


class WorkshopForm(forms.Form):
    """The workshop's page as the coach edits it (services.update_workshop's fields)."""

    title = forms.CharField(max_length=_most(bounds.WORKSHOP_TITLE_CHARACTERS))
    subtitle = forms.CharField(max_length=_most(bounds.WORKSHOP_SUBTITLE_CHARACTERS), required=False)
    summary = forms.CharField(
        max_length=_most(bounds.WORKSHOP_SUMMARY_CHARACTERS), widget=forms.Textarea(attrs={"rows": 2})
    )
    description_markdown = forms.CharField(
        label="Description",
        required=False,
        max_length=_most(bounds.WORKSHOP_DESCRIPTION_CHARACTERS),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Markdown: **bold**, *italic*, lists, links. Press Preview to see it as runners will.",
    )
    for_whom = forms.CharField(
        label="Who it is for",
        required=False,
        max_length=_most(bounds.WORKSHOP_AUDIENCE_CHARACTERS),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    not_for_whom = forms.CharField(
        label="Who it is not for",
        required=False,
        max_length=_most(bounds.WORKSHOP_AUDIENCE_CHARACTERS),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Footwork always adds the red flags and exclusions shown below.",
    )
    checkout_url = forms.CharField(
        label="Checkout page",
        required=False,
        max_length=_most(bounds.WORKSHOP_CHECKOUT_URL_CHARACTERS),
        widget=forms.URLInput(),
        help_text="Your own shop's page (https). Footwork takes no payment: it only shows the link.",
    )
    access = forms.ChoiceField(label="Who may join", choices=Access.choices)
    cohort_start = forms.DateField(
        label="The group's first day",
        required=False,
        widget=DATE_INPUT,
        help_text="Leave empty for self-paced. Fixed once anyone has joined.",
    )
    join_window_days = forms.IntegerField(
        label="Days to join after the group's first day",
        min_value=0,
        max_value=_most(bounds.WORKSHOP_JOIN_WINDOW_DAYS),
    )
    questionnaire = forms.ChoiceField(
        label="Questionnaire before and at the end", required=False, choices=questionnaire_choices
    )


class CoverForm(forms.Form):
    cover = forms.FileField(
        label="Cover photo",
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=f"JPEG, PNG or WebP up to {megabytes(bounds.MEDIA_PHOTO_BYTES.high)}.",
    )
    remove = forms.BooleanField(label="Remove the cover", required=False)

    def clean_cover(self) -> UploadedFile[bytes] | None:
        return _within(self.cleaned_data.get("cover"), bounds.MEDIA_PHOTO_BYTES.high, "photo")


def _within(upload: UploadedFile[bytes] | None, most: float, what: str) -> UploadedFile[bytes] | None:
    """The upload, refused before it is read when it is larger than `most` bytes (the services check its content)."""
    if upload is not None and (upload.size or 0) > most:
        raise forms.ValidationError(
            f"This {what} is {megabytes(upload.size or 0)}; at most {megabytes(most)} is accepted."
        )
    return upload


class LessonForm(forms.Form):
    title = forms.CharField(max_length=_most(bounds.LESSON_TITLE_CHARACTERS))
    unlock_day = forms.IntegerField(
        label="Unlocks on day",
        min_value=int(bounds.LESSON_UNLOCK_DAY.low),
        max_value=_most(bounds.LESSON_UNLOCK_DAY),
        initial=1,
    )
    body_markdown = forms.CharField(
        label="Text",
        max_length=_most(bounds.LESSON_BODY_CHARACTERS),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown, as in the description.",
    )
    upload = forms.FileField(
        label="Photo or short video",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=(
            f"Optional. JPEG, PNG or WebP up to {megabytes(bounds.MEDIA_PHOTO_BYTES.high)}; MP4 or WebM up to "
            f"{megabytes(bounds.MEDIA_VIDEO_BYTES.high)}."
        ),
    )
    remove_media = forms.BooleanField(label="Remove its photo or video", required=False)

    def clean_upload(self) -> UploadedFile[bytes] | None:
        return _within(self.cleaned_data.get("upload"), bounds.MEDIA_VIDEO_BYTES.high, "file")


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label="How many codes",
        min_value=int(bounds.ACCESS_CODES_PER_BATCH.low),
        max_value=_most(bounds.ACCESS_CODES_PER_BATCH),
        initial=10,
    )


class AnnouncementForm(forms.Form):
    body = forms.CharField(
        label="Announcement",
        max_length=_most(bounds.ANNOUNCEMENT_CHARACTERS),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown to every participant on their day.",
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Your code",
        required=False,
        max_length=_most(bounds.WORKSHOP_CODE_CHARACTERS),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ShareForm(forms.Form):
    share = forms.ChoiceField(choices=[("yes", "Share"), ("no", "Stop sharing")])
