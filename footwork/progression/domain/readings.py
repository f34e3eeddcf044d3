"""The readings the rules judge, each with the light it gives and the reason that says so."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from footwork.core.rules import PAIN_AMBER_MAX, PAIN_GREEN_MAX
from footwork.core.wording import day_label
from footwork.progression.domain.lights import morning_light, reading_light, worst
from footwork.progression.domain.records import CheckinRecord, EntryRecord, Light, SessionRecord
from footwork.progression.domain.wording import _num, _where

_BANDS: dict[str, str] = {
    "green": f"{PAIN_GREEN_MAX} or less",
    "amber": f"{PAIN_GREEN_MAX + 1} to {PAIN_AMBER_MAX}",
    "red": f"above {PAIN_AMBER_MAX}",
}


def _as_read(checkin: CheckinRecord, areas: frozenset[str]) -> CheckinRecord:
    """The check-in as an exercise loading `areas` reads it: the worst of those areas when given, else overall.

    Only a reading of the exercise's own areas keeps `areas` (its entries), so that reasons can name the area.
    """
    own = tuple(item for item in checkin.areas if item[0] in areas)
    if not own:
        return replace(checkin, areas=())
    return CheckinRecord(checkin.date, max(item[1] for item in own), max(item[2] for item in own), own)


@dataclass(frozen=True)
class _Part:
    """One part of a worst-of: its light (None: not counted) and the reason that says so."""

    light: Light | None
    reason: str


def _reading_part(name: str, pain: int | None, day: str) -> _Part:
    if pain is None:
        return _Part(None, f"{name} not recorded on {day}: not counted")
    light = reading_light(pain)
    return _Part(light, f"{name} was {pain}/10 ({light}: {_BANDS[light]})")


def _morning_reading(checkin: CheckinRecord, baseline: float, when: str) -> _Part:
    # Pain and stiffness are both held against the baseline; the worse of the two speaks.
    name, value = (
        ("stiffness", checkin.stiffness) if checkin.stiffness > checkin.pain else ("pain", checkin.pain)
    )
    light = morning_light(value, baseline)
    relation = f"{_num(value - baseline)} above" if value > baseline else "at or below"
    where = _where(checkin, name, value)
    return _Part(
        light,
        f"{where}{name} {when} was {value}/10, {relation} your {_num(baseline)}/10 baseline ({light})",
    )


@dataclass(frozen=True)
class _Context:
    today: date
    sessions: tuple[SessionRecord, ...]  # up to today, by date
    checkins: tuple[CheckinRecord, ...]  # up to today, by date, as read for the areas judged (_as_read)
    mornings: dict[date, CheckinRecord]
    baseline: float | None
    trend: tuple[bool, str | None]
    held_back: tuple[str, ...]  # why plyometrics are held back; empty: they are not
    names: Mapping[str, str]  # exercise slug → name
    labels: Mapping[str, str]  # prescription id → the name of its exercise
    red_flag_areas: frozenset[str]
    stop_all: bool  # a red flag that is not for an area exercises load specifically: every exercise stops

    def day(self, value: date) -> str:
        return day_label(value, self.today)


def _morning_part(day: date, context: _Context) -> _Part:
    after = f"the morning after {context.day(day)}"
    if context.baseline is None:
        return _Part(None, f"no baseline morning pain yet: {after} not counted")
    checkin = context.mornings.get(day + timedelta(days=1))
    if checkin is None:
        return _Part(None, f"no check-in {after}: not counted")
    return _morning_reading(checkin, context.baseline, "the morning after")


Item = tuple[SessionRecord, EntryRecord]


def _session_parts(item: Item, context: _Context) -> list[_Part]:
    session, entry = item
    day = context.day(session.date)
    return [
        _reading_part("pain during", entry.pain_during, day),
        _reading_part("pain after", session.pain_after, day),
        _morning_part(session.date, context),
    ]


def _light_of(parts: Iterable[_Part]) -> Light:
    return worst(part.light for part in parts if part.light is not None)


def _trend_part(trend: tuple[bool, str | None]) -> list[_Part]:
    red, reason = trend
    return [] if reason is None else [_Part("red" if red else None, reason)]


def _exercise_light(item: Item, context: _Context) -> tuple[Light, list[str]]:
    parts = _session_parts(item, context) + _trend_part(context.trend)
    return _light_of(parts), [f"last session: {context.day(item[0].date)}", *(part.reason for part in parts)]
