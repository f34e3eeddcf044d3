from __future__ import annotations

from django import forms

from footwork.activities.models import Shoe

# type="date" inputs take ISO dates only, whatever the locale.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RunForm(forms.Form):
    day = forms.DateField(label="Date", widget=DATE)
    duration_min = forms.FloatField(label="Time (minutes)", min_value=0.1, max_value=24 * 60)
    distance_km = forms.FloatField(label="Distance (km)", min_value=0)
    rpe = forms.IntegerField(label="Effort (RPE 0–10)", min_value=0, max_value=10, required=False)
    shoe = forms.ModelChoiceField(queryset=Shoe.objects.none(), required=False, empty_label="Default pair")
    notes = forms.CharField(max_length=500, required=False)

    def __init__(self, *args: object, shoes: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own signature is untyped here
        if shoes is not None:
            self.fields["shoe"].queryset = shoes  # type: ignore[attr-defined]  # a ModelChoiceField


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
