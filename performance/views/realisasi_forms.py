"""Forms of the realisasi pages: the report (value, note, evidence files and links) and the review comment."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from performance import evidence
from performance.services.realisasi import check_evidence


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by ``performance.evidence``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class RealisasiForm(forms.Form):
    value = forms.DecimalField(label=_("Realisasi"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, images (PNG, JPEG, GIF) or Office documents."),
    )
    links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "https://"}),
        help_text=_("One web address per line."),
    )
    # The realisasi's version when the form was opened: a save over someone else's newer change is refused.
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = evidence.max_bytes()
        self.fields["files"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.gif,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
        self.fields["files"].widget.attrs["data-max-bytes"] = str(limit)

    def clean_links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        try:
            check_evidence(data.get("files") or [], data.get("links") or [])
        except ValidationError as error:
            self.add_error(None, error)
        return data


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What has to be fixed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
