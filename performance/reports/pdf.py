"""The Laporan Kinerja as an A4 portrait PDF drawn by WeasyPrint from an HTML template."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

from performance.reports import charts
from performance.reports.data import Report


def report_html(report: Report) -> str:
    context = {
        "report": report,
        "agreement": report.agreement,
        "unit": report.unit,
        "capaian_chart": mark_safe(charts.capaian_chart(report.lines)),
        "counts": {
            "on_track": report.status_count("on_track"),
            "at_risk": report.status_count("at_risk"),
            "behind": report.status_count("behind"),
            "none": report.status_count(None),
        },
        "period_charts": [(line, mark_safe(charts.period_chart(line))) for line in report.lines],
    }
    return render_to_string("performance/report_pdf.html", context)


def report_pdf(report: Report) -> bytes:
    return HTML(string=report_html(report)).write_pdf()
