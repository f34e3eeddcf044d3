from __future__ import annotations

from typing import Any

from django import forms

from footwork.accounts.models import User
from footwork.coaching.domain import KIND_ORDER, KIND_WORDS
from footwork.coaching.selectors import AlertFilter
from footwork.core import widgets


class JoinForm(forms.Form):
    code = forms.CharField(max_length=64, label="Invitation code")


class InvitationForm(forms.Form):
    note = forms.CharField(
        max_length=120,
        required=False,
        label="Who is it for?",
        widget=forms.TextInput(attrs={"placeholder": "Runner's name (optional)"}),
    )


class ResolveForm(forms.Form):
    note = forms.CharField(
        max_length=1000,
        label="How it was dealt with",
        widget=forms.TextInput(attrs={"placeholder": "Called her: seeing her physio on Friday"}),
    )


STATE_CHOICES = [("open", "Open"), ("resolved", "Resolved"), ("all", "All")]
KIND_CHOICES = [("", "Every kind"), *((kind, KIND_WORDS[kind][1]) for kind in KIND_ORDER)]


class AlertFilterForm(forms.Form):
    state = forms.ChoiceField(required=False, choices=STATE_CHOICES, label="Show")
    kind = forms.ChoiceField(required=False, choices=KIND_CHOICES, label="Kind")
    # One option a runner: drawn directly (widgets.Select), not through Django's per-option templates.
    runner = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Runner", widget=widgets.Select
    )

    def __init__(self, *args: Any, runners: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        runner = self.fields["runner"]
        assert isinstance(runner, forms.TypedChoiceField)
        runner.choices = [
            ("", "Every runner"),
            *((runner.pk, runner.display_name) for runner in runners),
        ]

    def alert_filter(self) -> AlertFilter:
        """The filter asked for; an unknown value (a runner who left, a stale bookmark) is no filter."""
        data = self.cleaned_data if self.is_valid() else {}
        return AlertFilter(
            state=data.get("state") or "open", kind=data.get("kind") or "", runner=data.get("runner")
        )
