"""Concurrent writes never fail: an import, token reads and check-ins at once, on SQLite and PostgreSQL alike.

Threads need real commits (transaction=True) and, on SQLite, a file database: the test settings give one.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import pytest
import time_machine
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from footwork.accounts.models import ApiToken
from footwork.accounts.services import create_api_token
from footwork.activities import services
from footwork.activities.models import ImportBatch, Run
from footwork.activities.services import imports
from footwork.activities.tests.archives import zipped
from footwork.core.clock import today_for
from footwork.programs.services import enroll
from footwork.training.models import DaySummary, MorningCheckin, SessionLog
from footwork.training.services import rebuild_summaries

RUNS = 120
READERS = 8
SAME_UUID_POSTS = 20
# Each reader does at least this many rounds (schedule, check-in, session log), and more while the import runs.
MIN_ROUNDS = 4
MAX_ROUNDS = 30


def generated_gpx(index: int) -> bytes:
    """A small run: 30 points 10 s apart at about 3 m/s, one day after another."""
    start = datetime(2023, 1, 1, 7, tzinfo=UTC) + timedelta(days=index)
    points = "".join(
        f'<trkpt lat="{45 + i * 0.00027:.5f}" lon="14.0"><ele>{300 + i % 5}</ele>'
        f"<time>{(start + timedelta(seconds=10 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(30)
    )
    return (
        f'<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def in_thread(work: Callable[[], None], errors: list[str]) -> threading.Thread:
    """A thread running work with its own database connection, closed at the end; an exception is an error."""

    def target() -> None:
        try:
            work()
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    return threading.Thread(target=target)


def fresh_client() -> Client:
    """A client per thread; a server error comes back as a 500 response to count, not as an exception."""
    return Client(raise_request_exception=False)


def bearer(user: Any, name: str) -> dict[str, str]:
    _token, raw = create_api_token(actor=user, name=name)
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db(transaction=True)
def test_an_import_token_reads_and_check_ins_at_once_all_succeed(cast, programs, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    runner, retrier = cast.runner, cast.other_runner
    today = today_for(runner)
    enroll(actor=runner, program_slug="test-daily", start_date=today - timedelta(days=3))
    reader_headers = [bearer(runner, f"reader {index}") for index in range(READERS)]
    importer_headers, retrier_headers = bearer(runner, "importer"), bearer(retrier, "phone")
    archive = zipped({f"runs/{index}.gpx": generated_gpx(index) for index in range(RUNS)})
    window = f"start={today - timedelta(days=7)}&end={today + timedelta(days=7)}"
    statuses: list[tuple[str, int]] = []
    errors: list[str] = []
    created: dict[str, Any] = {}
    importing = threading.Event()
    importing.set()

    def record(status: int, what: str, body: bytes) -> None:
        statuses.append((what, status))
        if status >= 500:
            errors.append(f"{what}: {status} {body[:200]!r}")

    def import_zip() -> None:
        try:
            client = fresh_client()
            upload = tmp_path / "runs.zip"
            upload.write_bytes(archive)
            with upload.open("rb") as file:
                response = client.post("/api/v1/imports", {"files": [file]}, headers=importer_headers)
            record(response.status_code, "import", response.content)
            created.update(response.json())
        finally:
            importing.clear()

    def read_and_log(index: int) -> None:
        client = fresh_client()
        headers = reader_headers[index]
        rounds = 0
        while rounds < MIN_ROUNDS or (importing.is_set() and rounds < MAX_ROUNDS):
            rounds += 1
            response = client.get(f"/api/v1/schedule?{window}", headers=headers)
            record(response.status_code, "schedule", response.content)
            checkin = {"client_uuid": str(uuid.uuid4()), "pain": rounds % 4, "stiffness": index % 4}
            response = client.post(
                "/api/v1/checkins", checkin, content_type="application/json", headers=headers
            )
            record(response.status_code, "check-in", response.content)
            log = {
                "client_uuid": str(uuid.uuid4()),
                "sets": [{"exercise": "seated-soleus-raise", "set_number": 1, "reps": 15, "pain_during": 1}],
                "rpe": 4,
            }
            response = client.post(
                "/api/v1/session-logs", log, content_type="application/json", headers=headers
            )
            record(response.status_code, "session log", response.content)

    same_uuid = str(uuid.uuid4())
    same_day = str(today_for(retrier) - timedelta(days=1))
    at_once = threading.Barrier(SAME_UUID_POSTS)
    retries: list[int] = []

    def retry_check_in() -> None:
        client = fresh_client()
        body = {"client_uuid": same_uuid, "pain": 2, "stiffness": 1, "date": same_day}
        at_once.wait(timeout=10)
        response = client.post(
            "/api/v1/checkins", body, content_type="application/json", headers=retrier_headers
        )
        record(response.status_code, "same-UUID check-in", response.content)
        retries.append(response.status_code)

    threads = [in_thread(import_zip, errors)]
    threads += [in_thread(partial(read_and_log, index), errors) for index in range(READERS)]
    threads += [in_thread(retry_check_in, errors) for _ in range(SAME_UUID_POSTS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    seconds = time.monotonic() - began

    stored = Run.objects.filter(runner=runner).count()
    server_errors = sum(status >= 500 for _what, status in statuses)
    print(
        f"\nconcurrency ({connection.vendor}): {stored} of {RUNS} runs stored, {len(statuses)} responses, "
        f"{server_errors} server errors, {len(errors)} errors, {seconds:.1f} s"
    )
    assert not any(thread.is_alive() for thread in threads)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    assert errors == []
    assert server_errors == 0
    assert stored == RUNS
    batch = ImportBatch.objects.get(pk=created["id"])
    imported_ids = {outcome["run_id"] for outcome in batch.results["imported"]}
    assert (batch.status, batch.done, batch.total, batch.error) == ("done", RUNS, RUNS, "")
    assert batch.counts == {"imported": RUNS, "duplicates": 0, "skipped": 0, "refused": 0}
    assert imported_ids == set(Run.objects.filter(runner=runner).values_list("pk", flat=True))
    assert MorningCheckin.objects.filter(client_uuid=same_uuid).count() == 1
    assert sorted(retries) == [200] * (SAME_UUID_POSTS - 1) + [201]
    assert MorningCheckin.objects.filter(runner=runner, date=today).count() == 1
    assert SessionLog.objects.filter(runner=runner).count() == statuses.count(("session log", 201))
    # The day's summary, kept by each of those writers at once, holds every log and agrees with a rebuild.
    kept = list(DaySummary.objects.filter(runner=runner).order_by("date").values())
    assert len(DaySummary.objects.get(runner=runner, date=today).sessions) == statuses.count(
        ("session log", 201)
    )
    rebuild_summaries([runner])
    rebuilt = list(DaySummary.objects.filter(runner=runner).order_by("date").values())
    assert [{**row, "id": 0} for row in rebuilt] == [{**row, "id": 0} for row in kept]


@pytest.mark.django_db
def test_a_token_records_its_use_at_most_once_a_minute(client, cast):
    headers = bearer(cast.runner, "laptop")
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)

    def updates_of_a_read() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get("/api/v1/schedule?start=2026-11-23&end=2026-11-29", headers=headers).status_code
                == 200
            )
        return sum(query["sql"].lstrip().upper().startswith("UPDATE") for query in queries.captured_queries)

    with time_machine.travel(now, tick=False):
        assert updates_of_a_read() == 1
        assert updates_of_a_read() == 0
    with time_machine.travel(now + timedelta(seconds=59), tick=False):
        assert updates_of_a_read() == 0
    with time_machine.travel(now + timedelta(seconds=61), tick=False):
        assert updates_of_a_read() == 1
    assert ApiToken.objects.get().last_used_at == now + timedelta(seconds=61)


@pytest.mark.django_db
def test_a_write_failing_midway_leaves_a_report_that_matches_the_database(
    cast, settings, tmp_path, monkeypatch
):
    settings.DATA_DIR = tmp_path / "data"
    create = imports._RunWriter._create
    calls = 0

    def locked_at_the_fourth(writer: Any, name: str, activity: Any) -> int:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise OperationalError("database is locked")
        return create(writer, name, activity)

    monkeypatch.setattr(imports._RunWriter, "_create", locked_at_the_fourth)
    archive = zipped({f"runs/{index}.gpx": generated_gpx(index) for index in range(6)})
    batch = services.create_import_batch(actor=cast.runner, files=[("runs.zip", [archive])])
    with pytest.raises(OperationalError, match="database is locked"):
        services.process_import_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == "failed"
    assert batch.error.startswith("stopped at runs.zip/runs/3.gpx (database is locked)")
    assert (batch.done, batch.total) == (3, 6)
    assert batch.counts == {"imported": 3, "duplicates": 0, "skipped": 0, "refused": 0}
    imported_ids = {outcome["run_id"] for outcome in batch.results["imported"]}
    assert imported_ids == set(Run.objects.values_list("pk", flat=True))
    assert len(imported_ids) == 3
