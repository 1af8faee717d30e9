"""Who may do what in the culture pages; objects are fetched through the unit, so other agencies get a 404.

Reading is open to everyone who can see the unit (its agency). Writing:
- award periods, decisions, pacts and POS approval: the unit's managers (head, agency admin, operator);
- nominations: anyone who can see the unit, except for themselves;
- events: managers, and the ketua/wakil of a pokja for that pokja's lembur;
- POS documents and versions: managers and the pokja's ketua/wakil.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from culture.models import AwardPeriod, Event, Nomination, Pact, PactSignature, PosDocument, PosVersion
from organisation.access import can_manage_unit, get_pokja_for_user, get_unit_for_user
from organisation.models import Employee, Membership, Pokja, Unit
from organisation.selectors import today

__all__ = ["can_manage_unit", "get_pokja_for_user", "get_unit_for_user"]


def employee_of(user) -> Employee | None:
    return getattr(user, "employee", None) if user.is_authenticated else None


def led_pokja_ids(user, unit: Unit) -> set[int]:
    """The pokja of the unit that the user leads (ketua or wakil) today."""
    employee = employee_of(user)
    if employee is None:
        return set()
    return set(
        Membership.objects.at(today())
        .filter(employee=employee, pokja__unit=unit, role__in=Membership.LEADING_ROLES)
        .values_list("pokja_id", flat=True)
    )


def can_nominate(user, unit: Unit) -> bool:
    return Unit.objects.visible_to(user).filter(pk=unit.pk).exists()


def can_plan_events(user, unit: Unit) -> bool:
    return can_manage_unit(user, unit) or bool(led_pokja_ids(user, unit))


def can_plan_lembur_for(user, pokja: Pokja) -> bool:
    return can_manage_unit(user, pokja.unit) or pokja.pk in led_pokja_ids(user, pokja.unit)


def get_period_for_user(user, slug: str, pk: int) -> tuple[Unit, AwardPeriod, bool]:
    unit, can_manage = get_unit_for_user(user, slug)
    return unit, get_object_or_404(AwardPeriod.objects.filter(unit=unit), pk=pk), can_manage


def get_nomination_for_user(user, slug: str, pk: int) -> tuple[Unit, Nomination, bool]:
    unit, can_manage = get_unit_for_user(user, slug)
    nomination = get_object_or_404(
        Nomination.objects.filter(period__unit=unit).select_related("period", "employee", "pokja", "stakeholder"),
        pk=pk,
    )
    return unit, nomination, can_manage


def get_event_for_user(user, slug: str, pk: int) -> tuple[Unit, Event, bool]:
    unit, can_manage = get_unit_for_user(user, slug)
    event = get_object_or_404(Event.objects.filter(unit=unit).select_related("pokja", "task"), pk=pk)
    return unit, event, can_manage


def get_pact_for_user(user, slug: str, pk: int) -> tuple[Unit, Pact, bool]:
    unit, can_manage = get_unit_for_user(user, slug)
    return unit, get_object_or_404(Pact.objects.filter(unit=unit), pk=pk), can_manage


def get_signature_for_user(user, slug: str, pk: int) -> tuple[Unit, PactSignature]:
    """A signature is shown to the signer and to the unit's managers; to others it does not exist."""
    unit, can_manage = get_unit_for_user(user, slug)
    signature = get_object_or_404(
        PactSignature.objects.filter(version__pact__unit=unit).select_related("version__pact", "employee"), pk=pk
    )
    employee = employee_of(user)
    if not can_manage and (employee is None or signature.employee_id != employee.pk):
        raise Http404
    return unit, signature


def get_pos_document_for_user(user, slug: str, pk: int) -> tuple[Unit, PosDocument, bool, bool]:
    """(unit, document, can_write: add versions, can_approve)."""
    unit, can_manage = get_unit_for_user(user, slug)
    document = get_object_or_404(PosDocument.objects.filter(pokja__unit=unit).select_related("pokja"), pk=pk)
    can_write = can_manage or document.pokja_id in led_pokja_ids(user, unit)
    return unit, document, can_write, can_manage


def get_pos_version_for_user(user, slug: str, pk: int) -> tuple[Unit, PosVersion, bool]:
    unit, can_manage = get_unit_for_user(user, slug)
    version = get_object_or_404(
        PosVersion.objects.filter(document__pokja__unit=unit).select_related("document__pokja"), pk=pk
    )
    return unit, version, can_manage
