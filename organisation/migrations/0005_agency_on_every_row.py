"""The agency on pokja tasks and memberships themselves, copied from their pokja (issue 7: shardable by agency).

On SQLite the AlterField rebuilds the membership table, which drops the guard triggers of 0002: they are
re-created at the end (and again at the start when the migration is reversed).
"""

import importlib

import django.db.models.deletion
from django.db import migrations, models

guard = importlib.import_module("organisation.migrations.0002_membership_guard")


def copy_agency(rows):
    """One UPDATE per table (SQLite and PostgreSQL alike): each row takes the agency of its parent row."""

    def forward(apps, schema_editor):
        quote = schema_editor.quote_name
        if schema_editor.connection.vendor == "postgresql":
            # Check the new foreign keys now rather than at commit: ALTER TABLE refuses pending trigger events.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, column, parent in rows:
            schema_editor.execute(
                f"UPDATE {quote(table)} SET agency_id = "
                f"(SELECT p.agency_id FROM {quote(parent)} p WHERE p.id = {quote(table)}.{quote(column)})"
            )

    return forward


# (table, foreign key to the parent, parent table), parents before children.
ROWS = [
    ("organisation_pokjatask", "pokja_id", "organisation_pokja"),
    ("organisation_membership", "pokja_id", "organisation_pokja"),
]
# Change-history tables: filled the same way, and nullable like every column of a history row.
HISTORY_ROWS = [
    ("organisation_historicalmembership", "pokja_id", "organisation_pokja"),
]


def agency(null=False):
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="organisation.agency",
    )


def history_agency():
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        editable=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="organisation.agency",
    )


MODELS = ["pokjatask", "membership"]
HISTORY_MODELS = ["historicalmembership"]


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0004_history_and_membership_version"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, guard.create_guard),
        *(migrations.AddField(model_name=name, name="agency", field=agency(null=True)) for name in MODELS),
        *(migrations.AddField(model_name=name, name="agency", field=history_agency()) for name in HISTORY_MODELS),
        migrations.RunPython(copy_agency(ROWS + HISTORY_ROWS), migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="agency", field=agency()) for name in MODELS),
        migrations.RunPython(guard.create_guard, migrations.RunPython.noop),
    ]
