"""The dashboard's repeated markup, built as strings: hundreds of rows, badges and cells per page.

A template node costs a few microseconds, and a 200-indicator table has thousands of them; these tags give the
same markup for a fraction of that. Escaped as the templates would: every text from the database (codes, names,
units) and every translated label goes through ``escape``; numbers come from ``monitoring_format``.
"""

from html import escape  # what django.utils.html.escape runs, without its lazy-string wrapper

from django import template
from django.urls import reverse
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from performance.templatetags.monitoring_format import STATUS_LABELS, num

register = template.Library()
STATUSES = ["on_track", "at_risk", "behind", "none"]


class _Text:
    """What every row of one render shares: the decimal separator and the escaped status labels."""

    def __init__(self):
        self.separator = get_format("DECIMAL_SEPARATOR")
        self.labels = {status: escape(str(STATUS_LABELS.get(status, "—"))) for status in STATUSES}
        self.numbers = {}  # a table repeats its targets: each distinct value is formatted once

    def num(self, value) -> str:
        try:
            return self.numbers[value]
        except KeyError:
            text = self.numbers[value] = num(value, self.separator)
            return text

    def shown(self, capaian_text: str) -> str:
        """A capaian as ``pct`` shows it, from its ``capaian_text`` (the same rounding, with a point)."""
        return capaian_text if self.separator == "." else capaian_text.replace(".", self.separator)

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
            f'<td class="num status-{c.status or "none"}">{text.shown(c.capaian_text)}</td>'
            f'<td class="num status-{y.status or "none"}">{text.shown(y.capaian_text)}</td>'
            f'<td><span class="status status-{status}">{text.labels[status]}</span></td>'
            "</tr>"
        )
    return mark_safe("\n".join(lines))


@register.simple_tag
def status_counts(counts: dict[str, int]) -> SafeString:
    """How many indicators of a group are in each status (the "ss" and "pokja" views)."""
    on, risk, behind, none = (counts[key] for key in ("on_track", "at_risk", "behind", "no_data"))
    labels = [  # literal msgids, for makemessages
        ("on_track", ngettext("%(n)s on track", "%(n)s on track", on) % {"n": on}),
        ("at_risk", ngettext("%(n)s at risk", "%(n)s at risk", risk) % {"n": risk}),
        ("behind", ngettext("%(n)s behind", "%(n)s behind", behind) % {"n": behind}),
        ("none", ngettext("%(n)s without data", "%(n)s without data", none) % {"n": none}),
    ]
    spans = "\n".join(f'  <span class="status status-{key}">{escape(label)}</span>' for key, label in labels)
    return mark_safe(
        f'<p class="status-counts" data-on-track="{on}" data-at-risk="{risk}" data-behind="{behind}" '
        f'data-no-data="{none}">\n{spans}\n</p>'
    )


@register.simple_tag
def indicator_badges(rows) -> SafeString:
    """An <li> per indicator (the "pokja" view): its code and cumulative capaian in its status colour."""
    text, items = _Text(), []
    for row in rows:
        code, status, cumulative = escape(row.indicator.code), row.status or "none", row.cumulative
        percent = "" if cumulative.capaian is None else "%"
        items.append(
            f'<li data-indicator="{code}" data-status="{status}" class="status-{status}" '
            f'title="{escape(row.indicator.name)}"><strong>{code}</strong> {text.shown(cumulative.capaian_text)}'
            f"{percent}</li>"
        )
    return mark_safe("\n".join(items))


def _status_lines(codes_by_status, text: _Text) -> str:
    lines = []
    for status, codes in codes_by_status:
        escaped = [escape(code) for code in codes]
        lines.append(
            f'<p class="person-status"><span class="status status-{status}" data-status="{status}" '
            f'data-indicators="{" ".join(escaped)}">{text.labels[status]} ({len(codes)})</span> '
            f"{', '.join(escaped)}</p>"
        )
    return "\n".join(lines) or "—"


@register.simple_tag
def status_lines(codes_by_status) -> SafeString:
    """A person's indicators by status (the "person" view): "on track (3) IKU.1, IKU.2, IKU.7"."""
    return mark_safe(_status_lines(codes_by_status, _Text()))


