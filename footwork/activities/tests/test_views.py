from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from footwork.activities.load import ACWR_CAVEAT, DEFAULT_TIME_CONSTANTS
from footwork.activities.models import ImportBatch, Run, Shoe
from footwork.activities.tests.factories import run, shoe
from footwork.progression.models import FlareUp
from footwork.training.models import MorningCheckin

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 11, 25, 15, tzinfo=UTC), tick=False):
        yield


@pytest.mark.django_db
def test_runs_page_lists_filters_and_adds(client, cast):
    pair = shoe(cast.runner, default=True)
    run(cast.runner, TODAY - timedelta(days=2), 8, minutes=45, shoe=pair)
    run(cast.runner, TODAY - timedelta(days=40), 12)
    client.force_login(cast.runner)
    page = client.get("/runs/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "8.0</span> km in 1 run" in text
    assert "Acme Glide" in text
    assert 'href="/runs/"' in client.get("/today/").content.decode()
    wider = client.get("/runs/?start=2026-10-01&end=2026-11-25").content.decode()
    assert "20.0</span> km in 2 runs" in wider
    saved = client.post("/runs/", {"day": "2026-11-25", "duration_min": "30", "distance": "5", "rpe": "4"})
    assert saved.status_code == 302
    assert Run.objects.filter(runner=cast.runner, local_date=TODAY, shoe=pair).exists()
    refused = client.post("/runs/", {"day": "2026-11-26", "duration_min": "30", "distance": "5"}, follow=True)
    assert "is in the future" in refused.content.decode()
    assert Run.objects.count() == 3


@pytest.mark.django_db
def test_a_coach_adds_a_run_for_a_client(client, cast):
    client.force_login(cast.coach)
    response = client.post(
        f"/runs/?runner={cast.runner.pk}", {"day": "2026-11-25", "duration_min": "30", "distance": "5"}
    )
    assert response["Location"] == f"/runs/?runner={cast.runner.pk}"
    assert Run.objects.get().runner == cast.runner


@pytest.mark.django_db
def test_run_summary_and_effort_edit(client, cast):
    recorded = run(cast.runner, TODAY, 10, minutes=50, rpe=None)
    client.force_login(cast.runner)
    text = client.get(f"/runs/{recorded.pk}/").content.decode()
    assert "10.00 km" in text
    assert "5:00 /km" in text
    assert "50:00" in text
    client.post(f"/runs/{recorded.pk}/", {"rpe": "6", "notes": "hilly"})
    recorded.refresh_from_db()
    assert (recorded.rpe, recorded.notes) == (6, "hilly")


@pytest.mark.django_db
def test_load_page(client, cast):
    for days in range(0, 130, 2):
        run(cast.runner, TODAY - timedelta(days=days), 6 if days > 6 else 14)
    MorningCheckin.objects.create(
        runner=cast.runner,
        client_uuid="00000000-0000-0000-0000-000000000001",
        date=TODAY,
        pain=3,
        stiffness=1,
    )
    client.force_login(cast.runner)
    response = client.get("/load/")
    text = response.content.decode()
    assert ACWR_CAVEAT in text
    assert "weekly distance" in text.lower() or "km" in text
    chart = response.context["chart"]
    assert len(chart["weekly"]) == 12
    assert chart["pain"][-1] == 3
    assert chart["daily"][0]["acwr_ewma"] is not None
    assert response.context["warnings"]
    shorter = client.get("/load/?fitness_days=14&fatigue_days=3")
    assert 'name="fitness_days" min="1" max="365" value="14"' in shorter.content.decode()
    assert shorter.context["chart"]["daily"][-1]["fitness"] != chart["daily"][-1]["fitness"]
    wrong = client.get("/load/?fitness_days=5&fatigue_days=9")
    assert wrong.status_code == 200
    assert "fatigue_days must be shorter than fitness_days" in wrong.content.decode()
    assert wrong.context["constants"] == DEFAULT_TIME_CONSTANTS
    assert client.get("/load/?fitness_days=abc").context["constants"] == DEFAULT_TIME_CONSTANTS


@pytest.mark.django_db
def test_shoes_page_adds_retires_and_notes(client, cast):
    client.force_login(cast.runner)
    client.post("/shoes/", {"brand": "Acme", "model": "Glide", "drop_mm": "10", "started_on": "2026-06-01"})
    client.post("/shoes/", {"brand": "Acme", "model": "Flat", "drop_mm": "4", "started_on": "2026-11-01"})
    glide, flat = Shoe.objects.order_by("started_on")
    assert glide.is_default
    run(cast.runner, TODAY, 7, shoe=flat)
    client.post(f"/shoes/{flat.pk}/", {"action": "default"})
    flat.refresh_from_db()
    assert flat.is_default
    client.post(f"/shoes/{glide.pk}/", {"action": "retire"})
    glide.refresh_from_db()
    assert glide.retired_on == TODAY
    FlareUp.objects.create(runner=cast.runner, area="achilles", status="active", started_on=date(2026, 11, 8))
    text = client.get("/shoes/").content.decode()
    assert "7.0 km" in text
    assert "7 days before a flare-up" in text
    assert client.post(f"/shoes/{glide.pk}/", {"action": "paint"}).status_code == 404


@pytest.mark.django_db
def test_upload_files_then_watch_the_import(client, cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.FOOTWORK_IMPORT_INLINE = True
    fixtures = Path(__file__).parent / "fixtures"
    client.force_login(cast.runner)
    assert 'action="/runs/import/"' in client.get("/runs/").content.decode()
    with (
        (fixtures / "fit" / "10kUNLP2014-Garmin15.fit").open("rb") as run_file,
        (fixtures / "tcx" / "10kUNLP2014-Garmin15.tcx").open("rb") as twin,
    ):
        response = client.post("/runs/import/", {"files": [run_file, twin]})
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/runs/import/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "1 imported, 1 duplicate" in page
    assert "hx-trigger" not in page  # done: no more polling
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "<h1>" not in fragment
    assert "10kUNLP2014-Garmin15.tcx" in fragment
    run = Run.objects.get()
    detail = client.get(f"/runs/{run.pk}/").content.decode()
    assert 'id="run-data"' in detail
    assert "run-chart.js" in detail
    empty = client.post("/runs/import/", {}, follow=True).content.decode()
    assert "Choose one or more activity files." in empty


@pytest.mark.django_db
def test_a_queued_import_polls(client, cast):
    batch = ImportBatch.objects.create(runner=cast.runner, created_by=cast.runner, total=3)
    client.force_login(cast.runner)
    page = client.get(f"/runs/import/{batch.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page


def _in_miles(runner):
    profile = runner.runner_profile
    profile.units = "mi"
    profile.save()


@pytest.mark.django_db
def test_a_runner_in_miles_reads_miles_on_every_running_page(client, cast):
    _in_miles(cast.runner)
    pair = shoe(cast.runner, default=True)
    # 16.09344 km in 80 minutes: 10 miles at 8:00 /mi.
    recorded = run(cast.runner, TODAY - timedelta(days=1), 16.09344, minutes=80, shoe=pair)
    client.force_login(cast.runner)
    runs = client.get("/runs/").content.decode()
    assert "10.0</span> mi in 1 run" in runs
    assert '<th scope="col">mi</th>' in runs
    assert "Distance (mi)" in runs
    detail = client.get(f"/runs/{recorded.pk}/").content.decode()
    assert "10.00 mi" in detail
    assert "8:00 /mi" in detail
    assert "/km" not in detail
    load = client.get("/load/")
    assert load.context["chart"]["distance_unit"] == "mi"
    assert load.context["chart"]["weekly"][-1]["distance"] == pytest.approx(10.0)
    assert '<th scope="col">mi</th>' in load.content.decode()
    assert "Miles per week" in load.content.decode()
    assert "10.0 mi" in client.get("/shoes/").content.decode()


@pytest.mark.django_db
def test_a_coach_reads_a_client_in_the_clients_units(client, cast):
    _in_miles(cast.runner)
    run(cast.runner, TODAY, 8.04672, minutes=40)
    client.force_login(cast.coach)
    page = client.get(f"/runs/?runner={cast.runner.pk}").content.decode()
    assert "5.0</span> mi in 1 run" in page


@pytest.mark.django_db
def test_a_run_typed_in_miles_is_stored_in_km(client, cast):
    _in_miles(cast.runner)
    client.force_login(cast.runner)
    saved = client.post("/runs/", {"day": "2026-11-25", "duration_min": "50", "distance": "6.2"})
    assert saved.status_code == 302
    assert Run.objects.get().distance_m == pytest.approx(6.2 * 1609.344)
    too_far = client.post("/runs/", {"day": "2026-11-25", "duration_min": "600", "distance": "700"})
    assert too_far.status_code == 400
    assert "Distance 700 mi is above 621.4 mi." in too_far.content.decode()
    too_fast = client.post("/runs/", {"day": "2026-11-25", "duration_min": "10", "distance": "5"})
    assert "5 mi in 10 minutes is faster than anyone runs." in too_fast.content.decode()
    assert Run.objects.count() == 1


@pytest.mark.django_db
def test_the_run_chart_in_miles():
    from footwork.activities.views import _track_chart_in

    chart: dict[str, list[float | None]] = {
        "km": [0.0, 1.609344, None],
        "pace": [300.0, None, 360.0],
        "hr": [120.0],
        "altitude": [5.0],
    }
    shown = _track_chart_in(chart, "mi")
    assert shown["distance"] == [0.0, 1.0, None]
    assert shown["pace"] == [pytest.approx(482.8), None, pytest.approx(579.4)]
    assert (shown["distance_unit"], shown["pace_unit"]) == ("mi", "min/mi")
