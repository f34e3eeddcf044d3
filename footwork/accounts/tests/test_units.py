"""The units setting: chosen on the profile page or PATCH /api/v1/me; the API itself stays metric."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from footwork.accounts.services import update_runner_profile
from footwork.activities.tests.factories import run, shoe
from footwork.core.clock import today_for
from footwork.core.errors import InvalidInput

pytestmark = pytest.mark.django_db


def test_a_new_runner_reads_kilometres(cast):
    assert cast.runner.runner_profile.units == "km"


def test_the_profile_page_saves_miles_and_the_account_page_says_so(client, cast):
    client.force_login(cast.runner)
    form = client.get("/account/profile/").content.decode()
    assert "Kilometres (km, min/km)" in form
    assert "Miles (mi, min/mi)" in form
    assert "Current weekly distance (km)" in form
    saved = client.post("/account/profile/", {"time_zone": "UTC", "units": "mi", "weekly_distance": "40"})
    assert saved.status_code == 302
    profile = cast.runner.runner_profile
    profile.refresh_from_db()
    # The weekly distance was typed beside kilometres: it is 40 km.
    assert (profile.units, profile.weekly_distance_km) == ("mi", Decimal("40.0"))
    account = client.get("/account/").content.decode()
    assert "Miles (mi, min/mi)" in account
    assert "24.9 mi/week" in account
    # Now typed in miles, and stored in km (one decimal, as the profile keeps it).
    assert "Current weekly distance (mi)" in client.get("/account/profile/").content.decode()
    client.post("/account/profile/", {"time_zone": "UTC", "units": "mi", "weekly_distance": "25"})
    profile.refresh_from_db()
    assert profile.weekly_distance_km == Decimal("40.2")


def test_a_weekly_distance_in_miles_is_refused_in_miles(client, cast):
    client.force_login(cast.runner)
    update_runner_profile(actor=cast.runner, changes={"units": "mi"})
    refused = client.post("/account/profile/", {"time_zone": "UTC", "units": "mi", "weekly_distance": "400"})
    assert refused.status_code == 200
    assert "Weekly distance 400 mi is above 310.7 mi." in refused.content.decode()


def test_a_profile_form_without_the_choice_keeps_the_setting(client, cast):
    update_runner_profile(actor=cast.runner, changes={"units": "mi"})
    client.force_login(cast.runner)
    assert client.post("/account/profile/", {"time_zone": "UTC"}).status_code == 302
    cast.runner.runner_profile.refresh_from_db()
    assert cast.runner.runner_profile.units == "mi"


def test_the_service_refuses_unknown_units(cast):
    with pytest.raises(InvalidInput, match="units"):
        update_runner_profile(actor=cast.runner, changes={"units": "furlongs"})


def test_a_coach_sees_the_runners_units(client, cast):
    update_runner_profile(actor=cast.runner, changes={"units": "mi", "weekly_distance_km": 40})
    client.force_login(cast.coach)
    page = client.get(f"/coaching/runners/{cast.runner.pk}/").content.decode()
    assert "24.9 mi/week" in page
    assert "Miles (mi, min/mi)" in page


def test_the_api_shows_and_changes_units_and_stays_metric(client, cast, token_for):
    headers = token_for(cast.runner)
    assert client.get("/api/v1/me", headers=headers).json()["runner_profile"]["units"] == "km"
    patched = client.patch(
        "/api/v1/me", json.dumps({"units": "mi", "weekly_distance_km": 40}),
        content_type="application/json", headers=headers,
    )  # fmt: skip
    profile = patched.json()["runner_profile"]
    assert (profile["units"], profile["weekly_distance_km"]) == ("mi", 40.0)
    for value in ("furlongs", None):
        bad = client.patch(
            "/api/v1/me", json.dumps({"units": value}), content_type="application/json", headers=headers
        )
        assert bad.status_code == 422
        assert bad.json()["field"].startswith("units")
    # Every distance the API gives is in km, and every pace in seconds per km, whatever the setting.
    pair = shoe(cast.runner, default=True)
    run(cast.runner, today_for(cast.runner), 10, minutes=50, shoe=pair)
    day = today_for(cast.runner).isoformat()
    listed = client.get(f"/api/v1/runs?start={day}&end={day}", headers=headers).json()
    assert listed[0]["distance_km"] == 10.0
    assert client.get("/api/v1/shoes", headers=headers).json()[0]["distance_km"] == 10.0
    assert (
        client.get(f"/api/v1/load?start={day}&end={day}", headers=headers).json()["weekly"][-1]["distance_km"]
        == 10.0
    )
    created = client.post(
        "/api/v1/runs", json.dumps({"date": day, "duration_min": 30, "distance_km": 5}),
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert created.json()["distance_km"] == 5.0


def test_the_openapi_says_the_api_is_metric(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "seconds per km" in schema["info"]["description"]
    units = schema["components"]["schemas"]["RunnerProfileOut"]["properties"]["units"]
    assert units["enum"] == ["km", "mi"]
    assert "always metric" in units["description"]


def test_the_demo_has_sam_in_miles_and_maya_in_kilometres():
    from footwork.accounts.models import User
    from footwork.demo import RUNNER, SELF_GUIDED, load_demo

    load_demo()
    sam, maya = (User.objects.get(email=login.email).runner_profile for login in (SELF_GUIDED, RUNNER))
    assert (sam.units, maya.units) == ("mi", "km")
