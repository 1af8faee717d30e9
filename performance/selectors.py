"""Monitoring reads: targets, accepted realisasi and capaian per indicator, in a fixed number of queries.

Every aggregate (sums, counts, last values, up to a period) is computed by the database; Python only combines
the handful of aggregated numbers of each indicator into one value (a sum, ``sum / count`` for an average, the
last value) and applies the pure rules of ``performance.capaian`` to it, so the numbers are exactly those of
``capaian.aggregate`` + ``capaian.capaian``.

Rules (the LKj conventions):
- Only ACCEPTED realisasi count; a submitted one is shown as ``pending`` on its period, never in capaian.
- The year target is ``Indicator.target`` (``target_upper`` for ranges); the year realisasi aggregates all
  accepted periods by the indicator's aggregation (sum / average of those present / last present).
- Cumulative to period p: realisasi of periods 1..p aggregated the same way; the target is the sum of the
  period targets 1..p for SUM, their average for AVERAGE, and the period-p target for LAST (the last period
  target present up to p when period p has none). Range bounds aggregate the same way.
- ``up_to_period`` is counted in each indicator's own periods (quarters or months); ``up_to_month`` converts
  a month to quarters for quarterly indicators (completed quarters: month 8 → Q2). When neither is given, the
  cumulative runs to the indicator's last accepted period ("to date"); with none, it has no capaian.
- Zero targets and missing values give a capaian of None (shown as "—"), never an error.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Context, Decimal
from functools import lru_cache

from django.db import connections, router

from core.raw_rows import load, loaders
from performance import capaian as rules
from performance.models import Indicator, PerformanceAgreement, Realisasi, StrategicObjective

ACCEPTED = Realisasi.Status.ACCEPTED
PENDING = Realisasi.Status.SUBMITTED


class once:  # noqa: N801 - a decorator, like functools.cached_property
    """A property computed on first read and kept on the instance: ``functools.cached_property`` without the
    lock it takes on every first read in Python 3.11 (a table reads thousands of them)."""

    def __init__(self, func):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class PeriodCell:
    period: int
    target: Decimal | None
    target_upper: Decimal | None
    realisasi: Decimal | None  # accepted only
    capaian: Decimal | None
    status: str | None  # on_track / at_risk / behind / None
    pending: Decimal | None = None  # a submitted value awaiting review

    @once
    def capaian_text(self) -> str:
        return rules.display(self.capaian)


@dataclass
class Summary:
    """Target, realisasi and capaian over several periods (cumulative to ``period``, or the year)."""

    target: Decimal | None
    target_upper: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    status: str | None
    period: int | None = None  # the last period included; None for the year
    reported: int = 0  # accepted periods counted

    @once
    def capaian_text(self) -> str:
        return rules.display(self.capaian)


PERIODS = range(1, 13)
CENT = Decimal("0.01")
_FROM_FLOAT = Context(prec=15).create_decimal_from_float  # as Django's SQLite converter for decimals


@lru_cache(maxsize=4096)  # Decimals are immutable, and a table repeats the same few targets and values
def _cents(value) -> Decimal | None:
    """A database number as a Decimal of two places: PostgreSQL gives Decimals, SQLite ints and floats (and
    aggregates of 25.00 as 25), the JSON of the period cells ints and floats. A float is read to 15 significant
    digits, which is exact for the stored values (at most 14 digits, two of them decimals)."""
    if value is None:
        return None
    if isinstance(value, float):
        value = _FROM_FLOAT(value)
    return Decimal(value).quantize(CENT)


# The JSON objects of period cells (``_cells``) and the prefix of their keys: "7" → "r7"/"t7"/"tu7", "s7" → "s7".
_CELL_COLUMNS = {"r_cells": "r", "t_cells": "t", "tu_cells": "tu"}
_COLUMN_OF = {"r": "r_cells", "s": "r_cells", "t": "t_cells", "tu": "tu_cells"}  # by the prefix of a cell key


class _Aggregates(dict):
    """One indicator's numbers as the database aggregated them (``raw``), each converted to a Decimal on first
    use (a dashboard view reads a few of them per indicator, the period cells only for the indicators it
    shows: each JSON object of cells is read when one of its cells is). Counts and last periods are whole
    numbers: read them from ``raw``."""

    __slots__ = ("raw", "cells")

    def __init__(self, raw: dict):
        super().__init__()
        self.raw = raw
        self.cells = {column: raw.pop(column) for column in _CELL_COLUMNS if column in raw}

    def __missing__(self, key: str):
        raw = self.raw
        if self.cells and key not in raw:
            column = _COLUMN_OF.get(key.rstrip("0123456789"))
            text = self.cells.pop(column, None) if column else None
            if text is not None:
                prefix = _CELL_COLUMNS[column]
                for cell, number in json.loads(text).items():  # numbers as floats, as SQLite gives them: _cents
                    raw[cell if cell[0] == "s" else prefix + cell] = number
        self[key] = value = _cents(raw.get(key))
        return value


_CELL_KEYS = [(period, f"t{period}", f"tu{period}", f"r{period}", f"s{period}") for period in PERIODS]


@dataclass(eq=False)
class IndicatorRow:
    """An indicator with its cumulative and year summaries and its period cells, each computed when first read
    (from the aggregates the database gave; a view that shows some of them pays for those only)."""

    indicator: Indicator
    pokja_codes: list[str] = field(default_factory=list)
    _targets: _Aggregates | None = field(default=None, repr=False)
    _reported: _Aggregates | None = field(default=None, repr=False)
    _status_for: object = field(default=None, repr=False)
    _cutoff: int = field(default=0, repr=False)  # the cumulative's last period (0: none)
    _to_date: bool = field(default=True, repr=False)  # the cumulative runs to the last accepted period

    @property
    def status(self) -> str | None:
        """The dashboard's status of an indicator: the cumulative one (year-to-date)."""
        return self.cumulative.status

    @once
    def year(self) -> Summary:
        """The year: the yearly target against all accepted periods."""
        indicator, reported = self.indicator, self._reported
        real = _combine(indicator.aggregation, reported, "r")
        result = rules.capaian(real, indicator.target, indicator.polarity, indicator.target_upper)
        return Summary(
            indicator.target, indicator.target_upper, real, result, self._status_for(result),
            reported=reported.raw.get("r_count") or 0,
        )  # fmt: skip

    @once
    def cumulative(self) -> Summary:
        """To the cutoff: "to date" runs to the last accepted period, so it includes every accepted value."""
        method, reported, targets = self.indicator.aggregation, self._reported, self._targets
        prefix = "r" if self._to_date else "rc"
        real = _combine(method, reported, prefix)
        target = _combine(method, targets, "t")
        upper = _combine(method, targets, "tu")
        result = rules.capaian(real, target, self.indicator.polarity, upper)
        return Summary(
            target, upper, real, result, self._status_for(result), period=self._cutoff or None,
            reported=reported.raw.get(f"{prefix}_count") or 0,
        )  # fmt: skip

    @once
    def periods(self) -> list[PeriodCell]:
        polarity, status_for = self.indicator.polarity, self._status_for
        targets, reported, cells = self._targets, self._reported, []
        for period, t, tu, r, s in _CELL_KEYS[: self.indicator.period_count]:
            target, upper, value = targets[t], targets[tu], reported[r]
            result = rules.capaian(value, target, polarity, upper)
            cells.append(PeriodCell(period, target, upper, value, result, status_for(result), reported[s]))
        return cells


