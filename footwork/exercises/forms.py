from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from footwork.core.bounds import MEDIA_CAPTION_CHARACTERS, MEDIA_PHOTO_BYTES, MEDIA_VIDEO_BYTES
from footwork.core.media import ACCEPT, megabytes
from footwork.exercises.domain import CATEGORIES, DOSE_KINDS, EQUIPMENT, TARGETS

LINK_ROWS = 2


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Search",
        widget=forms.SearchInput(attrs={"placeholder": "heel raise, balance…"}),
    )
    category = forms.ChoiceField(required=False, choices=[("", "Any category"), *CATEGORIES.items()])
    target = forms.ChoiceField(required=False, choices=[("", "Any target"), *TARGETS.items()])
    equipment = forms.ChoiceField(required=False, choices=[("", "Any equipment"), *EQUIPMENT.items()])
    difficulty = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any difficulty"), *((str(level), f"Level {level}") for level in range(1, 6))],
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ExerciseForm(forms.Form):
    """A coach's private exercise. It only shapes input; the domain validates it like a shipped record."""

    name = forms.CharField(max_length=120)
    summary = forms.CharField(max_length=160)
    category = forms.ChoiceField(choices=list(CATEGORIES.items()))
    targets = forms.MultipleChoiceField(choices=list(TARGETS.items()), widget=forms.CheckboxSelectMultiple)
    equipment = forms.MultipleChoiceField(
        choices=list(EQUIPMENT.items()), widget=forms.CheckboxSelectMultiple, initial=["none"]
    )
    difficulty = forms.IntegerField(min_value=1, max_value=5, initial=2)
    per_side = forms.BooleanField(required=False, label="Done on each side (left and right)")
    sets = forms.IntegerField(min_value=1, max_value=20, initial=3)
    dose_kind = forms.ChoiceField(
        label="Dose counted in", choices=[(k, k.replace("_", " ")) for k in DOSE_KINDS]
    )
    dose_min = forms.IntegerField(min_value=1, label="From")
    dose_max = forms.IntegerField(min_value=1, label="To")
    dose_per_side = forms.BooleanField(required=False, label="Dose is per side")
    dose_unit = forms.CharField(max_length=20, required=False, label="Unit word (optional)")
    tempo = forms.CharField(max_length=20, required=False, help_text="up-hold-down seconds, e.g. 3-0-3")
    rest_seconds = forms.IntegerField(min_value=0, max_value=900, initial=60)
    load_note = forms.CharField(max_length=240, required=False, label="Load note")
    instructions = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), help_text="One step per line.")
    cue = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Key cue")
    safety = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    why = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why it helps runners")
    contraindications = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="One per line."
    )
    evidence = forms.CharField(max_length=400, required=False)

    def __init__(self, *args: Any, link_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in ("progression", "regression"):
            for row in range(LINK_ROWS):
                self.fields[f"{kind}_{row}"] = forms.ChoiceField(
                    required=False, choices=[("", "—"), *link_choices], label=f"{kind.title()} {row + 1}"
                )
                self.fields[f"{kind}_{row}_reason"] = forms.CharField(
                    max_length=300, required=False, label="Reason"
                )

    def record(self) -> dict[str, Any]:
        data = self.cleaned_data
        links = {
            kind: [
                {"slug": data[f"{kind}_{row}"], "reason": data[f"{kind}_{row}_reason"]}
                for row in range(LINK_ROWS)
                if data.get(f"{kind}_{row}")
            ]
            for kind in ("progression", "regression")
        }
        return {
            "name": data["name"],
            "summary": data["summary"],
            "category": data["category"],
            "targets": data["targets"],
            "equipment": data["equipment"],
            "difficulty": data["difficulty"],
            "per_side": data["per_side"],
            "dosage": {
                "sets": data["sets"],
                "kind": data["dose_kind"],
                "min": data["dose_min"],
                "max": data["dose_max"],
                "per_side": data["dose_per_side"],
                "unit": data["dose_unit"],
                "tempo": data["tempo"],
                "rest_seconds": data["rest_seconds"],
                "load": data["load_note"],
            },
            "instructions": _lines(data["instructions"]),
            "cue": data["cue"],
            "safety": data["safety"],
            "why": data["why"],
            "contraindications": _lines(data["contraindications"]),
            "progressions": links["progression"],
            "regressions": links["regression"],
            "evidence": data["evidence"],
        }

    @staticmethod
    def initial_from(document: dict[str, Any]) -> dict[str, Any]:
        dosage = document["dosage"]
        initial = {
            **{key: document[key] for key in ("name", "summary", "category", "targets", "equipment")},
            "difficulty": document["difficulty"],
            "per_side": document["per_side"],
            "sets": dosage["sets"],
            "dose_kind": dosage["kind"],
            "dose_min": dosage["min"],
            "dose_max": dosage["max"],
            "dose_per_side": dosage["per_side"],
            "dose_unit": dosage["unit"] if dosage["unit"] != DOSE_KINDS[dosage["kind"]] else "",
            "tempo": dosage["tempo"],
            "rest_seconds": dosage["rest_seconds"],
            "load_note": dosage["load"],
            "instructions": "\n".join(document["instructions"]),
            "cue": document["cue"],
            "safety": document["safety"],
            "why": document["why"],
            "contraindications": "\n".join(document["contraindications"]),
            "evidence": document["evidence"],
        }
        for kind in ("progression", "regression"):
            for row, link in enumerate(document[f"{kind}s"][:LINK_ROWS]):
                initial[f"{kind}_{row}"] = link["slug"]
                initial[f"{kind}_{row}_reason"] = link["reason"]
        return initial


class MediaForm(forms.Form):
    """A photo or short video for an exercise; the content is judged by core.media in the service, not here."""

    file = forms.FileField(
        label="Photo or video",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=(
            f"JPEG, PNG or WebP up to {megabytes(MEDIA_PHOTO_BYTES.high)}; MP4 or WebM up to "
            f"{megabytes(MEDIA_VIDEO_BYTES.high)}. Location and camera details are removed from photos."
        ),
    )
    caption = forms.CharField(max_length=int(MEDIA_CAPTION_CHARACTERS.high), required=False)

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        most = MEDIA_VIDEO_BYTES.high
        if (upload.size or 0) > most:
            raise forms.ValidationError(
                f"This file is {megabytes(upload.size or 0)}; at most {megabytes(most)} is accepted."
            )
        return upload
