"""Forms of the portal, the tracking page and the staff ticket page."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from helpdesk import ikm, uploads
from helpdesk.models import ELEMENT_FIELDS, Category, Ticket


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files, each checked by its content (see helpdesk.uploads)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx", "multiple": True})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        files = [super(AttachmentsField, self).clean(f, initial) for f in files]
        uploads.check_uploads(files)
        return files


class _Services(forms.models.ModelChoiceIterator):
    """The choices of a ServiceField, reading its queryset when they are listed (not when the form is made)."""

    def __init__(self, field):
        self.field = field

    @property
    def queryset(self):
        return self.field.queryset


class ServiceField(forms.ModelChoiceField):
    """The portal's choice of service: the unit's active services, the queryset built only when something reads
    it (the choices of a page; a submission's choice the view has not read already). ``known`` is the service
    the view already read for this submission (with its unit, in the same query), taken as it is."""

    iterator = _Services
    known = None
    unit = None

    def _get_queryset(self):
        if self._queryset is None and self.unit is not None:
            self.queryset = Category.objects.filter(unit=self.unit).active().order_by("order", "name")
        return self._queryset

    queryset = property(_get_queryset, forms.ModelChoiceField._set_queryset)

    def to_python(self, value):
        if self.known is not None and str(value) == str(self.known.pk):
            return self.known
        return super().to_python(value)


class TicketForm(forms.Form):
    category = ServiceField(
        label=_("Service"), queryset=Category.objects.none(), widget=forms.RadioSelect, empty_label=None
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(label=_("Your request"), widget=forms.Textarea(attrs={"rows": 6}))
    requester_name = forms.CharField(label=_("Your name"), max_length=120)
    requester_agency = forms.CharField(label=_("Your agency"), max_length=200)
    requester_email = forms.EmailField(label=_("E-mail"))
    requester_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    attachments = AttachmentsField(label=_("Attachments"))
    # A field people never see (hidden by CSS): a bot that fills it in is refused.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, unit, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        service = self.fields["category"]
        service.unit, service._queryset = unit, None  # the unit's services, when first read
        if category is not None and category.unit_id == unit.pk and category.is_active:
            service.known = category

    def clean_category(self):
        category = self.cleaned_data["category"]
        category.unit = self.unit  # the same row, as the view loaded it (with its agency and helpdesk settings)
        return category

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Your request could not be accepted."))
        return ""


class RequesterReplyForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}))
    attachments = AttachmentsField(label=_("Attachments"))


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))
    internal = forms.BooleanField(label=_("Internal note (the requester does not see it)"), required=False)
    attachments = AttachmentsField(label=_("Attachments"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Ticket.Status.choices)


class ReassignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Assign to"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [(m.employee_id, m.employee.name) for m in members]


SCORE_CHOICES = [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


class SurveyForm(forms.Form):
    comment = forms.CharField(label=_("Comments or suggestions (optional)"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for name, (code, label) in zip(ELEMENT_FIELDS, ikm.ELEMENTS, strict=True):
            fields[name] = forms.TypedChoiceField(
                label=f"{code}. {label}", choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
            )
        self.fields = {**fields, **self.fields}

    @property
    def scores(self) -> list[int]:
        return [self.cleaned_data[name] for name in ELEMENT_FIELDS]


class TicketFilterForm(forms.Form):
    SORTS = {"-created": ("-created_at", "-id"), "created": ("created_at", "id"), "due": ("resolution_due", "id")}

    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(required=False)
    pokja = forms.ChoiceField(label=_("Pokja"), required=False)
    category = forms.ChoiceField(label=_("Service"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[("-created", _("newest first")), ("created", _("oldest first")), ("due", _("resolution due"))],
    )

    def __init__(self, *args, pokja_choices=(), category_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("all open")), ("all", _("all"))] + list(Ticket.Status.choices)
        self.fields["status"].label = _("Status")
        self.fields["pokja"].choices = [("", _("all"))] + list(pokja_choices)
        self.fields["category"].choices = [("", _("all"))] + list(category_choices)

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name) or "" if self.is_valid() else ""


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IkmFilterForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    pokja = forms.ChoiceField(label=_("Pokja"), required=False)
    category = forms.ChoiceField(label=_("Service"), required=False)

    def __init__(self, *args, pokja_choices=(), category_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pokja"].choices = [("", _("all"))] + list(pokja_choices)
        self.fields["category"].choices = [("", _("all"))] + list(category_choices)
