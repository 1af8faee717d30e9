"""The agency on the pokja ↔ function (tusi) links. Issue 7: shardable by agency.

Django made these link tables for plain many-to-many fields: ``organisation_pokja_functions``. They become
explicit through models (``organisation.scoping.AgencyLink``) that keep the table name, the two id columns and the
unique pair, so raw SQL keeps working. Django's state learns of the through models without touching the database;
then the agency column is added nullable, filled with one UPDATE per table from the side named in
``agency_source``, and made NOT NULL, as in organisation/0005.

The membership guard triggers of 0002 are on organisation_membership, which this migration does not rebuild: on
SQLite only the link table is rebuilt (for NOT NULL), and no trigger refers to it.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_agency(rows):
    """One UPDATE per table (SQLite and PostgreSQL alike): each link takes the agency of its owner row."""

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


# (link table, foreign key to the side the agency comes from, that side's table).
ROWS = [
    ("organisation_pokja_functions", "pokja_id", "organisation_pokja"),
]


def agency(null=False):
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="organisation.agency",
    )


def link(first, first_model, second, second_model):
    """The fields Django's own link table has: the id and the two foreign keys (CASCADE, no reverse name)."""
    return [
        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
        (first, models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=first_model)),
        (second, models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=second_model)),
    ]


MODELS = ["pokjafunction"]


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0005_agency_on_every_row"),
    ]

    operations = [
        # State only: the tables exist already, under these names.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PokjaFunction",
                    fields=link("pokja", "organisation.pokja", "function", "organisation.function"),
                    options={
                        "verbose_name": "pokja function link",
                        "verbose_name_plural": "pokja function links",
                        "db_table": "organisation_pokja_functions",
                        "unique_together": {("pokja", "function")},
                    },
                ),
                migrations.AlterField(
                    model_name="pokja",
                    name="functions",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="pokja",
                        through="organisation.PokjaFunction",
                        to="organisation.function",
                        verbose_name="functions (tusi)",
                    ),
                ),
            ],
        ),
        *(migrations.AddField(model_name=name, name="agency", field=agency(null=True)) for name in MODELS),
        migrations.RunPython(copy_agency(ROWS), migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="agency", field=agency()) for name in MODELS),
    ]
