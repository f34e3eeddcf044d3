from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("training", "0002_held_back"),
    ]

    operations = [
        migrations.AddField(
            model_name="morningcheckin",
            name="areas",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
