"""API permissions: reads for any signed-in user (querysets are scoped), writes for who manages the unit."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from organisation.access import can_manage_unit
from organisation.models import Unit

WRITE_DENIED = _("Only the unit head or an agency admin may change the structure.")


def manages_any_unit(user) -> bool:
    """Whether the user could change some unit at all; a cheap first gate before the object's own unit."""
    if user.is_superuser or user.is_agency_admin:
        return True
    return Unit.objects.filter(head__user=user, agency_id=user.agency_id).exists()


class CanManageUnit(BasePermission):
    """Safe methods for signed-in users; writes only where ``access.can_manage_unit`` holds for the object's unit.

    The view names the unit of an object with ``unit_of(obj)``; creations are checked by the view once the
    unit is known from the validated data.
    """

    message = WRITE_DENIED

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in SAFE_METHODS or manages_any_unit(user)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_manage_unit(request.user, view.unit_of(obj))
