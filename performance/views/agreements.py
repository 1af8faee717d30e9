"""The PK pages: a unit's agreements, the PK of a year (SS by perspective, the IKU tree with capaian), an
indicator, its rencana aksi (period targets and activities), and copying a PK to the next year."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation.access import get_unit_for_user
from performance import groupings, selectors
from performance.access import get_agreement_for_user, get_indicator_for_user
from performance.models import Activity, Indicator, PerformanceAgreement, Realisasi, StrategicObjective
from performance.services import agreements as service
from performance.views.agreement_forms import ActivityForm, PeriodTargetsForm


def period_label(indicator: Indicator, period: int) -> str:
    if indicator.periodicity == Indicator.Periodicity.MONTHLY:
        return _("M%(period)d") % {"period": period}
    return _("Q%(period)d") % {"period": period}


@dataclass
class Perspective:
    label: str
    groups: list[groupings.Group]


def by_perspective(agreement: PerformanceAgreement, rows: list[selectors.IndicatorRow]) -> list[Perspective]:
    """The SS groups of the agreement under their balanced-scorecard perspective, in the scorecard's order."""
    groups = groupings.by_objective(agreement, rows)
    perspectives = []
    for value, label in StrategicObjective.Perspective.choices:
        mine = [g for g in groups if g.key.perspective == value]
        if mine:
            perspectives.append(Perspective(str(label), mine))
    return perspectives


def parse_period(value: str | None) -> int | None:
    try:
        period = int(value) if value else None
    except ValueError:
        return None
    return period if period and 1 <= period <= 12 else None


@login_required
def agreement_list(request, slug):
    unit, can_manage = get_unit_for_user(request.user, slug)
    agreements = PerformanceAgreement.objects.visible_to(request.user).filter(unit=unit).order_by("-year")
    return render(
        request,
        "performance/agreement_list.html",
        {"unit": unit, "can_manage": can_manage, "agreements": agreements},
    )


@login_required
def agreement_detail(request, slug, year):
    unit, agreement, can_manage = get_agreement_for_user(request.user, slug, year)
    up_to = parse_period(request.GET.get("up_to"))
    rows = selectors.indicator_table(agreement, up_to)
    years = list(PerformanceAgreement.objects.filter(unit=unit).order_by("-year").values_list("year", flat=True))
    return render(
        request,
        "performance/agreement_detail.html",
        {
            "unit": unit,
            "agreement": agreement,
            "can_manage": can_manage,
            "perspectives": by_perspective(agreement, rows),
            "indicator_count": len(rows),
            "up_to": up_to,
            "period_choices": range(1, max((r.indicator.period_count for r in rows), default=4) + 1),
            "years": years,
            "next_year_exists": agreement.year + 1 in years,
        },
    )


@login_required
@require_POST
def agreement_copy(request, slug, year):
    _unit, agreement, can_manage = get_agreement_for_user(request.user, slug, year)
    if not can_manage:
        raise PermissionDenied
    try:
        copy = service.copy_agreement(agreement=agreement, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agreement_detail", slug=slug, year=year)
    messages.success(
        request,
        _("PK %(year)d was copied to %(next)d: objectives, indicators, pokja, targets and activities.")
        % {"year": agreement.year, "next": copy.year},
    )
    return redirect("agreement_detail", slug=slug, year=copy.year)


@login_required
def indicator_detail(request, slug, year, code):
    unit, indicator, rights = get_indicator_for_user(request.user, slug, year, code)
    row = selectors.indicator_row(indicator)
    reports = {
        r.period: r
        for r in Realisasi.objects.filter(indicator=indicator)
        .select_related("reported_by", "submitted_by", "reviewed_by")
        .prefetch_related("evidence")
    }
    periods = [(cell, period_label(indicator, cell.period), reports.get(cell.period)) for cell in row.periods]
    history = (
        Realisasi.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:200]
    )
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "unit": unit,
            "agreement": indicator.agreement,
            "indicator": indicator,
            "row": row,
            "rights": rights,
            "can_manage": rights.can_review,
            "periods": periods,
            "children": indicator.children.order_by("order", "code"),
            "activities": indicator.activities.select_related("pokja").prefetch_related("responsible"),
            "history": history,
        },
    )


def _plan_context(unit, indicator, rights, targets_form=None, activity_form=None) -> dict:
    return {
        "unit": unit,
        "agreement": indicator.agreement,
        "indicator": indicator,
        "can_manage": rights.can_review,
        "targets_form": targets_form,
        "activity_form": activity_form or ActivityForm(indicator),
        "activities": indicator.activities.select_related("pokja").prefetch_related("responsible"),
    }


@login_required
def plan_edit(request, slug, year, code):
    """The rencana aksi of an indicator: its period targets (this form) and its activities (the forms below)."""
    unit, indicator, rights = get_indicator_for_user(request.user, slug, year, code)
    if not rights.can_review:
        raise PermissionDenied
    if request.method == "POST":
        form = PeriodTargetsForm(indicator, request.POST)
        if form.is_valid():
            try:
                service.set_period_targets(indicator=indicator, targets=form.targets(), actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The period targets were saved."))
                return redirect("plan_edit", slug=slug, year=year, code=code)
        return render(request, "performance/plan_edit.html", _plan_context(unit, indicator, rights, form), status=400)
    initial = {}
    for target in indicator.period_targets.all():
        initial[f"target_{target.period}"] = target.target
        initial[f"upper_{target.period}"] = target.target_upper
    form = PeriodTargetsForm(indicator, initial=initial)
    return render(request, "performance/plan_edit.html", _plan_context(unit, indicator, rights, form))


@login_required
@require_POST
def activity_add(request, slug, year, code):
    unit, indicator, rights = get_indicator_for_user(request.user, slug, year, code)
    if not rights.can_review:
        raise PermissionDenied
    form = ActivityForm(indicator, request.POST)
    if form.is_valid():
        try:
            service.add_activity(indicator=indicator, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity was added."))
            return redirect("plan_edit", slug=slug, year=year, code=code)
    initial = {f"target_{t.period}": t.target for t in indicator.period_targets.all()}
    targets_form = PeriodTargetsForm(indicator, initial=initial)
    context = _plan_context(unit, indicator, rights, targets_form, form)
    return render(request, "performance/plan_edit.html", context, status=400)


@login_required
@require_POST
def activity_delete(request, slug, year, code, pk):
    _unit, indicator, rights = get_indicator_for_user(request.user, slug, year, code)
    if not rights.can_review:
        raise PermissionDenied
    activity = get_object_or_404(Activity.objects.visible_to(request.user), pk=pk, indicator=indicator)
    activity.indicator = indicator
    service.delete_activity(activity=activity, actor=request.user)
    messages.success(request, _("The activity was removed."))
    return redirect("plan_edit", slug=slug, year=year, code=code)
