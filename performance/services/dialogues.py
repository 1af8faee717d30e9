"""Dialog kinerja: the unit head meets a pokja or a person, records notes and agreements, and follow-ups
with owners and due dates that stay on the owner's page until done."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.access import can_manage_unit
from organisation.models import Employee, Pokja, Unit
from performance.models import Dialogue, FollowUp


def _require_manager(actor, unit: Unit) -> None:
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may manage performance dialogues."))


def _check_participants(unit: Unit, pokja: Pokja | None, employee: Employee | None) -> None:
    errors = {}
    if pokja is None and employee is None:
        errors["pokja"] = _("Choose a pokja or a person for the dialogue.")
    if pokja is not None and pokja.unit_id != unit.pk:
        errors["pokja"] = _("The pokja belongs to another unit.")
    if employee is not None and employee.agency_id != unit.agency_id:
        errors["employee"] = _("The employee belongs to another agency.")
    if errors:
        raise ValidationError(errors)


def schedule_dialogue(
    *,
    actor,
    unit: Unit,
    scheduled_at: datetime.datetime,
    topic: str,
    pokja: Pokja | None = None,
    employee: Employee | None = None,
) -> Dialogue:
    """Schedules a dialogue of the unit head with a pokja or a person."""
    _require_manager(actor, unit)
    _check_participants(unit, pokja, employee)
    if not topic.strip():
        raise ValidationError({"topic": _("Give the dialogue a topic.")})
    with transaction.atomic():
        return Dialogue.objects.create(
            unit=unit,
            scheduled_at=scheduled_at,
            topic=topic.strip(),
            pokja=pokja,
            employee=employee,
            created_by=actor,
        )


def record_dialogue(*, actor, dialogue: Dialogue, notes: str, agreements: str) -> Dialogue:
    """Records what was said and what was agreed."""
    _require_manager(actor, dialogue.unit)
    dialogue.notes = notes.strip()
    dialogue.agreements = agreements.strip()
    with transaction.atomic():
        dialogue.save(update_fields=["notes", "agreements"])
    return dialogue


def add_follow_up(*, actor, dialogue: Dialogue, description: str, owner: Employee, due_date: datetime.date) -> FollowUp:
    """Adds a follow-up action owned by one employee of the agency."""
    _require_manager(actor, dialogue.unit)
    errors = {}
    if not description.strip():
        errors["description"] = _("Describe the follow-up action.")
    if owner.agency_id != dialogue.agency_id:
        errors["owner"] = _("The owner belongs to another agency.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return FollowUp.objects.create(
            dialogue=dialogue, description=description.strip(), owner=owner, due_date=due_date
        )


def can_complete(user, follow_up: FollowUp) -> bool:
    """The owner, the unit head or an agency admin may mark a follow-up done."""
    if not user.is_authenticated:
        return False
    employee = getattr(user, "employee", None)
    if employee is not None and employee.pk == follow_up.owner_id:
        return True
    return can_manage_unit(user, follow_up.dialogue.unit)


def complete_follow_up(*, actor, follow_up: FollowUp) -> FollowUp:
    """Marks a follow-up done (once: marking it again keeps the first time)."""
    if not can_complete(actor, follow_up):
        raise PermissionDenied(_("Only the owner, the unit head or an agency admin may mark this follow-up done."))
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.done_at is None:
            locked.done_at = timezone.now()
            locked.save(update_fields=["done_at"])
    follow_up.done_at = locked.done_at
    return follow_up


@dataclass(frozen=True)
class DialogueSummary:
    """What other apps may know of a dialogue (read-only)."""

    id: int
    unit_id: int
    scheduled_at: datetime.datetime
    topic: str


def dialogue_summary(unit: Unit, dialogue_id: int) -> DialogueSummary | None:
    """The unit's dialogue with that id, or None: a read function for other apps (culture tags it with values)."""
    row = Dialogue.objects.filter(unit=unit, pk=dialogue_id).values("id", "unit_id", "scheduled_at", "topic").first()
    return DialogueSummary(**row) if row else None
