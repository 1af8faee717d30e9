"""Trend charts as inline SVG, drawn on the server: realisasi as bars, the target as a line, per period.

Deterministic (same numbers, same markup) and without scripts. The plotted values sit in data-* attributes
(``data-targets``/``data-realisasi`` on the <svg>, ``data-period``/``data-value`` on every mark) so that tests
and assistive tools can read them; a <title> and <desc> describe the chart.
"""

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 40
CENT = Decimal("0.01")


def _number(value: Decimal | None) -> str:
    """A plotted value as data: two decimals, like the API."""
    return "" if value is None else f"{Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP):f}"


def _f(value: Decimal) -> str:
    return f"{value:.1f}"


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
    """A bar (realisasi) and line (target) chart of one indicator over its periods."""
    period_count = period_count or len(periods)
    present = [Decimal(v) for v in [*targets, *realisasi] if v is not None]
    top = max([*present, Decimal(0)])
    bottom = min([*present, Decimal(0)])
    if top == bottom:
        top = bottom + 1
    top = top * Decimal("1.1") if top > 0 else top
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    band = Decimal(plot_w) / max(len(periods), 1)

    def y(value: Decimal) -> str:
        return f"{TOP + plot_h - (Decimal(value) - bottom) / (top - bottom) * plot_h:.1f}"

    def x(index: int) -> Decimal:
        return LEFT + band * index + band / 2

    zero = y(Decimal(0))
    parts = [
        format_html("<title>{}</title><desc>{}</desc>", title, _("Target (line) and accepted realisasi (bars)")),
        format_html('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, zero, WIDTH - RIGHT, zero),
        format_html('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>', LEFT - 4, y(top), _short(top)),
        format_html('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>', LEFT - 4, zero, _short(bottom)),
    ]
    bar_w = max(band * Decimal("0.55"), Decimal(2))
    tick = '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>'
    bar = (
        '<rect class="bar" data-series="realisasi" data-period="{}" data-value="{}" '
        'x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>'
    )
    for index, (period, value) in enumerate(zip(periods, realisasi, strict=True)):
        label = period_label(period, period_count)
        parts.append(format_html(tick, _f(x(index)), HEIGHT - BOTTOM + 14, label))
        if value is None:
            continue
        high, low = sorted([Decimal(y(value)), Decimal(zero)])
        left = _f(x(index) - bar_w / 2)
        parts.append(format_html(bar, period, _number(value), left, high, _f(bar_w), low - high, label, _number(value)))
    points = [(index, period, value) for index, (period, value) in enumerate(zip(periods, targets, strict=True))]
    line = " ".join(f"{_f(x(i))},{y(v)}" for i, _p, v in points if v is not None)
    if line:
        parts.append(format_html('<polyline class="target" points="{}"/>', line))
    dot = (
        '<circle class="target" data-series="target" data-period="{}" data-value="{}" '
        'cx="{}" cy="{}" r="3"><title>{}: {}</title></circle>'
    )
    for index, period, value in points:
        if value is not None:
            label = period_label(period, period_count)
            parts.append(format_html(dot, period, _number(value), _f(x(index)), y(value), label, _number(value)))
    legend_y = HEIGHT - 8
    parts.append(
        format_html(
            '<g class="legend"><rect class="bar" x="{}" y="{}" width="10" height="8"/>'
            '<text x="{}" y="{}">{}</text><line class="target" x1="{}" y1="{}" x2="{}" y2="{}"/>'
            '<text x="{}" y="{}">{}</text></g>',
            LEFT,
            legend_y - 8,
            LEFT + 14,
            legend_y,
            _("Realisasi"),
            LEFT + 110,
            legend_y - 4,
            LEFT + 124,
            legend_y - 4,
            LEFT + 128,
            legend_y,
            _("Target"),
        )  # fmt: skip
    )
    svg = format_html(
        '<svg class="trend-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'data-chart="trend" data-periods="{}" data-targets="{}" data-realisasi="{}">',
        WIDTH, HEIGHT, ",".join(str(p) for p in periods), ",".join(_number(v) for v in targets),
        ",".join(_number(v) for v in realisasi),
    )  # fmt: skip
    return mark_safe(svg + "".join(parts) + "</svg>")
