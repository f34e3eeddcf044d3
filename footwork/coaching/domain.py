"""Alerts gathered into events, in the order a coach deals with them. Pure: plain dataclasses in and out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

# What a coach deals with first: safety (red flags, stops), then steps back, missed days, load and flare-ups.
KIND_ORDER = ("red_flag", "stop", "regress", "missed_days", "load_spike", "flare_up")
# A kind as a coach reads it: the heading of an event, singular and plural.
KIND_WORDS = {
    "red_flag": ("Red flag", "Red flags"),
    "stop": ("Stop and see a clinician", "Stops: see a clinician"),
    "regress": ("Step back", "Steps back"),
    "missed_days": ("Missed days", "Missed days"),
    "load_spike": ("Load spike", "Load spikes"),
    "flare_up": ("Flare-up", "Flare-ups"),
}


@dataclass(frozen=True)
class AlertItem:
    """One stored alert, with the runner's local day it was raised on."""

    id: int
    runner: int
    kind: str
    message: str
    link: str
    created_at: datetime
    day: date
    event: str  # the stored grouping key, or ""
    read: bool
    resolved: bool
    resolution_note: str = ""


@dataclass(frozen=True)
class AlertEvent:
    """Alerts of one runner that are one thing to deal with: one red flag, or every stop of one day."""

    id: int  # its first alert's id: stable while later alerts join it
    runner: int
    kind: str
    day: date
    items: tuple[AlertItem, ...]  # oldest first

    @property
    def created_at(self) -> datetime:
        return self.items[-1].created_at

    @property
    def read(self) -> bool:
        return all(item.read for item in self.items)

    @property
    def resolved(self) -> bool:
        return all(item.resolved for item in self.items)

    @property
    def resolution_note(self) -> str:
        return next((item.resolution_note for item in self.items if item.resolution_note), "")

    @property
    def heading(self) -> str:
        single, plural = KIND_WORDS.get(self.kind, ("Alert", "Alerts"))
        return single if len(self.items) == 1 else f"{plural} ({len(self.items)})"

    @property
    def message(self) -> str:
        """The alert's message, or for several the heading: each item keeps its own message (the exercises)."""
        return self.items[0].message if len(self.items) == 1 else self.heading

    @property
    def link(self) -> str:
        return next((item.link for item in self.items if item.link), "")


def kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def day_event(day: date) -> str:
    """The event key of an alert that is one of its runner's kind that day (every "stop" of one day)."""
    return f"day:{day.isoformat()}"


def event_key(item: AlertItem) -> tuple[int, str, str]:
    """The event an alert belongs to: its runner, kind and stored key (the runner's day when none was given)."""
    return (item.runner, item.kind, item.event or day_event(item.day))


def group_events(items: Iterable[AlertItem]) -> list[AlertEvent]:
    """Alerts as events: open before resolved, red flags and stops first, then by kind, newest first."""
    groups: dict[tuple[int, str, str], list[AlertItem]] = {}
    for item in sorted(items, key=lambda item: (item.created_at, item.id)):
        groups.setdefault(event_key(item), []).append(item)
    events = [
        AlertEvent(members[0].id, members[0].runner, members[0].kind, members[0].day, tuple(members))
        for members in groups.values()
    ]
    events.sort(key=lambda event: event.created_at, reverse=True)
    events.sort(key=lambda event: (event.resolved, kind_rank(event.kind)))
    return events
