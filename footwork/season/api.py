"""Races, their results and the season over the API: metric (km) and seconds, ISO dates, exact enum strings."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from footwork.core import bounds
from footwork.core.api import Window, actor, documents_response, runner_of_window, whose
from footwork.core.errors import NotAllowed
from footwork.core.limits import Id
from footwork.season import selectors, services
from footwork.season.calendar_page import calendar_days, calendar_documents
from footwork.season.domain import Priority, season_document

router = Router(tags=["season"])

# The ranges of core.bounds, the same the service, the forms and the CLI check.
Name = Annotated[
    str,
    Field(min_length=int(bounds.RACE_NAME_CHARACTERS.low), max_length=int(bounds.RACE_NAME_CHARACTERS.high)),
]
DistanceKm = Annotated[
    float,
    Field(
        gt=bounds.RACE_DISTANCE_KM.low,
        le=bounds.RACE_DISTANCE_KM.high,
        description="In km: 5, 10, 21.0975 (half), 42.195 (marathon), 50 or any other.",
    ),
]
Seconds = Annotated[int, Field(gt=bounds.RACE_TIME_S.low, le=bounds.RACE_TIME_S.high)]
Text = Annotated[str, Field(max_length=int(bounds.RACE_TEXT_CHARACTERS.high))]
Pain = Annotated[int, Field(ge=bounds.PAIN_READING.low, le=bounds.PAIN_READING.high, description="0-10.")]
RaceDate = Annotated[
    datetime.date,
    Field(description="Race day: from a year ago (to record how a past race went) to five years ahead."),
]


class RaceIn(Schema):
    name: Name
    date: RaceDate
    distance_km: DistanceKm
    priority: Priority = Field(..., description="A: goal race; B: tune-up; C: training race.")
    goal_seconds: Seconds | None = Field(None, description="Goal time in seconds.")
    notes: Text = ""
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class RacePatch(Schema):
    name: Name | None = None
    date: RaceDate | None = None
    distance_km: DistanceKm | None = None
    priority: Priority | None = None
    goal_seconds: Seconds | None = Field(None, description="Goal time in seconds; null clears it.")
    notes: Text | None = Field(None, description="null or empty clears them.")


class ResultIn(Schema):
    finish_seconds: Seconds | None = Field(None, description="null: did not finish, or not timed.")
    how_it_went: Text = ""
    pain_during: Pain
    pain_after: Pain
    next_morning: Pain | Text | None = Field(
        None, description="The next morning: a pain reading 0-10, or a few words."
    )


class ResultOut(Schema):
    finish_seconds: int | None
    how_it_went: str
    pain_during: int | None
    pain_after: int | None
    next_morning: int | str | None
    recorded_at: datetime.datetime


class RaceOut(Schema):
    id: int
    name: str
    date: datetime.date
    distance_km: float
    priority: Priority
    goal_seconds: int | None
    notes: str
    result: ResultOut | None = Field(..., description="null until the result is recorded, from race day on.")


class RunnerQuery(Schema):
    runner: Id | None = Field(None, description="Coaches: one of your runners. Default: yourself.")


class SeasonRaceOut(Schema):
    name: str
    date: datetime.date
    distance_km: float
    priority: Priority
    in_plan: bool


class SeasonPhaseOut(Schema):
    phase: str
    start: datetime.date
    end: datetime.date
    race: str | None


class SeasonRunningOut(Schema):
    min_percent: int | None
    max_percent: int | None
    note: str


class SeasonDayOut(Schema):
    date: datetime.date
    phase: str
    race: str | None
    days_to_race: int | None
    strength: str
    running: SeasonRunningOut


class SeasonWarningOut(Schema):
    kind: str
    race: str | None
    message: str


class SeasonOut(Schema):
    races: list[SeasonRaceOut]
    phases: list[SeasonPhaseOut]
    days: list[SeasonDayOut]
    warnings: list[SeasonWarningOut]


@router.get("/races", response=list[RaceOut], summary="Races, by date")
def list_races(request: HttpRequest, params: Query[RunnerQuery]) -> list[dict[str, Any]]:
    """Your races; a coach's without ?runner are all their runners' races."""
    if params.runner is None:
        races = selectors.races_visible_to(actor(request))
    else:
        races = selectors.races_of(whose(request, params.runner))
    return [selectors.race_document(race) for race in races]


@router.post("/races", response={201: RaceOut}, summary="Add a race")
def create_race(request: HttpRequest, payload: RaceIn) -> Status[dict[str, Any]]:
    race = services.add_race(
        actor=actor(request),
        runner_id=payload.runner,
        name=payload.name,
        date=payload.date,
        distance_km=payload.distance_km,
        priority=payload.priority.value,
        goal_seconds=payload.goal_seconds,
        notes=payload.notes,
    )
    return Status(201, selectors.race_document(race))


@router.get("/races/{race_id}", response=RaceOut, summary="A race, with its result")
def get_race(request: HttpRequest, race_id: Id) -> dict[str, Any]:
    return selectors.race_document(selectors.race_for(actor(request), race_id))


@router.patch("/races/{race_id}", response=RaceOut, summary="Change a race")
def change_race(request: HttpRequest, race_id: Id, payload: RacePatch) -> dict[str, Any]:
    # Only the fields sent change; null clears the goal time and the notes and is refused for the rest.
    changes = payload.dict(exclude_unset=True)
    if isinstance(changes.get("priority"), Priority):
        changes["priority"] = changes["priority"].value
    race = services.update_race(actor=actor(request), race_id=race_id, **changes)
    return selectors.race_document(race)


@router.delete("/races/{race_id}", response={204: None}, summary="Take a race off the calendar")
def remove_race(request: HttpRequest, race_id: Id) -> Status[None]:
    services.delete_race(actor=actor(request), race_id=race_id)
    return Status(204, None)


@router.post(
    "/races/{race_id}/result",
    response=RaceOut,
    summary="Record how a race went (from race day on)",
    description="Recording it again replaces it. A pain above 5 (the red line) calls for the flare-up toolbox.",
)
def record_result(request: HttpRequest, race_id: Id, payload: ResultIn) -> dict[str, Any]:
    morning = payload.next_morning
    race = services.record_result(
        actor=actor(request),
        race_id=race_id,
        finish_seconds=payload.finish_seconds,
        how_it_went=payload.how_it_went,
        pain_during=payload.pain_during,
        pain_after=payload.pain_after,
        next_morning=morning if isinstance(morning, str) else "",
        next_morning_pain=morning if isinstance(morning, int) else None,
    )
    return selectors.race_document(race)


@router.get(
    "/season",
    response=SeasonOut,
    summary="The season laid backwards from the races",
    description="The same document as `footwork season --json`: every day from the runner's today to the end of "
    "the last race's recovery, with its phase, strength rule and running.",
)
def get_season(request: HttpRequest, params: Query[RunnerQuery]) -> dict[str, Any]:
    return season_document(selectors.season_of(whose(request, params.runner)))


class CalendarRace(Schema):
    id: int
    name: str


class CalendarSession(Schema):
    plan: int
    session: int
    status: str = Field(..., description="done, partial, missed, held_back, skipped, due or upcoming.")


class CalendarRun(Schema):
    id: int
    distance_km: float


class CalendarDayOut(Schema):
    date: datetime.date
    phase: str | None = Field(..., description="The season's phase that day, or null outside the season.")
    race: CalendarRace | None
    sessions: list[CalendarSession]
    runs: list[CalendarRun]


@router.get(
    "/calendar", response=list[CalendarDayOut], summary="A runner's days: phase, race, sessions, runs"
)
def calendar(request: HttpRequest, window: Query[Window]) -> HttpResponse:
    runner = runner_of_window(request, window)
    if not runner.is_runner:
        raise NotAllowed("A calendar is a runner's: choose one of your runners.")
    return documents_response(calendar_documents(calendar_days(runner, window.start, window.end)))
