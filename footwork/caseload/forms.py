"""The roster's filters, read from the query string."""

from __future__ import annotations

from django import forms

from footwork.caseload.domain import RosterFilter
from footwork.season.domain import Phase
from footwork.season.domain.wording import PHASE_WORDS

LIGHT_CHOICES = [("", "Any light"), ("red", "Red"), ("amber", "Amber"), ("green", "Green")]
PHASE_CHOICES = [("", "Any phase"), *((str(phase), PHASE_WORDS[phase]) for phase in Phase)]


class RosterFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label="Name")
    light = forms.ChoiceField(required=False, choices=LIGHT_CHOICES, label="Light")
    phase = forms.ChoiceField(required=False, choices=PHASE_CHOICES, label="Phase")
    attention = forms.BooleanField(required=False, label="Needs attention only")

    def roster_filter(self) -> RosterFilter:
        """The filter asked for; an unknown value is no filter (a stale bookmark still shows the roster)."""
        if not self.is_valid():
            return RosterFilter()
        data = self.cleaned_data
        return RosterFilter(
            light=data["light"], phase=data["phase"], attention=bool(data["attention"]), query=data["q"]
        )
