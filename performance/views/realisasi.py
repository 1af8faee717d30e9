"""Realisasi pages: the report form of a period with its evidence, the review steps (submit, return, accept),
evidence downloads, and the "belum lapor" board of late or missing reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation.selectors import today
from performance import evidence as evidence_checks
from performance.access import get_agreement_for_user, get_evidence_for_user, get_indicator_for_user
from performance.models import Realisasi
from performance.services import realisasi as service
from performance.services.reporting import due_days, overdue_reports, report_deadline
from performance.views.agreements import period_label
from performance.views.realisasi_forms import RealisasiForm, ReturnForm


def _period_or_404(indicator, period: int) -> int:
    if not 1 <= period <= indicator.period_count:
        raise Http404
    return period


def _realisasi(indicator, period: int) -> Realisasi | None:
    realisasi = (
        Realisasi.objects.filter(indicator=indicator, period=period)
        .select_related("reported_by", "submitted_by", "reviewed_by")
        .prefetch_related("evidence")
        .first()
    )
    if realisasi is not None:
        realisasi.indicator = indicator
    return realisasi


@login_required
def realisasi_period(request, slug, year, code, period):
    """A period's realisasi: what was reported, its evidence and review, and the report form for members."""
    unit, indicator, rights = get_indicator_for_user(request.user, slug, year, code)
    _period_or_404(indicator, period)
    realisasi = _realisasi(indicator, period)
    editable = realisasi is None or realisasi.status in service.EDITABLE
    status = 200
    if request.method == "POST":
        if not rights.can_report:
            raise PermissionDenied
        form = RealisasiForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                service.report_realisasi(
                    indicator=indicator,
                    period=period,
                    actor=request.user,
                    value=data["value"],
                    note=data["note"],
                    files=data["files"],
                    links=data["links"],
                    # The page's form always sends the version it was opened at; older clients may not.
                    version=data["version"] if "version" in request.POST else None,
                )
            except ValidationError as error:
                form.add_error(None, error)
                if getattr(error, "code", None) == "conflict":
                    status = 409
            else:
                messages.success(request, _("The realisasi was saved."))
                return redirect("realisasi_period", slug=slug, year=year, code=code, period=period)
        status = 409 if status == 409 else 400
    elif rights.can_report and editable:
        initial = {"value": realisasi.value, "note": realisasi.note} if realisasi else {}
        form = RealisasiForm(initial={**initial, "version": service.version_of(realisasi)})
    else:
        form = None
    return render(
        request,
        "performance/realisasi_period.html",
        {
            "unit": unit,
            "agreement": indicator.agreement,
            "indicator": indicator,
            "period": period,
            "period_label": period_label(indicator, period),
            "deadline": report_deadline(year, period, indicator.periodicity),
            "realisasi": realisasi,
            "rights": rights,
            "editable": editable,
            "form": form,
            "return_form": ReturnForm(),
            "max_bytes": evidence_checks.max_bytes(),
        },
        status=status,
    )


def _transition(request, slug, year, code, period, step) -> Realisasi:
    unit, indicator, rights = get_indicator_for_user(request.user, slug, year, code)
    _period_or_404(indicator, period)
    realisasi = Realisasi.objects.filter(indicator=indicator, period=period).first()
    if realisasi is None:
        raise Http404
    realisasi.indicator = indicator
    try:
        step(realisasi)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("realisasi_period", slug=slug, year=year, code=code, period=period)


@login_required
@require_POST
def realisasi_submit(request, slug, year, code, period):
    def step(realisasi):
        service.submit_realisasi(realisasi=realisasi, actor=request.user)
        messages.success(request, _("The realisasi was submitted for verification."))

    return _transition(request, slug, year, code, period, step)


@login_required
@require_POST
def realisasi_return(request, slug, year, code, period):
    def step(realisasi):
        service.return_realisasi(realisasi=realisasi, actor=request.user, comment=request.POST.get("comment", ""))
        messages.success(request, _("The realisasi was returned to the pokja."))

    return _transition(request, slug, year, code, period, step)


@login_required
@require_POST
def realisasi_accept(request, slug, year, code, period):
    def step(realisasi):
        service.accept_realisasi(realisasi=realisasi, actor=request.user, comment=request.POST.get("comment", ""))
        messages.success(request, _("The realisasi was accepted."))

    return _transition(request, slug, year, code, period, step)


@login_required
def evidence_download(request, slug, pk):
    """The evidence file, under the name it was uploaded with; only images are shown inline."""
    _unit, item, _rights = get_evidence_for_user(request.user, slug, pk)
    if not item.file:
        raise Http404
    inline = evidence_checks.is_image(item.content_type)
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=not inline,
        filename=item.name or "evidence",
        content_type=item.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def evidence_delete(request, slug, pk):
    _unit, item, rights = get_evidence_for_user(request.user, slug, pk)
    if not rights.can_report:
        raise PermissionDenied
    realisasi = item.realisasi
    indicator = realisasi.indicator
    try:
        service.remove_evidence(evidence=item, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The evidence was removed."))
    return redirect(
        "realisasi_period", slug=slug, year=indicator.agreement.year, code=indicator.code, period=realisasi.period
    )


@login_required
def report_board(request, slug, year):
    """The "belum lapor" board: every period past its deadline without a submitted or accepted realisasi."""
    unit, agreement, can_manage = get_agreement_for_user(request.user, slug, year)
    day = today()
    items = overdue_reports(agreement, day)
    for item in items:
        item.label = period_label(item.indicator, item.period)
        item.days = item.days_overdue(day)
    return render(
        request,
        "performance/board.html",
        {
            "unit": unit,
            "agreement": agreement,
            "can_manage": can_manage,
            "items": items,
            "day": day,
            "due_days": due_days(),
            "missing": sum(1 for item in items if item.state == "missing"),
            "late": sum(1 for item in items if item.state == "late"),
        },
    )
