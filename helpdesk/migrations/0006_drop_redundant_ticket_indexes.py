"""Drops the foreign keys' own indexes that other indexes already begin with: a ticket's agency (the unique agency and
number), unit (the unit indexes), pokja and assignee (their status indexes); a message's and an event's ticket (their
ticket and date indexes). Lookups and cascades use those; each new ticket writes four index entries fewer and each
message and event one fewer (on SQLite a new ticket's commit journals 28 pages instead of 35).

The indexes are dropped by name rather than by AlterField: on SQLite AlterField rebuilds the whole table, which would
also drop the full-text triggers of 0004 and the index of 0005 (both written in SQL, unknown to the model)."""

from django.db import migrations, models

FIELDS = [
    ("ticket", "agency"),
    ("ticket", "unit"),
    ("ticket", "pokja"),
    ("ticket", "assignee"),
    ("message", "ticket"),
    ("ticketevent", "ticket"),
]


def _indexes(apps, schema_editor):
    for model_name, field_name in FIELDS:
        model = apps.get_model("helpdesk", model_name)
        table, column = model._meta.db_table, model._meta.get_field(field_name).column
        name = schema_editor._create_index_name(table, [column], suffix="")  # the name Django gave the FK's index
        yield schema_editor.quote_name(name), schema_editor.quote_name(table), schema_editor.quote_name(column)


def drop_indexes(apps, schema_editor):
    for name, _table, _column in _indexes(apps, schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_indexes(apps, schema_editor):
    for name, table, column in _indexes(apps, schema_editor):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def unindexed(model: str, **options) -> models.ForeignKey:
    return models.ForeignKey(db_index=False, to=model, **options)


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0005_ticket_search_scope_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="message",
                    name="ticket",
                    field=unindexed("helpdesk.ticket", on_delete=models.CASCADE, related_name="messages"),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="agency",
                    field=unindexed("organisation.agency", on_delete=models.CASCADE, related_name="+"),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="assignee",
                    field=unindexed(
                        "organisation.employee",
                        blank=True,
                        null=True,
                        on_delete=models.SET_NULL,
                        related_name="tickets",
                        verbose_name="assignee",
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="pokja",
                    field=unindexed(
                        "organisation.pokja", on_delete=models.PROTECT, related_name="tickets", verbose_name="pokja"
                    ),
                ),
                migrations.AlterField(
                    model_name="ticket",
                    name="unit",
                    field=unindexed(
                        "organisation.unit", on_delete=models.PROTECT, related_name="tickets", verbose_name="unit"
                    ),
                ),
                migrations.AlterField(
                    model_name="ticketevent",
                    name="ticket",
                    field=unindexed("helpdesk.ticket", on_delete=models.CASCADE, related_name="events"),
                ),
            ],
        )
    ]
