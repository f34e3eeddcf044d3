"""The one piece of running advice that follows the exercise decisions."""

from __future__ import annotations

from collections.abc import Sequence

from footwork.core.rules import RUNNING_REDUCE_PERCENT
from footwork.progression.domain.readings import _Context, _light_of, _morning_reading, _Part
from footwork.progression.domain.records import ExerciseDecision, History, RunningAdvice


def _running(
    history: History, decisions: Sequence[ExerciseDecision], logged: set[str], context: _Context
) -> RunningAdvice:
    if history.red_flag or history.red_flag_areas:
        return RunningAdvice("pause", None, ("a red flag is recorded: pause running and see a clinician",))
    labels = context.labels
    parts = [
        _Part(item.light, f"the light of {labels[item.prescription]} is {item.light}")
        for item in decisions
        if item.prescription in logged
    ]
    # A stopped exercise had repeated red days: running must not carry on as if all were well.
    parts += [
        _Part("red", f"{labels[item.prescription]} is stopped")
        for item in decisions
        if item.decision == "stop"
    ]
    if context.checkins and context.baseline is not None:
        latest = context.checkins[-1]
        parts.append(_morning_reading(latest, context.baseline, f"the morning of {context.day(latest.date)}"))
    if context.trend[0] and context.trend[1] is not None:
        parts.append(_Part("red", context.trend[1]))
    light = _light_of(parts)
    drivers = tuple(dict.fromkeys(part.reason for part in parts if part.light == light and light != "green"))
    if light == "red":
        advice = (
            f"reduce weekly running volume by {RUNNING_REDUCE_PERCENT} % and remove hills, speed and "
            "consecutive running days"
        )
        return RunningAdvice("reduce", RUNNING_REDUCE_PERCENT, (*drivers, advice))
    if light == "amber":
        return RunningAdvice(
            "keep", None, (*drivers, "keep your weekly running volume, but drop hills and speed")
        )
    if history.load_warning:
        return RunningAdvice(
            "keep", None, ("a running-load warning is active: keep running, but do not increase this week",)
        )
    return RunningAdvice("keep", None, ("symptoms are green: keep running as planned",))
