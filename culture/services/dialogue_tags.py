"""Tagging a dialog kinerja with the BerAKHLAK values it showed."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from culture.models import CoreValue, DialogueValueTag
from organisation.access import can_manage_unit
from organisation.models import Unit
from performance.services.dialogues import DialogueSummary, dialogue_summary


def find_dialogue(unit: Unit, dialogue_id: int) -> DialogueSummary:
    """The unit's dialogue (read from the performance app), or a 404."""
    summary = dialogue_summary(unit, dialogue_id)
    if summary is None:
        raise Http404
    return summary


def tag_dialogue(*, actor, unit: Unit, dialogue_id: int, values: list[CoreValue]) -> list[DialogueValueTag]:
    """Sets the values a dialogue showed (replacing earlier tags); the unit's managers decide."""
    if not can_manage_unit(actor, unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may tag a dialogue with values."))
    dialogue = find_dialogue(unit, dialogue_id)
    wanted = {value.pk for value in values}
    with transaction.atomic():
        DialogueValueTag.objects.filter(unit=unit, dialogue_id=dialogue.id).exclude(value_id__in=wanted).delete()
        existing = set(
            DialogueValueTag.objects.filter(unit=unit, dialogue_id=dialogue.id).values_list("value_id", flat=True)
        )
        for value_id in sorted(wanted - existing):
            DialogueValueTag.objects.create(
                unit=unit,
                dialogue_id=dialogue.id,
                dialogue_date=dialogue.scheduled_at.date(),
                topic=dialogue.topic,
                value_id=value_id,
                tagged_by=actor,
            )
    return list(DialogueValueTag.objects.filter(unit=unit, dialogue_id=dialogue.id).select_related("value"))
