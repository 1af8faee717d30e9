"""The agency on calendar tokens, pact versions and POS versions, copied from their parent (issue 7).

A calendar token of a user without an agency (an operator) has no agency to carry: it is deleted; the
operator simply has no feed address (see culture.services.calendar.feed_token).
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_agency(rows):
    """One UPDATE per table (SQLite and PostgreSQL alike): each row takes the agency of its parent row."""

    def forward(apps, schema_editor):
        quote = schema_editor.quote_name
        if schema_editor.connection.vendor == "postgresql":
            # Check the new foreign keys now rather than at commit: ALTER TABLE refuses pending trigger events.
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(
            "DELETE FROM culture_calendartoken WHERE user_id IN "
            "(SELECT id FROM organisation_user WHERE agency_id IS NULL)"
        )
        for table, column, parent in rows:
            schema_editor.execute(
                f"UPDATE {quote(table)} SET agency_id = "
                f"(SELECT p.agency_id FROM {quote(parent)} p WHERE p.id = {quote(table)}.{quote(column)})"
            )

    return forward


# (table, foreign key to the parent, parent table), parents before children.
ROWS = [
    ("culture_calendartoken", "user_id", "organisation_user"),
    ("culture_pactversion", "pact_id", "culture_pact"),
    ("culture_posversion", "document_id", "culture_posdocument"),
]


def agency(null=False):
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="organisation.agency",
    )


MODELS = ["calendartoken", "pactversion", "posversion"]


class Migration(migrations.Migration):
    dependencies = [
        ("culture", "0003_dialogue_value_tags"),
    ]

    operations = [
        *(migrations.AddField(model_name=name, name="agency", field=agency(null=True)) for name in MODELS),
        migrations.RunPython(copy_agency(ROWS), migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="agency", field=agency()) for name in MODELS),
    ]
