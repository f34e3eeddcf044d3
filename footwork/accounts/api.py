"""`/api/v1/me`: the signed-in account and its profile."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import BaseModel, field_validator
from pydantic.json_schema import SkipJsonSchema

from footwork.accounts import selectors, services
from footwork.core.api import actor

router = Router(tags=["accounts"])


# The profile comes out as plain pydantic models, not ninja Schemas: they are made from dicts, never from model
# instances, and ninja's per-object getter was a third of the time of listing 200 runners. The OpenAPI is the same.
class CoachRef(BaseModel):
    id: int
    name: str


UnitsValue = Literal["km", "mi"]
UNITS_DESCRIPTION = (
    "How the web pages, forms, handouts and command-line tables show distances and paces to this runner: km (and "
    "min/km) or mi (and min/mi). The API itself is always metric: distances in km or m, paces in seconds per km."
)
WEEKLY_DISTANCE_DESCRIPTION = "Current weekly distance in km, whatever units says."

AreaValue = Literal["achilles", "plantar_heel", "calf", "other"]
SideValue = Literal["left", "right", "both"]


class PainSiteSchema(Schema):
    area: AreaValue
    side: SideValue


class RunnerProfileOut(BaseModel):
    birth_year: int | None
    sex: str
    dominant_leg: str
    painful_areas: list[PainSiteSchema] = Field(description="Primary area first; each area once.")
    painful_side: str = Field(description="The primary area's side, or none (kept for one-area clients).")
    painful_area: str = Field(description="The primary area, or none (kept for one-area clients).")
    running_years: float | None
    weekly_distance_km: float | None = Field(description=WEEKLY_DISTANCE_DESCRIPTION)
    goal_race_name: str
    goal_race_date: datetime.date | None
    units: UnitsValue = Field(description=UNITS_DESCRIPTION)
    coach: CoachRef | None


class CoachProfileOut(BaseModel):
    display_name: str
    profession: str
    client_count: int


class ProfileOut(BaseModel):
    id: int
    email: str
    name: str
    role: Literal["runner", "coach"]
    runner_profile: RunnerProfileOut | None
    coach_profile: CoachProfileOut | None


# Fields left out are unchanged; null clears birth year, running years, weekly distance and race date. The others
# store no null: their None only stands for "not sent" (SkipJsonSchema keeps it out of the schema), and a null sent
# for one is refused (422) rather than failing at the database.
class ProfilePatch(Schema):
    birth_year: int | None = None
    sex: Literal["", "female", "male"] | SkipJsonSchema[None] = None
    dominant_leg: Literal["", "left", "right"] | SkipJsonSchema[None] = None
    painful_areas: list[PainSiteSchema] | SkipJsonSchema[None] = Field(
        None, description="Every painful area with its side, primary first; [] for none. Replaces the list."
    )
    painful_side: Literal["none", "left", "right", "both"] | SkipJsonSchema[None] = Field(
        None, description="Old one-area form: with painful_area, stands for a one-item painful_areas."
    )
    painful_area: Literal["none", "achilles", "plantar_heel", "calf", "other"] | SkipJsonSchema[None] = None
    running_years: float | None = None
    weekly_distance_km: float | None = Field(None, description=WEEKLY_DISTANCE_DESCRIPTION)
    goal_race_name: str | SkipJsonSchema[None] = None
    goal_race_date: datetime.date | None = None
    units: UnitsValue | SkipJsonSchema[None] = Field(None, description=UNITS_DESCRIPTION)
    display_name: str | SkipJsonSchema[None] = None
    profession: str | SkipJsonSchema[None] = None

    @field_validator(
        "sex", "dominant_leg", "painful_areas", "painful_side", "painful_area", "goal_race_name", "units",
        "display_name", "profession", mode="before",
    )  # fmt: skip
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("send a value, or leave the field out to keep it (null is not a value here)")
        return value


@router.get("/me", response=ProfileOut, summary="The signed-in account and its profile")
def me(request: HttpRequest) -> dict[str, Any]:
    return selectors.profile_document(actor(request))


@router.patch("/me", response=ProfileOut, summary="Change your profile")
def update_me(request: HttpRequest, payload: ProfilePatch) -> dict[str, Any]:
    user = actor(request)
    changes = payload.model_dump(exclude_unset=True)
    if user.is_coach:
        services.update_coach_profile(actor=user, changes=changes)
    else:
        services.update_runner_profile(actor=user, changes=changes)
    user.refresh_from_db()
    return selectors.profile_document(user)
