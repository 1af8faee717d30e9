"""Profiles: the head's list and editor (levels confirmed by the head), an employee's own interests, XLSX import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from placement.access import get_managed_unit, get_person_for_user
from placement.catalogue import catalogue_for
from placement.forms import InterestForm, ProfileForm, ProfileImportForm
from placement.services import profiles as profile_services
from placement.services.instance import placeable_employees, profile_of
from placement.services.profile_import import import_profiles


@login_required
def profile_list(request, slug):
    unit = get_managed_unit(request.user, slug)
    rows = []
    for employee in placeable_employees(unit):
        profile = profile_of(employee)
        levels = list(profile.levels.all()) if profile else []
        rows.append(
            {
                "employee": employee,
                "profile": profile,
                "levels": sorted(levels, key=lambda lv: (-lv.level, lv.competency.name))[:4],
                "level_count": len(levels),
                "unconfirmed": sum(1 for lv in levels if not lv.is_confirmed),
                "interests": [p.code for p in profile.interest_pokja.all()] if profile else [],
            }
        )
    return render(request, "placement/profiles.html", {"unit": unit, "can_manage": True, "rows": rows})


@login_required
def profile_edit(request, slug, nip):
    """The head edits everything; the employee their interests and development needs."""
    unit, employee, can_manage = get_person_for_user(request.user, slug, nip)
    profile = profile_services.profile_for(employee)
    competencies = catalogue_for(unit)
    levels = {lv.competency_id: lv for lv in profile.levels.select_related("competency", "confirmed_by")}
    data = request.POST if request.method == "POST" else None
    if can_manage:
        form = ProfileForm(
            data,
            instance=profile,
            unit=unit,
            competencies=competencies,
            levels={pk: lv.level for pk, lv in levels.items()},
        )
    else:
        form = InterestForm(data, instance=profile, unit=unit, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if can_manage:
            fields = {name: data[name] for name in profile_services.PROFILE_FIELDS}
            profile_services.save_profile(
                actor=request.user,
                employee=employee,
                fields=fields,
                pokja=list(data["interest_pokja"]),
                competencies=list(data["interest_competencies"]),
                levels=form.levels(),
            )
        else:
            profile_services.save_interests(
                actor=request.user,
                employee=employee,
                pokja=list(data["interest_pokja"]),
                competencies=list(data["interest_competencies"]),
                development_needs=data["development_needs"],
            )
        messages.success(request, _("The profile of %(name)s was saved.") % {"name": employee.name})
        return redirect("placement_profile", slug=unit.slug, nip=employee.nip)
    context = {
        "unit": unit,
        "can_manage": can_manage,
        "employee": employee,
        "profile": profile,
        "form": form,
        "levels": sorted(levels.values(), key=lambda lv: (lv.competency.kind, lv.competency.order, lv.competency.name)),
        "unconfirmed": sum(1 for lv in levels.values() if not lv.is_confirmed),
    }
    return render(request, "placement/profile.html", context)


@login_required
@require_POST
def profile_confirm(request, slug, nip):
    unit, employee, can_manage = get_person_for_user(request.user, slug, nip)
    if not can_manage:
        raise PermissionDenied
    count = profile_services.confirm_levels(actor=request.user, employee=employee)
    messages.success(request, _("%(count)d level(s) confirmed.") % {"count": count})
    return redirect("placement_profile", slug=unit.slug, nip=employee.nip)


@login_required
def profile_import(request, slug):
    unit = get_managed_unit(request.user, slug)
    form = ProfileImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_profiles(actor=request.user, unit=unit, file_name=upload.name, data=upload.read())
        if result.ok:
            messages.success(
                request,
                _("%(profiles)d profile(s) imported, %(levels)d level(s) set; changed levels await confirmation.")
                % {"profiles": result.profiles, "levels": result.levels},
            )
            return redirect("placement_profiles", slug=unit.slug)
    context = {"unit": unit, "can_manage": True, "form": form, "result": result, "competencies": catalogue_for(unit)}
    return render(request, "placement/profile_import.html", context, status=400 if result and not result.ok else 200)
