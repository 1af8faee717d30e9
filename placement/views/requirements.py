"""Pokja requirements: everyone in the agency can read them; the head edits them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from organisation.access import can_manage_unit, get_pokja_for_user, get_unit_for_user
from organisation.models import Pokja
from placement.catalogue import catalogue_for
from placement.forms import RequirementForm
from placement.models import PokjaRequirement
from placement.services.instance import DEFAULT_MAX, DEFAULT_MIN
from placement.services.requirements import save_requirement


@login_required
def requirement_list(request, slug):
    unit, can_manage = get_unit_for_user(request.user, slug)
    requirements = PokjaRequirement.objects.prefetch_related("competencies__competency")
    pokja = (
        Pokja.objects.filter(unit=unit)
        .order_by("order", "code")
        .prefetch_related(Prefetch("requirement", queryset=requirements))
    )
    rows = [(p, getattr(p, "requirement", None)) for p in pokja]
    context = {"unit": unit, "can_manage": can_manage, "rows": rows, "defaults": (DEFAULT_MIN, DEFAULT_MAX)}
    return render(request, "placement/requirements.html", context)


@login_required
def requirement_edit(request, slug, code):
    unit, _can_manage = get_unit_for_user(request.user, slug)
    pokja, _can_write = get_pokja_for_user(request.user, unit, code)
    if not can_manage_unit(request.user, unit):
        raise PermissionDenied
    requirement = getattr(pokja, "requirement", None) or PokjaRequirement(
        pokja=pokja, min_members=DEFAULT_MIN, max_members=DEFAULT_MAX
    )
    needs = {n.competency_id: (n.weight, n.critical) for n in requirement.competencies.all()} if requirement.pk else {}
    form = RequirementForm(request.POST or None, instance=requirement, competencies=catalogue_for(unit), needs=needs)
    if request.method == "POST" and form.is_valid():
        save_requirement(
            actor=request.user,
            pokja=pokja,
            min_members=form.cleaned_data["min_members"],
            max_members=form.cleaned_data["max_members"],
            needs=form.needs(),
        )
        messages.success(request, _("The requirements of %(code)s were saved.") % {"code": pokja.code})
        return redirect("placement_requirements", slug=unit.slug)
    return render(
        request, "placement/requirement_edit.html", {"unit": unit, "can_manage": True, "pokja": pokja, "form": form}
    )
