from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from footwork.accounts.models import User


class Shoe(models.Model):
    """A pair of running shoes; the runner's default goes on new runs."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="shoes")
    brand = models.CharField(max_length=60)
    model = models.CharField(max_length=80)
    drop_mm = models.DecimalField(
        "heel-to-toe drop (mm)",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
    )
    started_on = models.DateField()
    retired_on = models.DateField(null=True, blank=True)
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["retired_on", "-started_on", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(drop_mm__gte=0, drop_mm__lte=20), name="shoe_drop_0_20"),
        ]

    def __str__(self) -> str:
        return f"{self.brand} {self.model}"


class RunSource(models.TextChoices):
    MANUAL = "manual", "Entered by hand"
    FILE = "file", "Imported file"


class Sport(models.TextChoices):
    """What a run can be called; the run sports (importers.RUN_SPORTS) count in running load, the others do not."""

    RUNNING = "running", "Run"
    TRAIL_RUNNING = "trail_running", "Trail run"
    TREADMILL = "treadmill", "Treadmill run"
    WALKING = "walking", "Walk (not a run)"
    HIKING = "hiking", "Hike (not a run)"
    CYCLING = "cycling", "Ride (not a run)"
    OTHER = "other", "Something else (not a run)"


class Run(models.Model):
    """One run (or other endurance session) as recorded."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="runs")
    start = models.DateTimeField(help_text="UTC.")
    local_date = models.DateField(help_text="The runner's local date of the start.")
    sport = models.CharField(max_length=30, choices=Sport.choices, default=Sport.RUNNING)
    # The file named no sport and its speed made it a run: the run page asks the runner to confirm or correct it.
    sport_assumed = models.BooleanField(default=False)
    distance_m = models.FloatField()
    moving_s = models.FloatField()
    elapsed_s = models.FloatField()
    elevation_gain_m = models.FloatField(null=True, blank=True)
    avg_hr = models.PositiveSmallIntegerField(null=True, blank=True)
    max_hr = models.PositiveSmallIntegerField(null=True, blank=True)
    avg_cadence = models.PositiveSmallIntegerField(null=True, blank=True)
    rpe = models.PositiveSmallIntegerField(
        "session effort (CR-10)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    shoe = models.ForeignKey(Shoe, on_delete=models.SET_NULL, null=True, blank=True, related_name="runs")
    source = models.CharField(max_length=10, choices=RunSource.choices, default=RunSource.MANUAL)
    source_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    track = models.BinaryField(null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-start", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["runner", "sha256"], condition=~Q(sha256=""), name="one_file_per_runner"
            ),
            models.CheckConstraint(
                condition=Q(distance_m__gte=0, moving_s__gte=0, elapsed_s__gte=0),
                name="run_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(elevation_gain_m__isnull=True) | Q(elevation_gain_m__gte=0),
                name="run_elevation_non_negative",
            ),
            models.CheckConstraint(condition=Q(rpe__isnull=True) | Q(rpe__lte=10), name="run_rpe_0_10"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["runner", "local_date"]),
            # An import looks for a run starting within a minute of each file's start.
            models.Index(fields=["runner", "start"], name="run_runner_start"),
        ]

    def __str__(self) -> str:
        return f"{self.runner} ran {self.distance_m / 1000:.1f} km on {self.local_date}"

    @property
    def distance_km(self) -> float:
        return self.distance_m / 1000

    @property
    def pace_s_per_km(self) -> float | None:
        return self.moving_s / self.distance_km if self.distance_m > 0 else None

    @property
    def duration_text(self) -> str:
        return _clock(self.moving_s)

    @property
    def pace_text(self) -> str:
        pace = self.pace_s_per_km
        return "—" if pace is None else f"{_clock(pace)} /km"


def _clock(seconds: float) -> str:
    """1:02:03 or 42:05."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Importing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ImportBatch(models.Model):
    """Uploaded activity files waiting for, going through or done with the import task."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="import_batches")
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    # The uploaded names in order; the files wait as uploads/<batch id>/<index> until processed.
    file_names = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    results = models.JSONField(default=dict)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} for {self.runner} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 if self.is_finished else round(100 * self.done / self.total) if self.total else 0
