from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from footwork.accounts.models import CoachProfile, Role, RunnerProfile


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class SignUpForm(forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    first_name = forms.CharField(max_length=150, required=False)
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect, initial=Role.RUNNER)
    profession = forms.CharField(max_length=120, required=False, help_text="Coaches: e.g. physical therapist")


class RunnerProfileForm(forms.ModelForm[RunnerProfile]):
    class Meta:
        model = RunnerProfile
        fields: ClassVar[list[str]] = [
            "birth_year",
            "sex",
            "dominant_leg",
            "painful_side",
            "painful_area",
            "running_years",
            "weekly_distance_km",
            "goal_race_name",
            "goal_race_date",
            "time_zone",
            "auto_apply",
        ]
        widgets: ClassVar[dict[str, Any]] = {
            "goal_race_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }


class CoachProfileForm(forms.ModelForm[CoachProfile]):
    class Meta:
        model = CoachProfile
        fields: ClassVar[list[str]] = ["display_name", "profession"]


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80, label="Token name", help_text="Where you will use it, e.g. 'my laptop'."
    )
