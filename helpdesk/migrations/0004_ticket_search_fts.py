"""SQLite only (when its FTS5 module is built in): a full-text index over the tickets' search text, kept by
triggers, the table helpdesk.search queries there. PostgreSQL has its GIN index (0002)."""

import sqlite3

from django.db import migrations

# The table and triggers helpdesk.search.FTS_TABLE names (kept here so that the migration never changes).
CREATE_SQL = [
    "CREATE VIRTUAL TABLE helpdesk_ticket_fts USING fts5("
    "search_text, content='helpdesk_ticket', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER helpdesk_ticket_fts_insert AFTER INSERT ON helpdesk_ticket BEGIN "
    "INSERT INTO helpdesk_ticket_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER helpdesk_ticket_fts_delete AFTER DELETE ON helpdesk_ticket BEGIN "
    "INSERT INTO helpdesk_ticket_fts(helpdesk_ticket_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "END",
    "CREATE TRIGGER helpdesk_ticket_fts_update AFTER UPDATE OF search_text ON helpdesk_ticket BEGIN "
    "INSERT INTO helpdesk_ticket_fts(helpdesk_ticket_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO helpdesk_ticket_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO helpdesk_ticket_fts(helpdesk_ticket_fts) VALUES ('rebuild')",
]
DROP_SQL = [
    "DROP TRIGGER IF EXISTS helpdesk_ticket_fts_insert",
    "DROP TRIGGER IF EXISTS helpdesk_ticket_fts_delete",
    "DROP TRIGGER IF EXISTS helpdesk_ticket_fts_update",
    "DROP TABLE IF EXISTS helpdesk_ticket_fts",
]


def has_fts5() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.Error:
        return False
    return True


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and has_fts5():
        for sql in CREATE_SQL:
            schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in DROP_SQL:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0003_ticket_unit_index_with_agency")]

    operations = [migrations.RunPython(create_index, drop_index)]
