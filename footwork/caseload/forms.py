"""The roster's filters, a private note, and the timeline's window."""

from __future__ import annotations

from django import forms

from footwork.caseload.domain import RosterFilter
from footwork.core.bounds import COACH_NOTE_CHARACTERS
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


class NoteForm(forms.Form):
    """A private note's text and the day it is about (the runner's today when left empty)."""

    body = forms.CharField(
        label="Private note",
        max_length=int(COACH_NOTE_CHARACTERS.high),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you see it: never the runner.",
    )
    written_on = forms.DateField(
        required=False, label="About the day", widget=forms.DateInput(attrs={"type": "date"})
    )


class TimelineForm(forms.Form):
    """The timeline's window, read from the query string; empty: the last four weeks."""

    start = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))
