"""Form inputs drawn without the template engine: the same HTML as Django's input templates, a tenth of the time.

Django renders every widget through `django/forms/widgets/input.html` and `attrs.html`; on /today/ the check-in's
few inputs were a third of the page's rendering. These write the same markup directly (tests compare the two).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict[str, Any]) -> str:
    """attrs.html: every attribute, True ones bare, False ones left out, all escaped."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{conditional_escape(str(value))}"')
    return "".join(parts)


def input_html(widget: dict[str, Any]) -> SafeString:
    """What input.html makes of a widget context: type, name, the value when there is one, then every attribute
    (True ones bare, False ones left out), all escaped."""
    parts = [
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
    ]
    if widget["value"] is not None:
        parts.append(f' value="{conditional_escape(str(widget["value"]))}"')
    parts.append(_attributes(widget["attrs"]))
    parts.append(">")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def select_html(widget: dict[str, Any]) -> SafeString:
    """What select.html and select_option.html make of a select's context without option groups (a list of 200
    runners took Django's templates 10 ms)."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            raise ValueError("select_html draws no option groups")
        for option in options:
            value = conditional_escape(str(option["value"]))
            label = conditional_escape(str(option["label"]))
            parts.append(f'\n  <option value="{value}"{_attributes(option["attrs"])}>{label}</option>\n')
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


class DirectRender:
    """Mixin for an input widget: render() builds the HTML itself instead of through the form renderer."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        context = self.get_context(name, value, attrs)  # type: ignore[attr-defined]
        return input_html(context["widget"])


class NumberInput(DirectRender, forms.NumberInput):
    pass


class TextInput(DirectRender, forms.TextInput):
    pass


class HiddenInput(DirectRender, forms.HiddenInput):
    pass


class Select(forms.Select):
    """A select whose options are written directly (no option groups), the same markup as Django's."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return select_html(self.get_context(name, value, attrs)["widget"])