# The aggregates of ``indicator_table``, per indicator of the agreement (``{narrow}``: optionally some of them),
# as common table expressions of the one statement that also reads the indicators. ``{cutoff}`` is the last period
# of the cumulative of each row: the indicator's last accepted period ("to date", ``real.r_lastp``), or a period
# given by the caller (``CASE`` on the periodicity: months or quarters).
_ACCEPTED, _PENDING, _MONTHLY = (str(value) for value in (ACCEPTED, PENDING, Indicator.Periodicity.MONTHLY))
assert all(value.isalpha() for value in (_ACCEPTED, _PENDING, _MONTHLY))  # safe to write into the statements
_EXPLICIT = f"CASE WHEN i.periodicity = '{_MONTHLY}' THEN %s ELSE %s END"


def _sums(value: str, prefix: str, condition: str) -> str:
    """Sum, count and last period of the non-empty ``value`` (``r.value``, ``t.target``…) of the rows matching
    ``condition``."""
    period = value.split(".")[0] + ".period"
    return (
        f"SUM(CASE WHEN {condition} THEN {value} END) AS {prefix}_sum, "
        f"COUNT(CASE WHEN {condition} THEN {value} END) AS {prefix}_count, "
        f"MAX(CASE WHEN {condition} AND {value} IS NOT NULL THEN {period} END) AS {prefix}_lastp"
    )


def _cells(key: str, value: str, vendor: str) -> str:
    """The period cells of a group as one JSON object {key: value} (text), gathered by the database: one
    aggregate instead of a ``MAX(CASE …)`` column per period (which costs the database twelve times as much)."""
    if vendor == "postgresql":
        return f"json_object_agg({key}, {value})::text"
    return f"json_group_object({key}, {value})"


