"""The agency on every performance row, copied from its parent (issue 7: shardable by agency)."""

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
    ("performance_strategicobjective", "agreement_id", "performance_performanceagreement"),
    ("performance_indicator", "agreement_id", "performance_performanceagreement"),
    ("performance_periodtarget", "indicator_id", "performance_indicator"),
    ("performance_activity", "indicator_id", "performance_indicator"),
    ("performance_roleresult", "indicator_id", "performance_indicator"),
    ("performance_realisasi", "indicator_id", "performance_indicator"),
    ("performance_evidence", "realisasi_id", "performance_realisasi"),
    ("performance_followup", "dialogue_id", "performance_dialogue"),
]
# Change-history tables: filled the same way, and nullable like every column of a history row.
HISTORY_ROWS = [
    ("performance_historicalindicator", "agreement_id", "performance_performanceagreement"),
    ("performance_historicalperiodtarget", "indicator_id", "performance_indicator"),
    ("performance_historicalrealisasi", "indicator_id", "performance_indicator"),
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


MODELS = [
    "strategicobjective",
    "indicator",
    "periodtarget",
    "activity",
    "roleresult",
    "realisasi",
    "evidence",
    "followup",
]
HISTORY_MODELS = ["historicalindicator", "historicalperiodtarget", "historicalrealisasi"]


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0001_initial"),
    ]

    operations = [
        *(migrations.AddField(model_name=name, name="agency", field=agency(null=True)) for name in MODELS),
        *(migrations.AddField(model_name=name, name="agency", field=history_agency()) for name in HISTORY_MODELS),
        migrations.RunPython(copy_agency(ROWS + HISTORY_ROWS), migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="agency", field=agency()) for name in MODELS),
    ]
