"""Races as a season knows them: a name, a date, a distance and a priority. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "DISTANCES_KM",
    "FIFTY_K_KM",
    "FIVE_K_KM",
    "HALF_MARATHON_KM",
    "MARATHON_KM",
    "PRIORITY_RANK",
    "TEN_K_KM",
    "Priority",
    "Race",
]

# The standard road distances, in km (a half and a marathon as World Athletics measures them).
FIVE_K_KM = 5.0
TEN_K_KM = 10.0
HALF_MARATHON_KM = 21.0975
MARATHON_KM = 42.195
FIFTY_K_KM = 50.0
# The names a command or form may accept for a distance.
DISTANCES_KM: dict[str, float] = {
    "5k": FIVE_K_KM,
    "10k": TEN_K_KM,
    "half": HALF_MARATHON_KM,
    "marathon": MARATHON_KM,
    "50k": FIFTY_K_KM,
}


class Priority(StrEnum):
    """A: the goal race the season is laid backwards from; B: a tune-up with a short taper; C: a training race."""

    A = "A"
    B = "B"
    C = "C"


# When two claims on a day tie, the higher priority (lower rank) decides.
PRIORITY_RANK = {Priority.A: 0, Priority.B: 1, Priority.C: 2}


@dataclass(frozen=True)
class Race:
    name: str
    date: date
    distance_km: float
    priority: Priority
