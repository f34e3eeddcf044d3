"""More than one painful area: the one check of the list, the migration of one-area profiles, service, API, pages."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from footwork.accounts.domain import (
    PainfulAreasProblem,
    PainSite,
    legacy_sites,
    parse_painful_areas,
    site_name,
    sites_in_words,
)
from footwork.accounts.models import PainfulArea, RunnerProfile
from footwork.accounts.services import update_runner_profile
from footwork.core.errors import InvalidInput

ACHILLES_LEFT = {"area": "achilles", "side": "left"}
HEEL_RIGHT = {"area": "plantar_heel", "side": "right"}


# --- The check of the list (pure) ----------------------------------------------------------------------------


def test_a_list_keeps_its_order_primary_first():
    assert parse_painful_areas([HEEL_RIGHT, ACHILLES_LEFT]) == [
        PainSite("plantar_heel", "right"),
        PainSite("achilles", "left"),
    ]
    assert parse_painful_areas([]) == []


def test_every_area_once_up_to_all_four():
    four = [{"area": area, "side": "both"} for area in ("achilles", "plantar_heel", "calf", "other")]
    assert len(parse_painful_areas(four)) == 4
    with pytest.raises(PainfulAreasProblem, match="Achilles tendon is listed twice") as caught:
        parse_painful_areas([ACHILLES_LEFT, HEEL_RIGHT, {"area": "achilles", "side": "right"}])
    assert (caught.value.index, caught.value.part) == (2, "area")


@pytest.mark.parametrize(
    ("value", "index", "part", "words"),
    [
        ([{"area": "none", "side": "left"}], 0, "area", "not an area Footwork knows"),
        ([{"area": "knee", "side": "left"}], 0, "area", "not an area Footwork knows"),
        ([ACHILLES_LEFT, {"area": "calf", "side": "none"}], 1, "side", "Say which side of the calf hurts"),
        ([{"area": "calf", "side": ""}], 0, "side", "left, right or both"),
        ([{"area": ["calf"], "side": "left"}], 0, "area", "not an area"),
        ([{"area": "calf"}], 0, "area", "must name an area and a side"),
        ([{"area": "calf", "side": "left", "pain": 3}], 0, "area", "nothing else"),
        (["achilles"], 0, "area", "must name an area and a side"),
        ("achilles", None, "area", "must be a list"),
        (None, None, "area", "must be a list"),
    ],
)
def test_what_a_list_may_not_hold(value, index, part, words):
    with pytest.raises(PainfulAreasProblem, match=words) as caught:
        parse_painful_areas(value)
    assert (caught.value.index, caught.value.part) == (index, part)
    assert "plantar_heel" not in caught.value.message


def test_areas_read_as_plain_words():
    assert sites_in_words(parse_painful_areas([ACHILLES_LEFT, HEEL_RIGHT])) == (
        "left Achilles tendon and right plantar heel"
    )
    assert site_name(PainSite("calf", "both")) == "both calves"
    assert site_name(PainSite("other", "right")) == "another area on the right"
    three = [PainSite("achilles", "both"), PainSite("plantar_heel", "left"), PainSite("calf", "right")]
    assert sites_in_words(three) == "both Achilles tendons, left plantar heel and right calf"
    assert sites_in_words([]) == ""


def test_the_vocabulary_is_the_old_one_without_none():
    from footwork.accounts.domain import AREA_NAMES

    assert set(AREA_NAMES) == set(PainfulArea.values) - {"none"}


def test_a_one_area_profile_stands_for_a_one_item_list():
    assert legacy_sites("achilles", "left") == [PainSite("achilles", "left")]
    # An area without a side watches both legs.
    assert legacy_sites("calf", "none") == [PainSite("calf", "both")]
    assert legacy_sites("none", "left") == []


# --- The migration of existing profiles ----------------------------------------------------------------------

BEFORE = [("accounts", "0003_runnerprofile_auto_apply")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_profile_one_area():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User, Profile = old.get_model("accounts", "User"), old.get_model("accounts", "RunnerProfile")
    rows = {
        "achilles-left": ("achilles", "left"),
        "heel-both": ("plantar_heel", "both"),
        "calf-no-side": ("calf", "none"),
        "none": ("none", "none"),
        "side-only": ("none", "right"),
    }
    for name, (area, side) in rows.items():
        user = User.objects.create(email=f"{name}@example.test", role="runner")
        Profile.objects.create(user=user, painful_area=area, painful_side=side)

    executor = MigrationExecutor(connection)
    # Up to accounts' latest migration (0004 and after), so the current models below match the tables.
    executor.migrate([node for node in executor.loader.graph.leaf_nodes() if node[0] == "accounts"])
    migrated = {
        profile.user.email.split("@")[0]: profile.painful_areas
        for profile in RunnerProfile.objects.select_related("user")
    }
    assert migrated == {
        "achilles-left": [{"area": "achilles", "side": "left"}],
        "heel-both": [{"area": "plantar_heel", "side": "both"}],
        "calf-no-side": [{"area": "calf", "side": "both"}],
        "none": [],
        "side-only": [],
    }
    profile = RunnerProfile.objects.get(user__email="achilles-left@example.test")
    assert (profile.painful_area, profile.painful_side) == ("achilles", "left")
    assert profile.get_painful_area_display() == "Achilles tendon"

    # Back again: the primary area returns to the old fields.
    RunnerProfile.objects.filter(pk=profile.pk).update(painful_areas=[HEEL_RIGHT, ACHILLES_LEFT])
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    back = old.get_model("accounts", "RunnerProfile").objects.get(pk=profile.pk)
    assert (back.painful_area, back.painful_side) == ("plantar_heel", "right")
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


# --- The model, the service and the API ----------------------------------------------------------------------


@pytest.fixture
def profile(cast):
    return cast.runner.runner_profile


def test_old_readers_see_the_primary_area(profile):
    assert (profile.painful_area, profile.painful_side, profile.painful_area_names) == ("none", "none", "")
    assert profile.get_painful_area_display() == "None"
    profile.painful_areas = [HEEL_RIGHT, ACHILLES_LEFT]
    assert (profile.painful_area, profile.painful_side) == ("plantar_heel", "right")
    assert profile.get_painful_side_display() == "Right"
    assert profile.painful_area_names == "right plantar heel and left Achilles tendon"


def test_the_service_saves_a_list(cast, profile):
    update_runner_profile(actor=cast.runner, changes={"painful_areas": [ACHILLES_LEFT, HEEL_RIGHT]})
    profile.refresh_from_db()
    assert profile.painful_areas == [ACHILLES_LEFT, HEEL_RIGHT]
    update_runner_profile(actor=cast.runner, changes={"painful_areas": []})
    profile.refresh_from_db()
    assert profile.painful_areas == []


def test_the_old_keys_make_a_one_item_list(cast, profile):
    update_runner_profile(actor=cast.runner, changes={"painful_area": "achilles", "painful_side": "left"})
    profile.refresh_from_db()
    assert profile.painful_areas == [ACHILLES_LEFT]
    update_runner_profile(actor=cast.runner, changes={"painful_side": "right"})
    profile.refresh_from_db()
    assert profile.painful_areas == [{"area": "achilles", "side": "right"}]
    update_runner_profile(actor=cast.runner, changes={"painful_area": "none"})
    profile.refresh_from_db()
    assert profile.painful_areas == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"painful_areas": [ACHILLES_LEFT, ACHILLES_LEFT]}, "painful_areas"),
        ({"painful_areas": [{"area": "knee", "side": "left"}]}, "painful_areas"),
        ({"painful_areas": "achilles"}, "painful_areas"),
        ({"painful_areas": [HEEL_RIGHT], "painful_area": "achilles"}, "painful_areas"),
        ({"painful_area": "knee"}, "painful_area"),
    ],
)
def test_a_refused_list_changes_nothing(cast, profile, changes, field):
    update_runner_profile(actor=cast.runner, changes={"painful_areas": [HEEL_RIGHT]})
    with pytest.raises(InvalidInput) as caught:
        update_runner_profile(actor=cast.runner, changes={**changes, "goal_race_name": "Paris"})
    assert caught.value.field == field
    profile.refresh_from_db()
    assert (profile.painful_areas, profile.goal_race_name) == ([HEEL_RIGHT], "")


def patch(client, body, headers):
    return client.patch("/api/v1/me", json.dumps(body), content_type="application/json", headers=headers)


def test_the_api_reads_and_changes_the_list(client, cast, profile, token_for):
    headers = token_for(cast.runner)
    runner = client.get("/api/v1/me", headers=headers).json()["runner_profile"]
    assert (runner["painful_areas"], runner["painful_area"], runner["painful_side"]) == ([], "none", "none")
    changed = patch(client, {"painful_areas": [ACHILLES_LEFT, HEEL_RIGHT]}, headers)
    assert changed.status_code == 200
    runner = changed.json()["runner_profile"]
    assert runner["painful_areas"] == [ACHILLES_LEFT, HEEL_RIGHT]
    assert (runner["painful_area"], runner["painful_side"]) == ("achilles", "left")
    assert patch(client, {"painful_side": "both"}, headers).json()["runner_profile"]["painful_areas"] == [
        {"area": "achilles", "side": "both"}
    ]


@pytest.mark.parametrize(
    "body",
    [
        {"painful_areas": [ACHILLES_LEFT, {"area": "achilles", "side": "right"}]},
        {"painful_areas": [{"area": "knee", "side": "left"}]},
        {"painful_areas": [{"area": "calf", "side": "none"}]},
        {"painful_areas": [{"area": "calf"}]},
        {"painful_areas": "calf"},
        {"painful_areas": None},
        {"painful_areas": [ACHILLES_LEFT], "painful_area": "calf"},
    ],
)
def test_the_api_refuses_a_bad_list_with_422(client, cast, profile, token_for, body):
    headers = token_for(cast.runner)
    patch(client, {"painful_areas": [HEEL_RIGHT]}, headers)
    refused = patch(client, {**body, "goal_race_name": "Paris"}, headers)
    assert refused.status_code == 422
    profile.refresh_from_db()
    assert (profile.painful_areas, profile.goal_race_name) == ([HEEL_RIGHT], "")


# --- The profile page and the coach's page -------------------------------------------------------------------

FORM = {"birth_year": "1988", "time_zone": "UTC"}


def test_the_profile_page_adds_and_removes_areas(client, cast, profile):
    client.force_login(cast.runner)
    page = client.get("/account/profile/").content.decode()
    assert 'name="area_1"' in page
    assert 'name="side_4"' in page
    saved = client.post(
        "/account/profile/",
        {**FORM, "area_1": "achilles", "side_1": "left", "area_2": "plantar_heel", "side_2": "right"},
    )
    assert saved.status_code == 302
    profile.refresh_from_db()
    assert profile.painful_areas == [ACHILLES_LEFT, HEEL_RIGHT]
    account = client.get("/account/").content.decode()
    assert "Left Achilles tendon and right plantar heel" in account
    # Row 1 left at "—": the plantar heel is now the only, so the main, area.
    client.post(
        "/account/profile/",
        {**FORM, "area_1": "", "side_1": "left", "area_2": "plantar_heel", "side_2": "right"},
    )
    profile.refresh_from_db()
    assert profile.painful_areas == [HEEL_RIGHT]


def test_a_refused_area_keeps_the_answers_and_says_why_beside_it(client, cast, profile):
    client.force_login(cast.runner)
    refused = client.post(
        "/account/profile/",
        {
            **FORM,
            "goal_race_name": "Berlin",
            "area_1": "calf",
            "side_1": "left",
            "area_2": "calf",
            "side_2": "right",
        },
    )
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'id="id_area_2_error"' in page
    assert "The calf is listed twice" in page
    assert 'value="Berlin"' in page
    assert '<option value="calf" selected>' in page
    missing_side = client.post("/account/profile/", {**FORM, "area_1": "calf", "side_1": ""}).content.decode()
    assert 'id="id_side_1_error"' in missing_side
    profile.refresh_from_db()
    assert (profile.painful_areas, profile.goal_race_name) == ([], "")


def test_the_coach_sees_every_area(client, cast, profile):
    update_runner_profile(actor=cast.runner, changes={"painful_areas": [ACHILLES_LEFT, HEEL_RIGHT]})
    client.force_login(cast.coach)
    page = client.get(f"/coaching/runners/{cast.runner.pk}/").content.decode()
    assert "Left Achilles tendon and right plantar heel" in page
    assert "plantar_heel" not in page
