"""Pokja requirements: size and the competencies a pokja weighs, written as one change."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from organisation.access import can_manage_unit
from organisation.models import Pokja
from placement.models import Competency, PokjaRequirement, RequiredCompetency


@transaction.atomic
def save_requirement(
    *, actor, pokja: Pokja, min_members: int, max_members: int, needs: dict[Competency, tuple[int, bool]]
) -> PokjaRequirement:
    """Sets a pokja's size range and its weighted competencies (weight 0 drops one), replacing the old ones."""
    if not can_manage_unit(actor, pokja.unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may change pokja requirements."))
    requirement, _created = PokjaRequirement.objects.get_or_create(pokja=pokja)
    requirement.min_members, requirement.max_members = min_members, max_members
    requirement.full_clean()
    requirement.save()
    requirement.competencies.all().delete()
    RequiredCompetency.objects.bulk_create(
        RequiredCompetency(requirement=requirement, competency=competency, weight=weight, critical=critical)
        for competency, (weight, critical) in needs.items()
        if weight
    )
    return requirement
