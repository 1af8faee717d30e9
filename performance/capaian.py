"""Capaian (achievement %) and period aggregation, as pure functions on Decimals.

The rules of government performance reports (LKj):
- higher is better: realisasi / target × 100;
- lower is better: (2 − realisasi / target) × 100;
- a range target: 100 inside [lower, upper]; below it, as higher-is-better against the lower bound;
  above it, as lower-is-better against the upper bound (the nearer bound).
A missing realisasi or target, or a zero target (bound), gives None, shown as "—".
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO = Decimal(2)

HIGHER = "higher"
LOWER = "lower"
RANGE = "range"

SUM = "sum"
AVERAGE = "average"
LAST = "last"


def capaian(
    realisasi: Decimal | None,
    target: Decimal | None,
    polarity: str,
    target_upper: Decimal | None = None,
) -> Decimal | None:
    """Achievement in percent, unrounded; None when it cannot be computed."""
    if realisasi is None or target is None:
        return None
    realisasi, target = Decimal(realisasi), Decimal(target)
    if polarity == RANGE:
        upper = Decimal(target_upper) if target_upper is not None else target
        lower = min(target, upper)
        upper = max(target, upper)
        if lower <= realisasi <= upper:
            return HUNDRED
        if realisasi < lower:
            return capaian(realisasi, lower, HIGHER)
        return capaian(realisasi, upper, LOWER)
    if target == 0:
        return None
    if polarity == LOWER:
        return (TWO - realisasi / target) * HUNDRED
    return realisasi / target * HUNDRED


def aggregate(values: Sequence[Decimal | None], method: str) -> Decimal | None:
    """Combines period values (in period order) into one: sum, average of those present, or the last present."""
    present = [Decimal(v) for v in values if v is not None]
    if not present:
        return None
    if method == SUM:
        return sum(present, Decimal(0))
    if method == AVERAGE:
        return sum(present, Decimal(0)) / len(present)
    return present[-1]


def display(value: Decimal | None, places: int = 2) -> str:
    """A capaian as the reports print it: two decimals, or "—"."""
    if value is None:
        return "—"
    return f"{value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):.{places}f}"
