from __future__ import annotations

from typing import Any

from django import forms

from footwork.activities.models import Shoe
from footwork.core import bounds
from footwork.core.units import KM, distance_problem, distance_unit, to_km, units_or_km

# type="date" inputs take ISO dates only, whatever the locale.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RunForm(forms.Form):
    """A run typed in by hand: its distance in the runner's units, handed on in km (`distance_km`)."""

    day = forms.DateField(label="Date", widget=DATE)
    duration_min = forms.FloatField(label="Time (minutes)", min_value=0.1, max_value=24 * 60)
    distance = forms.FloatField(widget=forms.NumberInput(attrs={"step": "any"}))
    rpe = forms.IntegerField(label="Effort (RPE 0–10)", min_value=0, max_value=10, required=False)
    shoe = forms.ModelChoiceField(queryset=Shoe.objects.none(), required=False, empty_label="Default pair")
    notes = forms.CharField(max_length=500, required=False)

    def __init__(self, *args: object, shoes: object = None, units: str = KM, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own signature is untyped here
        self.units = units_or_km(units)
        self.fields["distance"].label = f"Distance ({distance_unit(self.units)})"
        if shoes is not None:
            self.fields["shoe"].queryset = shoes  # type: ignore[attr-defined]  # a ModelChoiceField

    def clean_distance(self) -> float:
        """The distance as typed, checked against core.bounds' km range and refused in the runner's units."""
        typed: float = self.cleaned_data["distance"]
        if problem := distance_problem(typed, self.units, bounds.ACTIVITY_DISTANCE):
            raise forms.ValidationError(problem[:1].upper() + problem[1:] + ".")
        return typed

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "distance" in cleaned:
            cleaned["distance_km"] = to_km(cleaned["distance"], self.units)
            minutes = cleaned.get("duration_min")
            # The service refuses it too, in km; said here in the units the runner typed.
            if minutes and bounds.AVERAGE_RUN_SPEED.check(cleaned["distance_km"] * 1000 / (minutes * 60)):
                typed = f"{cleaned['distance']:g} {distance_unit(self.units)}"
                self.add_error("distance", f"{typed} in {minutes:g} minutes is faster than anyone runs.")
        return cleaned


class RunEditForm(forms.Form):
    rpe = forms.IntegerField(label="Effort (RPE 0–10)", min_value=0, max_value=10, required=False)
    notes = forms.CharField(max_length=500, required=False)


class ShoeForm(forms.Form):
    brand = forms.CharField(max_length=60)
    model = forms.CharField(max_length=80)
    drop_mm = forms.DecimalField(label="Drop (mm)", min_value=0, max_value=20, decimal_places=1)
    started_on = forms.DateField(label="First run in them", widget=DATE, required=False)
    is_default = forms.BooleanField(label="Use for new runs", required=False)


class WindowForm(forms.Form):
    start = forms.DateField(required=False, widget=DATE)
    end = forms.DateField(required=False, widget=DATE)


class TimeConstantsForm(forms.Form):
    """The fitness and fatigue time constants of the /load/ page (empty: the defaults); load.TimeConstants checks
    their bounds."""

    fitness_days = forms.IntegerField(required=False)
    fatigue_days = forms.IntegerField(required=False)
