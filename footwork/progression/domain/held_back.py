"""Why plyometrics are held back now (CLINICAL §7)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from footwork.core.rules import PAIN_AMBER_MAX, PLYO_AMBER_HOURS
from footwork.progression.domain.lights import reading_light
from footwork.progression.domain.readings import _Context, _morning_reading
from footwork.progression.domain.records import CheckinRecord, History
from footwork.progression.domain.wording import _where

_NO_JUMPING = "no jumping for now"
# The plyometric look-back in whole days: 48 h back from any time today reaches into the day before yesterday.
_PLYO_DAYS = math.ceil(PLYO_AMBER_HOURS / 24)


def _recent_reading(name: str, pain: int, day: date, context: _Context) -> str | None:
    within = f"on {context.day(day)}, within the last {PLYO_AMBER_HOURS} h"
    if pain > PAIN_AMBER_MAX:
        return f"{name} was {pain}/10 (above {PAIN_AMBER_MAX}/10) {within} — {_NO_JUMPING}"
    light = reading_light(pain)
    return None if light == "green" else f"{name} was {pain}/10 ({light}) {within} — {_NO_JUMPING}"


def _held_back(history: History, context: _Context) -> tuple[str, ...]:
    """Why plyometrics are held back now: test exclusions, then any amber or red reading in the look-back."""
    since = context.today - timedelta(days=_PLYO_DAYS)
    found: list[str | None] = list(history.plyometric_exclusions)
    for session in (item for item in context.sessions if item.date >= since):
        for entry in session.entries:
            if entry.pain_during is not None:
                name = f"pain during {context.labels.get(entry.prescription, 'an exercise')}"
                found.append(_recent_reading(name, entry.pain_during, session.date, context))
        if session.pain_after is not None:
            found.append(_recent_reading("pain after the session", session.pain_after, session.date, context))
    for checkin in (item for item in context.checkins if item.date >= since):
        found.append(_recent_morning(checkin, context))
    return tuple(dict.fromkeys(reason for reason in found if reason))


def _recent_morning(checkin: CheckinRecord, context: _Context) -> str | None:
    if checkin.pain > PAIN_AMBER_MAX:
        name = f"{_where(checkin, 'pain', checkin.pain)}morning pain"
        return _recent_reading(name, checkin.pain, checkin.date, context)
    if context.baseline is None:
        return None
    part = _morning_reading(checkin, context.baseline, f"the morning of {context.day(checkin.date)}")
    return (
        None
        if part.light == "green"
        else f"{part.reason}, within the last {PLYO_AMBER_HOURS} h — {_NO_JUMPING}"
    )