_PERIOD_KEY = "CAST({table}.period AS TEXT)"
# Accepted realisasi under their period ("7"), submitted ones under "s" and their period ("s7").
_REALISASI_KEY = (
    f"CASE WHEN r.status = '{_ACCEPTED}' THEN {_PERIOD_KEY.format(table='r')} "
    f"ELSE 's' || {_PERIOD_KEY.format(table='r')} END"
)
_REALISASI_SQL = f"""
    SELECT r.indicator_id AS id,
        {{r_cells}} AS r_cells,
        {_sums("r.value", "r", f"r.status = '{_ACCEPTED}'")}{{cumulative}}
    FROM "performance_realisasi" r JOIN "performance_indicator" i ON i.id = r.indicator_id
    WHERE i.agreement_id = %s AND r.status IN ('{_ACCEPTED}', '{_PENDING}'){{narrow}}
    GROUP BY r.indicator_id"""
_REALISASI_TO_CUTOFF = ",\n        " + _sums("r.value", "rc", f"r.status = '{_ACCEPTED}' AND r.period <= {_EXPLICIT}")
_TARGET_SQL = f"""
    SELECT t.indicator_id AS id,
        {{t_cells}} AS t_cells,
        {{tu_cells}} AS tu_cells,
        {_sums("t.target", "t", "t.period <= {cutoff}")},
        {_sums("t.target_upper", "tu", "t.period <= {cutoff}")}
    FROM "performance_periodtarget" t JOIN "performance_indicator" i ON i.id = t.indicator_id{{last}}
    WHERE i.agreement_id = %s{{narrow}}
    GROUP BY t.indicator_id"""
_TO_DATE = "COALESCE(real.r_lastp, 0)", " LEFT JOIN real ON real.id = i.id"  # cutoff, join: "to date"
# With the aggregates, the values at the last periods counted (what the LAST aggregation takes), each looked up
# by the unique (indicator, period) of realisasi and of period targets (``{cutoff_last}``: to a given cutoff).
_LAST = 'SELECT {column} FROM "{table}" x WHERE x.indicator_id = i.id AND x.period = {period}'
_LAST_VALUES = ", ".join(
    f"({_LAST.format(column=column, table=table, period=period)}) AS {name}"
    for name, column, table, period in [
        ("r_last", "value", "performance_realisasi", "real.r_lastp"),
        ("t_last", "target", "performance_periodtarget", "tgt.t_lastp"),
        ("tu_last", "target_upper", "performance_periodtarget", "tgt.tu_lastp"),
    ]
)
_CUTOFF_LAST = f", ({_LAST.format(column='value', table='performance_realisasi', period='real.rc_lastp')}) AS rc_last"
_TABLE_SQL = f"""WITH real AS ({{realisasi}}), tgt AS ({{targets}})
SELECT {{columns}}, real.*, tgt.*, {_LAST_VALUES}{{cutoff_last}}
FROM "performance_indicator" i JOIN "performance_strategicobjective" o ON o.id = i.objective_id
LEFT JOIN real ON real.id = i.id LEFT JOIN tgt ON tgt.id = i.id
WHERE i.agreement_id = %s{{narrow}}
ORDER BY o."order", o.code, i."order", i.code
"""


# The pokja codes of each indicator, in the pokja's order.
_POKJA_CODES_SQL = """
SELECT link.indicator_id, p.code
FROM "performance_indicator_pokja" link
JOIN "organisation_pokja" p ON p.id = link.pokja_id
JOIN "performance_indicator" i ON i.id = link.indicator_id
WHERE i.agreement_id = %s{narrow}
ORDER BY p."order", p.code
"""


def _narrow(ids: list[int] | None) -> str:
    return f" AND i.id IN ({', '.join(['%s'] * len(ids))})" if ids else ""


