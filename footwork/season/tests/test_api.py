"""The races and season API: exact JSON keys, metric values, who may see what, refusals as 4xx with a reason."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from typer.testing import CliRunner

from footwork.cli import _register, app
from footwork.season.models import Race

from .factories import race

pytestmark = pytest.mark.django_db
TODAY = datetime(2026, 9, 18, 12, tzinfo=UTC)
RACE_KEYS = {"id", "name", "date", "distance_km", "priority", "goal_seconds", "notes", "result"}
RESULT_KEYS = {"finish_seconds", "how_it_went", "pain_during", "pain_after", "next_morning", "recorded_at"}
CHICAGO = {"name": "Chicago Marathon", "date": "2026-10-11", "distance_km": 42.195, "priority": "A"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def post(client, path, body, headers=None):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers or {})


def test_a_race_document_has_exactly_its_keys(client, cast, token_for):
    headers = token_for(cast.runner)
    created = post(client, "/api/v1/races", {**CHICAGO, "goal_seconds": 12540, "notes": "even"}, headers)
    assert created.status_code == 201, created.content
    document = created.json()
    assert set(document) == RACE_KEYS
    assert document == {
        "id": document["id"], **CHICAGO, "goal_seconds": 12540, "notes": "even", "result": None,
    }  # fmt: skip
    assert client.get("/api/v1/races", headers=headers).json() == [document]
    assert client.get(f"/api/v1/races/{document['id']}", headers=headers).json() == document


def test_results_from_race_day_on_with_exact_keys(client, cast, token_for):
    headers = token_for(cast.runner)
    chicago = race(cast.runner)
    answer = {"finish_seconds": 12600, "how_it_went": "Hot.", "pain_during": 3, "pain_after": 6}
    early = post(client, f"/api/v1/races/{chicago.pk}/result", answer, headers)
    assert early.status_code == 422
    assert "from race day on" in early.json()["detail"]
    with time_machine.travel(datetime(2026, 10, 12, 9, tzinfo=UTC), tick=False):
        done = post(client, f"/api/v1/races/{chicago.pk}/result", {**answer, "next_morning": 4}, headers)
        assert done.status_code == 200, done.content
        result = done.json()["result"]
        assert set(result) == RESULT_KEYS
        assert (result["pain_after"], result["next_morning"], result["finish_seconds"]) == (6, 4, 12600)
        words = post(
            client, f"/api/v1/races/{chicago.pk}/result", {**answer, "next_morning": "stiff"}, headers
        )
        assert words.json()["result"]["next_morning"] == "stiff"
        refused = post(client, f"/api/v1/races/{chicago.pk}/result", {**answer, "next_morning": 11}, headers)
        assert refused.status_code == 422


def test_patch_and_delete(client, cast, token_for):
    headers = token_for(cast.coach)
    chicago = race(cast.runner, goal_seconds=12000)
    changed = client.patch(f"/api/v1/races/{chicago.pk}", {"priority": "B", "goal_seconds": None},
                           content_type="application/json", headers=headers)  # fmt: skip
    assert changed.status_code == 200, changed.content
    assert (changed.json()["priority"], changed.json()["goal_seconds"]) == ("B", None)
    nulled = client.patch(f"/api/v1/races/{chicago.pk}", {"name": None}, content_type="application/json",
                          headers=headers)  # fmt: skip
    assert nulled.status_code == 422
    assert client.delete(f"/api/v1/races/{chicago.pk}", headers=headers).status_code == 204
    assert not Race.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {**CHICAGO, "distance_km": 0},
        {**CHICAGO, "distance_km": 1e308},
        {**CHICAGO, "priority": "D"},
        {**CHICAGO, "date": "2026-02-30"},
        {**CHICAGO, "date": "2020-01-01"},
        {**CHICAGO, "name": ""},
        {**CHICAGO, "goal_seconds": -5},
        {**CHICAGO, "runner": 2**63},
    ],
)
def test_impossible_races_are_4xx_with_a_reason(client, cast, token_for, body):
    response = post(client, "/api/v1/races", body, token_for(cast.runner))
    assert response.status_code in {404, 422}, response.content
    assert response.json()["detail"]
    assert not Race.objects.exists()


def test_nan_in_the_body_is_refused(client, cast, token_for):
    body = json.dumps(CHICAGO).replace("42.195", "NaN")
    response = client.post(
        "/api/v1/races", body, content_type="application/json", headers=token_for(cast.runner)
    )
    assert 400 <= response.status_code < 500
    assert not Race.objects.exists()


def test_a_duplicate_is_422_and_a_past_race_is_kept(client, cast, token_for):
    headers = token_for(cast.runner)
    assert post(client, "/api/v1/races", CHICAGO, headers).status_code == 201
    again = post(client, "/api/v1/races", {**CHICAGO, "name": "CHICAGO MARATHON"}, headers)
    assert again.status_code == 422
    assert again.json()["field"] == "name"
    past = post(client, "/api/v1/races", {**CHICAGO, "name": "Spring Half", "date": "2026-04-12"}, headers)
    assert past.status_code == 201


def test_the_season_is_the_cli_document(client, cast, token_for):
    race(cast.runner)
    race(cast.runner, name="Boston Marathon", day=date(2027, 4, 19))
    api = client.get(f"/api/v1/season?runner={cast.runner.pk}", headers=token_for(cast.coach))
    assert api.status_code == 200
    _register()
    printed = CliRunner().invoke(app, ["season", "--user", cast.runner.email, "--json"])
    assert printed.exit_code == 0, printed.output
    assert api.json() == json.loads(printed.output)
    assert set(api.json()) == {"races", "phases", "days", "warnings"}
    assert client.get("/api/v1/season", headers=token_for(cast.coach)).status_code == 403


def test_outsiders_get_no_such_race(client, cast, token_for):
    chicago = race(cast.runner)
    for outsider in (cast.other_runner, cast.other_coach):
        headers = token_for(outsider)
        assert client.get("/api/v1/races", headers=headers).json() == []
        for response in (
            client.get(f"/api/v1/races/{chicago.pk}", headers=headers),
            client.patch(f"/api/v1/races/{chicago.pk}", {"name": "Mine"}, content_type="application/json",
                         headers=headers),
            client.delete(f"/api/v1/races/{chicago.pk}", headers=headers),
        ):  # fmt: skip
            assert response.status_code == 404
            assert response.json() == {"detail": "No such race.", "field": None} or response.json() == {
                "detail": "No such race."
            }
        assert client.get(f"/api/v1/season?runner={cast.runner.pk}", headers=headers).status_code == 404
    assert Race.objects.get().name == "Chicago Marathon"
