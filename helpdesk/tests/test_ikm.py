"""IKM exactly per PermenPANRB 14/2017: NRR, the exact 1/9 weight, ×25, the grade table at its edges."""

from decimal import Decimal
from fractions import Fraction

import pytest

from helpdesk import ikm


def sums_for(total: int, respondents: int) -> list[int]:
    """Nine element sums adding up to ``total``, each a possible sum for ``respondents`` answers."""
    base, extra = divmod(total, 9)
    sums = [base + (1 if i < extra else 0) for i in range(9)]
    assert all(respondents <= s <= 4 * respondents for s in sums)
    return sums


def test_it_computes_nrr_index_and_score_for_a_small_survey():
    answers = [
        [4, 3, 4, 4, 3, 4, 4, 3, 4],
        [3, 3, 3, 4, 3, 3, 4, 3, 3],
        [4, 4, 3, 4, 4, 4, 4, 3, 3],
        [3, 2, 3, 4, 3, 3, 3, 2, 3],
    ]
    result = ikm.compute_from_answers(answers)
    assert result.respondents == 4
    assert [e.nrr for e in result.elements] == [
        Fraction(14, 4),
        Fraction(12, 4),
        Fraction(13, 4),
        Fraction(16, 4),
        Fraction(13, 4),
        Fraction(14, 4),
        Fraction(15, 4),
        Fraction(11, 4),
        Fraction(13, 4),
    ]
    assert result.index == Fraction(121, 36)
    assert result.score == Fraction(3025, 36)  # 84.027…
    assert result.score_display == Decimal("84.03")
    assert (result.grade, result.category) == ("B", "Baik")
    assert [e.code for e in result.elements] == [f"U{i}" for i in range(1, 10)]


def test_it_uses_an_exact_ninth_where_the_printed_0_111_would_change_the_grade():
    # Σ NRR = 31.8: exactly 31.8 / 9 × 25 = 88.33 (A); with 0.111 it would be 88.245 (B).
    result = ikm.compute(sums_for(318, 10), 10)
    assert result.score == Fraction(265, 3)
    assert result.score_display == Decimal("88.33")
    assert result.grade == "A"


@pytest.mark.parametrize(
    ("total", "respondents", "shown", "grade", "category"),
    [
        (31788, 1000, "88.30", "B", "Baik"),  # exactly 88.30
        (79479, 2500, "88.31", "A", "Sangat Baik"),  # exactly 88.31
        (158949, 5000, "88.31", "A", "Sangat Baik"),  # 88.305 exactly: half up
        (3179, 100, "88.31", "A", "Sangat Baik"),  # 88.3055…
        (3178, 100, "88.28", "B", "Baik"),
        (27576, 1000, "76.60", "C", "Kurang Baik"),  # exactly 76.60
        (68949, 2500, "76.61", "B", "Baik"),  # exactly 76.61
        (137889, 5000, "76.61", "B", "Baik"),  # 76.605 exactly: half up
        (137888, 5000, "76.60", "C", "Kurang Baik"),  # 76.6044…
        (23400, 1000, "65.00", "C", "Kurang Baik"),
        (23396, 1000, "64.99", "D", "Tidak Baik"),
        (900, 100, "25.00", "D", "Tidak Baik"),
        (3600, 100, "100.00", "A", "Sangat Baik"),
    ],
)
def test_the_grade_agrees_with_the_score_as_printed(total, respondents, shown, grade, category):
    result = ikm.compute(sums_for(total, respondents), respondents)
    assert str(result.score_display) == shown
    assert (result.grade, result.category) == (grade, category)


def test_it_never_reports_88_31_with_a_b():
    # Every reachable score near the boundary, for several survey sizes.
    for respondents in (97, 100, 250, 333, 1000):
        for total in range(int(31.7 * respondents), int(31.9 * respondents)):
            result = ikm.compute(sums_for(total, respondents), respondents)
            assert (result.score_display >= Decimal("88.31")) == (result.grade == "A")


def test_it_has_no_result_without_respondents():
    assert ikm.compute([0] * 9, 0) is None


def test_it_refuses_impossible_sums():
    with pytest.raises(ValueError):
        ikm.compute([5] * 9, 1)
    with pytest.raises(ValueError):
        ikm.compute([4] * 8, 1)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(Fraction(88305, 1000), 2, "88.31"), (Fraction(883049999, 10**7), 2, "88.30"), (Fraction(1, 3), 4, "0.3333")],
)
def test_it_rounds_half_up_exactly(value, places, expected):
    assert str(ikm.round_half_up(value, places)) == expected


@pytest.mark.parametrize(
    ("population", "sample"),
    [(0, 0), (1, 1), (10, 10), (100, 80), (500, 218), (1000, 278), (10000, 370), (1000000, 384)],
)
def test_it_gives_the_krejcie_morgan_sample_size(population, sample):
    assert ikm.sample_size(population) == sample
