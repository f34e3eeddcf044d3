"""Django set-up for code that starts outside a web server (the CLI)."""

from __future__ import annotations

import os


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django once, and apply pending migrations so a fresh database just works."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "footwork.config.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    if migrate:
        ensure_database()


def ensure_database() -> None:
    """Bring the database up to date before a command that uses it."""
    if has_pending_migrations():
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)


def has_pending_migrations() -> bool:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
