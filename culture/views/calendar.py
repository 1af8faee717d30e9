"""The engagement calendar: the month page, planning an event, an event's page, and the iCalendar feed."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culture import access, ical
from culture.forms import EventForm
from culture.models import CalendarToken
from culture.selectors import month_view
from culture.services import calendar as service
from culture.views.common import add_errors
from organisation.models import Unit
from organisation.selectors import today


def _month(value: str) -> tuple[int, int]:
    try:
        day = datetime.date.fromisoformat(f"{value}-01")
        return day.year, day.month
    except ValueError:
        return today().year, today().month


@login_required
def month(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    year, number = _month(request.GET.get("month", ""))
    token = service.feed_token(request.user)
    feed_url = token and request.build_absolute_uri(reverse("culture_feed", args=[unit.slug, token.token]))
    employee = access.employee_of(request.user)
    return render(
        request,
        "culture/calendar/month.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "month": month_view(unit, year, number),
            "feed_url": feed_url,
            "can_plan": access.can_plan_events(request.user, unit),
            "employee": employee if employee and employee.unit_id == unit.pk else None,
            "birthday_hidden": bool(employee) and hasattr(employee, "birthday_opt_out"),
        },
    )


@login_required
def event_new(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    if not access.can_plan_events(request.user, unit):
        raise PermissionDenied
    led = None if can_manage else access.led_pokja_ids(request.user, unit)
    form = EventForm(request.POST or None, unit=unit, led_pokja_ids=led)
    if request.method == "POST" and form.is_valid():
        try:
            event = service.create_event(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The event is on the calendar."))
            return redirect("culture_event", slug=unit.slug, pk=event.pk)
    return render(request, "culture/calendar/event_form.html", {"unit": unit, "can_manage": can_manage, "form": form})


@login_required
def event_detail(request, slug, pk):
    unit, event, can_manage = access.get_event_for_user(request.user, slug, pk)
    return render(
        request,
        "culture/calendar/event_detail.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "event": event,
            "attendees": event.attendees.order_by("name"),
            "values": event.values.order_by("order"),
        },
    )


@login_required
@require_POST
def feed_reset(request, slug):
    unit, _can_manage = access.get_unit_for_user(request.user, slug)
    service.reset_feed_token(request.user)
    messages.success(request, _("Your calendar address is new; the old one no longer works."))
    return redirect("culture_calendar", slug=unit.slug)


def feed(request, slug, token):
    """The iCalendar feed: no session, the secret token in the address says whose it is."""
    owner = get_object_or_404(CalendarToken.objects.select_related("user"), token=token, user__is_active=True).user
    unit = Unit.objects.visible_to(owner).filter(slug=slug).first()
    if unit is None:
        raise Http404
    response = HttpResponse(ical.unit_feed(unit), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{unit.slug}-budaya-kerja.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
@require_POST
def birthday(request, slug):
    unit, _can_manage = access.get_unit_for_user(request.user, slug)
    employee = access.employee_of(request.user)
    if employee is None or employee.unit_id != unit.pk:
        raise PermissionDenied
    shown = request.POST.get("shown") == "1"
    service.set_birthday_shown(actor=request.user, employee=employee, shown=shown)
    if shown:
        messages.success(request, _("Your birthday is shown on the calendar."))
    else:
        messages.success(request, _("Your birthday is no longer shown on the calendar."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("culture_calendar", args=[unit.slug])
    return redirect(target)
