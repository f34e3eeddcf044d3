from __future__ import annotations

from django import forms


class JoinForm(forms.Form):
    code = forms.CharField(max_length=64, label="Invitation code")


class InvitationForm(forms.Form):
    note = forms.CharField(
        max_length=120,
        required=False,
        label="Who is it for?",
        widget=forms.TextInput(attrs={"placeholder": "Runner's name (optional)"}),
    )
