"""Apresiasi writes: periods, nominations by anyone in the agency, decisions by the head or an agency admin."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from culture import access
from culture.models import AwardPeriod, CoreValue, Nomination, Stakeholder
from culture.suggestions import Suggestion
from organisation.models import Employee, Pokja, Unit


def _require_manager(actor, unit: Unit) -> None:
    if not access.can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may do this."))


def create_period(*, actor, unit: Unit, name: str, start: datetime.date, end: datetime.date) -> AwardPeriod:
    """Opens an award period of the unit."""
    _require_manager(actor, unit)
    period = AwardPeriod(unit=unit, agency=unit.agency, name=name.strip(), start=start, end=end)
    period.full_clean()
    with transaction.atomic():
        period.save()
    return period


def stakeholder_named(*, unit: Unit, name: str) -> Stakeholder:
    """The unit's stakeholder agency of that name (any case), created when new."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"stakeholder": _("Name the stakeholder agency.")})
    existing = Stakeholder.objects.filter(unit=unit, name__iexact=name).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Stakeholder.objects.create(unit=unit, agency=unit.agency, name=name)
    except IntegrityError:  # created meanwhile by someone else
        return Stakeholder.objects.get(unit=unit, name__iexact=name)


def nominate(
    *,
    actor,
    period: AwardPeriod,
    kind: str,
    title: str,
    reason: str,
    employee: Employee | None = None,
    pokja: Pokja | None = None,
    stakeholder_name: str = "",
    values: Iterable[CoreValue] = (),
    suggestion: Suggestion | None = None,
) -> Nomination:
    """Proposes a person, pokja or stakeholder for an award; anyone of the agency may, but not for themselves."""
    unit = period.unit
    if not access.can_nominate(actor, unit):
        raise PermissionDenied(_("Only people of this agency may nominate."))
    own = access.employee_of(actor)
    if kind == Nomination.Kind.EMPLOYEE and employee is not None and own is not None and employee.pk == own.pk:
        raise ValidationError({"employee": _("You cannot nominate yourself.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the nomination.")})
    with transaction.atomic():
        stakeholder = (
            stakeholder_named(unit=unit, name=stakeholder_name) if kind == Nomination.Kind.STAKEHOLDER else None
        )
        nomination = Nomination(
            period=period,
            agency=unit.agency,
            kind=kind,
            employee=employee if kind == Nomination.Kind.EMPLOYEE else None,
            pokja=pokja if kind == Nomination.Kind.POKJA else None,
            stakeholder=stakeholder,
            title=title.strip(),
            reason=reason.strip(),
            facts=[fact.as_json() for fact in suggestion.facts] if suggestion else [],
            nominated_by=actor,
        )
        nomination.full_clean(exclude=["values"])
        nomination.save()
        nomination.values.set(values)
    return nomination


def decide(*, actor, nomination: Nomination, award: bool, note: str = "") -> Nomination:
    """Awards or declines a nomination; the decision is final."""
    _require_manager(actor, nomination.period.unit)
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if locked.status != Nomination.Status.PROPOSED:
            raise ValidationError(_("This nomination has already been decided."))
        nomination.status = Nomination.Status.AWARDED if award else Nomination.Status.DECLINED
        nomination.decided_by = actor
        nomination.decided_at = timezone.now()
        nomination.decision_note = note.strip()
        nomination.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return nomination
