"""Writes that touch more than one row: each atomic, with an explicit acting user."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.access import can_manage_unit
from organisation.models import Employee, Membership, Pokja, Unit

# Texts for the rules the database guard enforces, keyed by the name it raises.
GUARD_MESSAGES = {
    "same_agency": lambda: _("The employee belongs to another agency than the pokja."),
    "one_ketua": lambda: _("This pokja already has a ketua in that period."),
    "one_wakil": lambda: _("This pokja already has a wakil in that period."),
    "one_leader": lambda: _("This pokja already has a ketua or wakil in that period."),
    "one_open_ketua": lambda: _("This pokja already has a ketua in that period."),
    "one_open_wakil": lambda: _("This pokja already has a wakil in that period."),
    "no_duplicate": lambda: _("This employee is already a member of this pokja in that period."),
    "one_open_per_employee": lambda: _("This employee is already a member of this pokja in that period."),
}


# Optimistic concurrency: a change that carries the version it was read at is refused when that is stale.
CONFLICT_MESSAGE = gettext_lazy("Someone changed this since you opened it. Reload it to see the current version.")


def conflict() -> ValidationError:
    return ValidationError(str(CONFLICT_MESSAGE), code="conflict")


def integrity_message(error: IntegrityError) -> str:
    text = str(error)
    for rule, message in GUARD_MESSAGES.items():
        if f"organisation_membership_{rule}" in text:
            return message()
    return _("The change conflicts with the existing structure.")


def _require_manager(actor, unit: Unit) -> None:
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may change the structure."))


def add_membership(
    *,
    actor,
    employee: Employee,
    pokja: Pokja,
    role: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Membership:
    """Places an employee in a pokja from a date; the pokja row is locked while it is checked."""
    _require_manager(actor, pokja.unit)
    with transaction.atomic():
        Pokja.objects.select_for_update().filter(pk=pokja.pk).first()
        membership = Membership(employee=employee, pokja=pokja, role=role, valid_from=valid_from, valid_to=valid_to)
        membership.full_clean()
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError as error:
            raise ValidationError(integrity_message(error)) from error
    return membership


def end_membership(*, actor, membership: Membership, last_day: datetime.date, version: int | None = None) -> Membership:
    """Ends a membership on ``last_day``; the row stays as history.

    ``version`` is the membership's version when the actor read it: if someone changed the membership since,
    nothing is written and a ValidationError with code "conflict" says so.
    """
    _require_manager(actor, membership.pokja.unit)
    if last_day < membership.valid_from:
        raise ValidationError({"valid_to": _("A membership cannot end before it starts.")})
    with transaction.atomic():
        current = Membership.objects.select_for_update().filter(pk=membership.pk).values_list("version", flat=True)
        current = current.first()
        if version is not None and current != version:
            raise conflict()
        membership.version = current if current is not None else membership.version
        membership.valid_to = last_day
        membership.save(update_fields=["valid_to"])
    return membership


def change_role(*, actor, membership: Membership, role: str, from_day: datetime.date) -> Membership:
    """Ends the current membership the day before ``from_day`` and opens one with the new role."""
    with transaction.atomic():
        end_membership(actor=actor, membership=membership, last_day=from_day - datetime.timedelta(days=1))
        return add_membership(
            actor=actor, employee=membership.employee, pokja=membership.pokja, role=role, valid_from=from_day
        )


def set_unit_head(*, actor, unit: Unit, employee: Employee | None) -> Unit:
    _require_manager(actor, unit)
    if employee is not None and employee.unit_id != unit.pk:
        raise ValidationError({"head": _("The head must be an employee of this unit.")})
    unit.head = employee
    unit.save(update_fields=["head"])
    return unit
