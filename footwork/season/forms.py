"""Input checks of the race and result forms; the ranges are core.bounds', the same the service and the API hold."""

from __future__ import annotations

from typing import Any

from django import forms

from footwork.core import bounds
from footwork.core.units import KM, distance_problem, distance_unit, from_km, to_km, units_or_km
from footwork.season.domain import DISTANCES_KM
from footwork.season.models import Race, RacePriority
from footwork.season.times import TIME_HELP, parse_time, time_words

# type="date" inputs take ISO dates only, whatever the locale.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CUSTOM = "custom"
DISTANCE_CHOICES = [
    ("5k", "5K"),
    ("10k", "10K"),
    ("half", "Half marathon"),
    ("marathon", "Marathon"),
    ("50k", "50K"),
    (CUSTOM, "Another distance (below)"),
]
PAIN_HELP = "0 (none) to 10 (worst imaginable)."
TEXT_MAX = int(bounds.RACE_TEXT_CHARACTERS.high)


def _time_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=TIME_HELP, max_length=12)


def _pain_field(label: str, *, required: bool = True) -> forms.IntegerField:
    low, high = int(bounds.PAIN_READING.low), int(bounds.PAIN_READING.high)
    return forms.IntegerField(
        label=label, min_value=low, max_value=high, required=required, help_text=PAIN_HELP
    )


def _seconds(form: forms.Form, field: str, name: str) -> int | None:
    text = form.cleaned_data.get(field) or ""
    if not text.strip():
        return None
    try:
        return parse_time(text, name)
    except ValueError as error:
        raise forms.ValidationError(f"The {error}.") from error


class RaceForm(forms.Form):
    name = forms.CharField(max_length=int(bounds.RACE_NAME_CHARACTERS.high))
    date = forms.DateField(label="Race day", widget=DATE)
    distance = forms.ChoiceField(choices=DISTANCE_CHOICES, initial="marathon")
    # In the runner's units (the form's `units`); handed on in km as `distance_km`.
    custom_km = forms.FloatField(label="Distance in km (another distance)", required=False)
    priority = forms.ChoiceField(
        choices=RacePriority.choices,
        initial=RacePriority.A,
        widget=forms.RadioSelect,
        help_text="A: the race the season builds to. B: a tune-up with a week's taper. C: a training race.",
    )
    goal = _time_field("Goal time (optional)")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=TEXT_MAX)

    def __init__(self, *args: Any, units: str = KM, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units_or_km(units)
        self.fields["custom_km"].label = f"Distance in {distance_unit(self.units)} (another distance)"

    def clean_goal(self) -> int | None:
        return _seconds(self, "goal", "goal time")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        distance = data.get("distance")
        if distance == CUSTOM:
            typed = data.get("custom_km")
            if typed is None:
                self.add_error("custom_km", f"Say the distance in {distance_unit(self.units)}.")
            else:
                reason = distance_problem(typed, self.units, bounds.RACE_DISTANCE_KM)
                if reason is not None:
                    self.add_error("custom_km", f"The {reason}.")
                data["distance_km"] = to_km(typed, self.units)
        elif distance in DISTANCES_KM:
            data["distance_km"] = DISTANCES_KM[distance]
        return data

    @classmethod
    def initial_of(cls, race: Race, units: str = KM) -> dict[str, Any]:
        """The form's answers for an existing race (a custom distance in the runner's units)."""
        key = next((k for k, km in DISTANCES_KM.items() if abs(km - race.distance_km) < 1e-9), CUSTOM)
        return {
            "name": race.name,
            "date": race.date,
            "distance": key,
            "custom_km": round(from_km(race.distance_km, units), 2) if key == CUSTOM else None,
            "priority": race.priority,
            "goal": time_words(race.goal_seconds) if race.goal_seconds else "",
            "notes": race.notes,
        }


class ResultForm(forms.Form):
    finish = _time_field("Finish time (empty if you did not finish)")
    how_it_went = forms.CharField(
        label="How it went", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEXT_MAX
    )
    pain_during = _pain_field("Pain during the race")
    pain_after = _pain_field("Pain after the race")
    next_morning_pain = _pain_field("Pain the next morning (if you know it)", required=False)
    next_morning = forms.CharField(
        label="Or, the next morning in words",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=TEXT_MAX,
        help_text="Stiff on the stairs, sore left calf… A pain reading or words, not both.",
    )

    def clean_finish(self) -> int | None:
        return _seconds(self, "finish", "finish time")
