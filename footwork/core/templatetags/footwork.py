from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone

from footwork.core.wording import day_label

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """`{{ mapping|get_item:key }}` for dict lookups with a variable key."""
    return mapping.get(key)


@register.filter
def make_list_words(value: str) -> list[str]:
    """`{{ "a b c"|make_list_words }}` → ["a", "b", "c"]."""
    return value.split()


@register.filter
def day(value: date | None, today: date | None = None) -> str:
    """`{{ some_date|day }}` → 'Tue 2 Dec', with the year when it is not this year's ('Sun 5 Dec 2027')."""
    if not value:
        return ""
    # A datetime reads as its local day.
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return day_label(value, today or timezone.localdate())
