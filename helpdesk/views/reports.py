"""The unit's IKM page (per pokja, service and period) and its list of SLA breaches."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from core.replica import reads_from_replica
from helpdesk import access, selectors
from helpdesk.forms import IkmFilterForm
from helpdesk.models import Category
from organisation.access import get_unit_for_user
from organisation.models import Pokja
from organisation.selectors import today


def period_defaults() -> tuple[datetime.date, datetime.date]:
    """This year so far."""
    day = today()
    return day.replace(month=1, day=1), day


@login_required
@reads_from_replica
def ikm_page(request, slug):
    unit, _can_write = get_unit_for_user(request.user, slug)
    pokja = list(Pokja.objects.filter(unit=unit).order_by("order", "code"))
    categories = list(Category.objects.filter(unit=unit).order_by("order", "name"))
    start, end = period_defaults()
    form = IkmFilterForm(
        request.GET or {"start": start, "end": end},
        pokja_choices=[(p.code, p.code) for p in pokja],
        category_choices=[(c.slug, c.name) for c in categories],
    )
    filters = form.cleaned_data if form.is_valid() else {"start": start, "end": end}
    chosen_pokja = next((p for p in pokja if p.code == filters.get("pokja")), None)
    chosen_category = next((c for c in categories if c.slug == filters.get("category")), None)
    report = selectors.ikm_report(
        unit,
        filters.get("start"),
        filters.get("end"),
        pokja_id=chosen_pokja.pk if chosen_pokja else None,
        category_id=chosen_category.pk if chosen_category else None,
    )
    return render(
        request,
        "helpdesk/ikm.html",
        {
            "unit": unit,
            "can_manage": access.manages(request.user, unit),
            "form": form,
            "report": report,
            "start": filters.get("start"),
            "end": filters.get("end"),
            "pokja": chosen_pokja,
            "category": chosen_category,
        },
    )


@login_required
def sla_page(request, slug):
    unit, _can_write = get_unit_for_user(request.user, slug)
    now = timezone.now()
    tickets = (
        selectors.breached(access.staff_tickets(request.user).filter(unit=unit), now)
        .select_related("category", "pokja", "assignee")
        .order_by("resolution_due", "id")
    )
    page = Paginator(tickets, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "helpdesk/sla.html",
        {"unit": unit, "can_manage": access.manages(request.user, unit), "page": page, "now": now},
    )


@login_required
def dashboard(request, slug):
    """The unit's open work at a glance: per pokja, the user's own queue and what nobody holds yet."""
    unit, _can_write = get_unit_for_user(request.user, slug)
    now = timezone.now()
    tickets = (
        access.staff_tickets(request.user).filter(unit=unit).open().select_related("category", "pokja", "assignee")
    )
    return render(
        request,
        "helpdesk/dashboard.html",
        {
            "unit": unit,
            "can_manage": access.manages(request.user, unit),
            "load": selectors.pokja_load(unit, now),
            "mine": list(tickets.filter(assignee__user=request.user).order_by("resolution_due", "id")[:10]),
            "unassigned": list(tickets.filter(assignee__isnull=True).order_by("created_at", "id")[:10]),
            "now": now,
        },
    )
