"""Plain words for people: dates as "Tue 2 Dec", amounts with their unit. Pure: standard library only.

Every date a person reads goes through `day_label` (never `isoformat()`), so runners and coaches see the same
short, unambiguous form everywhere: reasons of the decision engine, pages, handouts and CLI tables.
"""

from __future__ import annotations

from datetime import date

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day: date, today: date | None = None) -> str:
    """'Tue 2 Dec', with the year ('Tue 2 Dec 2025') when it is not the year of `today`."""
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


# Unit words of a dose kind, singular and plural; an exercise may name its own (the sideways walk counts "passes").
_UNITS = {"reps": ("rep", "reps"), "hold_seconds": ("second", "seconds"), "jumps": ("jump", "jumps")}


def unit_word(kind: str, amount: int, unit: str = "") -> str:
    """The unit a person counts in: 'passes' when the exercise says so, else reps, seconds or jumps."""
    if unit:
        if amount != 1 or not unit.endswith("s"):
            return unit
        # "passes" → "pass", "steps" → "step"
        return unit[:-2] if unit.endswith("sses") else unit[:-1]
    singular, plural = _UNITS.get(kind, ("", ""))
    return singular if amount == 1 else plural


def amount_label(kind: str, amount: int, unit: str = "") -> str:
    """'3 passes', '20 seconds', '1 jump'."""
    return f"{amount} {unit_word(kind, amount, unit)}".strip()
