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

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Context, Decimal
from functools import cached_property, lru_cache

from django.db import connection

from performance import capaian as rules
from performance.models import Indicator, PerformanceAgreement, Realisasi

ACCEPTED = Realisasi.Status.ACCEPTED
PENDING = Realisasi.Status.SUBMITTED


@dataclass
class PeriodCell:
    period: int
    target: Decimal | None
    target_upper: Decimal | None
    realisasi: Decimal | None  # accepted only
    capaian: Decimal | None
    status: str | None  # on_track / at_risk / behind / None
    pending: Decimal | None = None  # a submitted value awaiting review

    @property
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

    @property
    def capaian_text(self) -> str:
        return rules.display(self.capaian)


PERIODS = range(1, 13)
CENT = Decimal("0.01")
_FROM_FLOAT = Context(prec=15).create_decimal_from_float  # as Django's SQLite converter for decimals


@lru_cache(maxsize=4096)  # Decimals are immutable, and a table repeats the same few targets and values
def _cents(value) -> Decimal | None:
    """A database number as a Decimal of two places: PostgreSQL gives Decimals, SQLite ints and floats (and
    aggregates of 25.00 as 25)."""
    if value is None:
        return None
    if isinstance(value, float):
        value = _FROM_FLOAT(value)
    return Decimal(value).quantize(CENT)


_COUNTS = ("_count", "_lastp")  # whole numbers: how many periods, the last period


class _Aggregates:
    """One indicator's numbers as the database aggregated them, converted to Decimals on first use (a dashboard
    view reads a few of them per indicator, the period cells only for the indicators it shows)."""

    __slots__ = ("raw", "done")

    def __init__(self, raw: dict):
        self.raw, self.done = raw, {}

    def get(self, key: str):
        try:
            return self.done[key]
        except KeyError:
            value = self.raw.get(key)
            self.done[key] = value = value if key.endswith(_COUNTS) else _cents(value)
            return value

    def __getitem__(self, key: str):
        return self.get(key)


@dataclass(eq=False)
class IndicatorRow:
    """An indicator with its cumulative and year summaries; its period cells are computed when first read."""

    indicator: Indicator
    cumulative: Summary
    year: Summary
    pokja_codes: list[str] = field(default_factory=list)
    _targets: _Aggregates | None = field(default=None, repr=False)
    _reported: _Aggregates | None = field(default=None, repr=False)
    _status_for: object = field(default=None, repr=False)

    @property
    def status(self) -> str | None:
        """The dashboard's status of an indicator: the cumulative one (year-to-date)."""
        return self.cumulative.status

    @cached_property
    def periods(self) -> list[PeriodCell]:
        polarity, targets, reported = self.indicator.polarity, self._targets, self._reported
        cells = []
        for period in range(1, self.indicator.period_count + 1):
            target, upper = targets.get(f"t{period}"), targets.get(f"tu{period}")
            value = reported.get(f"r{period}")
            result = rules.capaian(value, target, polarity, upper)
            cells.append(
                PeriodCell(period, target, upper, value, result, self._status_for(result), reported.get(f"s{period}"))
            )
        return cells


# The aggregates of ``indicator_table``, per indicator of the agreement (``{narrow}``: optionally some of them).
# ``{cutoff}`` is the last period of the cumulative of each row: the indicator's last accepted period ("to
# date"), or a period given by the caller (``CASE`` on the periodicity: months or quarters).
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


def _per_period(value: str, alias: str, condition: str = "") -> str:
    return ", ".join(f"MAX(CASE WHEN {condition}period = {p} THEN {value} END) AS {alias}{p}" for p in PERIODS)


