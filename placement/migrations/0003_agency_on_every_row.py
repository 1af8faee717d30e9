"""The agency on competency levels, required competencies and pins, copied from their parent (issue 7)."""

import django.db.models.deletion
from django.db import migrations, models


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
    ("placement_competencylevel", "profile_id", "placement_employeeprofile"),
    ("placement_requiredcompetency", "requirement_id", "placement_pokjarequirement"),
    ("placement_placementpin", "run_id", "placement_placementrun"),
]


def agency(null=False):
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="organisation.agency",
    )


MODELS = ["competencylevel", "requiredcompetency", "placementpin"]


class Migration(migrations.Migration):
    dependencies = [
        ("placement", "0002_seed_asn_standard"),
    ]

    operations = [
        *(migrations.AddField(model_name=name, name="agency", field=agency(null=True)) for name in MODELS),
        migrations.RunPython(copy_agency(ROWS), migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="agency", field=agency()) for name in MODELS),
    ]
