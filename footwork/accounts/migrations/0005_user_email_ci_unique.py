"""One account per email address whatever its case: addresses lower-cased, and a unique index on lower(email);
web sign-ups wait for their address to be confirmed.

Addresses stored twice in different cases ("Ann@x.org" and "ann@x.org") are left as they are — which one is the
person's real account is for the operator to decide — and the index is then not made: the migration says which
addresses clash. Rename or deactivate one of each pair (`footwork users list`), then make the index with
`python -m footwork migrate accounts 0004 && python -m footwork migrate`.
"""

import sys

from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower

CONSTRAINT = models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")


def clashes(User):
    return list(
        User.objects.annotate(lowered=Lower("email"))
        .values("lowered")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .values_list("lowered", flat=True)
    )


def lower_and_index(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    clashing = clashes(User)
    # Only addresses with no twin are lower-cased: a twin would make the two equal and fail the exact unique index.
    for user in User.objects.exclude(email=Lower("email")).only("pk", "email"):
        if user.email.lower() not in clashing:
            User.objects.filter(pk=user.pk).update(email=user.email.lower())
    if clashing:
        sys.stderr.write(
            "\naccounts.0005: these addresses belong to more than one account in different cases, so the "
            f"case-insensitive unique index was not made: {', '.join(sorted(clashing))}. Rename or deactivate one "
            "of each, then run `python -m footwork migrate accounts 0004 && python -m footwork migrate`.\n"
        )
        return
    schema_editor.add_constraint(User, CONSTRAINT)


def drop_index(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    if has_index(schema_editor):
        schema_editor.remove_constraint(User, CONSTRAINT)


def has_index(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(cursor, "accounts_user")
    return CONSTRAINT.name in constraints


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_runnerprofile_painful_areas")]

    operations = [
        migrations.AddField(
            model_name="user", name="awaiting_confirmation", field=models.BooleanField(default=False)
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddConstraint(model_name="user", constraint=CONSTRAINT)],
            database_operations=[migrations.RunPython(lower_and_index, drop_index)],
        )
    ]
