"""Simple bar charts as inline SVG for the report (WeasyPrint draws them; no JavaScript, no images)."""

from decimal import Decimal
from xml.sax.saxutils import escape

from performance.capaian import display

COLOURS = {"on_track": "#2e7d32", "at_risk": "#f9a825", "behind": "#c62828", None: "#9e9e9e"}
TARGET_COLOUR, REALISASI_COLOUR = "#90a4ae", "#1565c0"


def capaian_chart(lines, width: int = 640, bar: int = 16, gap: int = 6) -> str:
    """Horizontal bars of the capaian per IKU, coloured by status, with the 100% line; capped at 150%."""
    label_width, value_width = 90, 60
    plot = width - label_width - value_width
    cap = Decimal(150)
    height = 24 + len(lines) * (bar + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart capaian-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="10">'
    ]
    hundred = label_width + plot * 100 / 150
    for i, line in enumerate(lines):
        y = 4 + i * (bar + gap)
        value = line.summary.capaian
        length = 0 if value is None else float(max(Decimal(0), min(value, cap)) / cap * plot)
        colour = COLOURS.get(line.summary.status, COLOURS[None])
        parts.append(f'<text x="0" y="{y + bar - 4}">{escape(line.indicator.code)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" fill="{colour}"/>')
        parts.append(f'<text x="{label_width + plot + 4}" y="{y + bar - 4}">{escape(display(value))}</text>')
    axis_y = height - 8
    parts.append(
        f'<line x1="{hundred:.1f}" y1="0" x2="{hundred:.1f}" y2="{axis_y - 6}" stroke="#333" stroke-dasharray="3,2"/>'
    )
    parts.append(f'<text x="{hundred - 14:.1f}" y="{axis_y + 4}">100%</text>')
    parts.append("</svg>")
    return "".join(parts)


def period_chart(line, width: int = 240, height: int = 110) -> str:
    """Target against realisasi per period of one IKU: grey target bars, blue realisasi bars."""
    cells = line.periods
    values = [v for c in cells for v in (c.target, c.realisasi) if v is not None]
    top = max(values, default=Decimal(0)) or Decimal(1)
    base, plot_height = height - 16, height - 28
    slot = (width - 10) / max(len(cells), 1)
    bar = max(min(slot / 3, 22), 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart period-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="8">',
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#333"/>',
    ]
    for i, cell in enumerate(cells):
        x = 5 + i * slot + (slot - 2 * bar) / 2
        for offset, value, colour in [(0, cell.target, TARGET_COLOUR), (bar, cell.realisasi, REALISASI_COLOUR)]:
            if value is None:
                continue
            h = float(max(Decimal(0), value) / top * plot_height)
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>'
            )
        parts.append(f'<text x="{x:.1f}" y="{height - 4}">{cell.period}</text>')
    parts.append("</svg>")
    return "".join(parts)
