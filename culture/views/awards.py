"""Apresiasi pages: periods, a period's suggestions and nominations, nominating, deciding, the certificate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culture import access, pdf, suggestions
from culture.facts import EMPLOYEE, POKJA
from culture.forms import DecisionForm, NominationForm, PeriodForm
from culture.models import AwardPeriod, CoreValue, Nomination
from culture.services import awards as service
from culture.views.common import add_errors, pdf_response
from organisation.models import Employee, Pokja


@login_required
def period_list(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                period = service.create_period(actor=request.user, unit=unit, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                return redirect("culture_award_period", slug=unit.slug, pk=period.pk)
    periods = AwardPeriod.objects.filter(unit=unit).annotate(
        nomination_count=Count("nominations"),
        award_count=Count("nominations", filter=Q(nominations__status=Nomination.Status.AWARDED)),
        open_count=Count("nominations", filter=Q(nominations__status=Nomination.Status.PROPOSED)),
    )
    return render(
        request,
        "culture/awards/period_list.html",
        {"unit": unit, "can_manage": can_manage, "periods": periods, "form": form},
    )


def _prefill(period: AwardPeriod, token: str) -> dict:
    """The nomination form's initial values from a suggestion, and the suggestion itself."""
    suggestion = suggestions.find(period, token) if token else None
    if suggestion is None:
        return {}
    initial = {"kind": suggestion.subject.kind, "title": suggestion.title, "suggestion": suggestion.token}
    if suggestion.subject.kind == EMPLOYEE:
        initial["employee"] = Employee.objects.filter(unit=period.unit, nip=suggestion.subject.key).first()
    elif suggestion.subject.kind == POKJA:
        initial["pokja"] = Pokja.objects.filter(unit=period.unit, code=suggestion.subject.key).first()
    initial["values"] = list(CoreValue.objects.filter(code__in=suggestion.value_codes))
    return {"initial": initial, "suggestion": suggestion}


def _nominations(period: AwardPeriod):
    return (
        Nomination.objects.filter(period=period)
        .select_related("employee", "pokja", "stakeholder", "nominated_by", "decided_by")
        .prefetch_related(Prefetch("values", queryset=CoreValue.objects.order_by("order")))
        .order_by("status", "-nominated_at")
    )


@login_required
def period_detail(request, slug, pk):
    unit, period, can_manage = access.get_period_for_user(request.user, slug, pk)
    prefill = _prefill(period, request.GET.get("suggestion", ""))
    form = NominationForm(unit=unit, initial=prefill.get("initial"))
    return render(
        request,
        "culture/awards/period_detail.html",
        {
            "unit": unit,
            "period": period,
            "can_manage": can_manage,
            "suggestions": suggestions.for_period(period),
            "chosen": prefill.get("suggestion"),
            "nominations": _nominations(period),
            "form": form,
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def nominate(request, slug, pk):
    unit, period, can_manage = access.get_period_for_user(request.user, slug, pk)
    form = NominationForm(request.POST, unit=unit)
    suggestion = None
    if form.is_valid():
        data = form.cleaned_data
        suggestion = suggestions.find(period, data["suggestion"]) if data["suggestion"] else None
        try:
            service.nominate(
                actor=request.user,
                period=period,
                kind=data["kind"],
                title=data["title"],
                reason=data["reason"],
                employee=data["employee"],
                pokja=data["pokja"],
                stakeholder_name=data["stakeholder"],
                values=data["values"],
                suggestion=suggestion,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your nomination awaits the head's decision."))
            return redirect("culture_award_period", slug=unit.slug, pk=period.pk)
    context = {
        "unit": unit,
        "period": period,
        "can_manage": can_manage,
        "suggestions": suggestions.for_period(period),
        "chosen": suggestion,
        "nominations": _nominations(period),
        "form": form,
        "decision_form": DecisionForm(),
    }
    return render(request, "culture/awards/period_detail.html", context, status=400)


@login_required
@require_POST
def decide(request, slug, pk):
    unit, nomination, can_manage = access.get_nomination_for_user(request.user, slug, pk)
    if not can_manage:
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to award or to decline."))
    else:
        award = form.cleaned_data["decision"] == "award"
        try:
            service.decide(actor=request.user, nomination=nomination, award=award, note=form.cleaned_data["note"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            text = _("Awarded: %(title)s — %(name)s.") if award else _("Declined: %(title)s — %(name)s.")
            messages.success(request, text % {"title": nomination.title, "name": nomination.nominee_name})
    return redirect("culture_award_period", slug=unit.slug, pk=nomination.period_id)


@login_required
def certificate(request, slug, pk):
    unit, nomination, _can_manage = access.get_nomination_for_user(request.user, slug, pk)
    if nomination.status != Nomination.Status.AWARDED:
        raise Http404
    name = f"sertifikat-apresiasi-{nomination.pk}-{nomination.nominee_name}"
    return pdf_response(pdf.certificate_pdf(nomination), name)
