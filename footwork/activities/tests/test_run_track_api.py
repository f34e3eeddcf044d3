"""GET /api/v1/runs/{id}: a run with its track series, imported from real files through the import service."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from footwork.activities import services
from footwork.activities.models import Run
from footwork.activities.series import MAX_POINTS, SERIES
from footwork.api import api
from footwork.core.clock import today_for

FIXTURES = Path(__file__).parent / "fixtures"
# A 52-minute run on a Forerunner 955 with a Stryd: 3,118 one-second points, every channel.
HOUR_RUN = FIXTURES / "fit" / "Fr955v19.28andStryd.fit"
# A 10 km race recorded with GPS only: no heart rate, cadence or altitude.
GPS_ONLY = FIXTURES / "fit" / "10kUNLP2014-Garmin15.fit"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


def imported(runner, path: Path) -> Run:
    report = services.import_files(actor=runner, files=[(path.name, path.read_bytes())])
    assert len(report.imported) == 1, report
    return Run.objects.get(pk=report.imported[0].run_id or 0)


def strict(response) -> Any:
    """The body as strict JSON: NaN or Infinity in it fails the test."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in the JSON")

    return json.loads(response.content, parse_constant=refuse)


@pytest.mark.django_db
def test_a_run_with_its_track_thinned_to_the_cap(client, cast):
    run = imported(cast.runner, HOUR_RUN)
    client.force_login(cast.runner)
    response = client.get(f"/api/v1/runs/{run.pk}")
    assert response.status_code == 200
    body = strict(response)
    listed = client.get(f"/api/v1/runs?start={run.local_date}&end={run.local_date}").json()
    # The RunOut fields are those of the list, with the track added.
    assert {key: value for key, value in body.items() if key != "track"} == listed[0]
    track = body["track"]
    assert (track["points"], track["total_points"], track["downsampled"]) == (MAX_POINTS, 3_118, True)
    series = track["series"]
    assert list(series) == list(SERIES)
    assert all(len(values) == MAX_POINTS for values in series.values())
    elapsed, distance = series["elapsed_s"], series["distance_m"]
    assert elapsed[0] == 0.0
    assert elapsed[-1] == pytest.approx(run.elapsed_s, abs=1)
    assert all(b >= a for a, b in pairwise(elapsed))
    assert distance[-1] == pytest.approx(run.distance_m, rel=0.01)
    paces = [pace for pace in series["pace_s_per_km"] if pace is not None]
    # Between 2:30 and 33:20 per km: a run, never a spike to infinity while standing.
    assert len(paces) > MAX_POINTS * 0.9
    assert all(150 < pace <= 2_000 for pace in paces)
    assert run.avg_hr is not None
    hearts = [beats for beats in series["heart_rate"] if beats is not None]
    assert all(isinstance(beats, int) for beats in hearts)
    assert min(hearts) <= run.avg_hr <= max(hearts)
    assert run.avg_cadence is not None
    assert sorted(series["cadence"])[MAX_POINTS // 2] == pytest.approx(run.avg_cadence, abs=10)
    assert all(isinstance(metres, float) for metres in series["elevation_m"])


@pytest.mark.django_db
@pytest.mark.parametrize("full", ["1", "true", "True"])
def test_full_returns_every_stored_point(client, cast, full):
    run = imported(cast.runner, HOUR_RUN)
    client.force_login(cast.runner)
    track = strict(client.get(f"/api/v1/runs/{run.pk}?full={full}"))["track"]
    assert (track["points"], track["total_points"], track["downsampled"]) == (3_118, 3_118, False)
    assert len(track["series"]["elapsed_s"]) == 3_118
    assert track["series"]["elapsed_s"][:3] == [0.0, 1.0, 2.0]


@pytest.mark.django_db
@pytest.mark.parametrize("full", ["0", "false"])
def test_full_false_is_the_default(client, cast, full):
    run = imported(cast.runner, HOUR_RUN)
    client.force_login(cast.runner)
    assert (
        client.get(f"/api/v1/runs/{run.pk}?full={full}").json() == client.get(f"/api/v1/runs/{run.pk}").json()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("full", ["yes", "2", "on", "", "maybe"])
def test_anything_else_for_full_is_refused(client, cast, full):
    run = imported(cast.runner, GPS_ONLY)
    client.force_login(cast.runner)
    response = client.get(f"/api/v1/runs/{run.pk}?full={full}")
    assert response.status_code == 422
    assert response.json()["field"] == "full"


@pytest.mark.django_db
def test_channels_the_file_lacks_are_null(client, cast):
    run = imported(cast.runner, GPS_ONLY)
    client.force_login(cast.runner)
    track = strict(client.get(f"/api/v1/runs/{run.pk}"))["track"]
    assert (track["points"], track["total_points"], track["downsampled"]) == (686, 686, False)
    series = track["series"]
    assert series["heart_rate"] is None
    assert series["cadence"] is None
    assert series["elevation_m"] is None
    assert len(series["distance_m"]) == len(series["pace_s_per_km"]) == 686


@pytest.mark.django_db
def test_a_run_entered_by_hand_has_no_track(client, cast):
    run = services.record_manual_run(
        actor=cast.runner, day=today_for(cast.runner), duration_min=30, distance_km=5
    )
    client.force_login(cast.runner)
    body = strict(client.get(f"/api/v1/runs/{run.pk}"))
    assert body["track"] is None
    assert body["distance_km"] == 5.0


@pytest.mark.django_db
def test_unreadable_track_bytes_answer_as_no_track(client, cast):
    run = imported(cast.runner, GPS_ONLY)
    Run.objects.filter(pk=run.pk).update(track=b"not a track")
    client.force_login(cast.runner)
    response = client.get(f"/api/v1/runs/{run.pk}")
    assert response.status_code == 200
    assert response.json()["track"] is None


@pytest.mark.django_db
def test_their_coach_sees_it_and_nobody_else(client, cast):
    run = imported(cast.runner, GPS_ONLY)
    client.force_login(cast.coach)
    coached = strict(client.get(f"/api/v1/runs/{run.pk}"))
    assert coached["id"] == run.pk
    assert coached["track"]["total_points"] == 686
    missing = run.pk + 1_000
    for outsider in (cast.other_runner, cast.other_coach):
        client.force_login(outsider)
        response = client.get(f"/api/v1/runs/{run.pk}")
        assert response.status_code == 404
        # The same answer as for a run that does not exist: nothing says this one does.
        assert response.json() == client.get(f"/api/v1/runs/{missing}").json() == {"detail": "No such run."}


@pytest.mark.django_db
def test_by_token_and_signed_out(client, cast, token_for):
    run = imported(cast.runner, GPS_ONLY)
    assert client.get(f"/api/v1/runs/{run.pk}").status_code == 401
    response = client.get(f"/api/v1/runs/{run.pk}", headers=token_for(cast.runner))
    assert response.status_code == 200
    assert response.json()["track"]["points"] == 686


def test_the_schema_describes_the_route():
    operation = api.get_openapi_schema()["paths"]["/api/v1/runs/{run_id}"]["get"]
    assert operation["summary"] == "A run with its track series, for charts"
    assert {parameter["name"] for parameter in operation["parameters"]} == {"run_id", "full"}
    assert {"200", "401", "404", "422"} <= {str(status) for status in operation["responses"]}
