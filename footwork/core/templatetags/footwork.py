from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils import timezone

from footwork.core import units as unit_words
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


# Distances and paces in the units of the runner a page is about (`units` in its context: "km" or "mi").
def _number(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


@register.filter(expects_localtime=True)
def clock_time(value: datetime | None) -> str:
    """`{{ moment|clock_time }}` → '07:05', in the active time zone (Django's `time:"H:i"` at a fraction of its cost,
    for lists of hundreds of moments)."""
    return "" if value is None else f"{value:%H:%M}"


@register.filter
def distance(metres: Any, units: str = unit_words.KM) -> str:
    """`{{ run.distance_m|distance:units }}` → '8.2 km' or '5.1 mi'."""
    value = _number(metres)
    return unit_words.distance_text(None if value is None else value / 1000, units)


@register.filter
def km_distance(km: Any, units: str = unit_words.KM) -> str:
    """`{{ profile.weekly_distance_km|km_distance:units }}` → '62.0 km' or '38.5 mi'; '—' for none."""
    return unit_words.distance_text(_number(km), units)


@register.filter
def in_units(km: Any, units: str = unit_words.KM) -> float | str:
    """`{{ week.distance_km|in_units:units|floatformat:1 }}`: the number alone, for a column headed by the unit."""
    value = _number(km)
    return "" if value is None else unit_words.from_km(value, units)


@register.filter
def pace(seconds_per_km: Any, units: str = unit_words.KM) -> str:
    """`{{ run.pace_s_per_km|pace:units }}` → '5:32 /km' or '8:54 /mi'."""
    return unit_words.pace_text(_number(seconds_per_km), units)


@register.filter
def distance_unit(units: str) -> str:
    """`{{ units|distance_unit }}` → 'km' or 'mi'."""
    return unit_words.distance_unit(units)


@register.filter
def pace_unit(units: str) -> str:
    """`{{ units|pace_unit }}` → 'min/km' or 'min/mi'."""
    return unit_words.pace_unit(units)


@register.filter
def unit_name(units: str) -> str:
    """`{{ units|unit_name }}` → 'kilometres' or 'miles'."""
    return unit_words.unit_name(units)
