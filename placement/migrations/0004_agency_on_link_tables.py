"""The agency on the profile ↔ pokja and profile ↔ competency interest links. Issue 7: shardable by agency.

Django made these link tables for plain many-to-many fields: ``placement_employeeprofile_interest_pokja``,
``placement_employeeprofile_interest_competencies``. They become explicit through models
(``organisation.scoping.AgencyLink``) that keep the table name, the two id columns and the unique pair, so raw SQL
keeps working. Django's state learns of the through models without touching the database; then the agency column
is added nullable, filled with one UPDATE per table from the side named in ``agency_source``, and made NOT NULL,
as in organisation/0005.
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
    ("placement_employeeprofile_interest_pokja", "employeeprofile_id", "placement_employeeprofile"),
    ("placement_employeeprofile_interest_competencies", "employeeprofile_id", "placement_employeeprofile"),
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


MODELS = ["profileinterestpokja", "profileinterestcompetency"]


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0006_agency_on_link_tables"),
        ("placement", "0003_agency_on_every_row"),
    ]

    operations = [
        # State only: the tables exist already, under these names.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ProfileInterestPokja",
                    fields=link("employeeprofile", "placement.employeeprofile", "pokja", "organisation.pokja"),
                    options={
                        "verbose_name": "pokja of interest link",
                        "verbose_name_plural": "pokja of interest links",
                        "db_table": "placement_employeeprofile_interest_pokja",
                        "unique_together": {("employeeprofile", "pokja")},
                    },
                ),
                migrations.AlterField(
                    model_name="employeeprofile",
                    name="interest_pokja",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="interested_profiles",
                        through="placement.ProfileInterestPokja",
                        to="organisation.pokja",
                        verbose_name="pokja of interest",
                    ),
                ),
                migrations.CreateModel(
                    name="ProfileInterestCompetency",
                    fields=link("employeeprofile", "placement.employeeprofile", "competency", "placement.competency"),
                    options={
                        "verbose_name": "competency of interest link",
                        "verbose_name_plural": "competency of interest links",
                        "db_table": "placement_employeeprofile_interest_competencies",
                        "unique_together": {("employeeprofile", "competency")},
                    },
                ),
                migrations.AlterField(
                    model_name="employeeprofile",
                    name="interest_competencies",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="interested_profiles",
                        through="placement.ProfileInterestCompetency",
                        to="placement.competency",
                        verbose_name="competencies of interest",
                    ),
                ),
            ],
        ),
        *(migrations.AddField(model_name=name, name="agency", field=agency(null=True)) for name in MODELS),
        migrations.RunPython(copy_agency(ROWS), migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="agency", field=agency()) for name in MODELS),
    ]
