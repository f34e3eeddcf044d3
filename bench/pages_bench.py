"""Benchmark: every page and API read of a runner and her coach, over HTTP from the production server, and a load run.

Run by hand: `make bench`, or `.venv/bin/python bench/pages_bench.py [--quick] [--reuse PATH|URL] [--keep]`.
The dataset (bench/pages_dataset.py): a coach of 200 runners, each with a year of daily runs, check-ins and session
logs; runner #1 built through the real services and import pipeline, the others bulk copies of her. On SQLite (a
fresh temp file) by default; with DATABASE_URL set to PostgreSQL, in a database of its own beside the given one
(`<name>_pages_bench`, dropped at the end unless --keep).

The server is the gunicorn command of README.md's production line, bound to a free loopback port, DEBUG off; the
bench plays the TLS proxy (X-Forwarded-Proto: https). For each GET route: 1 warm-up and 30 sequential requests on
one keep-alive connection with one worker (p50, p95), then the queries of one request counted in this process with
django.test.Client against the same database. Goal: p95 < 50 ms for every page and API read. The load run restarts
the server exactly as the README has it (its worker count) and keeps 16 clients busy on /today/ and on a 366-day
/api/v1/schedule for a bounded time each; goal: >= 100 requests/s at p95 < 200 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import pages_dataset as dataset  # noqa: E402  (after the path: run as a script)

README_BIND = "-b 0.0.0.0:8000"
GOAL_P95_MS = 50.0
LOAD_GOAL_RPS, LOAD_GOAL_P95_MS = 100.0, 200.0
PROXY = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


@dataclass(frozen=True)
class Route:
    who: str  # "runner" or "coach"
    path: str
    label: str = ""

    @property
    def name(self) -> str:
        return f"{self.who:6} {self.label or self.path}"


@dataclass
class Figures:
    route: Route
    status: int
    p50: float = math.nan
    p95: float = math.nan
    queries: int | None = None
    note: str = ""


# --- The server ---------------------------------------------------------------------------------------------------


def readme_gunicorn() -> tuple[list[str], str]:
    """The variable names of README.md's production line and its gunicorn command (the steps before it, migrate,
    collectstatic and the loads, are the dataset build's)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^((?:[A-Z_]+=\S+ )+)sh -c '([^']+)'$", text, re.MULTILINE)
    if match is None:
        raise SystemExit("README.md has no `NAME=value … sh -c '…'` production command")
    names = [assignment.split("=", 1)[0] for assignment in match.group(1).split()]
    command = match.group(2).split("&&")[-1].strip()
    if "gunicorn" not in command or README_BIND not in command:
        raise SystemExit(f"the README's production line does not end in gunicorn bound with {README_BIND!r}")
    return names, command


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(target: dataset.Target, extra: str = "") -> Iterator[int]:
    """The README's gunicorn on a free loopback port, stopped (its whole process group) whatever happens."""
    names, command = readme_gunicorn()
    ours = dataset.server_environment(target)
    unknown = [name for name in names if name not in ours]
    if unknown:
        raise SystemExit(f"the README's production line sets {unknown}: give the bench a value for each")
    port = free_port()
    command = command.replace(README_BIND, f"-b 127.0.0.1:{port}") + extra
    environment = {**os.environ, **ours}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    print(f"  server: sh -c {shlex.quote(command)}", flush=True)
    process = subprocess.Popen(["sh", "-c", command], cwd=ROOT, env=environment, start_new_session=True)
    try:
        wait_until_serving(process, port)
        yield port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_until_serving(process: subprocess.Popen[bytes], port: int, limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/accounts/login/", headers=PROXY)
            if connection.getresponse().status == 200:
                connection.close()
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"the server did not answer within {limit_s:.0f} s")


# --- Who, and what they open --------------------------------------------------------------------------------------


@dataclass
class Login:
    user: Any
    cookie: str
    token: str

    def headers(self, path: str) -> dict[str, str]:
        if path.startswith("/api/"):
            return {**PROXY, "Authorization": f"Bearer {self.token}"}
        return {**PROXY, "Cookie": self.cookie}


def log_in(user: Any) -> Login:
    """A session made server-side (django.test.Client.force_login, same database) and a personal API token."""
    from django.conf import settings
    from django.test import Client

    from footwork.accounts.services import create_api_token

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    _token, raw = create_api_token(actor=user, name="pages bench")
    return Login(user, f"{settings.SESSION_COOKIE_NAME}={session}", raw)


def routes(data: dataset.Dataset) -> list[Route]:
    """Every GET page and API read a runner and her coach use, with ids from runner #1's data."""
    from footwork.accounts.models import User
    from footwork.activities.models import Run
    from footwork.assessments.models import Assessment
    from footwork.core.clock import today_for
    from footwork.programs.models import Plan, PlanStatus, Program
    from footwork.training.models import SetLog

    runner = User.objects.get(pk=data.runner_id)
    today = today_for(runner)
    plan = Plan.objects.filter(runner=runner, status=PlanStatus.ACTIVE).order_by("-start_date", "-pk").first()
    run = Run.objects.filter(runner=runner).order_by("-start").first()
    assessment = Assessment.objects.filter(runner=runner).order_by("-date", "-pk").first()
    exercise = SetLog.objects.filter(log__runner=runner).values_list("exercise__slug", flat=True).first()
    program = Program.objects.filter(is_template=True).order_by("slug").values_list("slug", flat=True).first()
    ids = {
        "plan": plan.pk if plan else 0,
        "run": run.pk if run else 0,
        "assessment": assessment.pk if assessment else 0,
        "exercise": exercise or "",
        "program": program or "",
        "runner": runner.pk,
        "today": today.isoformat(),
        "start": (today - timedelta(days=365)).isoformat(),
    }
    return page_routes(ids) + api_routes(ids)


def page_routes(ids: dict[str, Any]) -> list[Route]:
    r = f"?runner={ids['runner']}"
    runner = [
        "/today/", "/progress/", "/review/", f"/plans/{ids['plan']}/", f"/plans/{ids['plan']}/print/",
        f"/today/session/{ids['today']}/", f"/progress/exercises/{ids['exercise']}/", "/load/", "/runs/",
        f"/runs/{ids['run']}/", "/shoes/", "/assess/", f"/assess/{ids['assessment']}/", "/assess/history/",
        "/flare-up/", "/exercises/", f"/exercises/{ids['exercise']}/", "/programs/", f"/programs/{ids['program']}/",
        "/more/", "/account/",
    ]  # fmt: skip
    coach = [
        "/coaching/", f"/coaching/runners/{ids['runner']}/", f"/review/{r}", f"/today/{r}", f"/progress/{r}",
        f"/load/{r}", f"/runs/{r}", f"/runs/{ids['run']}/", f"/assess/{r}", f"/assess/{ids['assessment']}/",
        f"/plans/{ids['plan']}/", "/exercises/", "/programs/", "/coaching/toolbox/",
    ]  # fmt: skip
    return [Route("runner", path) for path in runner] + [Route("coach", path) for path in coach]


def api_routes(ids: dict[str, Any]) -> list[Route]:
    """Every GET operation of the OpenAPI schema, its path ids filled in; a window asks for 366 days."""
    from footwork.api import api

    schema = api.get_openapi_schema()
    values = {
        "runner_id": ids["runner"],
        "plan_id": ids["plan"],
        "assessment_id": ids["assessment"],
        "slug": ids["exercise"],
        "run_id": ids["run"],
        "code": "visa-a",
    }
    found = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        parameters = operations["get"].get("parameters", [])
        names = {p["name"] for p in parameters if p["in"] == "path"}
        if names - set(values):
            print(
                f"  (skipped {path}: no {sorted(names - set(values))} in the dataset; an import batch comes from web uploads only)"
            )
            continue
        filled = path.format(**values) if "/programs/{slug}" not in path else path.format(slug=ids["program"])
        query = {p["name"] for p in parameters if p["in"] == "query"}
        window = f"start={ids['start']}&end={ids['today']}" if {"start", "end"} <= query else ""
        label = f"{path} (366 days)" if window else path
        found.append(Route("runner", filled + (f"?{window}" if window else ""), label))
        coach = [window] if window else []
        if "runner" in query:
            coach.append(f"runner={ids['runner']}")
        found.append(Route("coach", filled + ("?" + "&".join(coach) if coach else ""), label))
    # Read by the issue, perhaps not there yet: measured if it answers, else noted.
    if "/api/v1/runs/{run_id}" not in schema["paths"]:
        found.append(Route("runner", f"/api/v1/runs/{ids['run']}", "/api/v1/runs/{run_id}"))
    return found


# --- Measuring ----------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def sequential(port: int, route: Route, login: Login, count: int) -> Figures:
    """1 warm-up, then `count` requests one after the other on one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = login.headers(route.path)
    times, status = [], 0
    try:
        for index in range(count + 1):
            started = time.perf_counter()
            connection.request("GET", route.path, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            status = response.status
            if status != 200:
                why = {403: " (not for this role)", 404: " (nothing there now)"}.get(status, "")
                if 300 <= status < 400:
                    why = f" to {response.getheader('Location')}"
                return Figures(route, status, note=f"HTTP {status}{why}")
            if index:
                times.append(elapsed)
    finally:
        connection.close()
    return Figures(route, status, percentile(times, 0.5), percentile(times, 0.95))


def count_queries(route: Route, login: Login) -> int:
    """The queries of one request, in this process, against the same database, as the same user."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers={"X-Forwarded-Proto": "https"})
    headers = {}
    if route.path.startswith("/api/"):
        headers["Authorization"] = f"Bearer {login.token}"
    else:
        client.force_login(login.user)
    with CaptureQueriesContext(connection) as queries:
        client.get(route.path, secure=True, headers=headers)
    return len(queries)


def print_table(figures: list[Figures]) -> None:
    width = max(len(f.route.name) for f in figures)
    print(f"  {'page':{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'queries':>7}")
    for f in figures:
        if f.note:
            print(f"  {f.route.name:{width}}  {'':>8}  {'':>8}  {'':>7}  {f.note}")
            continue
        over = "  over the 50 ms goal" if f.p95 >= GOAL_P95_MS else ""
        queries = "" if f.queries is None else str(f.queries)
        print(f"  {f.route.name:{width}}  {f.p50:8.1f}  {f.p95:8.1f}  {queries:>7}{over}")
    measured = [f for f in figures if not f.note]
    over = [f for f in measured if f.p95 >= GOAL_P95_MS]
    print(
        f"  {len(measured)} measured, {len(over)} over p95 {GOAL_P95_MS:.0f} ms; {len(figures) - len(measured)} noted"
    )


def load_run(port: int, route: Route, login: Login, clients: int, seconds: float) -> None:
    """`clients` threads, each on its own keep-alive connection, requesting the route for `seconds`."""
    headers = login.headers(route.path)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], 0
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    connection.request("GET", route.path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    ok = False
                if ok:
                    mine.append((time.perf_counter() - started) * 1000)
                else:
                    bad += 1
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)
                failures[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    elapsed = time.perf_counter() - started
    if not latencies:
        print(f"  {route.label or route.path}: no request answered 200 ({failures[0]} failed)")
        return
    rps = len(latencies) / elapsed
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    verdict = "meets" if rps >= LOAD_GOAL_RPS and p95 < LOAD_GOAL_P95_MS else "misses"
    print(
        f"  {route.label or route.path}: {rps:.1f} requests/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
        f"{len(latencies)} answered, {failures[0]} failed, {elapsed:.1f} s; {verdict} the goal "
        f"(>= {LOAD_GOAL_RPS:.0f}/s at p95 < {LOAD_GOAL_P95_MS:.0f} ms)"
    )


def machine(vendor: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"{os.cpu_count()} CPUs, load average {one:.2f} {five:.2f} {fifteen:.2f}, database {vendor}"


# --- The bench ----------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="20 runners of 60 days, 10 requests, 5 s load runs"
    )
    parser.add_argument("--reuse", help="a dataset kept before: its SQLite file, or its PostgreSQL URL")
    parser.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL bench database (for --reuse)"
    )
    parser.add_argument("--runners", type=int)
    parser.add_argument("--days", type=int)
    parser.add_argument("--requests", type=int)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--load-seconds", type=float)
    parser.add_argument("--load-only", action="store_true", help="only the load run (with --reuse: a minute)")
    arguments = parser.parse_args()
    quick = arguments.quick
    runners = arguments.runners or (20 if quick else 200)
    days = arguments.days or (60 if quick else 365)
    requests = arguments.requests or (10 if quick else 30)
    load_seconds = arguments.load_seconds or (5.0 if quick else 20.0)

    target = dataset.configure(arguments.reuse)
    import django

    django.setup()
    try:
        run_bench(
            target,
            arguments.reuse,
            runners,
            days,
            requests,
            arguments.clients,
            load_seconds,
            arguments.load_only,
        )
    finally:
        if not arguments.keep:
            dataset.drop(target)
        else:
            print(f"kept the dataset: --reuse {target.database_url.removeprefix('sqlite:///')}")


def run_bench(
    target: dataset.Target,
    reuse: str | None,
    runners: int,
    days: int,
    requests: int,
    clients: int,
    load_seconds: float,
    load_only: bool = False,
) -> None:
    from footwork.accounts.models import User

    print(f"pages bench on {machine(target.vendor)}", flush=True)
    if reuse:
        data = dataset.dataset_of(0.0, days)
        print(f"reusing {target.database_url}: {len(data.runner_ids)} runners", flush=True)
    else:
        print(f"building {runners} runners of {days} days into {target.database_url}…", flush=True)
        data = dataset.build(runners=runners, days=days)
        print(f"dataset built in {data.seconds:.0f} s ({len(data.runner_ids)} runners)", flush=True)
    logins = {
        "runner": log_in(User.objects.get(pk=data.runner_id)),
        "coach": log_in(User.objects.get(pk=data.coach_id)),
    }
    todo = routes(data)
    if not load_only:
        figures = []
        print(
            f"\nsequential: 1 warm-up + {requests} requests per route, gunicorn with one worker", flush=True
        )
        with server(target, " --workers 1") as port:
            for route in todo:
                figures.append(sequential(port, route, logins[route.who], requests))
        for f in figures:
            if not f.note:
                f.queries = count_queries(f.route, logins[f.route.who])
        print(
            f"\n{machine(target.vendor)}; {len(data.runner_ids)} runners of {days} days; "
            f"p95 goal {GOAL_P95_MS:.0f} ms"
        )
        print_table(figures)
    by_label = {route.label: route for route in todo if route.who == "runner"}
    loaded = [Route("runner", "/today/"), by_label["/api/v1/schedule (366 days)"]]
    print(
        f"\nload: {clients} concurrent clients, {load_seconds:.0f} s per route, the README's server as written"
    )
    with server(target) as port:
        for route in loaded:
            load_run(port, route, logins["runner"], clients, load_seconds)
    print(f"  {machine(target.vendor)}")


if __name__ == "__main__":
    main()
