"""Trend charts as inline SVG, drawn on the server: realisasi as bars, the target as a line, per period.

Deterministic (same numbers, same markup) and without scripts. The plotted values sit in data-* attributes
(``data-targets``/``data-realisasi`` on the <svg>, ``data-period``/``data-value`` on every mark) so that tests
and assistive tools can read them; a <title> and <desc> describe the chart.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from html import escape as _html_escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 40
CENT = Decimal("0.01")


def _escape(text) -> str:
    """As ``django.utils.html.escape`` (the same five characters), without its lazy-string wrapper."""
    return _html_escape(str(text))


def _number(value: Decimal | None) -> str:
    """A plotted value as data: two decimals, like the API."""
    return "" if value is None else f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):f}"


def _short(value: Decimal) -> str:
    """An axis label: no trailing zeros, thousands kept compact."""
    text = f"{value.quantize(Decimal('0.01')).normalize():f}"
    return text if len(text) <= 7 else f"{value:.2e}"


def period_label(period: int, period_count: int) -> str:
    if period_count == 4:
        return _("Q%(quarter)d") % {"quarter": period}
    return str(period)


def trend_svg(
    title: str,
    periods: Sequence[int],
    targets: Sequence[Decimal | None],
    realisasi: Sequence[Decimal | None],
    period_count: int | None = None,
) -> SafeString:
    """A bar (realisasi) and line (target) chart of one indicator over its periods.

    Built with plain string formatting (a dashboard page draws twenty of them): only the title and the
    translated labels are text, and they are escaped; coordinates are floats, the data-* values Decimals.
    Each value is converted once (its data text and its height), whatever the number of marks it appears in.
    """
    period_count = period_count or len(periods)
    present = [Decimal(v) for v in [*targets, *realisasi] if v is not None]
    high, low = max([*present, Decimal(0)]), min([*present, Decimal(0)])  # the axis labels: exact
    if high == low:
        high = low + 1
    high = high * Decimal("1.1") if high > 0 else high
    top, bottom = float(high), float(low)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    band = plot_w / max(len(periods), 1)
    scale = plot_h / (top - bottom)
    floor = TOP + plot_h

    def y(value) -> float:
        return floor - (float(value) - bottom) * scale

    zero = y(0)
    labels = [_escape(period_label(period, period_count)) for period in periods]
    centres = [LEFT + band * index + band / 2 for index in range(len(periods))]
    target_data = [_number(v) for v in targets]
    real_data = [_number(v) for v in realisasi]
    parts = [
        f"<title>{_escape(title)}</title><desc>{_escape(_('Target (line) and accepted realisasi (bars)'))}</desc>",
        f'<line class="axis" x1="{LEFT}" y1="{zero:.1f}" x2="{WIDTH - RIGHT}" y2="{zero:.1f}"/>',
        f'<text class="tick" x="{LEFT - 4}" y="{y(top):.1f}" text-anchor="end">{_short(high)}</text>',
        f'<text class="tick" x="{LEFT - 4}" y="{zero:.1f}" text-anchor="end">{_short(low)}</text>',
    ]
    bar_w = max(band * 0.55, 2.0)
    half, tick_y, rounded_zero = bar_w / 2, HEIGHT - BOTTOM + 14, round(zero, 1)
    for label, centre, period, value, number in zip(labels, centres, periods, realisasi, real_data, strict=True):
        parts.append(f'<text class="tick" x="{centre:.1f}" y="{tick_y}" text-anchor="middle">{label}</text>')
        if value is None:
            continue
        bar_top, bar_bottom = sorted([round(y(value), 1), rounded_zero])
        parts.append(
            f'<rect class="bar" data-series="realisasi" data-period="{period}" data-value="{number}" '
            f'x="{centre - half:.1f}" y="{bar_top:.1f}" width="{bar_w:.1f}" height="{bar_bottom - bar_top:.1f}">'
            f"<title>{label}: {number}</title></rect>"
        )
    marks = [
        (label, centre, period, number, y(value))
        for label, centre, period, value, number in zip(labels, centres, periods, targets, target_data, strict=True)
        if value is not None
    ]
    if marks:
        points = " ".join(f"{centre:.1f},{height:.1f}" for _label, centre, _period, _number, height in marks)
        parts.append(f'<polyline class="target" points="{points}"/>')
    for label, centre, period, number, height in marks:
        parts.append(
            f'<circle class="target" data-series="target" data-period="{period}" data-value="{number}" '
            f'cx="{centre:.1f}" cy="{height:.1f}" r="3"><title>{label}: {number}</title></circle>'
        )
    legend_y = HEIGHT - 8
    parts.append(
        f'<g class="legend"><rect class="bar" x="{LEFT}" y="{legend_y - 8}" width="10" height="8"/>'
        f'<text x="{LEFT + 14}" y="{legend_y}">{_escape(_("Realisasi"))}</text>'
        f'<line class="target" x1="{LEFT + 110}" y1="{legend_y - 4}" x2="{LEFT + 124}" y2="{legend_y - 4}"/>'
        f'<text x="{LEFT + 128}" y="{legend_y}">{_escape(_("Target"))}</text></g>'
    )
    svg = (
        f'<svg class="trend-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'data-chart="trend" data-periods="{",".join(str(p) for p in periods)}" '
        f'data-targets="{",".join(target_data)}" '
        f'data-realisasi="{",".join(real_data)}">'
    )
    return mark_safe(svg + "".join(parts) + "</svg>")
