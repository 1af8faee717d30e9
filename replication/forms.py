"""The form that creates a unit from a template: the file, the new unit's name and address, and the PK year."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.models import Agency
from replication.reading import MAX_YEAR, MIN_YEAR


class NewUnitForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Template file (JSON)"))
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label=gettext_lazy("Agency"))
    name = forms.CharField(label=gettext_lazy("Name of the new unit"), max_length=200)
    slug = forms.SlugField(
        label=gettext_lazy("Address (slug)"),
        max_length=60,
        help_text=gettext_lazy("Letters, digits and hyphens; the unit's pages will be at /units/<address>/."),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year of the performance agreement"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=gettext_lazy("The template's indicators become a PK of this year, without targets per period."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.is_superuser:
            # An operator belongs to no agency and chooses the one that gets the unit.
            self.fields["agency"].queryset = Agency.objects.visible_to(user)
        else:
            del self.fields["agency"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.ORBIT_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)d bytes; at most %(limit)d).")
                % {"size": upload.size, "limit": settings.ORBIT_IMPORT_MAX_BYTES}
            )
        return upload

    def target_agency(self) -> Agency:
        return self.cleaned_data["agency"] if "agency" in self.fields else self.user.agency


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
