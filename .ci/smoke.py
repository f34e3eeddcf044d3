"""CI: start Footwork the way README.md's Production section says, then use it over HTTP as a runner would.

The command is read from the README itself (the `DEBUG=0 … sh -c '…'` line), so the two cannot drift apart; only the
values of its variables are ours (a generated SECRET_KEY, a throw-away SQLite database and data directory) and
gunicorn is bound to a free loopback port instead of 0.0.0.0:8000. Requests carry `X-Forwarded-Proto: https` as the
TLS proxy in front would. Prints the time each step took; exits non-zero at the first thing that does not work.
"""

# ruff: noqa: S310, S603, S607  # a CI script: it opens its own loopback URLs and runs the README's own command
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README_BIND = "-b 0.0.0.0:8000"
EMAIL = "smoke-runner@footwork.example"
PASSWORD = "smoke-" + secrets.token_urlsafe(12)
# The pages a runner opens, and the API docs; with DEBUG=0 each must answer 200 (a missing static file is a 500).
PAGES = [
    "/today/",
    "/progress/",
    "/runs/",
    "/load/",
    "/shoes/",
    "/more/",
    "/account/",
    "/exercises/",
    "/assess/",
    "/api/v1/docs",
]
STARTED = time.monotonic()


def step(name: str, since: float) -> float:
    now = time.monotonic()
    print(f"  {name}: {now - since:.2f} s", flush=True)
    return now


def readme_recipe() -> tuple[list[str], str]:
    """The variable names and the `sh -c` script of the README's production command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^((?:[A-Z_]+=\S+ )+)sh -c '([^']+)'$", text, re.MULTILINE)
    if match is None:
        sys.exit("README.md has no `NAME=value … sh -c '…'` production command")
    names = [assignment.split("=", 1)[0] for assignment in match.group(1).split()]
    script = match.group(2)
    if README_BIND not in script:
        sys.exit(f"the README's production command does not bind gunicorn with {README_BIND!r}")
    return names, script


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BehindTheProxy(http.cookiejar.DefaultCookiePolicy):
    """Send the Secure cookies over the loopback leg: the TLS proxy would, having received them over HTTPS."""

    def return_ok_secure(self, cookie: http.cookiejar.Cookie, request: urllib.request.Request) -> bool:
        return True


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar(policy=BehindTheProxy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path: str, data: dict[str, str] | None = None, headers: dict[str, str] | None = None):
        origin = self.base.replace("http://", "https://")
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode() if data is not None else None,
            headers={
                "X-Forwarded-Proto": "https",
                "Origin": origin,
                "Referer": origin + path,
                **(headers or {}),
            },
        )
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            body = error.read().decode(errors="replace")[:2000]
            sys.exit(f"{path}: HTTP {error.code}\n{body}")
        return response, response.read()


def wait_until_serving(server: subprocess.Popen[bytes], base: str, limit_s: float = 300) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the production command ended with status {server.returncode} before serving")
        try:
            request = urllib.request.Request(
                base + "/accounts/login/", headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    sys.exit(f"nothing served {base} within {limit_s:.0f} s")


def footwork(environment: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(ROOT / ".venv/bin/footwork"), *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"footwork {' '.join(args)}: exit {result.returncode}\n{result.stdout}{result.stderr}")
    return result.stdout


def use_it(environment: dict[str, str], base: str) -> None:
    """Log in, open the runner's pages, read the API with a token and fetch a static file."""
    since = time.monotonic()
    footwork(environment, "users", "create", "--email", EMAIL, "--role", "runner", "--password", PASSWORD)
    since = step("demo runner created (footwork users create)", since)

    browser = Browser(base)
    _, login_page = browser.open("/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', login_page)
    if token is None:
        sys.exit("the login page has no CSRF token")
    response, _ = browser.open(
        "/accounts/login/",
        {"username": EMAIL.upper(), "password": PASSWORD, "csrfmiddlewaretoken": token.group(1).decode()},
    )
    if "/accounts/login/" in response.url:
        sys.exit("logging in did not leave the login page")
    since = step(f"logged in over HTTP (landed on {urllib.parse.urlsplit(response.url).path})", since)

    today_page = b""
    for path in PAGES:
        response, body = browser.open(path)
        if urllib.parse.urlsplit(response.url).path != path:
            sys.exit(f"{path} sent the runner on to {response.url}")
        if "Content-Security-Policy" not in response.headers:
            sys.exit(f"{path} has no Content-Security-Policy header")
        today_page = today_page or body
    since = step(f"{len(PAGES)} pages, /today/ first, each 200 with a Content-Security-Policy", since)

    raw_token = (
        footwork(environment, "token", "create", "--user", EMAIL, "--name", "smoke").strip().splitlines()[-1]
    )
    window = f"start={date.today() - timedelta(days=27)}&end={date.today()}"
    for path in ("/api/v1/me", f"/api/v1/runs?{window}", "/api/v1/today"):
        response, body = Browser(base).open(path, headers={"Authorization": f"Bearer {raw_token}"})
        document = json.loads(body)
        if path == "/api/v1/me" and document["email"] != EMAIL:
            sys.exit(f"/api/v1/me answered {document}")
    since = step("API read with a token (footwork token create): /me, /runs, /today", since)

    stylesheet = re.search(rb'href="(/static/footwork/app\.[0-9a-f]{12}\.css)"', today_page)
    if stylesheet is None:
        sys.exit("/today/ does not link the hashed app.css of the collected static files")
    response, body = browser.open(stylesheet.group(1).decode())
    if not body or "max-age" not in response.headers.get("Cache-Control", ""):
        sys.exit(f"{stylesheet.group(1).decode()} came back empty or without a long cache lifetime")
    step(
        f"static file {stylesheet.group(1).decode()} ({len(body)} bytes, {response.headers['Cache-Control']})",
        since,
    )


def main() -> None:
    names, script = readme_recipe()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data = Path(tempfile.mkdtemp(prefix="footwork-smoke-"))
    ours = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # This script is the proxy: it connects from loopback.
        "FOOTWORK_TRUSTED_PROXIES": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{data / 'footwork.sqlite3'}",
    }
    unknown = [name for name in names if name not in ours]
    if unknown:
        sys.exit(f"the README's production command sets {unknown}: give .ci/smoke.py a value for each")
    environment = {**os.environ, **{name: ours[name] for name in names}, "FOOTWORK_DATA_DIR": str(data)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    command = script.replace(README_BIND, f"-b 127.0.0.1:{port}")
    print(
        f"== production start, as README.md writes it, on {base}:\n   sh -c {shlex.quote(command)}",
        flush=True,
    )

    server = subprocess.Popen(["sh", "-c", command], cwd=ROOT, env=environment, start_new_session=True)
    try:
        wait_until_serving(server, base)
        step("migrate, collectstatic, library and programs load, gunicorn serving", STARTED)
        use_it(environment, base)
    finally:
        stopping = time.monotonic()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        step("gunicorn stopped", stopping)
        shutil.rmtree(data, ignore_errors=True)
    print(f"  total: {time.monotonic() - STARTED:.2f} s", flush=True)


if __name__ == "__main__":
    main()
