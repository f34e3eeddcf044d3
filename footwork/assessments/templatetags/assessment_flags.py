from __future__ import annotations

import re
from collections.abc import Iterable

from django import template

from footwork.assessments.domain import FLAG_LABELS

register = template.Library()

# What a runner reads for each flag; the domain's labels fill in any flag not worded here.
FLAG_WORDS = {
    **FLAG_LABELS,
    "below_norm": "below norm",
    "below_target": "below the runner target",
    "asymmetry": "asymmetry between sides",
    "clear_deficit": "clear deficit — no jumping yet",
    "pain": "painful",
    "fail": "failed",
}
# How sure a norm is, as the battery tags it ([S] sourced, [M] recalled, [E] expert convention).
CERTAINTY_WORDS = {
    "[S]": "",
    "[M]": "recalled value, to be checked against the original paper",
    "[E]": "expert convention",
}
_TAG = re.compile(r"\s*\[[SME]\]")


@register.filter
def flag_label(flag: str) -> str:
    return FLAG_WORDS.get(flag, flag.replace("_", " "))


@register.filter
def flag_labels(flags: Iterable[str]) -> str:
    return ", ".join(flag_label(flag) for flag in flags)


@register.filter
def certainty(tag: str) -> str:
    """'[M]' → 'recalled value, to be checked against the original paper'."""
    return CERTAINTY_WORDS.get(tag, "")


@register.filter
def plain_source(source: str) -> str:
    """A norm's source without the battery's certainty tags ('Noyes FR et al. 1991: … abnormal')."""
    return _TAG.sub("", source)


UNIT_WORDS = {"reps": " reps", "s": " s", "cm": " cm", "pain": "/10", "pass": ""}


@register.filter
def unit_word(unit: str) -> str:
    """What follows a number of a test's unit, its space included: ' reps' (18 reps), ' s', '/10' (3/10)."""
    return UNIT_WORDS.get(unit, f" {unit}")
