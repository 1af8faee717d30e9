"""The agency on the event, nomination and pact links (attendees, values, signers). Issue 7: shardable by agency.

Django made these link tables for plain many-to-many fields: ``culture_event_attendees``,
``culture_event_values``, ``culture_nomination_values``, ``culture_pact_signers``. They become explicit through
models (``organisation.scoping.AgencyLink``) that keep the table name, the two id columns and the unique pair, so
raw SQL keeps working. Django's state learns of the through models without touching the database; then the agency
column is added nullable, filled with one UPDATE per table from the side named in ``agency_source``, and made NOT
NULL, as in organisation/0005.
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
    ("culture_event_attendees", "event_id", "culture_event"),
    ("culture_event_values", "event_id", "culture_event"),
    ("culture_nomination_values", "nomination_id", "culture_nomination"),
    ("culture_pact_signers", "pact_id", "culture_pact"),
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


MODELS = ["eventattendee", "eventvalue", "nominationvalue", "pactsigner"]


class Migration(migrations.Migration):
    dependencies = [
        ("culture", "0004_agency_on_every_row"),
        ("organisation", "0006_agency_on_link_tables"),
    ]

    operations = [
        # State only: the tables exist already, under these names.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="EventAttendee",
                    fields=link("event", "culture.event", "employee", "organisation.employee"),
                    options={
                        "verbose_name": "event attendee link",
                        "verbose_name_plural": "event attendee links",
                        "db_table": "culture_event_attendees",
                        "unique_together": {("event", "employee")},
                    },
                ),
                migrations.AlterField(
                    model_name="event",
                    name="attendees",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="culture_events",
                        through="culture.EventAttendee",
                        to="organisation.employee",
                        verbose_name="attendees",
                    ),
                ),
                migrations.CreateModel(
                    name="EventValue",
                    fields=link("event", "culture.event", "corevalue", "culture.corevalue"),
                    options={
                        "verbose_name": "event value link",
                        "verbose_name_plural": "event value links",
                        "db_table": "culture_event_values",
                        "unique_together": {("event", "corevalue")},
                    },
                ),
                migrations.AlterField(
                    model_name="event",
                    name="values",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="events",
                        through="culture.EventValue",
                        to="culture.corevalue",
                        verbose_name="BerAKHLAK values",
                    ),
                ),
                migrations.CreateModel(
                    name="NominationValue",
                    fields=link("nomination", "culture.nomination", "corevalue", "culture.corevalue"),
                    options={
                        "verbose_name": "nomination value link",
                        "verbose_name_plural": "nomination value links",
                        "db_table": "culture_nomination_values",
                        "unique_together": {("nomination", "corevalue")},
                    },
                ),
                migrations.AlterField(
                    model_name="nomination",
                    name="values",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="nominations",
                        through="culture.NominationValue",
                        to="culture.corevalue",
                        verbose_name="BerAKHLAK values",
                    ),
                ),
                migrations.CreateModel(
                    name="PactSigner",
                    fields=link("pact", "culture.pact", "employee", "organisation.employee"),
                    options={
                        "verbose_name": "pact signer link",
                        "verbose_name_plural": "pact signer links",
                        "db_table": "culture_pact_signers",
                        "unique_together": {("pact", "employee")},
                    },
                ),
                migrations.AlterField(
                    model_name="pact",
                    name="signers",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Leave empty when every employee of the unit must sign.",
                        related_name="+",
                        through="culture.PactSigner",
                        to="organisation.employee",
                        verbose_name="signers",
                    ),
                ),
            ],
        ),
        *(migrations.AddField(model_name=name, name="agency", field=agency(null=True)) for name in MODELS),
        migrations.RunPython(copy_agency(ROWS), migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="agency", field=agency()) for name in MODELS),
    ]
