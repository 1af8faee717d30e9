"""The Indeks Kepuasan Masyarakat exactly as PermenPANRB 14/2017 computes it, and the survey's sample size.

NRR per element = sum of its scores / respondents; index = Σ NRR × 1/9 (an exact ninth: the weight
printed as 0.111 drifts at the grade boundaries); converted score = index × 25. The grade comes from the
regulation's table, which is written in two-decimal scores, so the grade is read from the score rounded
to two decimals (half up) — the same figure a report prints next to it.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

ELEMENTS = (
    ("U1", _("Requirements")),
    ("U2", _("Systems, mechanisms and procedures")),
    ("U3", _("Completion time")),
    ("U4", _("Cost/tariff")),
    ("U5", _("Product specification by type of service")),
    ("U6", _("Staff competence")),
    ("U7", _("Staff behaviour")),
    ("U8", _("Handling of complaints, suggestions and feedback")),
    ("U9", _("Facilities and infrastructure")),
)
WEIGHT = Fraction(1, len(ELEMENTS))
CONVERSION = 25

# (lowest two-decimal score, grade, category), best first.
GRADES = (
    (Decimal("88.31"), "A", _("Very good")),
    (Decimal("76.61"), "B", _("Good")),
    (Decimal("65.00"), "C", _("Less than good")),
    (Decimal("25.00"), "D", _("Not good")),
)
# The Indonesian names the regulation gives the categories, for exports and the API's ``category``.
CATEGORY_NAMES = {"A": "Sangat Baik", "B": "Baik", "C": "Kurang Baik", "D": "Tidak Baik"}


def round_half_up(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, computed exactly (no float on the way)."""
    scale = 10**places
    scaled = value * scale
    rounded = math.floor(scaled + Fraction(1, 2)) if scaled >= 0 else -math.floor(-scaled + Fraction(1, 2))
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def grade_for(score: Decimal) -> tuple[str, str, str]:
    """(grade, category in Indonesian, translated category) for a two-decimal converted score."""
    score = score.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for lowest, grade, label in GRADES:
        if score >= lowest:
            return grade, CATEGORY_NAMES[grade], str(label)
    raise ValueError(f"an IKM score is at least 25.00, not {score}")


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    nrr: Fraction

    @property
    def nrr_display(self) -> Decimal:
        return round_half_up(self.nrr, 2)


@dataclass(frozen=True)
class Ikm:
    respondents: int
    elements: tuple[Element, ...]
    index: Fraction  # 1-4
    score: Fraction  # 25-100, exact

    @property
    def score_display(self) -> Decimal:
        """The converted score as reported: two decimals, half up."""
        return round_half_up(self.score, 2)

    @property
    def index_display(self) -> Decimal:
        return round_half_up(self.index, 4)

    @property
    def grade(self) -> str:
        return grade_for(self.score_display)[0]

    @property
    def category(self) -> str:
        return grade_for(self.score_display)[1]

    @property
    def category_label(self) -> str:
        return grade_for(self.score_display)[2]


def compute(sums: Sequence[int], respondents: int) -> Ikm | None:
    """The IKM from the per-element sums of scores (U1..U9) of ``respondents`` answers; None without answers."""
    if len(sums) != len(ELEMENTS):
        raise ValueError(f"expected {len(ELEMENTS)} element sums, got {len(sums)}")
    if respondents <= 0:
        return None
    for total in sums:
        if not respondents <= total <= 4 * respondents:
            raise ValueError("every score is between 1 and 4")
    elements = tuple(
        Element(code, str(name), Fraction(total, respondents))
        for (code, name), total in zip(ELEMENTS, sums, strict=True)
    )
    index = sum((element.nrr * WEIGHT for element in elements), Fraction(0))
    return Ikm(respondents=respondents, elements=elements, index=index, score=index * CONVERSION)


def compute_from_answers(answers: Sequence[Sequence[int]]) -> Ikm | None:
    """The IKM from individual answers, each nine scores."""
    sums = [sum(answer[i] for answer in answers) for i in range(len(ELEMENTS))]
    return compute(sums, len(answers))


# Krejcie & Morgan (1970): s = X²NP(1−P) / (d²(N−1) + X²P(1−P)), rounded up.
CHI_SQUARE = Fraction("3.841")  # one degree of freedom, 95 % confidence
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


def sample_size(population: int) -> int:
    """The respondents needed for a population of ``population`` service users.

    Rounded up, so it is never short; the published table rounds to the nearest unit and so is one lower
    for a few populations (e.g. N=50: table 44, here 45).
    """
    if population <= 0:
        return 0
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    size = spread * population / (MARGIN**2 * (population - 1) + spread)
    return math.ceil(size)
