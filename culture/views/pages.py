"""The culture overview of a unit, the BerAKHLAK summary, and a person's and a pokja's culture page."""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from culture import access, birthdays
from culture.models import AwardPeriod, Event, Nomination, Pact, PactSignature, PosDocument
from culture.selectors import awards_of, values_summary
from culture.services.pos import current_versions
from culture.views.common import parse_day, year_bounds
from organisation.access import get_employee_for_user
from organisation.models import Pokja
from organisation.selectors import today

UPCOMING_DAYS = 30


@login_required
def overview(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    day = today()
    horizon = day + datetime.timedelta(days=UPCOMING_DAYS)
    upcoming = Event.objects.filter(unit=unit).between(day, horizon).select_related("pokja").order_by("starts_at")
    return render(
        request,
        "culture/overview.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "periods": AwardPeriod.objects.filter(unit=unit).order_by("-start")[:4],
            "awaiting": Nomination.objects.filter(period__unit=unit, status=Nomination.Status.PROPOSED).count(),
            "events": upcoming[:10],
            "birthdays": birthdays.between(birthdays.celebrants(unit), day, horizon)[:10],
            "pacts": Pact.objects.filter(unit=unit).order_by("-year", "title")[:10],
            "pos_count": PosDocument.objects.filter(pokja__unit=unit).count(),
            "pokja": Pokja.objects.filter(unit=unit).order_by("order", "code"),
        },
    )


@login_required
def values_page(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    first, last = year_bounds()
    start = parse_day(request.GET.get("from"), first)
    end = parse_day(request.GET.get("to"), last)
    if end < start:
        start, end = end, start
    return render(
        request,
        "culture/values.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "values": values_summary(unit, start, end),
            "start": start,
            "end": end,
        },
    )


@login_required
def person(request, slug, nip):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    employee, _can_write = get_employee_for_user(request.user, unit, nip)
    me = access.employee_of(request.user)
    is_me = me is not None and me.pk == employee.pk
    signatures = []
    if is_me or can_manage:
        signatures = list(
            PactSignature.objects.filter(employee=employee).select_related("version__pact").order_by("-signed_at")
        )
    lembur = (
        Event.objects.filter(attendees=employee, kind=Event.Kind.LEMBUR)
        .select_related("pokja", "task")
        .order_by("-starts_at")[:20]
    )
    return render(
        request,
        "culture/person.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "employee": employee,
            "is_me": is_me,
            "awards": awards_of(employee=employee),
            "signatures": signatures,
            "lembur": lembur,
            "birthday_hidden": hasattr(employee, "birthday_opt_out"),
            "next_birthday": _next_birthday(employee),
        },
    )


def _next_birthday(employee) -> datetime.date | None:
    if employee.birth_date is None:
        return None
    day = today()
    upcoming = birthdays.birthday_in(employee.birth_date, day.year)
    return upcoming if upcoming >= day else birthdays.birthday_in(employee.birth_date, day.year + 1)


@login_required
def pokja(request, slug, code):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    group, can_write = access.get_pokja_for_user(request.user, unit, code)
    documents = list(
        PosDocument.objects.filter(pokja=group).annotate(version_count=Count("versions")).order_by("title")
    )
    current = current_versions(documents)
    for document in documents:
        document.current = current.get(document.pk)
    lembur = (
        Event.objects.filter(pokja=group, kind=Event.Kind.LEMBUR)
        .select_related("task")
        .annotate(attendee_count=Count("attendees"))
        .order_by("-starts_at")[:20]
    )
    return render(
        request,
        "culture/pokja.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "pokja": group,
            "can_write": can_write,
            "documents": documents,
            "awards": awards_of(pokja=group),
            "lembur": lembur,
            "today": today(),
        },
    )
