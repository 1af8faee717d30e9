"""Forms of the placement pages; the services do the writing."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.models import Employee, Membership, Pokja, Unit
from placement.models import MAX_LEVEL, EmployeeProfile, PlacementRun, PokjaRequirement

LEVEL_CHOICES = [("", "—")] + [(str(n), str(n)) for n in range(MAX_LEVEL + 1)]
PIN_ROWS = 3


def level_field_name(code: str) -> str:
    return f"level_{code}"


class ProfileForm(forms.ModelForm):
    """The head's form: everything, levels included (one select per competency of the catalogue)."""

    class Meta:
        model = EmployeeProfile
        fields = [
            "education",
            "certifications",
            "development_needs",
            "max_pokja",
            "available",
            "unavailable_reason",
            "interest_pokja",
            "interest_competencies",
        ]
        widgets = {
            "interest_pokja": forms.CheckboxSelectMultiple,
            "interest_competencies": forms.CheckboxSelectMultiple,
            "certifications": forms.Textarea(attrs={"rows": 3}),
            "development_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, unit: Unit, competencies, levels: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        self.fields["interest_pokja"].queryset = Pokja.objects.filter(unit=unit).order_by("order", "code")
        self.fields["interest_competencies"].queryset = competencies
        for competency in self.competencies:
            self.fields[level_field_name(competency.code)] = forms.TypedChoiceField(
                label=competency.name,
                choices=LEVEL_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=levels.get(competency.pk),
            )

    def level_fields(self):
        return [self[level_field_name(c.code)] for c in self.competencies]

    def levels(self) -> dict:
        return {c: self.cleaned_data.get(level_field_name(c.code)) for c in self.competencies}


class InterestForm(forms.ModelForm):
    """The employee's own form: what they want to do and to learn."""

    class Meta:
        model = EmployeeProfile
        fields = ["interest_pokja", "interest_competencies", "development_needs"]
        widgets = {
            "interest_pokja": forms.CheckboxSelectMultiple,
            "interest_competencies": forms.CheckboxSelectMultiple,
            "development_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, unit: Unit, competencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interest_pokja"].queryset = Pokja.objects.filter(unit=unit).order_by("order", "code")
        self.fields["interest_competencies"].queryset = competencies


class RequirementForm(forms.ModelForm):
    class Meta:
        model = PokjaRequirement
        fields = ["min_members", "max_members"]

    def __init__(self, *args, competencies, needs: dict[int, tuple[int, bool]], **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            weight, critical = needs.get(competency.pk, (0, False))
            self.fields[f"weight_{competency.code}"] = forms.IntegerField(
                label=competency.name, min_value=0, max_value=5, initial=weight, required=False
            )
            self.fields[f"critical_{competency.code}"] = forms.BooleanField(
                label=gettext_lazy("critical"), initial=critical, required=False
            )

    def rows(self):
        return [(c, self[f"weight_{c.code}"], self[f"critical_{c.code}"]) for c in self.competencies]

    def clean(self):
        cleaned = super().clean()
        for competency in self.competencies:
            if cleaned.get(f"critical_{competency.code}") and not cleaned.get(f"weight_{competency.code}"):
                self.add_error(f"weight_{competency.code}", _("A critical competency needs a weight of at least 1."))
        return cleaned

    def needs(self) -> dict:
        return {
            c: (self.cleaned_data.get(f"weight_{c.code}") or 0, bool(self.cleaned_data.get(f"critical_{c.code}")))
            for c in self.competencies
        }


class RunForm(forms.ModelForm):
    """A run's settings; current memberships can be kept by pinning them, and up to three extra pins added."""

    class Meta:
        model = PlacementRun
        fields = ["period_start", "rolling", "churn_limit", "time_limit"]
        widgets = {"period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, current: list[Membership], employees: list[Employee], pokja: list[Pokja], **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.fields["time_limit"].min_value = 5
        self.fields["time_limit"].max_value = getattr(settings, "PLACEMENT_MAX_TIME_LIMIT", 300)
        self.fields["keep"] = forms.MultipleChoiceField(
            label=gettext_lazy("Keep these current places (pins)"),
            choices=[(str(m.pk), f"{m.pokja.code} · {m.get_role_display()} · {m.employee.name}") for m in current],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        people = [("", "—")] + [(e.nip, e.name) for e in employees]
        groups = [("", "—")] + [(p.code, f"{p.code} — {p.name}") for p in pokja]
        for i in range(PIN_ROWS):
            self.fields[f"pin_nip_{i}"] = forms.ChoiceField(
                label=gettext_lazy("employee"), choices=people, required=False
            )
            self.fields[f"pin_pokja_{i}"] = forms.ChoiceField(
                label=gettext_lazy("pokja"), choices=groups, required=False
            )
            self.fields[f"pin_role_{i}"] = forms.ChoiceField(
                label=gettext_lazy("role"), choices=Membership.Role.choices, required=False
            )

    def pin_rows(self):
        return [(self[f"pin_nip_{i}"], self[f"pin_pokja_{i}"], self[f"pin_role_{i}"]) for i in range(PIN_ROWS)]

    def pins(self) -> list[tuple[str, str, str]]:
        by_pk = {str(m.pk): m for m in self.current}
        found = [(by_pk[pk].employee.nip, by_pk[pk].pokja.code, by_pk[pk].role) for pk in self.cleaned_data["keep"]]
        for i in range(PIN_ROWS):
            nip, code = self.cleaned_data.get(f"pin_nip_{i}"), self.cleaned_data.get(f"pin_pokja_{i}")
            if nip and code:
                found.append((nip, code, self.cleaned_data.get(f"pin_role_{i}") or Membership.Role.ANGGOTA))
        return found


class EditForm(forms.Form):
    """One change to a proposal: put someone in a pokja with a role, remove them, or move them."""

    nip = forms.ChoiceField(label=gettext_lazy("employee"))
    pokja = forms.ChoiceField(label=gettext_lazy("pokja"))
    role = forms.ChoiceField(
        label=gettext_lazy("role"),
        choices=[*Membership.Role.choices, ("", gettext_lazy("remove"))],
        required=False,
        initial=Membership.Role.ANGGOTA,
    )
    from_pokja = forms.ChoiceField(label=gettext_lazy("moving from"), required=False)

    def __init__(self, *args, people: list[tuple[str, str]], pokja: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nip"].choices = people
        self.fields["pokja"].choices = pokja
        self.fields["from_pokja"].choices = [("", "—"), *pokja]


class WhatIfForm(forms.Form):
    employees = forms.MultipleChoiceField(
        label=gettext_lazy("Employees who leave"), widget=forms.CheckboxSelectMultiple
    )
    at = forms.DateField(
        label=gettext_lazy("Last day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, employees: list[Employee], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employees"].choices = [
            (e.nip, f"{e.name} ({e.position})" if e.position else e.name) for e in employees
        ]


class ProfileImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (XLSX or CSV)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = getattr(settings, "ORBIT_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)d bytes; at most %(limit)d).") % {"size": upload.size, "limit": limit}
            )
        return upload
