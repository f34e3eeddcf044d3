from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import capfirst

from footwork.accounts.domain import PainSite, site_name
from footwork.core import widgets

if TYPE_CHECKING:
    from footwork.accounts.models import User
    from footwork.training.models import MorningCheckin


# A phone shows its number pad for a 0–10 answer.
SCORE = widgets.NumberInput(attrs={"inputmode": "numeric"})


class CheckinForm(forms.Form):
    """Pain and stiffness on waking: once, or per area when the runner has two painful areas or more."""

    client_uuid = forms.UUIDField(widget=widgets.HiddenInput, initial=uuid.uuid4)
    pain = forms.IntegerField(min_value=0, max_value=10, label="Pain on waking (0–10)", widget=SCORE)
    stiffness = forms.IntegerField(
        min_value=0, max_value=10, label="Stiffness on waking (0–10)", widget=SCORE
    )
    note = forms.CharField(max_length=500, required=False, widget=widgets.TextInput)

    def __init__(self, *args: Any, sites: Sequence[PainSite] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sites = list(sites) if len(sites) >= 2 else []
        if len(sites) == 1:
            where = site_name(sites[0])
            self.fields["pain"].label = f"Pain at the {where} on waking (0–10)"
            self.fields["stiffness"].label = f"Stiffness at the {where} on waking (0–10)"
        if not self.sites:
            return
        del self.fields["pain"], self.fields["stiffness"]
        note = self.fields.pop("note")
        for site in self.sites:
            for word in ("pain", "stiffness"):
                self.fields[f"{site.area}_{word}"] = forms.IntegerField(
                    min_value=0, max_value=10, label=f"{capfirst(word)} (0–10)", widget=SCORE
                )
        self.fields["note"] = note

    @classmethod
    def for_runner(cls, runner: User, checkin: MorningCheckin | None = None, data: Any = None) -> CheckinForm:
        """The form for this runner's areas, filled in with today's check-in if there is one."""
        profile = getattr(runner, "runner_profile", None)
        sites = profile.pain_sites if profile is not None else []
        # Answers sent as one question (a page made before the areas changed) are read as one question.
        if data is not None and "pain" in data and not any(f"{site.area}_pain" in data for site in sites):
            sites = []
        initial: dict[str, Any] = {}
        if checkin is not None:
            initial = {"pain": checkin.pain, "stiffness": checkin.stiffness, "note": checkin.note}
            for area, answer in (checkin.areas or {}).items():
                initial |= {f"{area}_pain": answer["pain"], f"{area}_stiffness": answer["stiffness"]}
        return cls(data, initial=initial, sites=sites)

    def area_groups(self) -> list[dict[str, Any]]:
        """Per area: its name and its [pain, stiffness] fields, for the template."""
        return [
            {
                "name": capfirst(site_name(site)),
                "fields": [self[f"{site.area}_pain"], self[f"{site.area}_stiffness"]],
            }
            for site in self.sites
        ]

    def area_answers(self) -> dict[str, tuple[int, int]] | None:
        """The cleaned `{area: (pain, stiffness)}` for training.services.check_in, or None when asked once."""
        if not self.sites:
            return None
        data = self.cleaned_data
        return {site.area: (data[f"{site.area}_pain"], data[f"{site.area}_stiffness"]) for site in self.sites}

    def field_of(self, service_field: str | None) -> str | None:
        """The form field a refusal of training.services.check_in belongs beside (None: the whole form)."""
        if service_field and service_field.startswith("areas."):
            area, _, word = service_field.removeprefix("areas.").partition(".")
            name = f"{area}_{word or 'pain'}"
            return name if name in self.fields else None
        return service_field if service_field in self.fields else None
