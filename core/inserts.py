"""INSERT statements built once per model, for hot paths where compiling the ORM's INSERT costs more than running it.

``insert(*objects)`` writes unsaved instances of one model in one statement, each concrete field stored exactly as
``Model.save()`` stores it (the field's ``pre_save`` and ``get_db_prep_save``), and sets their primary keys.
``insert_sql`` gives the statement and its parameters without running it, for a caller that joins several
statements into one (a PostgreSQL ``WITH`` of inserts), with SQL expressions in place of some columns' values.
Neither sends signals or calls the model's own ``save()``: a caller does what that method would (see
``helpdesk.models.Ticket.fill_derived``). Models whose ``save()`` or signals matter elsewhere keep using the ORM.
"""

from functools import cache

from django.db import connections, router


@cache
def _parts(model, alias: str) -> tuple[str, str, tuple]:
    quote = connections[alias].ops.quote_name
    fields = tuple(field for field in model._meta.concrete_fields if not field.primary_key)
    columns = ", ".join(quote(field.column) for field in fields)
    return quote(model._meta.db_table), columns, fields


def insert_sql(
    *objects, expressions: dict[str, str] | None = None, returning: bool = True, also_return: tuple[str, ...] = ()
) -> tuple[str, list]:
    """``INSERT INTO … VALUES (…), (…) [RETURNING pk, *also_return]`` for ``objects`` (one model, automatic primary
    key), in order, and its parameters. ``expressions`` maps an attribute name (``ticket_id``) to the SQL written
    instead of its value in every row; ``also_return`` names columns returned after the primary key."""
    model = type(objects[0])
    alias = router.db_for_write(model)
    connection = connections[alias]
    table, columns, fields = _parts(model, alias)
    expressions = expressions or {}
    placeholder = "(" + ", ".join(expressions.get(field.attname, "%s") for field in fields) + ")"
    valued = [field for field in fields if field.attname not in expressions]
    params = [field.get_db_prep_save(field.pre_save(item, True), connection) for item in objects for field in valued]
    sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholder] * len(objects))}"
    if returning:
        returned = [model._meta.pk.column, *also_return]
        sql += f" RETURNING {', '.join(connection.ops.quote_name(column) for column in returned)}"
    return sql, params


def select_sql(item, expressions: dict[str, str] | None = None) -> tuple[str, str, list]:
    """The table, the column list and ``SELECT <values>`` of one row of ``item`` (an unsaved instance), each value
    cast to its column's type so that it can stand in a ``UNION`` or an ``INSERT … SELECT``, with ``expressions``
    (attribute name → SQL) in place of some values; and its parameters."""
    model = type(item)
    alias = router.db_for_write(model)
    connection = connections[alias]
    table, columns, fields = _parts(model, alias)
    expressions = expressions or {}
    values, params = [], []
    for field in fields:
        if field.attname in expressions:
            values.append(expressions[field.attname])
        else:
            values.append(f"CAST(%s AS {field.cast_db_type(connection)})")
            params.append(field.get_db_prep_save(field.pre_save(item, True), connection))
    return table, columns, f"SELECT {', '.join(values)}", params


def insert(*objects) -> None:
    """Writes ``objects`` with one INSERT … RETURNING and sets their primary keys, in order."""
    alias = router.db_for_write(type(objects[0]))
    sql, params = insert_sql(*objects)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        keys = [row[0] for row in cursor.fetchall()]
    for item, key in zip(objects, keys, strict=True):
        item.pk = key
        item._state.adding, item._state.db = False, alias
