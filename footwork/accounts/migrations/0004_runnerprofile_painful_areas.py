"""One painful area and side become a list of areas, each with its side; "none" becomes an empty list."""

from django.db import migrations, models

SIDES = ("left", "right", "both")


def areas_of(area, side):
    """The list a one-area profile stands for (frozen here: later rule changes must not change old data).

    An area recorded without a side becomes "both": both legs are then watched, the cautious reading.
    """
    if area in ("", "none"):
        return []
    return [{"area": area, "side": side if side in SIDES else "both"}]


def to_list(apps, schema_editor):
    RunnerProfile = apps.get_model("accounts", "RunnerProfile")
    for profile in RunnerProfile.objects.only("pk", "painful_area", "painful_side"):
        profile.painful_areas = areas_of(profile.painful_area, profile.painful_side)
        profile.save(update_fields=["painful_areas"])


def to_one_area(apps, schema_editor):
    # Going back keeps the primary area; the others cannot be held by the old fields.
    RunnerProfile = apps.get_model("accounts", "RunnerProfile")
    for profile in RunnerProfile.objects.only("pk", "painful_areas"):
        first = (profile.painful_areas or [{"area": "none", "side": "none"}])[0]
        profile.painful_area, profile.painful_side = first["area"], first["side"]
        profile.save(update_fields=["painful_area", "painful_side"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_runnerprofile_auto_apply"),
    ]

    operations = [
        migrations.AddField(
            model_name="runnerprofile",
            name="painful_areas",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(to_list, to_one_area),
        migrations.RemoveField(
            model_name="runnerprofile",
            name="painful_area",
        ),
        migrations.RemoveField(
            model_name="runnerprofile",
            name="painful_side",
        ),
    ]
