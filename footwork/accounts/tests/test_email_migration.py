"""Migration accounts.0005: addresses lower-cased and unique whatever their case, without crashing on twins."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0004_runnerprofile_painful_areas")]
INDEX = "accounts_user_email_ci_unique"


def has_index() -> bool:
    with connection.cursor() as cursor:
        return INDEX in connection.introspection.get_constraints(cursor, "accounts_user")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target or executor.loader.graph.leaf_nodes())
    return executor.loader.project_state(target or executor.loader.graph.leaf_nodes()).apps


@pytest.mark.django_db(transaction=True)
def test_twins_in_two_cases_are_left_and_named_and_the_index_comes_once_they_are_resolved(capsys):
    User = migrate(BEFORE).get_model("accounts", "User")
    User.objects.create(email="Solo@Example.test")
    ann = User.objects.create(email="Ann@Example.test")
    User.objects.create(email="ann@example.test")

    User = migrate(None).get_model("accounts", "User")
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "Ann@Example.test",
        "ann@example.test",
        "solo@example.test",
    ]
    assert not has_index()
    assert "ann@example.test" in capsys.readouterr().err

    # The operator renames one twin, then makes the index as the migration says.
    User.objects.filter(pk=ann.pk).update(email="ann.old@example.test")
    migrate(BEFORE)
    migrate(None)
    assert has_index()
