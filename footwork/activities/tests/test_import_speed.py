"""Issue 12's import: the same file found by its hash before parsing, the other duplicate checks one query per batch,
and no query log during `footwork import`."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from footwork.activities import services
from footwork.activities.importers import files as importer_files
from footwork.activities.importers import parallel
from footwork.activities.models import Run
from footwork.activities.services import imports
from footwork.activities.tests.archives import zipped
from footwork.cli import _register, app

FIXTURES = Path(__file__).parent / "fixtures"
RUN_FIT = (FIXTURES / "fit" / "10kUNLP2014-Garmin15.fit").read_bytes()
OTHER_FIT = (FIXTURES / "fit" / "3386684871.fit").read_bytes()
STRAVA_HEADER = "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"

_register()


@pytest.fixture(autouse=True)
def inline(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    # Parsing in this process, where a counter sees it.
    settings.FOOTWORK_IMPORT_WORKERS = 1


@pytest.fixture
def parses(monkeypatch):
    """The names of the files parsed."""
    names: list[str] = []
    original = importer_files.parse_file

    def counting(file):
        names.append(file.name)
        return original(file)

    monkeypatch.setattr(parallel, "parse_file", counting)
    return names


def strava_export(members: dict[str, bytes]) -> bytes:
    rows = "".join(f"{index},2024-01-01,Run {index},Run,{name}\n" for index, name in enumerate(members, 1))
    return zipped({"activities.csv": (STRAVA_HEADER + rows).encode(), **members})


def outcomes(report: services.ImportReport) -> dict[str, list[tuple[str, str, int | None]]]:
    return {
        kind: [(outcome.name, outcome.reason, outcome.run_id) for outcome in getattr(report, kind)]
        for kind in ("imported", "duplicates", "skipped", "refused")
    }


@pytest.mark.django_db
def test_a_reimported_export_is_all_duplicates_and_nothing_is_parsed(cast, parses):
    export = strava_export(
        {"activities/1.fit": RUN_FIT, "activities/2.fit.gz": gzip.compress(OTHER_FIT, mtime=0)}
    )
    first = services.import_files(actor=cast.runner, files=[("export.zip", export)])
    assert len(first.imported) == 2
    parses.clear()
    again = services.import_files(actor=cast.runner, files=[("export.zip", export)])
    assert parses == []
    # The same reasons and runs the runner saw before hashes were looked up first.
    assert outcomes(again)["duplicates"] == [
        (outcome.name, "the same file is already there", outcome.run_id) for outcome in first.imported
    ]
    assert Run.objects.filter(runner=cast.runner).count() == 2


@pytest.mark.django_db
def test_the_same_bytes_under_another_format_are_parsed_as_that_format(cast, parses):
    services.import_files(actor=cast.runner, files=[("run.fit", RUN_FIT)])
    parses.clear()
    report = services.import_files(actor=cast.runner, files=[("run.gpx", RUN_FIT)])
    assert parses == ["run.gpx"]
    assert outcomes(report)["refused"] == [("run.gpx", "not a GPX file: the content is a FIT file", None)]


@pytest.mark.django_db
def test_the_same_file_twice_in_one_import_is_a_duplicate_of_the_first(cast):
    report = services.import_files(actor=cast.runner, files=[("a.fit", RUN_FIT), ("b.fit", RUN_FIT)])
    [(name, _reason, run_id)] = outcomes(report)["imported"]
    assert name == "a.fit"
    assert outcomes(report)["duplicates"] == [("b.fit", "the same file is already there", run_id)]


def copies(count: int) -> list[tuple[str, bytes]]:
    """The same run in count different files (gzip with different times): one import, the rest its duplicates."""
    return [(f"{index}.fit.gz", gzip.compress(RUN_FIT, mtime=index)) for index in range(count)]


def import_counting_queries(cast, files: list[tuple[str, bytes]]) -> tuple[services.ImportReport, int]:
    with CaptureQueriesContext(connection) as queries:
        report = services.import_files(actor=cast.runner, files=files)
    return report, len(queries)


@pytest.mark.django_db
def test_the_time_and_distance_check_is_one_query_per_batch_of_members(cast, parses):
    # A first import reads what is cached afterwards (the runner's profile): counted apart from these.
    import_counting_queries(cast, copies(1))
    Run.objects.all().delete()
    _few, few_queries = import_counting_queries(cast, copies(3))
    Run.objects.all().delete()
    many, many_queries = import_counting_queries(cast, copies(imports.STORE_BATCH))
    assert many_queries == few_queries
    [(_name, _reason, run_id)] = outcomes(many)["imported"]
    assert outcomes(many)["duplicates"] == [
        (f"{index}.fit.gz", "a run at the same time is already there", run_id)
        for index in range(1, imports.STORE_BATCH)
    ]
    assert len(parses) == 1 + 3 + imports.STORE_BATCH
    # A batch more is one query more.
    Run.objects.all().delete()
    _more, more_queries = import_counting_queries(cast, copies(imports.STORE_BATCH + 1))
    assert more_queries == many_queries + 1


@pytest.mark.django_db
def test_a_run_already_there_at_the_same_time_is_found_by_the_batch_query(cast):
    services.import_files(actor=cast.runner, files=copies(1))
    report = services.import_files(actor=cast.runner, files=[*copies(3)[1:], ("other.fit", OTHER_FIT)])
    first_run = Run.objects.get(source_name="0.fit.gz").pk
    assert outcomes(report)["duplicates"] == [
        ("1.fit.gz", "a run at the same time is already there", first_run),
        ("2.fit.gz", "a run at the same time is already there", first_run),
    ]
    assert [outcome.name for outcome in report.imported] == ["other.fit"]


@pytest.mark.django_db
def test_footwork_import_keeps_no_query_log(cast, settings, tmp_path):
    settings.DEBUG = True
    path = tmp_path / "run.fit"
    path.write_bytes(RUN_FIT)
    connection.queries_log.clear()
    result = CliRunner().invoke(app, ["import", str(path), "--user", cast.runner.email, "--json"])
    assert result.exit_code == 0, result.output
    # The command's own look-ups (its account) may be logged; none of the import's queries are.
    logged = [query["sql"] for query in connection.queries_log]
    assert not [sql for sql in logged if "activities_run" in sql]
    assert Run.objects.filter(runner=cast.runner).count() == 1
    assert settings.DEBUG is True


def gpx_run(start: datetime, points: int = 30) -> bytes:
    """A small run of points 10 s apart at about 3 m/s."""
    track = "".join(
        f'<trkpt lat="{45 + i * 0.00027:.5f}" lon="14.0">'
        f"<time>{(start + timedelta(seconds=10 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(points)
    )
    return f"<gpx><trk><type>running</type><trkseg>{track}</trkseg></trk></gpx>".encode()


@pytest.mark.django_db
def test_the_batch_query_finds_runs_near_each_start_however_far_apart_the_starts(cast):
    day = datetime(2023, 3, 1, 7, tzinfo=UTC)
    # Starts years apart (one range of starts each), and hours apart (one range for both).
    starts = [day, day + timedelta(days=800), day + timedelta(days=800, hours=5)]
    services.import_files(
        actor=cast.runner, files=[(f"{i}.gpx", gpx_run(start)) for i, start in enumerate(starts)]
    )
    # The same runs 30 s later (other bytes), and a run between the two close ones that matches none of them.
    again = [(f"again-{i}.gpx", gpx_run(start + timedelta(seconds=30))) for i, start in enumerate(starts)]
    between = ("between.gpx", gpx_run(day + timedelta(days=800, hours=2, minutes=30)))
    report = services.import_files(actor=cast.runner, files=[*again, between])
    assert [(outcome.name, outcome.reason) for outcome in report.duplicates] == [
        (name, "a run at the same time is already there") for name, _data in again
    ]
    assert [outcome.name for outcome in report.imported] == ["between.gpx"]
