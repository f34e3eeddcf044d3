"""GET /api/v1/runs: the list is answered as built, so it must be what its schema would give, byte for byte."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from ninja.responses import NinjaJSONEncoder

from footwork.activities import services
from footwork.activities.api import RunOut
from footwork.activities.models import Run
from footwork.activities.selectors import run_document
from footwork.core.clock import today_for

FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


def test_the_run_list_is_exactly_what_its_schema_gives(client, cast):
    report = services.import_files(
        actor=cast.runner,
        files=[(name, (FIXTURES / "fit" / name).read_bytes()) for name in ("HRV-Data.fit",)],
    )
    assert len(report.imported) == 1
    today = today_for(cast.runner)
    # The file's run is years old: moved into the window (its start keeps its seconds and microseconds).
    Run.objects.filter(source="file").update(local_date=today - timedelta(days=2))
    services.record_manual_run(
        actor=cast.runner,
        day=today - timedelta(days=1),
        duration_min=42.5,
        distance_km=8.25,
        rpe=4,
        notes="easy",
    )
    services.record_manual_run(actor=cast.runner, day=today, duration_min=30, distance_km=5)
    client.force_login(cast.runner)
    answered = client.get(f"/api/v1/runs?start={today - timedelta(days=30)}&end={today}")
    assert answered.status_code == 200
    expected = [
        RunOut.model_validate(run_document(run)).model_dump()
        for run in Run.objects.filter(runner=cast.runner)
    ]
    assert len(expected) == 3
    assert answered.content == json.dumps(expected, cls=NinjaJSONEncoder).encode()
    assert [item["notes"] for item in answered.json()][1] == "easy"
