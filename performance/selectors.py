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
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, IntegerField, Max, Q, Sum, Value, When

from performance import capaian as rules
from performance.models import Indicator, PerformanceAgreement, PeriodTarget, Realisasi

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


@dataclass
class IndicatorRow:
    indicator: Indicator
    periods: list[PeriodCell]
    cumulative: Summary
    year: Summary
    pokja_codes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        """The dashboard's status of an indicator: the cumulative one (year-to-date)."""
        return self.cumulative.status


PERIODS = range(1, 13)
DECIMAL = DecimalField(max_digits=14, decimal_places=2)
CENT = Decimal("0.01")


def _cutoff(cutoffs: dict[int, int]):
    """The last period of the cumulative of each row's indicator, as a database expression.

    Indicators are grouped by their cutoff (at most 13 values), so the expression stays small and needs no
    subquery: ``CASE WHEN indicator_id IN (…) THEN 3 … END``.
    """
    by_value = defaultdict(list)
    for indicator_id, value in cutoffs.items():
        if value:
            by_value[value].append(indicator_id)
    whens = [When(indicator_id__in=ids, then=Value(value)) for value, ids in sorted(by_value.items())]
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _sums(value: str, prefix: str, condition: Q) -> dict:
    """Sum, count and last period of the non-empty ``value`` of the rows matching ``condition``."""
    present = condition & Q(**{f"{value}__isnull": False})
    return {
        f"{prefix}_sum": Sum(value, filter=present, output_field=DECIMAL),
        f"{prefix}_count": Count("pk", filter=present),
        f"{prefix}_lastp": Max("period", filter=present),
    }


def _cents(row: dict) -> dict:
    """Two decimals on every backend: SQLite returns aggregates of 25.00 as Decimal("25")."""
    return {key: value.quantize(CENT) if isinstance(value, Decimal) else value for key, value in row.items()}


def _target_aggregates(ids: list[int], cutoffs: dict[int, int]) -> dict[int, dict]:
    """Per indicator: the period targets (t1..t12, tu1..tu12) and their sums and counts up to the cutoff."""
    to_cutoff = Q(period__lte=F("cutoff"))
    cells = {}
    for period in PERIODS:
        cells[f"t{period}"] = Max("target", filter=Q(period=period), output_field=DECIMAL)
        cells[f"tu{period}"] = Max("target_upper", filter=Q(period=period), output_field=DECIMAL)
    rows = (
        PeriodTarget.objects.filter(indicator_id__in=ids)
        .annotate(cutoff=_cutoff(cutoffs))
        .order_by()
        .values("indicator_id")
        .annotate(**cells, **_sums("target", "t", to_cutoff), **_sums("target_upper", "tu", to_cutoff))
    )
    return {row["indicator_id"]: _cents(row) for row in rows}


def _realisasi_aggregates(ids: list[int], cutoffs: dict[int, int] | None) -> dict[int, dict]:
    """Per indicator: accepted (r1..r12) and submitted (s1..s12) values, sums and counts of the accepted ones
    for the year and, with an explicit cutoff, up to it."""
    accepted = Q(status=ACCEPTED)
    cells = {}
    for period in PERIODS:
        cells[f"r{period}"] = Max("value", filter=accepted & Q(period=period), output_field=DECIMAL)
        cells[f"s{period}"] = Max("value", filter=Q(status=PENDING, period=period), output_field=DECIMAL)
    sums = _sums("value", "r", accepted)
    queryset = Realisasi.objects.filter(indicator_id__in=ids, status__in=[ACCEPTED, PENDING])
    if cutoffs is not None:
        queryset = queryset.annotate(cutoff=_cutoff(cutoffs))
        sums.update(_sums("value", "rc", accepted & Q(period__lte=F("cutoff"))))
    rows = queryset.order_by().values("indicator_id").annotate(**cells, **sums)
    return {row["indicator_id"]: _cents(row) for row in rows}


def _combine(method: str, data: dict, prefix: str, cell: str) -> Decimal | None:
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


def _row(
    indicator, agreement, targets: dict, reported: dict, codes: list[str], cutoff: int, to_date: bool
) -> IndicatorRow:
    method, polarity, status_for = indicator.aggregation, indicator.polarity, agreement.status_for
    cells = []
    for period in range(1, indicator.period_count + 1):
        target, upper = targets.get(f"t{period}"), targets.get(f"tu{period}")
        value = reported.get(f"r{period}")
        result = rules.capaian(value, target, polarity, upper)
        cells.append(PeriodCell(period, target, upper, value, result, status_for(result), reported.get(f"s{period}")))

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
    return IndicatorRow(indicator, cells, cumulative, year, codes)


def _explicit_cutoff(indicator: Indicator, up_to_period: int | None, up_to_month: int | None) -> int:
    if up_to_month is not None:
        month = max(0, min(int(up_to_month), 12))
        return month if indicator.period_count == 12 else month // 3
    return max(0, min(int(up_to_period), indicator.period_count))


def indicator_table(
    agreement: PerformanceAgreement,
    up_to_period: int | None = None,
    *,
    up_to_month: int | None = None,
    indicators=None,
) -> list[IndicatorRow]:
    """Every indicator of the agreement with its periods, cumulative and year capaian: four queries.

    ``indicators`` (a queryset of the agreement's indicators) narrows the table, e.g. to one pokja.
    Queries: the indicators with their objective; their period targets, and their realisasi (accepted and
    submitted), each grouped per indicator with the aggregates; their pokja codes.
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
    explicit = None if to_date else {item.pk: _explicit_cutoff(item, up_to_period, up_to_month) for item in items}
    reported = _realisasi_aggregates(ids, explicit)
    # To date: each indicator's last accepted period, from the realisasi aggregates.
    cutoffs = explicit or {pk: row["r_lastp"] or 0 for pk, row in reported.items()}
    targets = _target_aggregates(ids, cutoffs)
    codes = defaultdict(list)
    for indicator_id, code in (
        Indicator.pokja.through.objects.filter(indicator_id__in=ids)
        .order_by("pokja__order", "pokja__code")
        .values_list("indicator_id", "pokja__code")
    ):
        codes[indicator_id].append(code)
    return [
        _row(
            item,
            agreement,
            targets.get(item.pk, {}),
            reported.get(item.pk, {}),
            codes[item.pk],
            cutoffs.get(item.pk, 0),
            to_date,
        )  # fmt: skip
        for item in items
    ]


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
    groups = []
    for employee in current.employees:
        codes = [m.pokja.code for m in current.memberships_of(employee)]
        mine = set(codes)
        groups.append(Group(employee, [row for row in rows if mine.intersection(row.pokja_codes)], codes))
    return groups
