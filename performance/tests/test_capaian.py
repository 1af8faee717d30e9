"""The capaian rules of government performance reports, and period aggregation."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance.capaian import AVERAGE, HIGHER, LAST, LOWER, RANGE, SUM, aggregate, capaian, display


@pytest.mark.parametrize(
    ("realisasi", "target", "expected"),
    [
        (D(90), D(100), D(90)),
        (D(17), D(17), D(100)),
        (D(20), D(17), D("117.6470588235294117647058824")),
        (D(0), D(5), D(0)),
    ],
)
def test_higher_is_better_is_realisasi_over_target(realisasi, target, expected):
    assert capaian(realisasi, target, HIGHER) == expected


@pytest.mark.parametrize(
    ("realisasi", "target", "expected"),
    [
        (D(8), D(10), D(120)),
        (D(10), D(10), D(100)),
        (D(12), D(10), D(80)),
        (D(0), D(10), D(200)),
        (D(25), D(10), D(-50)),
    ],
)
def test_lower_is_better_is_two_minus_the_ratio(realisasi, target, expected):
    assert capaian(realisasi, target, LOWER) == expected


@pytest.mark.parametrize(
    ("realisasi", "expected"),
    [(D(80), D(100)), (D(90), D(100)), (D(85), D(100)), (D(60), D(75)), (D(99), D(90))],
)
def test_a_range_uses_the_nearer_bound(realisasi, expected):
    # Target range 80-90: inside is 100 %; below is measured against 80, above against 90 (lower is better).
    assert capaian(realisasi, D(80), RANGE, D(90)) == expected


def test_a_range_given_upside_down_is_the_same_range():
    assert capaian(D(95), D(90), RANGE, D(80)) == capaian(D(95), D(80), RANGE, D(90))


@pytest.mark.parametrize("polarity", [HIGHER, LOWER])
def test_a_zero_target_gives_no_capaian(polarity):
    assert capaian(D(5), D(0), polarity) is None


def test_a_range_with_a_zero_lower_bound_below_it_cannot_happen_and_above_it_works():
    assert capaian(D(0), D(0), RANGE, D(5)) == D(100)
    assert capaian(D(10), D(0), RANGE, D(5)) == D(0)


@pytest.mark.parametrize("polarity", [HIGHER, LOWER, RANGE])
def test_missing_values_give_no_capaian(polarity):
    assert capaian(None, D(10), polarity, D(12)) is None
    assert capaian(D(10), None, polarity, D(12)) is None


def test_display_rounds_half_up_to_two_decimals_and_shows_a_dash_for_none():
    assert display(D("117.645")) == "117.65"
    assert display(D("99.994999")) == "99.99"
    assert display(None) == "—"


@pytest.mark.parametrize(
    ("method", "expected"),
    [(SUM, D(12)), (AVERAGE, D(4)), (LAST, D(5))],
)
def test_periods_aggregate_by_the_indicators_method(method, expected):
    assert aggregate([D(3), None, D(4), D(5)], method) == expected


def test_no_values_aggregate_to_none():
    assert aggregate([None, None], SUM) is None
    assert aggregate([], LAST) is None


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.decimals(min_value=D("0.01"), max_value=10**9, places=2))
def test_higher_and_lower_mirror_each_other_around_100(realisasi, target):
    total = capaian(realisasi, target, HIGHER) + capaian(realisasi, target, LOWER)
    assert total.quantize(D("0.000001")) == D(200)