_REALISASI_SQL = f"""
SELECT r.indicator_id,
    {_per_period("r.value", "r", f"r.status = '{_ACCEPTED}' AND r.")},
    {_per_period("r.value", "s", f"r.status = '{_PENDING}' AND r.")},
    {_sums("r.value", "r", f"r.status = '{_ACCEPTED}'")}{{cumulative}}
FROM performance_realisasi r JOIN performance_indicator i ON i.id = r.indicator_id
WHERE i.agreement_id = %s AND r.status IN ('{_ACCEPTED}', '{_PENDING}'){{narrow}}
GROUP BY r.indicator_id
"""
_REALISASI_TO_CUTOFF = ",\n    " + _sums("r.value", "rc", f"r.status = '{_ACCEPTED}' AND r.period <= {_EXPLICIT}")
_TARGET_SQL = f"""
SELECT t.indicator_id,
    {_per_period("t.target", "t", "t.")},
    {_per_period("t.target_upper", "tu", "t.")},
    {_sums("t.target", "t", "t.period <= {cutoff}")},
    {_sums("t.target_upper", "tu", "t.period <= {cutoff}")}
FROM performance_periodtarget t JOIN performance_indicator i ON i.id = t.indicator_id{{last}}
WHERE i.agreement_id = %s{{narrow}}
GROUP BY t.indicator_id
"""
_TARGET_LAST = f"""
    LEFT JOIN (
        SELECT r.indicator_id, MAX(r.period) AS period
        FROM performance_realisasi r JOIN performance_indicator i ON i.id = r.indicator_id
        WHERE i.agreement_id = %s AND r.status = '{_ACCEPTED}'{{narrow}}
        GROUP BY r.indicator_id
    ) last ON last.indicator_id = t.indicator_id"""


def _fetch(sql: str, params: list) -> dict[int, _Aggregates]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return {record[0]: _Aggregates(dict(zip(names, record, strict=True))) for record in cursor.fetchall()}


def _aggregates(agreement_id: int, ids: list[int] | None, explicit: tuple[int, int] | None):
    """(realisasi, targets) aggregates per indicator: two grouped statements.

    ``ids`` narrows to some indicators; ``explicit`` is the cutoff of monthly and of quarterly indicators, None
    for "to date".
    """
    narrow = f" AND i.id IN ({', '.join(['%s'] * len(ids))})" if ids else ""
    narrowed = list(ids or [])
    if explicit is None:
        real_sql = _REALISASI_SQL.format(cumulative="", narrow=narrow)
        real_params = [agreement_id, *narrowed]
        cutoff, last = "COALESCE(last.period, 0)", _TARGET_LAST.format(narrow=narrow)
        target_params = [agreement_id, *narrowed, agreement_id, *narrowed]
    else:
        real_sql = _REALISASI_SQL.format(cumulative=_REALISASI_TO_CUTOFF, narrow=narrow)
        real_params = [*explicit * 3, agreement_id, *narrowed]
        cutoff, last = _EXPLICIT, ""
        target_params = [*explicit * 6, agreement_id, *narrowed]
    target_sql = _TARGET_SQL.format(cutoff=cutoff, last=last, narrow=narrow)
    return _fetch(real_sql, real_params), _fetch(target_sql, target_params)


def _combine(method: str, data: _Aggregates, prefix: str, cell: str) -> Decimal | None:
    """One value from the database aggregates of the periods, as ``capaian.aggregate`` would give it: the sum,
    ``sum / count`` for an average, the value of the last period present."""
    count = data.get(f"{prefix}_count") or 0
    if not count:
        return None
    if method == rules.SUM:
        return data[f"{prefix}_sum"]
    if method == rules.AVERAGE:
        return data[f"{prefix}_sum"] / count
    return data[f"{cell}{data[f'{prefix}_lastp']}"]


