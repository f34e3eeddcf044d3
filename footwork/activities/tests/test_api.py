from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from footwork.activities.load import ACWR_CAVEAT
from footwork.activities.models import Run, Shoe
from footwork.activities.tests.factories import run, shoe

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 11, 25, 15, tzinfo=UTC), tick=False):
        yield


@pytest.mark.django_db
def test_record_and_list_runs(client, cast):
    client.force_login(cast.runner)
    pair = shoe(cast.runner, default=True)
    created = client.post(
        "/api/v1/runs",
        {"date": "2026-11-24", "duration_min": 42, "distance_km": 7.5, "rpe": 5, "notes": "easy"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    document = created.json()
    assert document["distance_km"] == 7.5
    assert document["shoe"] == pair.pk
    listed = client.get("/api/v1/runs?start=2026-11-20&end=2026-11-25").json()
    assert [item["id"] for item in listed] == [document["id"]]
    future = client.post(
        "/api/v1/runs",
        {"date": "2026-11-26", "duration_min": 42, "distance_km": 7.5},
        content_type="application/json",
    )
    assert future.status_code == 422
    assert future.json()["field"] == "date"
    assert Run.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["start=2026-11-25&end=2026-11-24", "start=2025-01-01&end=2026-11-25"])
def test_windows_are_checked(client, cast, query):
    client.force_login(cast.runner)
    assert client.get(f"/api/v1/runs?{query}").status_code == 422
    assert client.get(f"/api/v1/load?{query}").status_code == 422


@pytest.mark.django_db
def test_load_document(client, cast):
    for days in range(0, 60, 2):
        run(cast.runner, TODAY - timedelta(days=days), 6)
    client.force_login(cast.coach)
    document = client.get(f"/api/v1/load?start=2026-11-01&end=2026-11-25&runner={cast.runner.pk}").json()
    assert set(document) == {"daily", "weekly", "warnings", "caveat"}
    assert document["caveat"] == ACWR_CAVEAT
    assert len(document["daily"]) == 25
    assert document["daily"][0]["acwr_ewma"] is not None
    assert document["weekly"][0]["week"] == "2026-W44"
    window = f"start=2026-11-01&end=2026-11-25&runner={cast.runner.pk}"
    shorter = client.get(f"/api/v1/load?{window}&fitness_days=14&fatigue_days=3").json()
    assert shorter["daily"][-1]["fitness"] != document["daily"][-1]["fitness"]
    assert shorter["daily"][-1]["acwr_ewma"] == document["daily"][-1]["acwr_ewma"]
    refused = client.get(f"/api/v1/load?{window}&fatigue_days=50")
    assert refused.status_code == 422
    assert refused.json()["field"] == "fatigue_days"


@pytest.mark.django_db
def test_shoes_with_distance(client, cast):
    client.force_login(cast.runner)
    created = client.post(
        "/api/v1/shoes", {"brand": "Acme", "model": "Glide", "drop_mm": 8}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["is_default"] is True
    run(cast.runner, TODAY, 10, shoe=Shoe.objects.get())
    (item,) = client.get("/api/v1/shoes").json()
    assert item["distance_km"] == 10
    too_steep = client.post(
        "/api/v1/shoes", {"brand": "Acme", "model": "Stack", "drop_mm": 25}, content_type="application/json"
    )
    assert too_steep.status_code == 422


@pytest.mark.django_db
def test_import_files_by_multipart_then_read_the_status(client, cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.FOOTWORK_IMPORT_INLINE = False  # the immediate backend still runs the task inline
    fixtures = Path(__file__).parent / "fixtures"
    client.force_login(cast.coach)
    with (
        (fixtures / "fit" / "10kUNLP2014-Garmin15.fit").open("rb") as run_file,
        (fixtures / "fit" / "garmin-fenix-5-bike.fit").open("rb") as ride_file,
    ):
        response = client.post(f"/api/v1/imports?runner={cast.runner.pk}", {"files": [run_file, ride_file]})
    assert response.status_code == 201, response.content
    created = response.json()
    status = client.get(f"/api/v1/imports/{created['id']}").json()
    assert status["status"] == "done"
    assert (status["total"], status["done"]) == (2, 2)
    assert status["counts"] == {"imported": 1, "duplicates": 0, "skipped": 1, "refused": 0}
    assert status["results"]["imported"][0]["name"] == "10kUNLP2014-Garmin15.fit"
    assert Run.objects.get().runner == cast.runner
    assert not (tmp_path / "data" / "uploads" / str(created["id"])).exists()
    client.force_login(cast.other_runner)
    assert client.get(f"/api/v1/imports/{created['id']}").status_code == 404
