"""Runs, shoes and running load over the API."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from pydantic import field_validator

from footwork.activities import selectors, services, tasks
from footwork.activities.importers.track import MOVING_SPEED_MS
from footwork.activities.models import ImportBatch, Sport
from footwork.activities.series import MAX_POINTS, PACE_WINDOW_S
from footwork.core import bounds
from footwork.core.api import Window, actor, documents_response, runner_of_window, whose
from footwork.core.limits import Id

router = Router(tags=["activities"])


class RunIn(Schema):
    date: datetime.date = Field(..., description="The runner's local date of the run.")
    # The ranges of core.bounds, the same the service checks and the importers use.
    duration_min: float = Field(
        ..., gt=bounds.MANUAL_RUN_DURATION.low / 60, le=bounds.MANUAL_RUN_DURATION.high / 60
    )
    distance_km: float = Field(
        ..., ge=bounds.ACTIVITY_DISTANCE.low / 1000, le=bounds.ACTIVITY_DISTANCE.high / 1000
    )
    rpe: int | None = Field(
        None, description="Session effort, Borg CR-10 (0-10).", ge=bounds.RPE.low, le=bounds.RPE.high
    )
    shoe: Id | None = Field(None, description="One of the runner's shoes; default: their default pair.")
    notes: str = ""
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class RunOut(Schema):
    id: int
    date: datetime.date
    start: datetime.datetime
    sport: str
    sport_assumed: bool = Field(
        ...,
        description="The file named no sport and Footwork took it for a run by its speed; PATCH sport to confirm.",
    )
    distance_km: float
    duration_min: float
    elapsed_min: float
    elevation_gain_m: float | None
    avg_hr: int | None
    max_hr: int | None
    avg_cadence: int | None
    rpe: int | None
    shoe: int | None
    source: str
    notes: str


class TrackQuery(Schema):
    full: bool = Field(False, description=f"true or 1: every stored point; default: at most {MAX_POINTS:,}.")

    @field_validator("full", mode="before")
    @classmethod
    def _true_or_false(cls, value: object) -> object:
        # Pydantic also reads yes/no/on/off/t/f as booleans; the schema promises true/false or 1/0, nothing else.
        if isinstance(value, str) and value.lower() not in {"true", "false", "1", "0"}:
            raise ValueError("full is true or false (or 1 or 0)")
        return value


# Each series is one list over the same points (index i of every list is point i); a missing sample is null.
Samples = list[float | None] | None
WholeSamples = list[int | None] | None


class TrackSeries(Schema):
    elapsed_s: Samples = Field(..., description="Seconds from the start (0.1 s).")
    distance_m: Samples = Field(..., description="Metres from the start (0.1 m).")
    pace_s_per_km: Samples = Field(
        ...,
        description=f"Seconds per km over about {PACE_WINDOW_S:g} s around the point (0.1 s); null while standing "
        f"still (slower than {MOVING_SPEED_MS:g} m/s).",
    )
    heart_rate: WholeSamples = Field(..., description="Beats per minute.")
    cadence: WholeSamples = Field(..., description="Steps per minute.")
    elevation_m: Samples = Field(..., description="Metres above sea level (0.1 m).")


class TrackOut(Schema):
    points: int = Field(..., description="Points returned: the length of every series.")
    total_points: int = Field(..., description="Points stored for the run.")
    downsampled: bool = Field(..., description="Fewer points returned than stored (points < total_points).")
    series: TrackSeries = Field(
        ...,
        description="Every key is always present; a series is null when the run has no value of it at any point "
        "(no heart-rate strap, no altitude, no distance), and a list holds null where one sample is missing.",
    )


class RunTrackOut(RunOut):
    track: TrackOut | None = Field(..., description="null for a run without a track (entered by hand).")


class RunPatch(Schema):
    sport: Sport | None = Field(
        None,
        description="What it was; the run sports (running, trail_running, treadmill) count in running load.",
    )
    rpe: int | None = Field(None, description="Session effort, Borg CR-10 (0-10); null clears it.")
    notes: str | None = None


class LoadOut(Schema):
    daily: list[dict[str, Any]]
    weekly: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    caveat: str


class LoadWindow(Window):
    fitness_days: int | None = Field(None, description="Fitness time constant in days (default 42).")
    fatigue_days: int | None = Field(
        None, description="Fatigue time constant in days (default 7; below fitness)."
    )


class RunnerQuery(Schema):
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class ShoeIn(Schema):
    brand: str
    model: str
    drop_mm: float = Field(..., description="Heel-to-toe drop, 0-20 mm.")
    started_on: datetime.date | None = None
    is_default: bool = False
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class ShoeOut(Schema):
    id: int
    brand: str
    model: str
    drop_mm: float
    started_on: datetime.date
    retired_on: datetime.date | None
    is_default: bool
    distance_km: float


@router.get("/runs", response=list[RunOut], summary="Runs in a window")
def list_runs(request: HttpRequest, window: Query[Window]) -> HttpResponse:
    runner = runner_of_window(request, window)
    runs = selectors.runs_of(runner, window.start, window.end)
    return documents_response([selectors.run_document(run) for run in runs])


@router.post("/runs", response={201: RunOut}, summary="Record a run by hand")
def create_run(request: HttpRequest, payload: RunIn) -> Status[dict[str, Any]]:
    run = services.record_manual_run(
        actor=actor(request),
        runner_id=payload.runner,
        day=payload.date,
        duration_min=payload.duration_min,
        distance_km=payload.distance_km,
        rpe=payload.rpe,
        shoe_id=payload.shoe,
        notes=payload.notes,
    )
    return Status(201, selectors.run_document(run))


@router.get(
    "/runs/{run_id}",
    response=RunTrackOut,
    summary="A run with its track series, for charts",
    description=f"The run as in the list, plus its track: elapsed time, distance, pace, heart rate, cadence and "
    f"elevation at the same points, evenly thinned to at most {MAX_POINTS:,} points (the first and last kept), or "
    "every stored point with `?full=1`.",
)
def get_run(request: HttpRequest, run_id: Id, params: Query[TrackQuery]) -> dict[str, object]:
    return selectors.run_track_document(selectors.run_for(actor(request), run_id), full=params.full)


@router.patch("/runs/{run_id}", response=RunOut, summary="Change a run's sport, effort or notes")
def change_run(request: HttpRequest, run_id: Id, payload: RunPatch) -> dict[str, Any]:
    # Only the fields sent change; a sport sent as null is refused by the service.
    changes = payload.dict(exclude_unset=True)
    run = services.update_run(actor=actor(request), run_id=run_id, **changes)
    return selectors.run_document(run)


@router.get("/load", response=LoadOut, summary="Running load: daily and weekly series, warnings, caveat")
def running_load(request: HttpRequest, window: Query[LoadWindow]) -> dict[str, object]:
    runner = runner_of_window(request, window)
    constants = selectors.time_constants(window.fitness_days, window.fatigue_days)
    return selectors.load_document(runner, window.start, window.end, constants)


@router.get("/shoes", response=list[ShoeOut], summary="Shoes, with the kilometres run in each")
def list_shoes(request: HttpRequest, params: Query[RunnerQuery]) -> list[dict[str, object]]:
    runner = whose(request, params.runner)
    distances = selectors.shoe_distances(runner)
    return [selectors.shoe_document(shoe, distances.get(shoe.pk, 0.0)) for shoe in selectors.shoes_of(runner)]


@router.post("/shoes", response={201: ShoeOut}, summary="Add a pair of shoes")
def create_shoe(request: HttpRequest, payload: ShoeIn) -> Status[dict[str, object]]:
    shoe = services.create_shoe(
        actor=actor(request),
        runner_id=payload.runner,
        brand=payload.brand,
        model=payload.model,
        drop_mm=payload.drop_mm,
        started_on=payload.started_on,
        is_default=payload.is_default,
    )
    return Status(201, selectors.shoe_document(shoe, 0.0))


class ImportCreated(Schema):
    id: int
    status: str


class ImportOut(Schema):
    id: int
    runner: int
    status: str
    total: int = Field(
        ...,
        description="Files to import, a zip counting as its members (activities.csv rows) once it is open; "
        "until then it counts as one.",
    )
    done: int = Field(
        ..., description="Files and archive members finished so far (saved about twice a second)."
    )
    counts: dict[str, int]
    results: dict[str, list[dict[str, Any]]]
    error: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None


def _import_document(batch: ImportBatch) -> dict[str, Any]:
    return {
        "id": batch.pk,
        "runner": batch.runner_id,
        "status": batch.status,
        "total": batch.total,
        "done": batch.done,
        "counts": batch.counts,
        "results": batch.results,
        "error": batch.error,
        "created_at": batch.created_at,
        "finished_at": batch.finished_at,
    }


# Optional, so an empty upload gets our own message rather than ninja's; File() is untyped for mypy. Django's parser
# refuses more files than the setting (400, core.limits); the schema states the same most.
OPTIONAL_FILES = File(  # type: ignore[type-arg]
    None,
    max_length=settings.FOOTWORK_MAX_UPLOAD_FILES,
    description=f"Activity files or zips, at most {settings.FOOTWORK_MAX_UPLOAD_FILES} in one upload.",
)


@router.post("/imports", response={201: ImportCreated}, summary="Import runs from activity files (multipart)")
def create_import(
    request: HttpRequest,
    params: Query[RunnerQuery],
    files: list[UploadedFile] | None = OPTIONAL_FILES,
) -> Status[dict[str, Any]]:
    uploads = [(upload.name or "upload", upload.chunks()) for upload in files or []]
    batch = services.create_import_batch(actor=actor(request), runner_id=params.runner, files=uploads)
    tasks.start_import(batch.pk)
    batch.refresh_from_db()
    return Status(201, {"id": batch.pk, "status": batch.status})


@router.get("/imports/{import_id}", response=ImportOut, summary="An import's progress and per-file results")
def get_import(request: HttpRequest, import_id: Id) -> dict[str, Any]:
    return _import_document(services.import_batch_visible_to(actor(request), import_id))
