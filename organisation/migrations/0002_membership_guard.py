"""Database guard for memberships, for the rules a declared constraint cannot state portably.

- the employee belongs to the pokja's agency;
- at most one ketua and one wakil per pokja on any date (dated ranges must not overlap);
- an employee is not a member of the same pokja twice on any date.

PostgreSQL gets a PL/pgSQL trigger, SQLite a pair of triggers. Both raise an integrity error
(SQLSTATE 23514 on PostgreSQL) whose text names the rule. Note for later migrations: SQLite drops
triggers when Django rebuilds the membership table; re-create them in that migration
(``organisation/tests/test_membership_constraints.py`` fails if they are lost).
"""

from django.db import migrations

RULES = ["same_agency", "one_ketua", "one_wakil", "no_duplicate"]

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION organisation_membership_guard() RETURNS trigger AS $$
BEGIN
  IF (SELECT agency_id FROM organisation_employee WHERE id = NEW.employee_id)
     IS DISTINCT FROM (SELECT agency_id FROM organisation_pokja WHERE id = NEW.pokja_id) THEN
    RAISE EXCEPTION 'organisation_membership_same_agency' USING ERRCODE = '23514';
  END IF;
  IF NEW.role IN ('ketua', 'wakil') AND EXISTS (
      SELECT 1 FROM organisation_membership m
      WHERE m.pokja_id = NEW.pokja_id AND m.role = NEW.role AND m.id <> NEW.id
        AND m.valid_from <= COALESCE(NEW.valid_to, 'infinity'::date)
        AND NEW.valid_from <= COALESCE(m.valid_to, 'infinity'::date)) THEN
    RAISE EXCEPTION 'organisation_membership_one_leader' USING ERRCODE = '23514';
  END IF;
  IF EXISTS (
      SELECT 1 FROM organisation_membership m
      WHERE m.pokja_id = NEW.pokja_id AND m.employee_id = NEW.employee_id AND m.id <> NEW.id
        AND m.valid_from <= COALESCE(NEW.valid_to, 'infinity'::date)
        AND NEW.valid_from <= COALESCE(m.valid_to, 'infinity'::date)) THEN
    RAISE EXCEPTION 'organisation_membership_no_duplicate' USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS organisation_membership_guard ON organisation_membership;
CREATE TRIGGER organisation_membership_guard BEFORE INSERT OR UPDATE ON organisation_membership
  FOR EACH ROW EXECUTE FUNCTION organisation_membership_guard();
"""

POSTGRES_DROP = """
DROP TRIGGER IF EXISTS organisation_membership_guard ON organisation_membership;
DROP FUNCTION IF EXISTS organisation_membership_guard();
"""

SQLITE_BODY = """
BEGIN
  SELECT RAISE(ABORT, 'organisation_membership_same_agency')
  WHERE (SELECT agency_id FROM organisation_employee WHERE id = NEW.employee_id)
        IS NOT (SELECT agency_id FROM organisation_pokja WHERE id = NEW.pokja_id);
  SELECT RAISE(ABORT, 'organisation_membership_one_leader')
  WHERE NEW.role IN ('ketua', 'wakil') AND EXISTS (
      SELECT 1 FROM organisation_membership m
      WHERE m.pokja_id = NEW.pokja_id AND m.role = NEW.role AND m.id IS NOT NEW.id
        AND m.valid_from <= COALESCE(NEW.valid_to, '9999-12-31')
        AND NEW.valid_from <= COALESCE(m.valid_to, '9999-12-31'));
  SELECT RAISE(ABORT, 'organisation_membership_no_duplicate')
  WHERE EXISTS (
      SELECT 1 FROM organisation_membership m
      WHERE m.pokja_id = NEW.pokja_id AND m.employee_id = NEW.employee_id AND m.id IS NOT NEW.id
        AND m.valid_from <= COALESCE(NEW.valid_to, '9999-12-31')
        AND NEW.valid_from <= COALESCE(m.valid_to, '9999-12-31'));
END;
"""

SQLITE_CREATE = [
    "CREATE TRIGGER IF NOT EXISTS organisation_membership_guard_insert BEFORE INSERT ON organisation_membership"
    + SQLITE_BODY,
    "CREATE TRIGGER IF NOT EXISTS organisation_membership_guard_update BEFORE UPDATE ON organisation_membership"
    + SQLITE_BODY,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS organisation_membership_guard_insert",
    "DROP TRIGGER IF EXISTS organisation_membership_guard_update",
]


def create_guard(apps, schema_editor):
    run(schema_editor, POSTGRES_CREATE, SQLITE_CREATE)


def drop_guard(apps, schema_editor):
    run(schema_editor, POSTGRES_DROP, SQLITE_DROP)


def run(schema_editor, postgres_sql, sqlite_statements):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres_sql)
    elif vendor == "sqlite":
        for statement in sqlite_statements:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [migrations.RunPython(create_guard, drop_guard)]
