"""The pooled import (parsing in worker processes) against the inline one, its bounds, crashes and progress."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from footwork.activities import services
from footwork.activities.importers import ActivityFile, parallel
from footwork.activities.models import ImportBatch, Run
from footwork.activities.services import batches, imports
from footwork.activities.tests.archives import zipped
from footwork.activities.tests.crashing import parse_or_crash
from footwork.activities.tests.factories import shoe

FIXTURES = Path(__file__).parent / "fixtures"
RUN_FIT = (FIXTURES / "fit" / "10kUNLP2014-Garmin15.fit").read_bytes()
GZIPPED_FIT = gzip.compress((FIXTURES / "fit" / "3386684871.fit").read_bytes(), mtime=0)
STRAVA_HEADER = "Activity ID,Activity Date,Activity Name,Activity Type,Filename\n"


def read(path: str) -> bytes:
    return (FIXTURES / path).read_bytes()


def strava_export() -> bytes:
    """Runs (FIT, gzipped FIT, GPX labelled by Strava, TCX), duplicates, refusals and non-runs, in CSV order."""
    rows = [
        (1, "Run", "activities/1.fit.gz"),
        (2, "Ride", "activities/2.gpx"),
        (3, "Run", "activities/3.gpx"),  # the GPX says no sport: Strava's label makes it a run
        (4, "Run", ""),  # entered by hand
        (5, "Run", "activities/5.tcx"),  # not in the archive
        (6, "Run", "../evil.gpx"),
        (7, "Run", "activities/7.fit"),
        (8, "Run", "activities/8.tcx"),  # the same activity as 7: a duplicate by time and distance
        (9, "Run", "activities/9.fit"),  # the same bytes as 7: a duplicate by hash
        (10, "Run", "activities/10.gpx"),  # a zip bomb
        (11, "Run", "activities/11.fit"),  # bad checksum
        (12, "Run", "activities/12.fit"),
        (13, "Run", "activities/13.fit"),  # a monitoring file, not an activity
        (14, "Walk", "activities/14.fit"),
    ]
    csv = STRAVA_HEADER + "".join(f"{i},2024-01-01,Activity {i},{kind},{name}\n" for i, kind, name in rows)
    return zipped(
        {
            "activities.csv": csv.encode(),
            "activities/1.fit.gz": GZIPPED_FIT,
            "activities/2.gpx": b"never parsed",
            "activities/3.gpx": read("gpx/fittrackee-e2e-test.gpx"),
            "activities/7.fit": RUN_FIT,
            "activities/8.tcx": read("tcx/10kUNLP2014-Garmin15.tcx"),
            "activities/9.fit": RUN_FIT,
            "activities/10.gpx": b"<gpx>" + b" " * 5_000_000 + b"</gpx>",
            "activities/11.fit": read("fit/activity-filecrc.fit"),
            "activities/12.fit": read("fit/garmin-fenix-5-run.fit"),
            "activities/13.fit": read("fit/MonitoringFile.fit"),
            "activities/14.fit": read("fit/garmin-fenix-5-walk.fit"),
        }
    )


def mixed_batch() -> list[tuple[str, bytes]]:
    """A Strava export, a plain zip (its non-runs found by parsing) and single files."""
    plain = zipped(
        {
            "bike.fit": read("fit/garmin-fenix-5-bike.fit"),
            "runs/tcxparser.tcx": read("tcx/tcxparser-test.tcx"),
            "runs/move.fit": read("fit/Move_2020_01_15_19_27_16_Running.fit"),
            "notes.txt": b"hello",
            "truncated.fit": read("fit/activity-unexpected-eof.fit"),
        }
    )
    labelled = read("gpx/korita-zbevnica.gpx").replace(b"<trk>", b"<trk><type>running</type>", 1)
    return [
        ("export.zip", strava_export()),
        ("plain.zip", plain),
        ("2013.fit", read("fit/2013-02-06-12-11-14.fit")),
        ("korita.gpx", labelled),
        ("sup.tcx", read("tcx/sup_activity_1.tcx")),
        ("again.fit", RUN_FIT),
    ]


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def pools(monkeypatch):
    """The pools the import started (none when it parsed inline)."""
    started: list[parallel._Pool] = []

    class Spy(parallel._Pool):
        def __init__(self, workers: int) -> None:
            super().__init__(workers)
            started.append(self)

    monkeypatch.setattr(parallel, "_Pool", Spy)
    return started


def stored(report: services.ImportReport, runner) -> tuple[dict, list]:
    """The report with run ids replaced by their runs' names, and the runner's runs as plain values."""
    names = dict(Run.objects.filter(runner=runner).values_list("pk", "source_name"))
    document = {
        kind: [
            (
                outcome["name"],
                outcome["reason"],
                names.get(outcome["run_id"]) if isinstance(outcome["run_id"], int) else None,
            )
            for outcome in outcomes
        ]
        for kind, outcomes in report.as_document().items()
    }
    runs = [
        (run.source_name, run.start, run.local_date, run.sport, run.distance_m, run.moving_s, run.elapsed_s,
         run.elevation_gain_m, run.avg_hr, run.max_hr, run.avg_cadence, run.sha256, bytes(run.track or b""), run.shoe.model)
        for run in Run.objects.filter(runner=runner).select_related("shoe").order_by("source_name")
    ]  # fmt: skip
    return document, runs


@pytest.mark.django_db
def test_pooled_and_inline_imports_store_the_same_runs_and_report(cast, settings, pools):
    shoe(cast.runner, default=True)
    shoe(cast.other_runner, default=True)
    settings.FOOTWORK_IMPORT_WORKERS = 1
    inline = services.import_files(actor=cast.runner, files=mixed_batch())
    assert pools == []
    settings.FOOTWORK_IMPORT_WORKERS = 2
    pooled = services.import_files(actor=cast.other_runner, files=mixed_batch())
    assert len(pools) == 1
    assert stored(pooled, cast.other_runner) == stored(inline, cast.runner)
    document, runs = stored(pooled, cast.other_runner)
    assert [name for name, _reason, _run in document["imported"]] == [
        "export.zip/activities/1.fit.gz",
        "export.zip/activities/3.gpx",
        "export.zip/activities/7.fit",
        "export.zip/activities/12.fit",
        "plain.zip/runs/tcxparser.tcx",
        "plain.zip/runs/move.fit",
        "2013.fit",
        "korita.gpx",
    ]
    assert document["duplicates"] == [
        (
            "export.zip/activities/8.tcx",
            "a run at the same time is already there",
            "export.zip/activities/7.fit",
        ),
        ("export.zip/activities/9.fit", "the same file is already there", "export.zip/activities/7.fit"),
        ("again.fit", "the same file is already there", "export.zip/activities/7.fit"),
    ]
    assert [name for name, _reason, _run in document["refused"]] == [
        "export.zip/activities/5.tcx",
        "export.zip/../evil.gpx",
        "export.zip/activities/10.gpx",
        "export.zip/activities/11.fit",
        "export.zip/activities/13.fit",
        "plain.zip/truncated.fit",
    ]
    assert [(name, reason) for name, reason, _run in document["skipped"]] == [
        ("export.zip/activities/2.gpx", "Ride (not a run)"),
        ("export.zip/activities.csv: activity 4", "run without a file (entered by hand)"),
        ("export.zip/activities/14.fit", "Walk (not a run)"),
        ("plain.zip/bike.fit", "cycling (not a run)"),
        ("plain.zip/notes.txt", "not an activity file (FIT, GPX or TCX)"),
        ("sup.tcx", "other (not a run)"),
    ]
    assert len(runs) == 8
    run = Run.objects.get(runner=cast.other_runner, source_name="export.zip/activities/1.fit.gz")
    assert services.original_path(run.sha256).read_bytes() == GZIPPED_FIT


def activity_files(count: int, pulled: list[int]):
    for index in range(count):
        pulled[0] += 1
        yield ActivityFile(f"{index}.fit", RUN_FIT)


@pytest.mark.parametrize(("budget", "bound"), [(parallel.MAX_BYTES_IN_FLIGHT, None), (1, 2)])
def test_files_in_flight_are_bounded_by_count_and_bytes(monkeypatch, budget, bound):
    monkeypatch.setattr(parallel, "MAX_BYTES_IN_FLIGHT", budget)
    monkeypatch.setattr(parallel, "POOL_FROM", 2)
    bound = bound or parallel.in_flight_limit(2) + 1
    pulled, handed_back, most = [0], 0, 0
    for parsed, data in parallel.parse_in_order(activity_files(30, pulled), workers=2):
        assert parsed.name == f"{handed_back}.fit"
        assert parsed.activity is not None
        assert data == RUN_FIT
        most = max(most, pulled[0] - handed_back)
        handed_back += 1
    assert handed_back == 30
    # Read ahead up to the bound (so the workers are kept busy), never past it.
    assert most == bound


def test_a_few_files_parse_inline(pools):
    pulled = [0]
    results = list(parallel.parse_in_order(activity_files(parallel.POOL_FROM - 1, pulled), workers=2))
    assert len(results) == parallel.POOL_FROM - 1
    assert pools == []


@pytest.mark.django_db
def test_a_crashed_worker_refuses_only_the_file_it_crashed_on(cast, settings, monkeypatch, pools):
    settings.FOOTWORK_IMPORT_WORKERS = 2
    monkeypatch.setattr(parallel, "parse_file", parse_or_crash)
    fixtures = ["fit/3386684871.fit", "fit/2013-02-06-12-11-14.fit", "fit/garmin-fenix-5-run.fit",
                "fit/Move_2020_01_15_19_27_16_Running.fit", "tcx/tcxparser-test.tcx"]  # fmt: skip
    members = {f"{index}-{Path(path).name}": read(path) for index, path in enumerate(fixtures)}
    members |= {"5-crash.fit": RUN_FIT} | {f"{index}-copy.fit": RUN_FIT for index in range(6, 12)}
    report = services.import_files(actor=cast.runner, files=[("export.zip", zipped(members))])
    assert len(pools) == 1
    assert [(outcome.name, outcome.reason) for outcome in report.refused] == [
        ("export.zip/5-crash.fit", parallel.CRASHED)
    ]
    # The files in flight beside it were parsed again, each on its own: none is lost.
    assert len(report.imported) == 6
    assert [outcome.name for outcome in report.duplicates] == [
        f"export.zip/{index}-copy.fit" for index in range(7, 12)
    ]
    assert Run.objects.filter(runner=cast.runner).count() == 6


@pytest.mark.django_db
def test_an_error_while_storing_stops_the_pool(cast, settings, monkeypatch, pools):
    settings.FOOTWORK_IMPORT_WORKERS = 2
    stores = []

    def store(writer, parsed, data, report):
        stores.append(parsed.name)
        if len(stores) == 3:
            raise OSError("disk full")

    monkeypatch.setattr(imports._RunWriter, "store", store)
    members = {f"{index}.fit": RUN_FIT for index in range(20)}
    with pytest.raises(OSError, match="disk full"):
        services.import_files(actor=cast.runner, files=[("export.zip", zipped(members))])
    assert len(pools) == 1
    with pytest.raises(RuntimeError, match="after shutdown"):
        pools[0]._executor.submit(print)


@pytest.mark.django_db
def test_progress_counts_archive_members(cast):
    calls: list[tuple[int, int, str]] = []
    services.import_files(
        actor=cast.runner,
        files=[("2013.fit", read("fit/2013-02-06-12-11-14.fit")), ("export.zip", strava_export())],
        progress=lambda done, total, name: calls.append((done, total, name)),
    )
    members = 14
    assert [done for done, _total, _name in calls] == list(range(members + 2))
    assert calls[-1] == (members + 1, members + 1, "")
    assert [name for _done, _total, name in calls[1:4]] == [
        "export.zip/activities/1.fit.gz",
        "export.zip/activities/2.gpx",
        "export.zip/activities/3.gpx",
    ]
    # The zip counts as one until it is open, then as its activities.csv rows.
    assert {total for _done, total, _name in calls} <= {2, members + 1}


@pytest.mark.django_db
def test_an_import_batch_saves_progress_per_member(cast, monkeypatch):
    monkeypatch.setattr(batches, "PROGRESS_SAVE_EVERY_S", 0)
    saved: list[tuple[int, int]] = []
    original_save = ImportBatch.save

    def save(batch, *args, **kwargs):
        if "done" in (kwargs.get("update_fields") or []):
            saved.append((batch.done, batch.total))
        original_save(batch, *args, **kwargs)

    monkeypatch.setattr(ImportBatch, "save", save)
    batch = services.create_import_batch(actor=cast.runner, files=[("export.zip", [strava_export()])])
    assert batch.total == 1
    finished = services.process_import_batch(batch.pk)
    assert (finished.done, finished.total) == (14, 14)
    assert saved == [(done, 14) for done in range(15)]
    assert sum(finished.counts.values()) == 14
