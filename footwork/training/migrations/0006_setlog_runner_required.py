"""The sets' runner required, once every set has it (a migration of its own: on PostgreSQL the filling leaves
deferred foreign-key checks pending, and a table with pending checks cannot be altered in the same transaction)."""

from __future__ import annotations

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("training", "0005_setlog_runner")]

    operations = [
        migrations.AlterField(
            model_name="setlog",
            name="runner",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="setlog",
            index=models.Index(fields=["runner", "exercise"], name="setlog_runner_exercise"),
        ),
    ]
