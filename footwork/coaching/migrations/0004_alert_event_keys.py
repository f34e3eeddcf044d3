"""Every alert gets its event key stored: the runner's day it was raised on where it had none, as the inbox used to
work it out on each read (coaching.domain.event_key), so events are grouped and counted in the database."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import migrations


def store_day_events(apps, schema_editor):
    Alert = apps.get_model("coaching", "Alert")
    RunnerProfile = apps.get_model("accounts", "RunnerProfile")
    zones = dict(RunnerProfile.objects.values_list("user_id", "time_zone"))
    changed = []
    for alert in Alert.objects.filter(event="").only("pk", "runner_id", "created_at"):
        try:
            zone = ZoneInfo(zones.get(alert.runner_id) or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        alert.event = f"day:{alert.created_at.astimezone(zone).date().isoformat()}"
        changed.append(alert)
    Alert.objects.bulk_update(changed, ["event"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_runnerprofile_units"),
        ("coaching", "0003_alert_events"),
    ]

    operations = [migrations.RunPython(store_day_events, migrations.RunPython.noop)]