def _table(connection, agreement_id: int, ids: list[int] | None, explicit: tuple[int, int] | None):
    """The agreement's indicators (or those of ``ids``) in order, each with its SS and its aggregates: one
    statement. ``explicit`` is the cutoff of monthly and of quarterly indicators, None for "to date"."""
    vendor, narrow = connection.vendor, _narrow(ids)
    narrowed = list(ids or [])
    cells = {
        "r_cells": _cells(_REALISASI_KEY, "r.value", vendor),
        "t_cells": _cells(_PERIOD_KEY.format(table="t"), "t.target", vendor),
        "tu_cells": _cells(_PERIOD_KEY.format(table="t"), "t.target_upper", vendor),
    }
    if explicit is None:
        real = _REALISASI_SQL.format(cumulative="", narrow=narrow, **cells)
        cutoff, last = _TO_DATE
        params = [agreement_id, *narrowed, agreement_id, *narrowed]
    else:
        real = _REALISASI_SQL.format(cumulative=_REALISASI_TO_CUTOFF, narrow=narrow, **cells)
        cutoff, last = _EXPLICIT, ""
        params = [*explicit * 3, agreement_id, *narrowed, *explicit * 6, agreement_id, *narrowed]
    targets = _TARGET_SQL.format(cutoff=cutoff, last=last, narrow=narrow, **cells)
    indicator_names, indicator_columns, indicator_converters = loaders(connection, Indicator, "i")
    objective_names, objective_columns, objective_converters = loaders(connection, StrategicObjective, "o")
    columns = ", ".join([*indicator_columns, *objective_columns])
    cutoff_last = "" if explicit is None else _CUTOFF_LAST
    sql = _TABLE_SQL.format(realisasi=real, targets=targets, columns=columns, narrow=narrow, cutoff_last=cutoff_last)
    width, end = len(indicator_names), len(indicator_names) + len(objective_names)
    objective_cache = Indicator.objective.field.set_cached_value
    objectives, table = {}, []
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, agreement_id, *narrowed])
        names = [column[0] for column in cursor.description][end:]
        for record in cursor.fetchall():
            item = load(connection, Indicator, indicator_names, list(record[:width]), indicator_converters)
            objective = objectives.get(item.objective_id)
            if objective is None:
                objective = objectives[item.objective_id] = load(
                    connection, StrategicObjective, objective_names, list(record[width:end]), objective_converters
                )
            objective_cache(item, objective)
            table.append((item, _Aggregates(dict(zip(names, record[end:], strict=True)))))
    return table


_KEYS = {prefix: (f"{prefix}_count", f"{prefix}_sum", f"{prefix}_last") for prefix in ("r", "rc", "t", "tu")}


def _combine(method: str, data: _Aggregates, prefix: str) -> Decimal | None:
    """One value from the database aggregates of the periods, as ``capaian.aggregate`` would give it: the sum,
    ``sum / count`` for an average, the value of the last period present."""
    count_key, sum_key, last_key = _KEYS[prefix]
    count = data.raw.get(count_key)
    if not count:
        return None
    if method == rules.SUM:
        return data[sum_key]
    if method == rules.AVERAGE:
        return data[sum_key] / count
    return data[last_key]


def _explicit_cutoff(period_count: int, up_to_period: int | None, up_to_month: int | None) -> int:
    if up_to_month is not None:
        month = max(0, min(int(up_to_month), 12))
        return month if period_count == 12 else month // 3
    return max(0, min(int(up_to_period), period_count))


def indicator_table(
    agreement: PerformanceAgreement,
    up_to_period: int | None = None,
    *,
    up_to_month: int | None = None,
    indicators=None,
) -> list[IndicatorRow]:
    """Every indicator of the agreement with its periods, cumulative and year capaian: two queries.

    ``indicators`` (a queryset of the agreement's indicators) narrows the table, e.g. to one pokja (one query
    more: their ids). Queries: the indicators with their SS, their realisasi (accepted and submitted) and their
    period targets, each grouped per indicator with the aggregates, in one statement; their pokja codes.
    """
    ids = None
    if indicators is not None:
        ids = list(
            Indicator.objects.filter(agreement=agreement, pk__in=indicators.values("pk")).values_list("pk", flat=True)
        )
        if not ids:
            return []
    to_date = up_to_period is None and up_to_month is None
    explicit = None if to_date else (
        _explicit_cutoff(12, up_to_period, up_to_month), _explicit_cutoff(4, up_to_period, up_to_month)
    )  # fmt: skip
    # The statements go where the ORM's reads go (a replica for the monitoring pages, when there is one).
    connection = connections[router.db_for_read(Indicator)]
    table = _table(connection, agreement.pk, ids, explicit)
    if not table:
        return []
    codes = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(_POKJA_CODES_SQL.format(narrow=_narrow(ids)), [agreement.pk, *(ids or [])])
        for indicator_id, code in cursor.fetchall():
            codes[indicator_id].append(code)
    status_for, rows = agreement.status_for, []
    for item, data in table:
        cutoff = (data.raw.get("r_lastp") or 0) if to_date else explicit[item.period_count != 12]
        rows.append(IndicatorRow(item, codes[item.pk], data, data, status_for, cutoff, to_date))
    return rows


def indicator_row(indicator: Indicator, up_to_period: int | None = None) -> IndicatorRow:
    """One indicator's row (for the API's detail): the same queries, narrowed to it."""
    rows = indicator_table(indicator.agreement, up_to_period, indicators=Indicator.objects.filter(pk=indicator.pk))
    return rows[0]
