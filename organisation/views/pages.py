"""The structure's pages: units, a unit, pokja, people, health findings and the correlation matrix."""

import datetime
from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from core.replica import reads_from_replica
from organisation import access
from organisation.health import find_issues
from organisation.models import Function, Membership, Pokja, Unit
from organisation.selectors import structure, today


def parse_day(value: str | None) -> datetime.date | None:
    """A ``?at=YYYY-MM-DD`` value; None when absent; ValueError when malformed."""
    if not value:
        return None
    return datetime.date.fromisoformat(value)


def bad_date(value: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(_("'%(value)s' is not a date (use YYYY-MM-DD).") % {"value": value})


@login_required
def home(request):
    if request.user.role == request.user.Role.STAKEHOLDER:
        return redirect("helpdesk_my_requests")
    units = Unit.objects.visible_to(request.user)
    if units.count() == 1:
        return redirect("unit_detail", slug=units.get().slug)
    return redirect("unit_list")


@login_required
def unit_list(request):
    units = Unit.objects.visible_to(request.user).select_related("agency", "head").order_by("agency__name", "name")
    return render(request, "organisation/unit_list.html", {"units": units})


@login_required
def unit_detail(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    current = structure(unit)
    functions = Function.objects.filter(unit=unit).prefetch_related("pokja").order_by("number")
    findings = find_issues(unit, current.at)
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "structure": current,
            "functions": functions,
            "finding_count": len(findings),
            "error_count": sum(1 for f in findings if f.severity == "error"),
        },
    )


@login_required
@reads_from_replica
def health(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    try:
        at = parse_day(request.GET.get("at")) or today()
    except ValueError:
        return bad_date(request.GET["at"])
    return render(
        request,
        "organisation/health.html",
        {"unit": unit, "at": at, "findings": find_issues(unit, at), "can_manage": can_manage},
    )


def correlation(unit: Unit) -> tuple[list[Pokja], list[Function], set[tuple[int, int]]]:
    """Table 2.2: pokja down, functions across, and the (pokja, function) pairs that are linked."""
    pokja = list(Pokja.objects.filter(unit=unit).order_by("order", "code").prefetch_related("functions"))
    functions = list(Function.objects.filter(unit=unit).order_by("number"))
    links = {(p.pk, f.pk) for p in pokja for f in p.functions.all()}
    return pokja, functions, links


@login_required
def matrix(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    pokja, functions, links = correlation(unit)
    rows = [
        {
            "pokja": p,
            "cells": [(p.pk, f.pk) in links for f in functions],
            "numbers": ", ".join(str(f.number) for f in functions if (p.pk, f.pk) in links),
        }
        for p in pokja
    ]
    coverage = [sum(1 for p in pokja if (p.pk, f.pk) in links) for f in functions]
    return render(
        request,
        "organisation/matrix.html",
        {"unit": unit, "can_manage": can_manage, "functions": functions, "rows": rows, "coverage": coverage},
    )


@login_required
@reads_from_replica
def matrix_xlsx(request, slug):
    unit, _can_manage = access.get_unit_for_user(request.user, slug)
    pokja, functions, links = correlation(unit)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Correlation")[:31]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4F0")
    header = [_("No"), _("Code"), _("Pokja")] + [str(f.number) for f in functions] + [_("Functions (SOTK)")]
    sheet.append(header)
    for number, p in enumerate(pokja, start=1):
        marks = ["✓" if (p.pk, f.pk) in links else "" for f in functions]
        numbers = ", ".join(str(f.number) for f in functions if (p.pk, f.pk) in links)
        sheet.append([number, p.code, p.name, *marks, numbers])
    sheet.append(
        ["", "", _("Pokja covering the function")] + [sum(1 for p in pokja if (p.pk, f.pk) in links) for f in functions]
    )
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=3 + len(functions)):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")
    sheet.column_dimensions["C"].width = 60
    sheet.freeze_panes = "D2"

    legend = book.create_sheet(_("Functions")[:31])
    legend.append([_("No"), _("Function (tusi)"), _("Legal basis")])
    for f in functions:
        legend.append([f.number, f.description, f.legal_basis])
    for cell in legend[1]:
        cell.font, cell.fill = bold, fill
    legend.column_dimensions["B"].width = 90
    legend.column_dimensions["C"].width = 50

    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="korelasi-pokja-tusi-{unit.slug}.xlsx"'
    return response


@login_required
def pokja_detail(request, slug, code):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    pokja, can_write = access.get_pokja_for_user(request.user, unit, code)
    day = today()
    memberships = list(pokja.memberships.select_related("employee").order_by("-valid_from", "employee__name"))
    current = sorted(
        (m for m in memberships if m.is_valid_on(day)),
        key=lambda m: (list(Membership.Role.values).index(m.role), m.employee.name),
    )
    return render(
        request,
        "organisation/pokja_detail.html",
        {
            "unit": unit,
            "pokja": pokja,
            "can_manage": can_manage,
            "can_write": can_write,
            "current": current,
            "history": [m for m in memberships if not m.is_valid_on(day)],
            "tasks": pokja.tasks.all(),
            "functions": pokja.functions.order_by("number"),
        },
    )


@login_required
def employee_detail(request, slug, nip):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    employee, can_write = access.get_employee_for_user(request.user, unit, nip)
    day = today()
    memberships = list(employee.memberships.select_related("pokja").order_by("-valid_from", "pokja__order"))
    return render(
        request,
        "organisation/employee_detail.html",
        {
            "unit": unit,
            "employee": employee,
            "can_manage": can_manage,
            "can_write": can_write,
            "is_head": unit.head_id == employee.pk,
            "current": [m for m in memberships if m.is_valid_on(day)],
            "history": [m for m in memberships if not m.is_valid_on(day)],
        },
    )
