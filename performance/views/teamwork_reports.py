"""Laporan Kinerja downloads: ?period=q1|q2|q3|q4|year, as PDF or XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.replica import reads_from_replica
from performance.access import get_agreement_for_user
from performance.reports import PERIODS, build_report, parse_period
from performance.reports.pdf import report_pdf as render_pdf
from performance.reports.xlsx import report_xlsx as render_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def prepare(request, slug: str, year: int):
    """The report asked for, or a 400 answer when the period is not one of q1-q4 or year."""
    _unit, agreement, _can_manage = get_agreement_for_user(request.user, slug, year)
    value = request.GET.get("period", "")
    period = parse_period(value)
    if period is None:
        message = _("“%(value)s” is not a report period; use q1, q2, q3, q4 or year.") % {"value": value}
        return None, HttpResponseBadRequest(message)
    return build_report(agreement, period), None


def download(content: bytes, content_type: str, report, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"laporan-kinerja-{report.unit.slug}-{report.agreement.year}-{report.period.key}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@reads_from_replica
def report_pdf(request, slug, year):
    report, error = prepare(request, slug, year)
    return error or download(render_pdf(report), "application/pdf", report, "pdf")


@login_required
@reads_from_replica
def report_xlsx(request, slug, year):
    report, error = prepare(request, slug, year)
    return error or download(render_xlsx(report), XLSX, report, "xlsx")


@login_required
def report_index(request, slug, year):
    """The downloads of the year's Laporan Kinerja: each quarter and the year, as PDF and XLSX."""
    unit, agreement, can_manage = get_agreement_for_user(request.user, slug, year)
    context = {"unit": unit, "agreement": agreement, "can_manage": can_manage, "periods": PERIODS.values()}
    return render(request, "performance/report_index.html", context)
