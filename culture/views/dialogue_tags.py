"""The BerAKHLAK values of a dialog kinerja."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from culture import access
from culture.models import CoreValue, DialogueValueTag
from culture.services.dialogue_tags import find_dialogue, tag_dialogue


@login_required
def dialogue_values(request, slug, dialogue_id):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    dialogue = find_dialogue(unit, dialogue_id)
    values = list(CoreValue.objects.order_by("order"))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        chosen = {int(pk) for pk in request.POST.getlist("values") if pk.isdigit()}
        tag_dialogue(
            actor=request.user, unit=unit, dialogue_id=dialogue.id, values=[v for v in values if v.pk in chosen]
        )
        messages.success(request, _("The dialogue's values were saved."))
        return redirect("dialogue_detail", slug=unit.slug, pk=dialogue.id)
    tagged = set(DialogueValueTag.objects.filter(unit=unit, dialogue_id=dialogue.id).values_list("value_id", flat=True))
    return render(
        request,
        "culture/dialogue_values.html",
        {"unit": unit, "can_manage": can_manage, "dialogue": dialogue, "values": values, "tagged": tagged},
    )
