"""Model instances from hand-written SQL: the columns of a model in a statement, and its rows turned into objects
as the ORM would build them (each field's database converters, ``Model.from_db``). For hot paths where building
the ORM's statement costs more than running it (the dashboard's table, the portal's submission)."""

import weakref

from django.db import connections
from django.db.models.expressions import Col

# Per database connection (the converters are bound to it): (model, table alias) → what ``loaders`` returns.
_KNOWN = weakref.WeakKeyDictionary()


def loaders(connection, model, alias: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple]:
    """The attribute names of ``model``'s concrete fields, their columns in a statement (table ``alias``) and
    the converters the ORM would apply to each (Django's, by position: decimals on SQLite…). Worked out once per
    connection."""
    wrapper = connections[connection.alias]
    known = _KNOWN.setdefault(wrapper, {})
    if (model, alias) not in known:
        known[model, alias] = _loaders(wrapper, model, alias)
    return known[model, alias]


def _loaders(connection, model, alias: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple]:
    names, columns, converters = [], [], []
    for position, model_field in enumerate(model._meta.concrete_fields):
        names.append(model_field.attname)
        columns.append(f"{alias}.{connection.ops.quote_name(model_field.column)}")
        column = Col(alias, model_field)
        found = connection.ops.get_db_converters(column) + model_field.get_db_converters(connection)
        converters.extend((position, converter, column) for converter in found)
    return tuple(names), tuple(columns), tuple(converters)


def load(connection, model, names, values: list, converters):
    """One instance of ``model`` from ``values`` (in the order of ``loaders``' names)."""
    for position, converter, column in converters:
        values[position] = converter(values[position], column, connection)
    return model.from_db(connection.alias, names, values)
