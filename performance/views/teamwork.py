"""The matriks peran hasil: the matrix page, its XLSX, role-result editing, and "what I contribute to"."""

from io import BytesIO

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from organisation.models import Employee, Pokja
from performance.access import get_agreement_for_user, get_role_result_for_user
from performance.models import PerformanceAgreement, RoleResult
from performance.services import role_results as service

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def get_agreement(user, slug: str, year: int) -> tuple[PerformanceAgreement, bool]:
    """The unit's PK for a year (404 when the unit is not visible or has none) and whether the user manages it."""
    _unit, agreement, can_manage = get_agreement_for_user(user, slug, year)
    return agreement, can_manage


class RoleResultForm(forms.Form):
    indicator = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Result of the unit head"))
    employee = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Employee"))
    pokja = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Pokja"), required=False)
    result = forms.CharField(
        label=gettext_lazy("Work result (rencana hasil kerja)"), widget=forms.Textarea(attrs={"rows": 2})
    )
    result_indicator = forms.CharField(
        label=gettext_lazy("Indicator of the work result"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    target = forms.CharField(label=gettext_lazy("Target"), max_length=100, required=False)

    def __init__(self, agreement: PerformanceAgreement, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = service.ordered_indicators(agreement)
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.name}"
        self.fields["employee"].queryset = Employee.objects.filter(agency=agreement.agency_id, is_active=True)
        self.fields["employee"].label_from_instance = lambda e: f"{e.name} ({e.nip})"
        self.fields["pokja"].queryset = Pokja.objects.filter(unit=agreement.unit_id).order_by("order", "code")


def save_role_result(request, form: RoleResultForm, role_result: RoleResult | None) -> RoleResult | None:
    """Runs the service with the form's data; a rule it breaks becomes a form error."""
    data = form.cleaned_data
    try:
        if role_result is None:
            return service.add_role_result(actor=request.user, **data)
        return service.update_role_result(actor=request.user, role_result=role_result, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
def role_matrix(request, slug, year):
    agreement, can_manage = get_agreement(request.user, slug, year)
    form = RoleResultForm(agreement) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = RoleResultForm(agreement, request.POST)
        if form.is_valid() and save_role_result(request, form, None):
            messages.success(request, _("The role result was added."))
            return redirect("role_matrix", slug=slug, year=year)
    context = {
        "unit": agreement.unit,
        "agreement": agreement,
        "can_manage": can_manage,
        "matrix": service.matrix(agreement),
        "form": form,
    }
    return render(request, "performance/matrix.html", context, status=400 if form and form.errors else 200)


@login_required
def role_result_edit(request, slug, year, pk):
    agreement, _can_manage = get_agreement(request.user, slug, year)
    role_result, can_write = get_role_result_for_user(request.user, agreement, pk)
    if not can_write:
        raise PermissionDenied
    initial = {
        "indicator": role_result.indicator_id,
        "employee": role_result.employee_id,
        "pokja": role_result.pokja_id,
        "result": role_result.result,
        "result_indicator": role_result.result_indicator,
        "target": role_result.target,
    }
    form = RoleResultForm(agreement, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and save_role_result(request, form, role_result):
        messages.success(request, _("The role result was saved."))
        return redirect("role_matrix", slug=slug, year=year)
    context = {"unit": agreement.unit, "agreement": agreement, "form": form, "role_result": role_result}
    return render(request, "performance/matrix_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def role_result_delete(request, slug, year, pk):
    agreement, _can_manage = get_agreement(request.user, slug, year)
    role_result, _can_write = get_role_result_for_user(request.user, agreement, pk)
    service.remove_role_result(actor=request.user, role_result=role_result)
    messages.success(request, _("The role result was removed."))
    return redirect("role_matrix", slug=slug, year=year)


def cell_text(role_result: RoleResult) -> str:
    lines = [role_result.result]
    if role_result.result_indicator:
        lines.append(_("Indicator: %(text)s") % {"text": role_result.result_indicator})
    if role_result.target:
        lines.append(_("Target: %(text)s") % {"text": role_result.target})
    return "\n".join(lines)


def matrix_workbook(matrix: service.Matrix) -> Workbook:
    """The same layout as the page: people down (name, NIP, roles), the head's results across."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Role-result matrix")[:31]
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE4F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet.append([_("No"), _("Name"), _("NIP"), _("Pokja role")] + [f"{i.code} {i.name}" for i in matrix.results])
    for number, row in enumerate(matrix.rows, start=1):
        cells = ["\n\n".join(cell_text(r) for r in cell) for cell in row.cells]
        sheet.append([number, row.employee.name, row.employee.nip, row.role_label, *cells])
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for line in sheet.iter_rows(min_row=2, min_col=5):
        for cell in line:
            cell.alignment = wrap
    sheet.column_dimensions["B"].width = 32
    sheet.column_dimensions["C"].width = 20
    sheet.column_dimensions["D"].width = 18
    for index in range(len(matrix.results)):
        sheet.column_dimensions[sheet.cell(row=1, column=5 + index).column_letter].width = 36
    sheet.freeze_panes = "E2"
    return book


@login_required
def role_matrix_xlsx(request, slug, year):
    agreement, _can_manage = get_agreement(request.user, slug, year)
    buffer = BytesIO()
    matrix_workbook(service.matrix(agreement)).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="matriks-peran-hasil-{agreement.unit.slug}-{year}.xlsx"'
    return response


@login_required
def contributions(request, slug, year, nip):
    agreement, can_manage = get_agreement(request.user, slug, year)
    employee = Employee.objects.visible_to(request.user).filter(nip=nip).first()
    if employee is None:
        raise Http404
    context = {
        "unit": agreement.unit,
        "agreement": agreement,
        "can_manage": can_manage,
        "contributions": service.contributions(agreement, employee),
        "is_mine": getattr(request.user, "employee", None) == employee,
    }
    return render(request, "performance/contributions.html", context)


@login_required
def my_contributions(request, slug, year):
    agreement, _can_manage = get_agreement(request.user, slug, year)
    employee = Employee.objects.visible_to(request.user).filter(user=request.user).first()
    if employee is None:
        context = {"unit": agreement.unit, "agreement": agreement, "contributions": None}
        return render(request, "performance/contributions.html", context)
    return redirect("contributions", slug=slug, year=year, nip=employee.nip)
