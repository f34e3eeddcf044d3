from __future__ import annotations

import uuid

from django import forms


class CheckinForm(forms.Form):
    client_uuid = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    pain = forms.IntegerField(min_value=0, max_value=10, label="Pain on waking (0–10)")
    stiffness = forms.IntegerField(min_value=0, max_value=10, label="Stiffness on waking (0–10)")
    note = forms.CharField(max_length=500, required=False)
