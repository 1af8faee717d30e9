"""A person's role history and "ready to lead" signals (kaderisasi), for the head and for the person."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organisation.selectors import today
from placement.access import get_person_for_user
from placement.services.kaderisasi import kaderisasi


@login_required
def person(request, slug, nip):
    unit, employee, can_manage = get_person_for_user(request.user, slug, nip)
    context = {
        "unit": unit,
        "can_manage": can_manage,
        "employee": employee,
        "record": kaderisasi(unit, employee, today()),
    }
    return render(request, "placement/person.html", context)
