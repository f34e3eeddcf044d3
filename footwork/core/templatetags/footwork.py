from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """`{{ mapping|get_item:key }}` for dict lookups with a variable key."""
    return mapping.get(key)


@register.filter
def make_list_words(value: str) -> list[str]:
    """`{{ "a b c"|make_list_words }}` → ["a", "b", "c"]."""
    return value.split()
