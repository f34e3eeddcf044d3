from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run_check(tmp_path, **env):
    environment = {**os.environ, "FOOTWORK_DATA_DIR": str(tmp_path), **env}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "footwork", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_check(
        tmp_path,
        DEBUG="0",
        SECRET_KEY="a-real-production-secret-" + "x7Qp2LmZ9vR4tY8wK3nB6cD1fG5hJ0sA",
        ALLOWED_HOSTS="footwork.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_development_defaults_are_flagged_by_the_deploy_check(tmp_path):
    result = run_check(tmp_path, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr


@pytest.mark.slow
def test_database_url_chooses_the_database(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "footwork.config.settings",
        "FOOTWORK_DATA_DIR": str(tmp_path),
    }
    environment.pop("DATABASE_URL", None)
    default = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert default.stdout.split() == ["django.db.backends.sqlite3", str(tmp_path / "footwork.sqlite3")]
    environment["DATABASE_URL"] = "postgres://fw:pw@db.internal:5432/footwork"
    chosen = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert chosen.stdout.split() == ["django.db.backends.postgresql", "footwork"]


@pytest.mark.slow
@pytest.mark.parametrize(("given", "binding"), [(None, "True"), ("0", "False"), ("1", "True")])
def test_postgresql_binds_parameters_on_the_server_unless_told_not_to(tmp_path, given, binding):
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['server_side_binding'])"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "footwork.config.settings",
        "FOOTWORK_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://fw:pw@db.internal:5432/footwork",
    }
    environment.pop("DB_SERVER_SIDE_BINDING", None)
    if given is not None:
        environment["DB_SERVER_SIDE_BINDING"] = given
    found = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == binding
