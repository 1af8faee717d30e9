"""PostgreSQL only: a GIN index over the tickets' search text, the expression helpdesk.search queries."""

from django.db import migrations

# The same expression as helpdesk.search.TicketDocument (kept here so that the migration never changes).
CREATE_INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS helpdesk_ticket_search ON helpdesk_ticket "
    "USING gin (to_tsvector('simple'::regconfig, search_text))"
)
DROP_INDEX_SQL = "DROP INDEX IF EXISTS helpdesk_ticket_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX_SQL)


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
