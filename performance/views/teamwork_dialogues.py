"""Dialog kinerja pages: the unit's dialogues, one dialogue with its follow-ups, and "my follow-ups"."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, Q, Value, When
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from organisation.access import get_unit_for_user
from organisation.models import Employee, Pokja, Unit
from organisation.selectors import today
from organisation.views.orbit import htmx_partial
from performance.access import get_dialogue_for_user, get_follow_up_for_user
from performance.models import Dialogue, FollowUp
from performance.services import dialogues as service


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=gettext_lazy("Date and time"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    pokja = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Pokja"), required=False)
    employee = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Person"), required=False)
    topic = forms.CharField(label=gettext_lazy("Topic"), max_length=255)

    def __init__(self, unit: Unit, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pokja"].queryset = Pokja.objects.filter(unit=unit).order_by("order", "code")
        self.fields["employee"].queryset = Employee.objects.filter(unit=unit, is_active=True)


class RecordForm(forms.Form):
    notes = forms.CharField(label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    agreements = forms.CharField(
        label=gettext_lazy("Agreements"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class FollowUpForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Owner"))
    due_date = forms.DateField(label=gettext_lazy("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, dialogue: Dialogue, *args, **kwargs):
        super().__init__(*args, **kwargs)
        owners = Employee.objects.filter(unit=dialogue.unit_id, is_active=True)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda e: f"{e.name} ({e.nip})"
        if dialogue.pokja_id:
            self.fields["owner"].help_text = _("Members of %(pokja)s come first.") % {"pokja": dialogue.pokja.code}
            members = dialogue.pokja.memberships.at(today()).values("employee_id")
            outside = Case(When(pk__in=members, then=Value(0)), default=Value(1))
            self.fields["owner"].queryset = owners.annotate(outside=outside).order_by("outside", "name")


def run(form: forms.Form, action) -> object | None:
    """Runs a service; the rules it breaks become form errors."""
    try:
        return action()
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
def dialogue_list(request, slug):
    unit, can_manage = get_unit_for_user(request.user, slug)
    form = ScheduleForm(unit) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = ScheduleForm(unit, request.POST)
        if form.is_valid():
            dialogue = run(form, lambda: service.schedule_dialogue(actor=request.user, unit=unit, **form.cleaned_data))
            if dialogue:
                messages.success(request, _("The dialogue was scheduled."))
                return redirect("dialogue_detail", slug=slug, pk=dialogue.pk)
    dialogues = (
        Dialogue.objects.visible_to(request.user)
        .filter(unit=unit)
        .select_related("pokja", "employee")
        .annotate(
            follow_up_count=Count("follow_ups"),
            open_count=Count("follow_ups", filter=Q(follow_ups__done_at__isnull=True)),
        )
    )
    now = timezone.now()
    context = {
        "unit": unit,
        "can_manage": can_manage,
        "form": form,
        "upcoming": dialogues.filter(scheduled_at__gte=now).order_by("scheduled_at"),
        "past": dialogues.filter(scheduled_at__lt=now).order_by("-scheduled_at"),
    }
    return render(request, "performance/dialogue_list.html", context, status=400 if form and form.errors else 200)


def follow_up_context(request, dialogue: Dialogue, can_manage: bool, form: FollowUpForm | None = None) -> dict:
    follow_ups = list(dialogue.follow_ups.select_related("owner").order_by("done_at", "due_date", "pk"))
    for follow_up in follow_ups:
        follow_up.dialogue = dialogue
        follow_up.can_complete = follow_up.done_at is None and service.can_complete(request.user, follow_up)
    return {
        "unit": dialogue.unit,
        "dialogue": dialogue,
        "can_manage": can_manage,
        "follow_ups": follow_ups,
        "follow_up_form": form or (FollowUpForm(dialogue) if can_manage else None),
        "today": today(),
    }


@login_required
def dialogue_detail(request, slug, pk):
    _unit, dialogue, can_manage = get_dialogue_for_user(request.user, slug, pk)
    initial = {"notes": dialogue.notes, "agreements": dialogue.agreements}
    record_form = RecordForm(request.POST or None, initial=initial) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if record_form.is_valid():
            data = record_form.cleaned_data
            service.record_dialogue(actor=request.user, dialogue=dialogue, **data)
            messages.success(request, _("The notes were saved."))
            return redirect("dialogue_detail", slug=slug, pk=pk)
    context = follow_up_context(request, dialogue, can_manage)
    context["record_form"] = record_form
    return render(request, "performance/dialogue_detail.html", context)


@login_required
@require_POST
def follow_up_add(request, slug, pk):
    _unit, dialogue, can_manage = get_dialogue_for_user(request.user, slug, pk)
    if not can_manage:
        raise PermissionDenied
    form = FollowUpForm(dialogue, request.POST)
    added = form.is_valid() and run(
        form, lambda: service.add_follow_up(actor=request.user, dialogue=dialogue, **form.cleaned_data)
    )
    if added and not htmx_partial(request):
        messages.success(request, _("The follow-up was added."))
        return redirect("dialogue_detail", slug=slug, pk=pk)
    context = follow_up_context(request, dialogue, can_manage, None if added else form)
    if htmx_partial(request):
        # htmx swaps 200 answers only: the form comes back with its errors in place.
        return render(request, "performance/partials/dialogue_follow_ups.html", context)
    context["record_form"] = RecordForm(initial={"notes": dialogue.notes, "agreements": dialogue.agreements})
    return render(request, "performance/dialogue_detail.html", context, status=400)


@login_required
@require_POST
def follow_up_done(request, slug, pk):
    _unit, follow_up, _can_complete = get_follow_up_for_user(request.user, slug, pk)
    service.complete_follow_up(actor=request.user, follow_up=follow_up)
    messages.success(request, _("The follow-up was marked done."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("dialogue_detail", slug=slug, pk=follow_up.dialogue_id)


@login_required
def my_follow_ups(request, slug):
    unit, can_manage = get_unit_for_user(request.user, slug)
    employee = Employee.objects.visible_to(request.user).filter(user=request.user).first()
    follow_ups = []
    if employee is not None:
        follow_ups = list(
            FollowUp.objects.visible_to(request.user)
            .filter(owner=employee, done_at__isnull=True)
            .select_related("dialogue__unit", "dialogue__pokja")
            .order_by("due_date", "pk")
        )
    context = {
        "unit": unit,
        "can_manage": can_manage,
        "employee": employee,
        "follow_ups": follow_ups,
        "today": today(),
    }
    return render(request, "performance/followup_mine.html", context)