def _row(indicator, status_for, targets, reported, codes: list[str], cutoff: int, to_date: bool) -> IndicatorRow:
    method, polarity = indicator.aggregation, indicator.polarity
    year_real = _combine(method, reported, "r", "r")
    year_capaian = rules.capaian(year_real, indicator.target, polarity, indicator.target_upper)
    year = Summary(
        indicator.target, indicator.target_upper, year_real, year_capaian, status_for(year_capaian),
        reported=reported.get("r_count") or 0,
    )  # fmt: skip
    # "To date" runs to the last accepted period, so it includes every accepted value.
    prefix = "r" if to_date else "rc"
    real = _combine(method, reported, prefix, "r")
    target = _combine(method, targets, "t", "t")
    upper = _combine(method, targets, "tu", "tu")
    result = rules.capaian(real, target, polarity, upper)
    cumulative = Summary(
        target, upper, real, result, status_for(result), period=cutoff or None,
        reported=reported.get(f"{prefix}_count") or 0,
    )  # fmt: skip
    return IndicatorRow(indicator, cumulative, year, codes, targets, reported, status_for)


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
    """Every indicator of the agreement with its periods, cumulative and year capaian: four queries.

    ``indicators`` (a queryset of the agreement's indicators) narrows the table, e.g. to one pokja.
    Queries: the indicators with their objective; their realisasi (accepted and submitted) and their period
    targets, each grouped per indicator with the aggregates; their pokja codes.
    """
    queryset = (
        Indicator.objects.filter(agreement=agreement)
        .select_related("objective")
        .order_by("objective__order", "objective__code", "order", "code")
    )
    if indicators is not None:
        queryset = queryset.filter(pk__in=indicators.values("pk"))
    items = list(queryset)
    if not items:
        return []
    ids = [item.pk for item in items]
    to_date = up_to_period is None and up_to_month is None
    explicit = None if to_date else (
        _explicit_cutoff(12, up_to_period, up_to_month), _explicit_cutoff(4, up_to_period, up_to_month)
    )  # fmt: skip
    reported, targets = _aggregates(agreement.pk, ids if indicators is not None else None, explicit)
    codes = defaultdict(list)
    for indicator_id, code in (
        Indicator.pokja.through.objects.filter(indicator_id__in=ids)
        .order_by("pokja__order", "pokja__code")
        .values_list("indicator_id", "pokja__code")
    ):
        codes[indicator_id].append(code)
    empty, status_for = _Aggregates({}), agreement.status_for
    rows = []
    for item in items:
        data = reported.get(item.pk, empty)
        cutoff = (data.get("r_lastp") or 0) if to_date else explicit[item.period_count != 12]
        rows.append(_row(item, status_for, targets.get(item.pk, empty), data, codes[item.pk], cutoff, to_date))
    return rows


def indicator_row(indicator: Indicator, up_to_period: int | None = None) -> IndicatorRow:
    """One indicator's row (for the API's detail): the same four queries, narrowed to it."""
    rows = indicator_table(indicator.agreement, up_to_period, indicators=Indicator.objects.filter(pk=indicator.pk))
    return rows[0]


# The dashboard's groupings: each takes the rows of ``indicator_table`` (no further queries for the rows).


@dataclass
class Group:
    """Indicators gathered under an SS, a pokja or a person, with how many are in each status."""

    key: object
    rows: list[IndicatorRow]
    pokja_codes: list[str] = field(default_factory=list)

    @property
    def codes_by_status(self) -> list[tuple[str, list[str]]]:
        """(status, indicator codes) for the statuses present, on track first; "none" for no capaian."""
        codes = {"on_track": [], "at_risk": [], "behind": [], "none": []}
        for row in self.rows:
            codes[row.status or "none"].append(row.indicator.code)
        return [(status, found) for status, found in codes.items() if found]

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(["on_track", "at_risk", "behind", "no_data"], 0)
        for row in self.rows:
            counts[row.status or "no_data"] += 1
        return counts


def by_objective(agreement: PerformanceAgreement, rows: list[IndicatorRow]) -> list[Group]:
    """Every SS of the agreement in order, with its indicators (one query for the SS)."""
    groups = {ss.pk: Group(ss, []) for ss in agreement.objectives.order_by("order", "code")}
    for row in rows:
        groups[row.indicator.objective_id].rows.append(row)
    return list(groups.values())


def by_pokja(pokja: list, rows: list[IndicatorRow]) -> list[Group]:
    """Each pokja with the indicators it is responsible for."""
    groups = {p.code: Group(p, []) for p in pokja}
    for row in rows:
        for code in row.pokja_codes:
            if code in groups:
                groups[code].rows.append(row)
    return list(groups.values())


def by_person(current, rows: list[IndicatorRow]) -> list[Group]:
    """Each active employee (an organisation ``Structure``) with the indicators of the pokja they are in."""
    positions = defaultdict(set)  # pokja code → the positions of its rows
    for position, row in enumerate(rows):
        for code in row.pokja_codes:
            positions[code].add(position)
    groups = []
    for employee in current.employees:
        codes = [m.pokja.code for m in current.memberships_of(employee)]
        mine = sorted(set().union(*(positions.get(code, ()) for code in codes)))
        groups.append(Group(employee, [rows[position] for position in mine], codes))
    return groups
