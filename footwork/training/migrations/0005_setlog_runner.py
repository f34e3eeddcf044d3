"""Each set keeps its log's runner, filled in from the logs (0006 makes it required and indexes it)."""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def runner_from_log(apps: Any, schema_editor: Any) -> None:
    set_log = apps.get_model("training", "SetLog")
    session_log = apps.get_model("training", "SessionLog")
    runners = session_log.objects.filter(pk=models.OuterRef("log_id")).values("runner_id")[:1]
    set_log.objects.update(runner_id=models.Subquery(runners))


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0004_day_summaries"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="setlog",
            name="runner",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(runner_from_log, migrations.RunPython.noop),
    ]
