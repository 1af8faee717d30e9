"""The dashboard's repeated markup, built as strings: hundreds of rows, badges and cells per page.

A template node costs a few microseconds, and a 200-indicator table has thousands of them; these tags give the
same markup for a fraction of that. Escaped as the templates would: every text from the database (codes, names,
units) and every translated label goes through ``escape``; numbers come from ``monitoring_format``.
"""

from html import escape  # what django.utils.html.escape runs, without its lazy-string wrapper

from django import template
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from performance.templatetags.monitoring_format import STATUS_LABELS, num, pct

register = template.Library()
STATUSES = ["on_track", "at_risk", "behind", "none"]


class _Text:
    """What every row of one render shares: the decimal separator and the escaped status labels."""

    def __init__(self):
        self.separator = get_format("DECIMAL_SEPARATOR")
        self.labels = {status: escape(str(STATUS_LABELS.get(status, "—"))) for status in STATUSES}

    def num(self, value) -> str:
        return num(value, self.separator)

    def pct(self, value) -> str:
        return pct(value, self.separator)

    def target(self, target, upper) -> str:
        """A target, with its upper bound for a range: "100–110"."""
        return self.num(target) if upper is None else f"{self.num(target)}–{self.num(upper)}"


@register.simple_tag
def objective_rows(rows) -> SafeString:
    """The <tr> of each indicator of an SS (the "ss" view): year target, to date, capaian and status."""
    text, lines = _Text(), []
    for row in rows:
        indicator, c, y = row.indicator, row.cumulative, row.year
        code, status = escape(indicator.code), row.status or "none"
        sub = ' class="sub-indicator"' if indicator.parent_id else ""
        lines.append(
            f'<tr data-indicator="{code}" data-status="{status}" data-cumulative-capaian="{c.capaian_text}" '
            f'data-year-capaian="{y.capaian_text}">'
            f"<td{sub}><strong>{code}</strong> {escape(indicator.name)}</td>"
            f"<td>{escape(indicator.unit_of_measure)}</td>"
            f'<td class="num">{text.target(y.target, y.target_upper)}</td>'
            f'<td class="num">{text.num(c.target)}</td><td class="num">{text.num(c.realisasi)}</td>'
            f'<td class="num status-{c.status or "none"}">{text.pct(c.capaian)}</td>'
            f'<td class="num status-{y.status or "none"}">{text.pct(y.capaian)}</td>'
            f'<td><span class="status status-{status}">{text.labels[status]}</span></td>'
            "</tr>"
        )
    return mark_safe("\n".join(lines))


@register.simple_tag
def indicator_badges(rows) -> SafeString:
    """An <li> per indicator (the "pokja" view): its code and cumulative capaian in its status colour."""
    text, items = _Text(), []
    for row in rows:
        code, status, capaian = escape(row.indicator.code), row.status or "none", row.cumulative.capaian
        percent = "" if capaian is None else "%"
        items.append(
            f'<li data-indicator="{code}" data-status="{status}" class="status-{status}" '
            f'title="{escape(row.indicator.name)}"><strong>{code}</strong> {text.pct(capaian)}{percent}</li>'
        )
    return mark_safe("\n".join(items))


@register.simple_tag
def status_lines(codes_by_status) -> SafeString:
    """A person's indicators by status (the "person" view): "on track (3) IKU.1, IKU.2, IKU.7"."""
    text, lines = _Text(), []
    for status, codes in codes_by_status:
        escaped = [escape(code) for code in codes]
        lines.append(
            f'<p class="person-status"><span class="status status-{status}" data-status="{status}" '
            f'data-indicators="{" ".join(escaped)}">{text.labels[status]} ({len(codes)})</span> '
            f"{', '.join(escaped)}</p>"
        )
    return mark_safe("\n".join(lines) or "—")


@register.simple_tag
def period_cells(row, line: str) -> SafeString:
    """The period cells of one line of an indicator's table (the "iku" view): target, realisasi or capaian."""
    text, cells = _Text(), []
    if line == "target":
        cells = [f'<td class="num">{text.target(cell.target, cell.target_upper)}</td>' for cell in row.periods]
    elif line == "realisasi":
        title = escape(_("submitted, awaiting review"))
        for cell in row.periods:
            pending = (
                ""
                if cell.pending is None
                else f' <span class="pending" title="{title}">({text.num(cell.pending)}?)</span>'
            )
            cells.append(f'<td class="num">{text.num(cell.realisasi)}{pending}</td>')
    else:
        cells = [
            f'<td class="num status-{cell.status or "none"}" data-period="{cell.period}" '
            f'data-capaian="{cell.capaian_text}">{text.pct(cell.capaian)}</td>'
            for cell in row.periods
        ]
    return mark_safe("".join(cells))
