"""Placement runs: the start page, a run's progress and proposal (drawn as an orbit), edits and publishing."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from organisation import orbit_layout
from organisation.access import get_unit_for_user
from organisation.models import Employee, Membership, Pokja
from organisation.selectors import ROLE_ORDER as MEMBERSHIP_ROLE_ORDER
from organisation.selectors import PokjaView, Structure, today
from organisation.views.orbit import htmx_partial
from placement.access import get_managed_unit, get_run_for_user
from placement.forms import EditForm, RunForm
from placement.models import PlacementRun
from placement.plan import ROLE_ORDER
from placement.services import runs as run_services
from placement.services.instance import PinSpec, placeable_employees

STAGES = {
    "instance": gettext_lazy("reading profiles and requirements"),
    "checks": gettext_lazy("checking the rules"),
    "start": gettext_lazy("a first plan is ready; optimising"),
    "pricing": gettext_lazy("tightening the bound"),
    "incumbent": gettext_lazy("a better plan was found"),
    "explain": gettext_lazy("writing the reasons"),
    "done": gettext_lazy("finished"),
}


@login_required
def home(request, slug):
    unit, can_manage = get_unit_for_user(request.user, slug)
    runs = PlacementRun.objects.filter(unit=unit).select_related("created_by")[:20] if can_manage else []
    return render(request, "placement/home.html", {"unit": unit, "can_manage": can_manage, "runs": runs})


def next_period_start(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@login_required
def run_new(request, slug):
    unit = get_managed_unit(request.user, slug)
    current = list(
        Membership.objects.at(today())
        .filter(pokja__unit=unit, employee__is_active=True)
        .select_related("employee", "pokja")
        .order_by("pokja__order", "pokja__code", "role", "employee__name")
    )
    options = {
        "current": current,
        "employees": placeable_employees(unit),
        "pokja": list(Pokja.objects.filter(unit=unit)),
    }
    initial = {"period_start": next_period_start(today()), "rolling": True, "churn_limit": 40, "time_limit": 30}
    form = RunForm(request.POST or None, initial=initial, **options)
    if request.method == "POST" and form.is_valid():
        pins = [PinSpec(nip, code, role) for nip, code, role in form.pins()]
        data = form.cleaned_data
        try:
            run = run_services.start_run(
                actor=request.user,
                unit=unit,
                period_start=data["period_start"],
                rolling=data["rolling"],
                churn_limit=data["churn_limit"],
                time_limit=data["time_limit"],
                pins=pins,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("placement_run", slug=unit.slug, run_id=run.pk)
    return render(request, "placement/run_new.html", {"unit": unit, "can_manage": True, "form": form})


@login_required
def run_detail(request, slug, run_id):
    run = get_run_for_user(request.user, slug, run_id)
    if htmx_partial(request):
        response = render(
            request, "placement/partials/run_progress.html", {"run": run, "stage": STAGES.get(run.progress_text)}
        )
        if run.is_finished:
            response["HX-Refresh"] = "true"  # the proposal replaces the progress bar
        return response
    context = {
        "unit": run.unit,
        "can_manage": True,
        "run": run,
        "stage": STAGES.get(run.progress_text, run.progress_text),
    }
    plan, instance = run_services.plan_of(run), run_services.instance_of(run)
    if plan is not None and instance is not None:
        context.update(proposal_context(run, plan, instance))
    return render(request, "placement/run.html", context)


def proposal_context(run: PlacementRun, plan, instance) -> dict:
    names = {p.id: p.label for p in instance.people}
    groups = []
    for group in instance.pokja:
        placements = sorted(
            (p for p in plan.placements if p.pokja == group.code),
            key=lambda p: (ROLE_ORDER[p.role], names.get(p.person, "")),
        )
        groups.append({"pokja": group, "placements": [(p, names.get(p.person, p.person)) for p in placements]})
    people = [(p.id, p.label) for p in instance.people if p.available]
    edit_form = EditForm(people=people, pokja=[(k.code, f"{k.code} — {k.name}") for k in instance.pokja])
    context = {
        "plan": plan,
        "groups": groups,
        "edit_form": edit_form,
        "can_publish": run.status == PlacementRun.Status.PROPOSED and not plan.violations,
        "current_count": len(instance.current()),
    }
    if plan.placements:
        context["svg"] = mark_safe(orbit_layout.orbit_svg(proposal_structure(run, plan)))  # the layout escapes text
    return context


def proposal_structure(run: PlacementRun, plan) -> Structure:
    """The proposal in the shape the orbit drawing takes (unsaved memberships from the period start)."""
    employees = list(Employee.objects.filter(unit=run.unit, is_active=True).order_by("name", "pk"))
    by_nip = {e.nip: e for e in employees}
    views = {p.code: PokjaView(p) for p in Pokja.objects.filter(unit=run.unit).order_by("order", "code")}
    for a in plan.assignments:
        if a.person in by_nip and a.pokja in views:
            view = views[a.pokja]
            view.memberships.append(
                Membership(employee=by_nip[a.person], pokja=view.pokja, role=a.role, valid_from=run.period_start)
            )
    for view in views.values():
        view.memberships.sort(key=lambda m: (MEMBERSHIP_ROLE_ORDER[m.role], m.employee.name))
    return Structure(unit=run.unit, at=run.period_start, pokja=list(views.values()), employees=employees)


@login_required
@require_POST
def run_edit(request, slug, run_id):
    run = get_run_for_user(request.user, slug, run_id)
    instance = run_services.instance_of(run)
    if instance is None:
        return HttpResponse(status=409)
    people = [(p.id, p.label) for p in instance.people]
    form = EditForm(request.POST, people=people, pokja=[(k.code, k.code) for k in instance.pokja])
    if not form.is_valid():
        messages.error(request, _("Choose a person, a pokja and a role."))
        return redirect("placement_run", slug=run.unit.slug, run_id=run.pk)
    data = form.cleaned_data
    try:
        plan = run_services.edit_proposal(
            actor=request.user,
            run=run,
            nip=data["nip"],
            pokja=data["pokja"],
            role=data["role"],
            from_pokja=data["from_pokja"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Proposal changed: the score is now %(score).2f.") % {"score": plan.objective})
    return redirect(f"{reverse('placement_run', args=[run.unit.slug, run.pk])}#proposal")


@login_required
@require_POST
def run_publish(request, slug, run_id):
    run = get_run_for_user(request.user, slug, run_id)
    try:
        done = run_services.publish(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("placement_run", slug=run.unit.slug, run_id=run.pk)
    messages.success(
        request,
        _("Published from %(day)s: %(kept)d memberships continue, %(ended)d end the day before, %(added)d start.")
        % {"day": run.period_start.isoformat(), "kept": done.kept, "ended": done.ended, "added": done.added},
    )
    return redirect(f"{reverse('orbit', args=[run.unit.slug])}?at={run.period_start.isoformat()}")
