"""indicator_table: the database aggregates give exactly the numbers of performance.capaian's pure rules."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.tests.factories import PokjaFactory, UnitFactory
from performance import capaian as rules
from performance.models import Indicator, Realisasi
from performance.selectors import indicator_row, indicator_table
from performance.tests import factories_monitoring as make

pytestmark = pytest.mark.django_db

SUBMITTED = Realisasi.Status.SUBMITTED
RETURNED = Realisasi.Status.RETURNED

TARGETS = [D("10"), D("12.50"), D("15"), D("20")]
UPPERS = [D("14"), D("16"), D("18"), D("25")]
REALISASI = [D("9"), D("13.25"), None, D("22")]  # period 3 not reported


def expected(values, targets, uppers, polarity, method, upto):
    """The pure rules on the same hand-built numbers: periods 1..upto aggregated by the method."""
    real = rules.aggregate(values[:upto], method)
    target = rules.aggregate(targets[:upto], method)
    upper = rules.aggregate(uppers[:upto], method) if uppers else None
    return target, real, rules.capaian(real, target, polarity, upper)


@pytest.fixture
def pk():
    return make.agreement(UnitFactory())


@pytest.fixture
def ss(pk):
    return make.objective(pk)


def build(ss, polarity, method, periodicity=Indicator.Periodicity.QUARTERLY, targets=TARGETS, values=REALISASI):
    upper = polarity == rules.RANGE
    return make.indicator(
        ss,
        f"IKU.{polarity[0]}{method[0]}{periodicity[0]}",
        target=D(50),
        target_upper=D(60) if upper else None,
        polarity=polarity,
        aggregation=method,
        periodicity=periodicity,
        period_targets=targets,
        upper_targets=UPPERS[: len(targets)] if upper else (),
        realisasi=values,
    )


@pytest.mark.parametrize("polarity", [rules.HIGHER, rules.LOWER, rules.RANGE])
@pytest.mark.parametrize("method", [rules.SUM, rules.AVERAGE, rules.LAST])
def test_it_matches_the_pure_rules_for_every_polarity_and_aggregation(ss, polarity, method):
    build(ss, polarity, method)
    uppers = UPPERS if polarity == rules.RANGE else []
    [row] = indicator_table(ss.agreement)

    for cell, target, upper, value in zip(row.periods, TARGETS, uppers or [None] * 4, REALISASI, strict=True):
        assert (cell.target, cell.target_upper, cell.realisasi) == (target, upper, value)
        assert cell.capaian == rules.capaian(value, target, polarity, upper)
    # To date = to Q4, the last accepted period.
    assert row.cumulative.period == 4
    assert (row.cumulative.target, row.cumulative.realisasi, row.cumulative.capaian) == expected(
        REALISASI, TARGETS, uppers, polarity, method, 4
    )
    year_real = rules.aggregate(REALISASI, method)
    assert row.year.realisasi == year_real
    assert row.year.target == D(50)
    assert row.year.capaian == rules.capaian(year_real, D(50), polarity, D(60) if uppers else None)
    assert row.year.capaian is not None


@pytest.mark.parametrize("polarity", [rules.HIGHER, rules.LOWER, rules.RANGE])
@pytest.mark.parametrize("method", [rules.SUM, rules.AVERAGE, rules.LAST])
@pytest.mark.parametrize("upto", [1, 2, 3])
def test_it_accumulates_to_a_given_period(ss, polarity, method, upto):
    build(ss, polarity, method)
    uppers = UPPERS if polarity == rules.RANGE else []
    [row] = indicator_table(ss.agreement, up_to_period=upto)
    summary = row.cumulative
    assert summary.period == upto
    assert (summary.target, summary.realisasi, summary.capaian) == expected(
        REALISASI, TARGETS, uppers, polarity, method, upto
    )


def test_it_takes_the_period_p_target_for_last_value_indicators(ss):
    build(ss, rules.HIGHER, rules.LAST)
    [row] = indicator_table(ss.agreement, up_to_period=3)
    # Period 3 has no realisasi: the last value is Q2's, against the Q3 target.
    assert row.cumulative.target == D(15)
    assert row.cumulative.realisasi == D("13.25")


def test_it_counts_only_accepted_realisasi_and_shows_submitted_ones_as_pending(ss):
    values = [D(10), (D(99), SUBMITTED), (D(77), RETURNED), (D(5), Realisasi.Status.DRAFT)]
    build(ss, rules.HIGHER, rules.SUM, values=values)
    [row] = indicator_table(ss.agreement)
    assert [cell.realisasi for cell in row.periods] == [D(10), None, None, None]
    assert [cell.pending for cell in row.periods] == [None, D(99), None, None]
    assert row.periods[1].capaian is None
    assert row.year.realisasi == D(10)
    assert row.year.reported == 1
    assert row.cumulative.period == 1
    assert row.cumulative.target == D(10)
    assert row.cumulative.capaian == D(100)


def test_it_gives_no_capaian_for_a_zero_target(ss):
    item = build(ss, rules.HIGHER, rules.SUM, targets=[D(0)] * 4, values=[D(3), None, None, None])
    item.target = D(0)
    item.save()
    [row] = indicator_table(ss.agreement)
    assert row.periods[0].capaian is None
    assert row.cumulative.capaian is None
    assert row.year.capaian is None
    assert row.year.status is None
    assert rules.display(row.year.capaian) == "—"


def test_it_gives_no_capaian_without_realisasi_or_targets(ss):
    build(ss, rules.LOWER, rules.AVERAGE, targets=[None] * 4, values=[])
    [row] = indicator_table(ss.agreement)
    assert all(cell.target is None and cell.capaian is None for cell in row.periods)
    assert row.cumulative.period is None
    assert (row.cumulative.target, row.cumulative.realisasi, row.cumulative.capaian) == (None, None, None)
    assert (row.year.realisasi, row.year.capaian, row.year.status) == (None, None, None)


def test_it_handles_monthly_indicators_with_twelve_periods(ss):
    targets = [D(m) for m in range(1, 13)]
    values = [D(m + 1) if m % 2 else None for m in range(1, 13)]
    build(ss, rules.HIGHER, rules.SUM, Indicator.Periodicity.MONTHLY, targets, values)
    [row] = indicator_table(ss.agreement, up_to_period=5)
    assert [cell.period for cell in row.periods] == list(range(1, 13))
    assert (row.cumulative.target, row.cumulative.realisasi, row.cumulative.capaian) == expected(
        values, targets, [], rules.HIGHER, rules.SUM, 5
    )
    [to_date] = indicator_table(ss.agreement)
    assert to_date.cumulative.period == 11
    assert to_date.year.realisasi == rules.aggregate(values, rules.SUM)


def test_it_converts_a_month_into_completed_quarters(ss):
    build(ss, rules.HIGHER, rules.SUM)
    build(ss, rules.HIGHER, rules.SUM, Indicator.Periodicity.MONTHLY, [D(1)] * 12, [D(1)] * 12)
    monthly, quarterly = indicator_table(ss.agreement, up_to_month=8)  # IKU.hsm, IKU.hsq
    assert (quarterly.cumulative.period, monthly.cumulative.period) == (2, 8)
    assert quarterly.cumulative.target == TARGETS[0] + TARGETS[1]
    assert monthly.cumulative.realisasi == D(8)


def test_a_period_past_the_year_is_the_whole_year(ss):
    build(ss, rules.HIGHER, rules.SUM)
    [row] = indicator_table(ss.agreement, up_to_period=12)
    assert row.cumulative.period == 4
    assert row.cumulative.target == sum(TARGETS)


def test_it_colours_the_status_by_the_agreements_thresholds(ss):
    ss.agreement.on_track_from, ss.agreement.at_risk_from = D(95), D(70)
    ss.agreement.save()
    for code, value in [("A", D(96)), ("B", D(80)), ("C", D(50))]:
        make.indicator(ss, code, target=100, period_targets=[D(100)] * 4, realisasi=[value])
    rows = indicator_table(ss.agreement)
    assert [row.cumulative.status for row in rows] == ["on_track", "at_risk", "behind"]
    assert [row.periods[0].status for row in rows] == ["on_track", "at_risk", "behind"]


def test_it_orders_by_objective_and_lists_the_pokja_codes(pk):
    second, first = make.objective(pk, "SS.2", order=2), make.objective(pk, "SS.1", order=1)
    pokja_a = PokjaFactory(unit=pk.unit, code="PAK", order=1)
    pokja_b = PokjaFactory(unit=pk.unit, code="PDI", order=2)
    make.indicator(second, "IKU.2", target=1, pokja=[pokja_b, pokja_a])
    make.indicator(first, "IKU.1", target=1)
    rows = indicator_table(pk)
    assert [row.indicator.code for row in rows] == ["IKU.1", "IKU.2"]
    assert rows[1].indicator.objective == second
    assert rows[1].pokja_codes == ["PAK", "PDI"]


def test_it_reads_in_two_queries_whatever_the_number_of_indicators(ss):
    counts = []
    for total in (2, 12):
        while Indicator.objects.filter(agreement=ss.agreement).count() < total:
            n = Indicator.objects.count()
            make.indicator(ss, f"IKU.{n}", target=10, period_targets=TARGETS, realisasi=REALISASI)
        with CaptureQueriesContext(connection) as queries:
            # the indicators with their SS, realisasi and period targets aggregated (one statement); pokja codes
            rows = indicator_table(ss.agreement)
        assert len(rows) == total
        counts.append(len(queries))
    assert counts == [2, 2]


def test_indicator_row_narrows_to_one_indicator(ss):
    build(ss, rules.HIGHER, rules.SUM)
    other = make.indicator(ss, "IKU.X", target=4, period_targets=[D(1)] * 4, realisasi=[D(2)])
    row = indicator_row(other)
    assert row.indicator == other
    assert row.cumulative.capaian == D(200)


def test_an_agreement_without_indicators_has_an_empty_table(pk):
    assert indicator_table(pk) == []


def test_it_gives_two_decimals_on_every_database(ss):
    build(ss, rules.HIGHER, rules.SUM)
    [row] = indicator_table(ss.agreement)
    assert [str(cell.target) for cell in row.periods] == ["10.00", "12.50", "15.00", "20.00"]
    assert (str(row.periods[0].realisasi), str(row.cumulative.target), str(row.year.realisasi)) == (
        "9.00",
        "57.50",
        "44.25",
    )


@pytest.mark.parametrize("method", [rules.SUM, rules.LAST])
def test_it_keeps_the_largest_values_exact_in_every_cell(ss, method):
    # 14 digits, the most a value may have: the period cells and the last values come from JSON and joins.
    big, small = D("123456789012.34"), D("0.01")
    make.indicator(
        ss, "IKU.BIG", target=D("999999999999.99"), aggregation=method,
        period_targets=[big, small, D("987654321098.76")], realisasi=[big, (small, SUBMITTED), small],
    )  # fmt: skip
    [row] = indicator_table(ss.agreement)
    assert [cell.target for cell in row.periods[:3]] == [big, small, D("987654321098.76")]
    assert [cell.realisasi for cell in row.periods[:3]] == [big, None, small]
    assert row.periods[1].pending == small
    if method == rules.LAST:  # the value of period 3, against the target of period 3
        assert (row.cumulative.realisasi, row.cumulative.target) == (small, D("987654321098.76"))
    else:
        assert (row.cumulative.realisasi, row.cumulative.target) == (big + small, big + small + D("987654321098.76"))
    assert [str(value) for value in (row.periods[0].target, row.year.realisasi)] == [
        "123456789012.34",
        str(small if method == rules.LAST else big + small),
    ]
