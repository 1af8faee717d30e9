"""Forms of the culture pages: they parse input; the services decide and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from culture.models import CoreValue, Event, Nomination, Pact
from organisation.models import Employee, Pokja, PokjaTask, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def value_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        CoreValue.objects.order_by("order"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("BerAKHLAK values shown"),
    )


def employees_of(unit: Unit):
    return Employee.objects.filter(unit=unit, is_active=True).order_by("name")


class PeriodForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("e.g. Triwulan I 2024"))
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE)


class NominationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Nominee"), choices=Nomination.Kind.choices)
    employee = forms.ModelChoiceField(Employee.objects.none(), required=False, label=_("Person"))
    pokja = forms.ModelChoiceField(Pokja.objects.none(), required=False, label=_("Pokja"))
    stakeholder = forms.CharField(
        label=_("Stakeholder agency"), max_length=200, required=False, help_text=_("The external agency's name.")
    )
    title = forms.CharField(
        label=_("Award"), max_length=200, help_text=_("e.g. the most cooperative agency in data updating")
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    suggestion = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees_of(unit)
        self.fields["pokja"].queryset = Pokja.objects.filter(unit=unit).order_by("order", "code")
        self.fields["values"] = value_field()

    def clean(self):
        data = super().clean()
        needed = {"employee": "employee", "pokja": "pokja", "stakeholder": "stakeholder"}.get(data.get("kind"))
        if needed and not data.get(needed):
            self.add_error(needed, _("Choose the nominee."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("award", _("Award")), ("decline", _("Decline"))], widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    task = forms.ModelChoiceField(PokjaTask.objects.none(), required=False, label=_("Pokja task served (lembur)"))
    attendees = forms.ModelMultipleChoiceField(
        Employee.objects.none(), required=False, label=_("Attendees"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, unit: Unit, led_pokja_ids: set[int] | None = None, **kwargs):
        """``led_pokja_ids``: for a pokja leader who is not a manager, only lembur of these pokja."""
        super().__init__(*args, **kwargs)
        tasks = PokjaTask.objects.filter(pokja__unit=unit).select_related("pokja")
        if led_pokja_ids is not None:
            tasks = tasks.filter(pokja_id__in=led_pokja_ids)
            self.fields["kind"].choices = [(Event.Kind.LEMBUR, Event.Kind.LEMBUR.label)]
        self.fields["task"].queryset = tasks.order_by("pokja__order", "pokja__code", "number")
        self.fields["task"].label_from_instance = lambda task: f"{task.pokja.code} {task.number}. {task.text}"
        self.fields["attendees"].queryset = employees_of(unit)
        self.fields["values"] = value_field()

    def clean(self):
        data = super().clean()
        if data.get("kind") == Event.Kind.LEMBUR and not data.get("task"):
            self.add_error("task", _("A lembur session must name the pokja task it served."))
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("An event cannot end before it starts."))
        return data


class PactForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Pact.Purpose.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    text = forms.CharField(label=_("Text of the pact"), widget=forms.Textarea(attrs={"rows": 12}))
    signers = forms.ModelMultipleChoiceField(
        Employee.objects.none(),
        required=False,
        label=_("Signers"),
        help_text=_("Leave empty when every employee of the unit must sign."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signers"].queryset = employees_of(unit)


class PactRevisionForm(forms.Form):
    text = forms.CharField(label=_("Text of the pact"), widget=forms.Textarea(attrs={"rows": 12}))


class PosDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    number = forms.CharField(label=_("Document number"), max_length=60, required=False)
    review_months = forms.IntegerField(label=_("Review every (months)"), min_value=1, max_value=60, initial=12)


class PosVersionForm(forms.Form):
    file = forms.FileField(label=_("File (PDF or .docx)"), required=False)
    text = forms.CharField(label=_("Or write the text"), required=False, widget=forms.Textarea(attrs={"rows": 10}))
    change_note = forms.CharField(label=_("What changed"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("file")) == bool((data.get("text") or "").strip()):
            raise forms.ValidationError(_("Upload a file or write the text, not both."))
        return data


class ApproveForm(forms.Form):
    review_due = forms.DateField(
        label=_("Review due"), required=False, widget=DATE, help_text=_("Empty: after the document's interval.")
    )
