"""The offline sync rules are JavaScript (static/footwork/sync-rules.js, shared by the pages and the service worker):
their unit tests run under `node --test`, from here, so `make test` runs them too."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent / "js"


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("node") is None, reason="node is missing: the JavaScript sync rules are not tested"
)
def test_the_javascript_sync_rules():
    node = shutil.which("node")
    assert node is not None
    files = sorted(str(path) for path in TESTS.glob("*.test.js"))
    done = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
