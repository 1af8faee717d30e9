"""Access checks, one helper per object type.

Each returns the object and whether the user may change it; an object the user may not see is a 404.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from organisation.models import Employee, Membership, Pokja, Unit
from organisation.selectors import today


def heads_unit(user, unit: Unit) -> bool:
    employee = getattr(user, "employee", None) if user.is_authenticated else None
    return employee is not None and unit.head_id == employee.pk


def can_manage_unit(user, unit: Unit) -> bool:
    """Operators, the agency's admins and the unit head change the unit's structure."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.agency_id != unit.agency_id:
        return False
    return user.is_agency_admin or heads_unit(user, unit)


def get_unit_for_user(user, slug: str) -> tuple[Unit, bool]:
    unit = get_object_or_404(Unit.objects.visible_to(user).select_related("agency", "head"), slug=slug)
    return unit, can_manage_unit(user, unit)


def get_pokja_for_user(user, unit: Unit, code: str) -> tuple[Pokja, bool]:
    pokja = get_object_or_404(Pokja.objects.visible_to(user).filter(unit=unit), code__iexact=code)
    if can_manage_unit(user, unit):
        return pokja, True
    employee = getattr(user, "employee", None)
    leads = (
        employee is not None
        and Membership.objects.at(today())
        .filter(pokja=pokja, employee=employee, role__in=Membership.LEADING_ROLES)
        .exists()
    )
    return pokja, leads


def get_employee_for_user(user, unit: Unit, nip: str) -> tuple[Employee, bool]:
    employee = Employee.objects.visible_to(user).filter(unit=unit, nip=nip).first()
    if employee is None:
        raise Http404
    return employee, can_manage_unit(user, unit)
