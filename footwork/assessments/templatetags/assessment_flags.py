from __future__ import annotations

from collections.abc import Iterable

from django import template

from footwork.assessments.domain import FLAG_LABELS

register = template.Library()


@register.filter
def flag_label(flag: str) -> str:
    return FLAG_LABELS.get(flag, flag)


@register.filter
def flag_labels(flags: Iterable[str]) -> str:
    return ", ".join(FLAG_LABELS.get(flag, flag) for flag in flags)
