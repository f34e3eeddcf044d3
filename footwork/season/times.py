"""Race times as people type and read them: "3:15:00" (h:mm:ss) or "25:30" (mm:ss). Pure."""

from __future__ import annotations

import re

from footwork.core.bounds import RACE_TIME_S

__all__ = ["TIME_HELP", "parse_time", "time_words"]

TIME_HELP = "h:mm:ss, e.g. 3:15:00 (or mm:ss, e.g. 24:30)"
_TIME = re.compile(r"^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})$")


def parse_time(text: str, name: str = "time") -> int:
    """Whole seconds of "h:mm:ss" or "mm:ss"; ValueError with the reason otherwise."""
    match = _TIME.match(text.strip())
    if match is None:
        raise ValueError(f"{name} is written {TIME_HELP}")
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if (match.group(1) is not None and minutes > 59) or seconds > 59:
        raise ValueError(f"{name} has minutes and seconds of at most 59: {TIME_HELP}")
    total = hours * 3600 + minutes * 60 + seconds
    reason = RACE_TIME_S.check(total, name)
    if reason is not None:
        raise ValueError(reason)
    return total


def time_words(seconds: int) -> str:
    """'3:15:00' for a time of an hour or more, else '24:30'."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
