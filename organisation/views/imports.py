"""Employee import page: upload → preview (a dry run) → confirm (checked again, then written)."""

import csv
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import stash as stash_file
from organisation import access, importer
from organisation.selectors import today

TOKEN_SALT = "organisation.import"
PREVIEW_LIMIT = 500
UPLOAD_DIR = "imports"
COLUMN_HELP = {
    "nip": gettext_lazy("Required. 18 digits; spaces between the parts are fine."),
    "name": gettext_lazy("Required."),
    "position": gettext_lazy("Optional."),
    "grade": gettext_lazy("Optional, e.g. III/c."),
    "email": gettext_lazy("Optional."),
    "pokja": gettext_lazy("Optional. One or more pokja codes (or their other codes), separated by commas."),
    "role": gettext_lazy("Optional. ketua, wakil or anggota (empty = anggota); applies to every pokja on the row."),
}


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (CSV or XLSX)"))
    start = forms.DateField(
        label=gettext_lazy("Memberships start on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.ORBIT_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)d bytes; at most %(limit)d).")
                % {"size": upload.size, "limit": settings.ORBIT_IMPORT_MAX_BYTES}
            )
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    start = forms.DateField(widget=forms.HiddenInput)


@login_required
def import_employees(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    if not can_manage:
        raise PermissionDenied
    if request.GET.get("template") == "csv":
        return template_csv()
    context = {
        "unit": unit,
        "can_manage": can_manage,
        "columns": [(aliases, COLUMN_HELP[name]) for name, aliases in importer.COLUMNS.items()],
        "form": ImportForm(initial={"start": today()}),
        "preview_limit": PREVIEW_LIMIT,
    }
    if request.method == "POST" and "token" in request.POST:
        return confirm(request, unit, context)
    if request.method == "POST":
        return preview(request, unit, context)
    return render(request, "organisation/import.html", context)


def preview(request, unit, context):
    form = context["form"] = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "organisation/import.html", context, status=400)
    upload, start = form.cleaned_data["file"], form.cleaned_data["start"]
    data = upload.read()
    result = importer.import_employees(
        actor=request.user, unit=unit, file_name=upload.name, data=data, start=start, dry_run=True
    )
    if result.ok:
        token = stash(request, unit, upload.name, data)
        context["confirm_form"] = ConfirmForm(initial={"token": token, "start": start})
    context.update(result=result, start=start, file_name=upload.name)
    return render(request, "organisation/import.html", context)


def confirm(request, unit, context):
    form = ConfirmForm(request.POST)
    payload = unstash(request, unit)
    data = stash_file.read(payload)
    if not form.is_valid() or data is None:
        messages.error(request, _("The uploaded file has expired or is not valid: upload it again."))
        return redirect("import_employees", slug=unit.slug)
    start = form.cleaned_data["start"]
    result = importer.import_employees(
        actor=request.user, unit=unit, file_name=payload["name"], data=data, start=start, dry_run=False
    )
    if not result.ok:
        # Something changed since the preview; show what is wrong now.
        context.update(result=result, start=start, file_name=payload["name"])
        context["form"] = ImportForm(initial={"start": start})
        return render(request, "organisation/import.html", context, status=409)
    default_storage.delete(payload["path"])
    messages.success(
        request,
        _(
            "Import done: %(created)d employees created, %(updated)d updated, "
            "%(memberships)d memberships from %(start)s."
        )
        % {
            "created": result.created,
            "updated": result.updated,
            "memberships": result.memberships,
            "start": start.isoformat(),
        },
    )
    return redirect("unit_detail", slug=unit.slug)


def stash(request, unit, file_name: str, data: bytes) -> str:
    """Keeps the uploaded bytes until confirmation; the signed token names the file and who may use it."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    extension = extension if extension in ("csv", "txt", "xlsx", "xlsm") else "bin"
    return stash_file.keep(
        request, data, folder=UPLOAD_DIR, extension=extension, salt=TOKEN_SALT, name=file_name, unit=unit.pk
    )


def unstash(request, unit) -> dict | None:
    return stash_file.payload(request, salt=TOKEN_SALT, unit=unit.pk)


def template_csv() -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(importer.TEMPLATE_HEADER)
    writer.writerow(importer.TEMPLATE_EXAMPLE)
    # The BOM makes Excel open the file as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="orbit-import-pegawai.csv"'
    return response
