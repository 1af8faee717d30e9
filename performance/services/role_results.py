"""The matriks peran hasil (PermenPANRB 6/2022): writes to RoleResult rows, and the matrix read from them.

A role result is one person's rencana hasil kerja that intervenes in a result (an indicator of the PK) of
the unit head. Only the unit head or an agency admin writes them.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from organisation.access import can_manage_unit
from organisation.models import Employee, Membership, Pokja
from organisation.selectors import ROLE_ORDER, structure, today
from performance.models import Indicator, PerformanceAgreement, RoleResult


def agreement_day(agreement: PerformanceAgreement) -> datetime.date:
    """The day the structure is read for an agreement: today within its year, else its nearest end."""
    day = today()
    if day.year < agreement.year:
        return datetime.date(agreement.year, 1, 1)
    if day.year > agreement.year:
        return datetime.date(agreement.year, 12, 31)
    return day


def _require_manager(actor, agreement: PerformanceAgreement) -> None:
    if not can_manage_unit(actor, agreement.unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may change the role-result matrix."))


def _check(agreement: PerformanceAgreement, employee: Employee, pokja: Pokja | None, result: str) -> None:
    errors = {}
    if employee.agency_id != agreement.agency_id:
        errors["employee"] = _("The employee belongs to another agency.")
    if not result.strip():
        errors["result"] = _("Describe the work result.")
    if pokja is not None:
        day = agreement_day(agreement)
        if pokja.unit_id != agreement.unit_id:
            errors["pokja"] = _("The pokja belongs to another unit.")
        elif not Membership.objects.at(day).filter(pokja=pokja, employee=employee).exists():
            errors["pokja"] = _("%(name)s is not a member of %(pokja)s on %(day)s.") % {
                "name": employee.name,
                "pokja": pokja.code,
                "day": day.isoformat(),
            }
    if errors:
        raise ValidationError(errors)


def add_role_result(
    *,
    actor,
    indicator: Indicator,
    employee: Employee,
    result: str,
    result_indicator: str = "",
    target: str = "",
    pokja: Pokja | None = None,
) -> RoleResult:
    """Adds a person's rencana hasil kerja under one of the unit head's results."""
    agreement = indicator.agreement
    _require_manager(actor, agreement)
    _check(agreement, employee, pokja, result)
    with transaction.atomic():
        return RoleResult.objects.create(
            indicator=indicator,
            employee=employee,
            pokja=pokja,
            result=result.strip(),
            result_indicator=result_indicator.strip(),
            target=target.strip(),
        )


def update_role_result(
    *,
    actor,
    role_result: RoleResult,
    indicator: Indicator,
    employee: Employee,
    result: str,
    result_indicator: str = "",
    target: str = "",
    pokja: Pokja | None = None,
) -> RoleResult:
    """Changes a role result; it stays within the same agreement."""
    agreement = role_result.indicator.agreement
    _require_manager(actor, agreement)
    if indicator.agreement_id != agreement.pk:
        raise ValidationError({"indicator": _("The result belongs to another performance agreement.")})
    _check(agreement, employee, pokja, result)
    role_result.indicator = indicator
    role_result.employee = employee
    role_result.pokja = pokja
    role_result.result = result.strip()
    role_result.result_indicator = result_indicator.strip()
    role_result.target = target.strip()
    with transaction.atomic():
        role_result.save()
    return role_result


def remove_role_result(*, actor, role_result: RoleResult) -> None:
    _require_manager(actor, role_result.indicator.agreement)
    role_result.delete()


# Reading the matrix -------------------------------------------------------------------------------------------


@dataclass
class MatrixRow:
    employee: Employee
    roles: list[tuple[str, str]]  # (pokja code, role) in force, leading roles first
    cells: list[list[RoleResult]] = field(default_factory=list)  # one list per result (indicator), in order

    @property
    def role_label(self) -> str:
        return ", ".join(f"{role} {code}" for code, role in self.roles)


@dataclass
class Matrix:
    agreement: PerformanceAgreement
    at: datetime.date
    results: list[Indicator]
    rows: list[MatrixRow]


def ordered_indicators(agreement: PerformanceAgreement):
    """The PK's indicators in the document's order: by objective, then indicator order and code."""
    return (
        Indicator.objects.filter(agreement=agreement)
        .select_related("objective")
        .order_by("objective__order", "objective__code", "order", "code")
    )


def matrix(agreement: PerformanceAgreement) -> Matrix:
    """Results across, people down (pokja ketua first, then wakil, then the others by name).

    People are the unit's active staff and anyone else holding a role result; a fixed number of queries:
    indicators, role results, and the three of the structure.
    """
    results = list(ordered_indicators(agreement))
    column = {indicator.pk: i for i, indicator in enumerate(results)}
    role_results = list(
        RoleResult.objects.filter(indicator__agreement=agreement)
        .select_related("employee", "pokja")
        .order_by("employee__name", "pk")
    )
    current = structure(agreement.unit, agreement_day(agreement))
    roles = defaultdict(list)
    pokja_order = {}
    for position, view in enumerate(current.pokja):
        pokja_order[view.pokja.code] = position
        for membership in view.memberships:
            roles[membership.employee_id].append((membership.role, position, view.pokja.code))
    people = {e.pk: e for e in current.staff}
    for role_result in role_results:
        people.setdefault(role_result.employee_id, role_result.employee)

    def rank(employee: Employee):
        best = min(((ROLE_ORDER[role], position) for role, position, _code in roles[employee.pk]), default=(3, 0))
        return (*best, employee.name, employee.pk)

    rows = []
    for employee in sorted(people.values(), key=rank):
        held = sorted(roles[employee.pk], key=lambda r: (ROLE_ORDER[r[0]], r[1]))
        rows.append(MatrixRow(employee, [(code, role) for role, _pos, code in held], [[] for _ in results]))
    by_employee = {row.employee.pk: row for row in rows}
    for role_result in role_results:
        by_employee[role_result.employee_id].cells[column[role_result.indicator_id]].append(role_result)
    return Matrix(agreement=agreement, at=current.at, results=results, rows=rows)


@dataclass
class Contributions:
    employee: Employee
    at: datetime.date
    role_results: list[RoleResult]
    memberships: list[Membership]
    pokja_indicators: list[Indicator]


def contributions(agreement: PerformanceAgreement, employee: Employee) -> Contributions:
    """What a person contributes to: their role results, and the indicators of the pokja they are in."""
    at = agreement_day(agreement)
    role_results = list(
        RoleResult.objects.filter(indicator__agreement=agreement, employee=employee)
        .select_related("indicator__objective", "pokja")
        .order_by("indicator__objective__order", "indicator__order", "indicator__code", "pk")
    )
    memberships = list(
        Membership.objects.at(at).filter(employee=employee).select_related("pokja").order_by("pokja__order")
    )
    pokja_ids = [m.pokja_id for m in memberships]
    indicators = list(ordered_indicators(agreement).filter(pokja__in=pokja_ids).distinct().prefetch_related("pokja"))
    return Contributions(employee, at, role_results, memberships, indicators)
