"""Benchmark: the coach's workspace (roster, runner screen, timeline, alerts inbox, message thread) with 200 runners.

Run by hand: `.venv/bin/python bench/coach_bench.py [--quick] [--reuse PATH|URL] [--keep]`, or `make bench`.
The dataset is the pages bench's (bench/pages_dataset.py: a coach of 200 runners, each with a year of daily runs,
check-ins and session logs; runner #1 through the real services, the others bulk copies), to which this bench adds in
bulk what a coach's practice accumulates: a year of direct messages with runner #1 (two a day) and a month with every
other runner, the last ones unread, and unread alerts of each kind for every runner. On SQLite (a fresh temp file) by
default; with DATABASE_URL set to PostgreSQL, in a database of its own (`<name>_pages_bench`, dropped unless --keep).

Each page and API read is requested through django.test.Client in this process (DEBUG off, the production
settings and the production worker's garbage-collector settings): 1 warm-up and 30 requests one after the other,
p50 and p95 in milliseconds, and the queries of one request. Goal: p95 < 50 ms for each. The query count of the roster for 2 runners and for all of them is printed too
(a test, caseload/tests/test_selectors.py, asserts that it does not grow).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import pages_dataset as dataset  # noqa: E402  (after the path: run as a script)

GOAL_P95_MS = 50.0
# A year of two messages a day with runner #1; a month of one a day with each other runner; the last few unread.
THREAD_DAYS, OTHERS_DAYS, UNREAD_LAST = 365, 30, 3
ALERT_KINDS = ("red_flag", "stop", "regress", "missed_days", "load_spike", "flare_up")


@dataclass(frozen=True)
class Figures:
    label: str
    status: int
    p50: float = math.nan
    p95: float = math.nan
    queries: int = 0


def add_practice(coach_id: int, runner_ids: list[int], main_runner: int) -> dict[str, int]:
    """Messages and alerts in bulk (the services would take minutes for 200 runners' years)."""
    from django.utils import timezone

    from footwork.coaching.models import Alert
    from footwork.messaging.models import Message

    now = timezone.now()
    messages: list[Any] = []
    for runner in runner_ids:
        days = THREAD_DAYS if runner == main_runner else OTHERS_DAYS
        per_day = 2 if runner == main_runner else 1
        for day in range(days, 0, -1):
            for turn in range(per_day):
                sent = now - timedelta(days=day, hours=turn * 5)
                from_runner = (day + turn) % 2 == 0
                messages.append(
                    Message(
                        sender_id=runner if from_runner else coach_id,
                        recipient_id=coach_id if from_runner else runner,
                        body="Calf tight after the long run, keep Thursday's session?"
                        if from_runner
                        else "Keep it: walk the downhills and log your heel raises tonight.",
                        client_uuid=uuid.uuid4(),
                        sent_at=sent,
                        read_at=None if day <= UNREAD_LAST else sent + timedelta(hours=1),
                    )
                )
    Message.objects.bulk_create(messages, batch_size=2000)
    alerts = [
        Alert(
            coach_id=coach_id,
            runner_id=runner,
            kind=kind,
            message=f"Bench alert ({kind})",
            event=f"bench:{kind}:{runner}",
        )
        for runner in runner_ids
        for kind in ALERT_KINDS
    ]
    Alert.objects.bulk_create(alerts, batch_size=2000)
    return {"messages": len(messages), "alerts": len(alerts)}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(client: Any, label: str, path: str, count: int, headers: dict[str, str]) -> Figures:
    response = client.get(path, secure=True, headers=headers)  # the warm-up
    if response.status_code != 200:
        return Figures(label, response.status_code)
    with counted() as queries:
        client.get(path, secure=True, headers=headers)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(path, secure=True, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
    return Figures(label, 200, percentile(times, 0.5), percentile(times, 0.95), queries[0])


@contextmanager
def counted() -> Iterator[list[int]]:
    """The queries run inside the block (an execute wrapper: the test client's request signals reset the query log)."""
    from django.db import connection

    count = [0]

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield count


def routes(coach_id: int, runner_id: int) -> list[tuple[str, str]]:
    today = dataset.date.today()
    month = f"start={(today - timedelta(days=28)).isoformat()}&end={today.isoformat()}"
    return [
        ("roster /coaching/", "/coaching/"),
        ("runner screen", f"/coaching/runners/{runner_id}/"),
        ("runner timeline (4 weeks)", f"/coaching/runners/{runner_id}/timeline/"),
        ("alerts inbox", "/coaching/alerts/"),
        ("message thread (a year)", f"/messages/{runner_id}/"),
        ("messages list", "/messages/"),
        ("API roster", "/api/v1/coach/roster"),
        ("API alerts", "/api/v1/alerts"),
        ("API thread (a year)", f"/api/v1/messages?with={runner_id}"),
        ("API unread", "/api/v1/messages/unread"),
        ("API notes", f"/api/v1/coach/runners/{runner_id}/notes"),
        ("API timeline (4 weeks)", f"/api/v1/coach/runners/{runner_id}/timeline?{month}"),
    ]


def roster_queries(coach: Any, runners: list[int]) -> tuple[int, int]:
    """The roster's queries for two runners (a second coach given two of them) and for all of the coach's."""
    from footwork.accounts.models import Role, RunnerProfile, User
    from footwork.caseload.selectors import roster

    small = User.objects.create_user(email="bench-small-coach@footwork.example", role=Role.COACH)
    moved = list(RunnerProfile.objects.filter(user_id__in=runners[-2:]))
    for profile in moved:
        profile.coach = small
    RunnerProfile.objects.bulk_update(moved, ["coach"])
    try:
        counts = []
        for who in (small, coach):
            with counted() as queries:
                roster(who)
            counts.append(queries[0])
    finally:
        for profile in moved:
            profile.coach = coach
        RunnerProfile.objects.bulk_update(moved, ["coach"])
        small.delete()
    return counts[0], counts[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 runners of 60 days, 10 requests")
    parser.add_argument("--reuse", help="a dataset kept before: its SQLite file, or its PostgreSQL URL")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL bench database")
    parser.add_argument("--runners", type=int)
    parser.add_argument("--days", type=int)
    parser.add_argument("--requests", type=int)
    arguments = parser.parse_args()
    runners = arguments.runners or (20 if arguments.quick else 200)
    days = arguments.days or (60 if arguments.quick else 365)
    requests = arguments.requests or (10 if arguments.quick else 30)

    target = dataset.configure(arguments.reuse)
    import django

    django.setup()
    try:
        run_bench(target, arguments.reuse, runners, days, requests)
    finally:
        if not arguments.keep:
            dataset.drop(target)
        else:
            print(f"kept the dataset: --reuse {target.database_url.removeprefix('sqlite:///')}")


def run_bench(target: dataset.Target, reuse: str | None, runners: int, days: int, requests: int) -> None:
    import os

    from django.test import Client

    from footwork.accounts.models import User
    from footwork.accounts.services import create_api_token
    from footwork.messaging.models import Message

    def machine() -> str:
        one, five, fifteen = os.getloadavg()
        return f"{os.cpu_count()} CPUs, load average {one:.2f} {five:.2f} {fifteen:.2f}, database {target.vendor}"

    print(f"coach bench on {machine()}", flush=True)
    if reuse:
        data = dataset.dataset_of(0.0, days)
    else:
        print(f"building {runners} runners of {days} days into {target.database_url}…", flush=True)
        data = dataset.build(runners=runners, days=days)
        print(f"dataset built in {data.seconds:.0f} s", flush=True)
    if not Message.objects.filter(recipient_id=data.coach_id).exists():
        started = time.perf_counter()
        added = add_practice(data.coach_id, data.runner_ids, data.runner_id)
        print(
            f"added {added['messages']} messages and {added['alerts']} alerts in {time.perf_counter() - started:.1f} s"
        )
    # The morning's `footwork jobs daily` keeps every runner's roster standing for the day (timed: its own figure).
    from footwork.notifications.services.daily import refresh_roster_standings

    started = time.perf_counter()
    refresh_roster_standings(dataset.date.today())
    print(
        f"the daily job's roster standings for {len(data.runner_ids)} runners: {time.perf_counter() - started:.1f} s"
    )
    coach = User.objects.get(pk=data.coach_id)
    # The pages are timed in this process as a worker of the README's production server runs them: its collector
    # settings, applied once the app is loaded (footwork/config/gunicorn.py).
    from footwork.config.gunicorn import post_worker_init

    post_worker_init(None)
    client = Client(headers={"X-Forwarded-Proto": "https"})
    client.force_login(coach)
    _token, raw = create_api_token(actor=coach, name="coach bench")
    figures = []
    for label, path in routes(data.coach_id, data.runner_id):
        headers = {"Authorization": f"Bearer {raw}"} if path.startswith("/api/") else {}
        figures.append(measure(client, label, path, requests, headers))
    few, many = roster_queries(coach, data.runner_ids)
    print(f"\n{machine()}; {len(data.runner_ids)} runners of {days} days; p95 goal {GOAL_P95_MS:.0f} ms")
    print(f"{'read':34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  goal")
    for f in figures:
        if f.status != 200:
            print(f"{f.label:34} {'':>8} {'':>8} {'':>8}  HTTP {f.status}")
            continue
        verdict = "met" if f.p95 < GOAL_P95_MS else "NOT MET"
        print(f"{f.label:34} {f.p50:8.1f} {f.p95:8.1f} {f.queries:8d}  {verdict}")
    same = "the same" if few == many else "NOT the same"
    print(f"\nroster queries: {few} for 2 runners, {many} for {len(data.runner_ids) - 2}: {same}")


if __name__ == "__main__":
    main()
