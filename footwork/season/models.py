"""A runner's races and, after race day, how each went."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from footwork.accounts.models import User
from footwork.core import bounds
from footwork.season.domain import Priority

# The ranges of core.bounds, held by the database too.
_PAIN = (int(bounds.PAIN_READING.low), int(bounds.PAIN_READING.high))
_TIME_MAX = int(bounds.RACE_TIME_S.high)


class RacePriority(models.TextChoices):
    A = Priority.A.value, "A: goal race"
    B = Priority.B.value, "B: tune-up race"
    C = Priority.C.value, "C: training race"


def _pain_in_range(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": _PAIN[0], f"{field}__lte": _PAIN[1]})


def _time_in_range(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": 0, f"{field}__lte": _TIME_MAX})


class Race(models.Model):
    """A race on a runner's calendar; the result fields stay empty until it is recorded, on or after race day."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="races")
    name = models.CharField(max_length=int(bounds.RACE_NAME_CHARACTERS.high))
    date = models.DateField()
    distance_km = models.FloatField()
    priority = models.CharField(max_length=1, choices=RacePriority.choices)
    goal_seconds = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=int(bounds.RACE_TEXT_CHARACTERS.high))
    # The result: finish time (null for a race not finished or not timed), pain 0-10, words.
    finish_seconds = models.PositiveIntegerField(null=True, blank=True)
    how_it_went = models.TextField(blank=True, max_length=int(bounds.RACE_TEXT_CHARACTERS.high))
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    # The next morning: a pain reading or a few words (never both).
    next_morning = models.TextField(blank=True, max_length=int(bounds.RACE_TEXT_CHARACTERS.high))
    next_morning_pain = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["date", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(F("runner"), F("date"), Lower("name"), name="one_race_of_a_name_a_day"),
            models.CheckConstraint(
                condition=Q(
                    distance_km__gt=bounds.RACE_DISTANCE_KM.low, distance_km__lte=bounds.RACE_DISTANCE_KM.high
                ),
                name="race_distance_in_range",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="race_has_a_name"),
            models.CheckConstraint(condition=Q(priority__in=RacePriority.values), name="race_priority_a_b_c"),
            models.CheckConstraint(condition=_time_in_range("goal_seconds"), name="race_goal_in_range"),
            models.CheckConstraint(condition=_time_in_range("finish_seconds"), name="race_finish_in_range"),
            models.CheckConstraint(condition=_pain_in_range("pain_during"), name="race_pain_during_0_10"),
            models.CheckConstraint(condition=_pain_in_range("pain_after"), name="race_pain_after_0_10"),
            models.CheckConstraint(
                condition=_pain_in_range("next_morning_pain"), name="race_next_morning_pain_0_10"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_result(self) -> bool:
        return self.recorded_at is not None


class CalendarFeed(models.Model):
    """A user's private calendar feed (a runner's training and season, a coach's runners'), and its reminder time.

    Only the SHA-256 digest of the secret in the feed's address is stored, as for API tokens: a copy of the database
    opens no one's calendar. The address is shown once, when it is made or rotated; a runner who lost it rotates.
    The row outlives a revoked feed (digest empty), so the reminder time is kept for the next one.
    """

    owner = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # The sessions' time of day, in the runner's zone, with an alarm; none: all-day sessions and no alarm.
    reminder = models.TimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.owner}'s calendar feed"

    @property
    def is_active(self) -> bool:
        return self.digest is not None
