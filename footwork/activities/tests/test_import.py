from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from footwork.activities import services
from footwork.activities.models import Run, RunSource
from footwork.activities.tests.archives import zipped
from footwork.activities.tests.factories import shoe

FIXTURES = Path(__file__).parent / "fixtures"
RUN_FIT = FIXTURES / "fit" / "10kUNLP2014-Garmin15.fit"
RUN_TCX = FIXTURES / "tcx" / "10kUNLP2014-Garmin15.tcx"
GPX = FIXTURES / "gpx" / "fittrackee-e2e-test.gpx"
# The real file says no sport (an unknown sport is not a run); the runner's label makes it one.
RUN_GPX = ("run.gpx", GPX.read_bytes().replace(b"<trk>", b"<trk><type>running</type>", 1))


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def fixture(path: Path) -> tuple[str, bytes]:
    return path.name, path.read_bytes()


@pytest.mark.django_db
def test_a_run_fit_is_stored_with_its_original(cast, data_dir):
    default = shoe(cast.runner, default=True)
    report = services.import_files(actor=cast.runner, files=[fixture(RUN_FIT)])
    assert [outcome.name for outcome in report.imported] == [RUN_FIT.name]
    run = Run.objects.get(pk=report.imported[0].run_id or 0)
    assert run.source == RunSource.FILE
    assert run.distance_m == pytest.approx(10_000, rel=0.03)
    assert run.shoe == default
    assert run.track
    assert services.original_path(run.sha256).read_bytes() == RUN_FIT.read_bytes()
    assert services.original_path(run.sha256).parent.parent == data_dir / "activities"


@pytest.mark.django_db
def test_gpx_and_gzipped_fit(cast):
    gpx_report = services.import_files(actor=cast.runner, files=[RUN_GPX])
    assert len(gpx_report.imported) == 1, gpx_report
    gz = ("run.fit.gz", gzip.compress((FIXTURES / "fit" / "3386684871.fit").read_bytes()))
    report = services.import_files(actor=cast.runner, files=[gz])
    assert len(report.imported) == 1, report
    assert Run.objects.get(pk=report.imported[0].run_id or 0).distance_m > 1000


@pytest.mark.django_db
def test_the_same_file_twice_is_a_duplicate_stored_once(cast):
    services.import_files(actor=cast.runner, files=[fixture(RUN_FIT)])
    report = services.import_files(actor=cast.runner, files=[fixture(RUN_FIT)])
    assert report.imported == []
    assert "same file" in report.duplicates[0].reason
    assert Run.objects.filter(runner=cast.runner).count() == 1


@pytest.mark.django_db
def test_the_same_activity_in_another_format_is_a_duplicate_by_time_and_distance(cast):
    report = services.import_files(actor=cast.runner, files=[fixture(RUN_FIT), fixture(RUN_TCX)])
    assert len(report.imported) == 1
    assert [outcome.name for outcome in report.duplicates] == [RUN_TCX.name]
    assert "same time" in report.duplicates[0].reason


@pytest.mark.django_db
def test_a_corrupt_file_is_refused_and_the_rest_imports(cast, data_dir):
    corrupt = ("broken.fit", RUN_FIT.read_bytes()[:20] + b"\x00" * 50)
    report = services.import_files(actor=cast.runner, files=[corrupt, RUN_GPX])
    assert [outcome.name for outcome in report.refused] == ["broken.fit"]
    assert report.refused[0].reason
    assert len(report.imported) == 1
    assert Run.objects.filter(runner=cast.runner).count() == 1
    assert len(list((data_dir / "activities").rglob("*"))) == 2  # one folder, one file


@pytest.mark.django_db
def test_non_runs_are_skipped(cast):
    report = services.import_files(
        actor=cast.runner, files=[fixture(FIXTURES / "fit" / "garmin-fenix-5-bike.fit")]
    )
    assert report.imported == []
    assert "cycling" in report.skipped[0].reason
    assert not Run.objects.exists()


@pytest.mark.django_db
def test_oversize_upload_is_refused(cast, settings):
    settings.FOOTWORK_MAX_UPLOAD_BYTES = 1000
    report = services.import_files(
        actor=cast.runner, files=[(RUN_FIT.name, io.BytesIO(RUN_FIT.read_bytes()))]
    )
    # The real size, not the limit's worth the import read before it stopped.
    size = RUN_FIT.stat().st_size
    assert report.refused[0].reason == f"the file is {size} bytes, more than the 1000 bytes limit"
    assert not Run.objects.exists()


@pytest.mark.django_db
def test_a_zip_imports_its_runs_and_refuses_traversal_and_bombs(cast):
    archive = zipped(
        {
            "runs/a.fit": RUN_FIT.read_bytes(),
            "../evil.gpx": RUN_GPX[1],
            "bomb.gpx": b"<gpx>" + b" " * 5_000_000 + b"</gpx>",
            "ride.fit": (FIXTURES / "fit" / "garmin-fenix-5-bike.fit").read_bytes(),
        }
    )
    report = services.import_files(actor=cast.runner, files=[("export.zip", archive)])
    assert [outcome.name for outcome in report.imported] == ["export.zip/runs/a.fit"]
    refused = {outcome.name: outcome.reason for outcome in report.refused}
    assert "unsafe path" in refused["export.zip/../evil.gpx"]
    assert "zip bomb" in refused["export.zip/bomb.gpx"]
    assert [outcome.name for outcome in report.skipped] == ["export.zip/ride.fit"]
    run = Run.objects.get()
    assert services.original_path(run.sha256).read_bytes() == RUN_FIT.read_bytes()


@pytest.mark.django_db
def test_a_manual_run_at_the_same_time_makes_an_import_a_duplicate(cast):
    first = services.import_files(actor=cast.runner, files=[fixture(RUN_FIT)])
    run = Run.objects.get(pk=first.imported[0].run_id or 0)
    run.sha256 = ""
    run.source = RunSource.MANUAL
    run.save()
    report = services.import_files(actor=cast.runner, files=[fixture(RUN_FIT)])
    assert report.duplicates[0].run_id == run.pk


@pytest.mark.django_db
def test_a_not_zip_named_zip_is_refused(cast):
    report = services.import_files(actor=cast.runner, files=[("x.zip", b"not a zip")])
    assert report.refused[0].name == "x.zip"
