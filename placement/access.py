"""Access to placement objects: 404 when not visible, 403 when visible but not the user's to change."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from organisation.access import get_employee_for_user, get_unit_for_user
from organisation.models import Employee, Unit
from placement.models import PlacementRun
from placement.services.profiles import is_self


def get_managed_unit(user, slug: str) -> Unit:
    """The unit, for its head and agency admins only (placement runs, profiles of others, what-if)."""
    unit, can_manage = get_unit_for_user(user, slug)
    if not can_manage:
        raise PermissionDenied
    return unit


def get_run_for_user(user, slug: str, run_id: int) -> PlacementRun:
    unit = get_managed_unit(user, slug)
    return get_object_or_404(PlacementRun.objects.visible_to(user).filter(unit=unit).select_related("unit"), pk=run_id)


def get_person_for_user(user, slug: str, nip: str) -> tuple[Unit, Employee, bool]:
    """The employee (their own page, or anyone's for the head): (unit, employee, can_manage)."""
    unit, _can_write = get_unit_for_user(user, slug)
    employee, can_manage = get_employee_for_user(user, unit, nip)
    if not can_manage and not is_self(user, employee):
        raise PermissionDenied
    return unit, employee, can_manage
