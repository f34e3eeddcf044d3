from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.text import capfirst

from footwork.accounts.domain import (
    AREA_NAMES,
    SIDES,
    PainfulAreasProblem,
    PainSite,
    normalise_email,
    parse_painful_areas,
)
from footwork.accounts.models import CoachProfile, Role, RunnerProfile
from footwork.core.bounds import WEEKLY_DISTANCE_KM
from footwork.core.units import distance_problem, distance_unit, from_km, to_km, units_or_km


class EmailLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self) -> str:
        # Addresses are stored lower-case: "Ann@Example.org" logs in to ann@example.org.
        return normalise_email(self.cleaned_data["username"])


class SignUpForm(forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    first_name = forms.CharField(max_length=150, required=False)
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect, initial=Role.RUNNER)
    profession = forms.CharField(max_length=120, required=False, help_text="Coaches: e.g. physical therapist")

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])


class RunnerProfileForm(forms.ModelForm[RunnerProfile]):
    """The runner's profile; the weekly distance is typed in the units the page showed, and saved in km."""

    weekly_distance = forms.FloatField(required=False, widget=forms.NumberInput(attrs={"step": "any"}))

    class Meta:
        model = RunnerProfile
        fields: ClassVar[list[str]] = [
            "birth_year",
            "sex",
            "dominant_leg",
            "running_years",
            "goal_race_name",
            "goal_race_date",
            "time_zone",
            "units",
            "auto_apply",
        ]
        widgets: ClassVar[dict[str, Any]] = {
            "goal_race_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "units": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The weekly distance where the model's field stood, after the running experience.
        self.order_fields(["birth_year", "sex", "dominant_leg", "running_years", "weekly_distance"])
        # The units the page was shown in: a weekly distance typed beside a change of units is in the old ones.
        self.shown_units = units_or_km(self.instance.units)
        # A form sent without the choice (a page from before it existed) keeps the setting rather than refusing.
        self.fields["units"].required = False
        field = self.fields["weekly_distance"]
        field.label = f"Current weekly distance ({distance_unit(self.shown_units)})"
        if self.instance.weekly_distance_km is not None:
            field.initial = round(from_km(float(self.instance.weekly_distance_km), self.shown_units), 1)

    def clean_units(self) -> str:
        return str(self.cleaned_data.get("units") or self.shown_units)

    def clean_weekly_distance(self) -> Decimal | None:
        """The weekly distance in km (one decimal, as stored), refused in the units it was typed in."""
        typed: float | None = self.cleaned_data.get("weekly_distance")
        if typed is None:
            return None
        if problem := distance_problem(typed, self.shown_units, WEEKLY_DISTANCE_KM):
            raise forms.ValidationError(problem[:1].upper() + problem[1:] + ".")
        return round(Decimal(to_km(typed, self.shown_units)), 1)

    def changes(self) -> dict[str, Any]:
        """The profile fields for accounts.services.update_runner_profile."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields} | {
            "weekly_distance_km": self.cleaned_data["weekly_distance"]
        }


class PainfulAreasForm(forms.Form):
    """One row per possible area: which area and its side; a row left at "—" is no area. Row 1 is the main one."""

    ROWS = len(AREA_NAMES)

    def __init__(self, data: Any = None, *, sites: Sequence[PainSite] = (), **kwargs: Any) -> None:
        initial: dict[str, Any] = {}
        for number, site in enumerate(sites, start=1):
            initial |= {f"area_{number}": site.area, f"side_{number}": site.side}
        super().__init__(data, initial=initial, **kwargs)
        areas = [("", "—"), *((area, capfirst(name)) for area, name in AREA_NAMES.items())]
        sides = [("", "—"), *((side, capfirst(side)) for side in SIDES)]
        for number in range(1, self.ROWS + 1):
            self.fields[f"area_{number}"] = forms.ChoiceField(
                choices=areas, required=False, label="Main painful area" if number == 1 else "Painful area"
            )
            self.fields[f"side_{number}"] = forms.ChoiceField(choices=sides, required=False, label="Side")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        numbers = [n for n in range(1, self.ROWS + 1) if cleaned.get(f"area_{n}")]
        entries = [{"area": cleaned[f"area_{n}"], "side": cleaned.get(f"side_{n}") or ""} for n in numbers]
        try:
            cleaned["painful_areas"] = [site.document() for site in parse_painful_areas(entries)]
        except PainfulAreasProblem as problem:
            row = numbers[problem.index] if problem.index is not None else None
            self.add_error(f"{problem.part}_{row}" if row else None, problem.message)
        return cleaned

    def rows(self) -> list[list[forms.BoundField]]:
        """[area, side] bound fields, row by row, for the profile page."""
        return [[self[f"area_{n}"], self[f"side_{n}"]] for n in range(1, self.ROWS + 1)]


class CoachProfileForm(forms.ModelForm[CoachProfile]):
    class Meta:
        model = CoachProfile
        fields: ClassVar[list[str]] = ["display_name", "profession"]

    def changes(self) -> dict[str, Any]:
        """The profile fields for accounts.services.update_coach_profile."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80, label="Token name", help_text="Where you will use it, e.g. 'my laptop'."
    )
