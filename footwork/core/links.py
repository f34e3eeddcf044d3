"""Addresses of many rows of one route, reversed once: every address of a route is the same path around its id."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from footwork.core.limits import MAX_ID


def id_link(route: str, *leading: str) -> Callable[[int], str]:
    """The address of `route` for each id given (after the `leading` arguments, the same for all), from one reverse:
    a list of a thousand rows would otherwise resolve the route a thousand times (a third of its time)."""
    before, after = reverse(route, args=[*leading, MAX_ID]).rsplit(str(MAX_ID), 1)
    return lambda pk: f"{before}{pk}{after}"
