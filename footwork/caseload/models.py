"""A coach's private notes about a runner: dated, never shown to the runner, changed only by their author."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from footwork.accounts.models import User
from footwork.core.bounds import COACH_NOTE_CHARACTERS


class CoachNote(models.Model):
    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notes_written")
    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="coach_notes")
    body = models.TextField(max_length=int(COACH_NOTE_CHARACTERS.high))
    # The day the note is about (a session seen, a call): the runner's day, which may be before it was written.
    written_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-written_on", "-pk"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["runner", "coach", "written_on"], name="coach_note_runner_day")
        ]

    def __str__(self) -> str:
        return f"Note by {self.coach} about {self.runner} on {self.written_on}"


class RunnerStanding(models.Model):
    """A runner's roster figures that take reading their plans and history: last session, adherence, the run of
    missed days and the load warnings, as of the runner's day `as_of`.

    Kept by the writes that change them (core.derived: logs, check-ins, runs, plans, tests, flare-ups, races) and
    made anew for each day by `footwork jobs daily`; the roster computes on the spot any runner whose row is not of
    their today (selectors.roster), so a row can be late but never wrong."""

    runner = models.OneToOneField(User, on_delete=models.CASCADE, primary_key=True, related_name="+")
    as_of = models.DateField()
    last_session = models.DateField(null=True, blank=True)
    adherence_7d = models.PositiveSmallIntegerField(null=True, blank=True)
    adherence_30d = models.PositiveSmallIntegerField(null=True, blank=True)
    adherence_previous_30d = models.PositiveSmallIntegerField(null=True, blank=True)
    missed_in_a_row = models.PositiveSmallIntegerField(default=0)
    # activities.load.Warning fields (date as ISO, kind, message in km, distances_km), reworded per unit on read.
    load_warnings = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Standing of {self.runner_id} on {self.as_of}"
