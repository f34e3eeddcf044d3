"""Input checks for the questionnaire page: every question answered with one of its choices (the scorer scores)."""

from __future__ import annotations

from typing import Any

from django import forms

from footwork.assessments.questionnaires import Instrument


def item_field(number: int) -> str:
    """The form field of question `number`: `item-3`."""
    return f"item-{number}"


class QuestionnaireForm(forms.Form):
    """One choice field per question, so a missing answer is named beside its question and the others are kept."""

    def __init__(self, *args: Any, instrument: Instrument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[item_field(item.number)] = forms.ChoiceField(
                label=f"{item.number}. {item.text}",
                help_text=item.hint,
                choices=[
                    ("", "Choose an answer"),
                    *((choice.value, choice.label) for choice in item.choices),
                ],
                required=False,
            )

    def answers(self) -> list[str]:
        """The answers in question order ("" for a question left out: the scorer says whether that is allowed)."""
        return [self.cleaned_data.get(item_field(item.number)) or "" for item in self.instrument.items]
