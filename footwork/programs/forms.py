from __future__ import annotations

from django import forms

from footwork.exercises.domain import DOSE_KINDS
from footwork.programs.models import WHY_MAX_LENGTH

WEEKDAY_CHOICES = [
    (str(index), name) for index, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
]


class EnrollForm(forms.Form):
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    runner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Runner")
    # Hidden until an enrolment is refused because a plan of this program is already running.
    replace = forms.BooleanField(
        required=False, label="Replace the current plan of this program (it ends; its history is kept)"
    )


class PlanChangeForm(forms.Form):
    """The optional "why" of pausing, resuming or ending a plan."""

    why = forms.CharField(max_length=WHY_MAX_LENGTH, required=False, label="Why (kept in the plan's history)")


class ProgramForm(forms.Form):
    name = forms.CharField(max_length=160)
    goal = forms.CharField(max_length=300)
    audience = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Who it is for"
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class PhaseForm(forms.Form):
    name = forms.CharField(max_length=120)
    weeks = forms.IntegerField(min_value=1, max_value=52, initial=2)
    weekdays = forms.TypedMultipleChoiceField(
        choices=WEEKDAY_CHOICES, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    every_days = forms.IntegerField(min_value=1, max_value=7, required=False, label="Or every N days")


class SessionForm(forms.Form):
    name = forms.CharField(max_length=120)
    minutes = forms.IntegerField(min_value=1, max_value=120, initial=15)


class PrescriptionForm(forms.Form):
    """Sets and dosage of one prescription; refusals of the domain come back from the service."""

    sets = forms.IntegerField(min_value=1, max_value=10)
    kind = forms.ChoiceField(choices=[(kind, kind.replace("_", " ")) for kind in DOSE_KINDS])
    amount = forms.IntegerField(min_value=1, max_value=10000)
    per_side = forms.BooleanField(required=False)
    load_kg = forms.DecimalField(min_value=0, max_value=500, decimal_places=1, required=False)
    load_note = forms.CharField(max_length=240, required=False)
    tempo = forms.CharField(max_length=20, required=False)
    rest_seconds = forms.IntegerField(min_value=0, max_value=600)
    notes = forms.CharField(max_length=300, required=False)
    why = forms.CharField(max_length=500, required=False, label="Why (kept in the plan's history)")


class OverrideForm(forms.Form):
    session = forms.IntegerField()
    scheduled_date = forms.DateField()
    new_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    skip = forms.BooleanField(required=False)
    reason = forms.CharField(max_length=300, required=False)
