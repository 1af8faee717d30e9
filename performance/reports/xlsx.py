"""The Laporan Kinerja as a workbook: one sheet for the PK, one for the capaian (numbers, not text)."""

from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from performance.reports.data import Report

TWO_PLACES = Decimal("0.01")


def rounded(value: Decimal | None) -> Decimal | None:
    """A capaian rounded as ``capaian.display`` rounds it; None stays an empty cell."""
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _style_header(sheet, widths: dict[str, int]) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4F0")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def report_workbook(report: Report) -> Workbook:
    book = Workbook()
    pk = book.active
    pk.title = _("PK")[:31]
    pk.append([
        _("No"), _("SS code"), _("Strategic objective"), _("Perspective"), _("IKU code"), _("Performance indicator"),
        _("Target"), _("Upper bound"), _("Unit of measure"), _("Polarity"), _("Aggregation"), _("Pokja"),
    ])  # fmt: skip
    for line in report.lines:
        indicator, objective = line.indicator, line.indicator.objective
        pk.append([
            line.number, objective.code, objective.name, objective.get_perspective_display(), indicator.code,
            indicator.name, line.row.year.target, line.row.year.target_upper, indicator.unit_of_measure,
            indicator.get_polarity_display(), indicator.get_aggregation_display(), ", ".join(line.row.pokja_codes),
        ])  # fmt: skip
    _style_header(pk, {"C": 50, "F": 60, "I": 16})

    capaian = book.create_sheet(_("Capaian")[:31])
    capaian.append([
        _("No"), _("IKU code"), _("Performance indicator"), _("Target"), _("Upper bound"), _("Realisasi"),
        _("Capaian (%)"), _("Status"), _("Periods reported"),
    ])  # fmt: skip
    for line in report.lines:
        summary = line.summary
        capaian.append([
            line.number, line.indicator.code, line.indicator.name, summary.target, summary.target_upper,
            summary.realisasi, rounded(summary.capaian), line.status_label if summary.status else None,
            summary.reported,
        ])  # fmt: skip
    for row in capaian.iter_rows(min_row=2, min_col=4, max_col=7):
        for cell in row:
            cell.number_format = "0.00"
    _style_header(capaian, {"C": 60, "H": 14})
    return book


def report_xlsx(report: Report) -> bytes:
    buffer = BytesIO()
    report_workbook(report).save(buffer)
    return buffer.getvalue()
