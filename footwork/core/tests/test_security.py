"""Deployment safety: the secret key, the Content-Security-Policy, JSON errors from the API, collectstatic."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from footwork.config import settings as settings_module

TEMPLATES = Path(settings_module.PACKAGE_DIR) / "templates"


def footwork(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "FOOTWORK_DATA_DIR": str(tmp_path), **env}
    for name in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL"):
        environment.pop(name, None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "footwork", *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = footwork(tmp_path, "check", DEBUG="0", ALLOWED_HOSTS="footwork.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / ".dev-secret-key").exists()


def test_the_development_key_file_is_made_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.setattr(settings_module, "DATA_DIR", tmp_path / "data")
    monkeypatch.setattr(settings_module, "_DEV_KEY_FILE", tmp_path / "data" / ".dev-secret-key")
    key = settings_module._development_secret_key()
    path = tmp_path / "data" / ".dev-secret-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) >= 50
    assert settings_module._development_secret_key() == key
    # A key file written before this rule is tightened.
    path.chmod(0o644)
    assert settings_module._development_secret_key() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(client, cast):
    client.force_login(cast.runner)
    for path in ("/accounts/login/", "/today/", "/api/v1/docs"):
        policy = client.get(path)["Content-Security-Policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert "unsafe-eval" not in policy


def test_templates_hold_no_code_or_styles_the_policy_would_block():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    problems = [
        f"{path.relative_to(TEMPLATES)}: {what}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for what, pattern in (
            ("inline <script>", inline_script),
            ("on… handler", handler),
            ("javascript: URL", re.compile(r"javascript:", re.IGNORECASE)),
            ("style attribute", re.compile(r"\sstyle\s*=", re.IGNORECASE)),
            ("<style> element", re.compile(r"<style\b", re.IGNORECASE)),
        )
        if pattern.search(path.read_text())
    ]
    assert problems == []


@pytest.mark.django_db
def test_an_unexpected_api_error_answers_json(client, cast, token_for, monkeypatch, caplog):
    def broken(user):
        raise RuntimeError("a bug")

    monkeypatch.setattr("footwork.accounts.api.selectors.profile_document", broken)
    response = client.get("/api/v1/me", headers=token_for(cast.runner))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Something went wrong on our side; it has been logged."}
    assert "a bug" in caplog.text


@pytest.mark.slow
def test_collectstatic_works_with_the_production_storage(tmp_path):
    secret = "collectstatic-test-" + "k" * 40
    result = footwork(tmp_path, "collectstatic", "--noinput", DEBUG="0", SECRET_KEY=secret)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles" / "staticfiles.json").exists()