@register.simple_tag
def person_rows(groups, unit, public: bool) -> SafeString:
    """The <tr> of each person (the "person" view): name (a link to their page unless the dashboard is
    public), position, pokja and their pokja's indicators by status. People in the same pokja share one list
    by status (``groupings.by_person``): it is written once."""
    text, lines, written = _Text(), [], {}
    # A NIP is 18 digits (a database constraint), the same in a URL: one reverse() for all, with a stand-in.
    head, _stand_in, tail = reverse("employee_detail", args=[unit.slug, "0"]).rpartition("/0/")
    for number, group in enumerate(groups, start=1):
        person = group.key
        name = escape(person.name)
        if not public:
            nip = person.nip
            url = f"{head}/{nip}/{tail}" if nip.isdigit() else reverse("employee_detail", args=[unit.slug, nip])
            name = f'<a href="{escape(url)}">{name}</a>'
        shared = id(group.codes_by_status)
        if shared not in written:
            written[shared] = _status_lines(group.codes_by_status, text)
        pokja = ", ".join(escape(code) for code in group.pokja_codes) or "—"
        lines.append(
            f'<tr data-person="{number}">\n'
            f"      <td>{name}</td>\n"
            f"      <td>{escape(person.position)}</td>\n"
            f"      <td>{pokja}</td>\n"
            f"      <td>{written[shared]}</td>\n"
            "    </tr>"
        )
    return mark_safe("\n".join(lines))


@register.simple_tag
def period_cells(row, line: str, text: _Text | None = None) -> SafeString:
    """The period cells of one line of an indicator's table (the "iku" view): target, realisasi or capaian."""
    text, cells = text or _Text(), []
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
            f'data-capaian="{cell.capaian_text}">{text.shown(cell.capaian_text)}</td>'
            for cell in row.periods
        ]
    return mark_safe("".join(cells))


@register.simple_tag
def indicator_cards(charts) -> SafeString:
    """A card per indicator (the "iku" view): its description, a table of its periods with the cumulative and
    the year, and its trend chart; ``charts`` holds (row, chart SVG, period labels)."""
    text, cards = _Text(), []
    words = {  # literal msgids, for makemessages
        "pokja": _("Pokja"), "to_date": _("To date"), "year": _("Year"), "target": _("Target"),
        "realisasi": _("Realisasi"), "capaian": _("Capaian (%)"),
    }  # fmt: skip
    words = {key: escape(word) for key, word in words.items()}
    shown = {}  # the translated polarity and aggregation of each value, looked up once
    for row, chart, labels in charts:
        indicator, c, y = row.indicator, row.cumulative, row.year
        code, status = escape(indicator.code), row.status or "none"
        for key, display in (
            (("polarity", indicator.polarity), indicator.get_polarity_display),
            (("aggregation", indicator.aggregation), indicator.get_aggregation_display),
        ):
            if key not in shown:
                shown[key] = escape(str(display()))
        about = " · ".join(
            [
                escape(indicator.objective.code), escape(indicator.unit_of_measure),
                shown["polarity", indicator.polarity], shown["aggregation", indicator.aggregation],
            ]
        )  # fmt: skip
        if row.pokja_codes:
            about += f" · {words['pokja']}: {', '.join(escape(code) for code in row.pokja_codes)}"
        heads = "".join(f"<th>{escape(str(label))}</th>" for label in labels)
        to_date = f" (≤ {c.period})" if c.period else ""
        upper = "" if y.target_upper is None else f"–{text.num(y.target_upper)}"
        cards.append(
            f'<section class="card dashboard-indicator" data-indicator="{code}" data-status="{status}">\n'
            f'  <h2><span class="code">{code}</span> {escape(indicator.name)}</h2>\n'
            f'  <p class="muted">{about}</p>\n'
            '  <div class="indicator-body">\n'
            '    <table class="dashboard-table periods">\n'
            f"      <thead><tr><th></th>{heads}<th>{words['to_date']}{to_date}</th>"
            f"<th>{words['year']}</th></tr></thead>\n"
            "      <tbody>\n"
            f"        <tr><th>{words['target']}</th>{period_cells(row, 'target', text)}"
            f'<td class="num">{text.num(c.target)}</td><td class="num">{text.num(y.target)}{upper}</td></tr>\n'
            f"        <tr><th>{words['realisasi']}</th>{period_cells(row, 'realisasi', text)}"
            f'<td class="num">{text.num(c.realisasi)}</td><td class="num">{text.num(y.realisasi)}</td></tr>\n'
            f"        <tr><th>{words['capaian']}</th>{period_cells(row, 'capaian', text)}"
            f'<td class="num status-{c.status or "none"}" data-cumulative-capaian="{c.capaian_text}">'
            f"{text.shown(c.capaian_text)}</td>"
            f'<td class="num status-{y.status or "none"}" data-year-capaian="{y.capaian_text}">'
            f"{text.shown(y.capaian_text)}</td>"
            "</tr>\n"
            "      </tbody>\n"
            "    </table>\n"
            f'    <figure class="trend">{chart}</figure>\n'
            "  </div>\n"
            "</section>"
        )
    return mark_safe("\n".join(cards))
