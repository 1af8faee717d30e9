"""Templates in the browser: a manager downloads a unit's template; an agency admin creates a unit from one
(upload → preview, nothing written → confirm, checked again and created in one transaction)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import stash as stash_file
from organisation import access
from organisation.models import Agency
from replication.forms import ConfirmForm, NewUnitForm
from replication.template import TemplateError, check_target, create_unit, dump, export_unit, parse_template, plan

TOKEN_SALT = "replication.new-unit"
UPLOAD_DIR = "replication"


@login_required
def download_template(request, slug):
    """The unit's template as a JSON file; for those who manage the unit (it shows the whole structure)."""
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    if not can_manage:
        raise PermissionDenied
    response = HttpResponse(dump(export_unit(unit)), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="orbit-template-{unit.slug}.json"'
    return response


@login_required
def new_unit(request):
    if not request.user.is_agency_admin:
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return confirm(request)
    year = timezone.localdate().year
    form = NewUnitForm(request.POST or None, request.FILES or None, user=request.user, initial={"year": year})
    if request.method != "POST":
        return render(request, "replication/new_unit.html", {"form": form})
    return preview(request, form)


def preview(request, form: NewUnitForm):
    context = {"form": form}
    if not form.is_valid():
        return render(request, "replication/new_unit.html", context, status=400)
    agency = form.target_agency()
    upload, name, slug, year = (form.cleaned_data[key] for key in ("file", "name", "slug", "year"))
    data = upload.read()
    # The name, address and year are checked as well when the file is wrong: every problem at once.
    for field, field_errors in check_target(agency=agency, name=name, slug=slug, year=year).items():
        for message in field_errors:
            form.add_error(field, message)
    try:
        template = parse_template(data)
    except TemplateError as error:
        context.update(problems=error.messages, file_name=upload.name)
        return render(request, "replication/new_unit.html", context, status=400)
    if form.errors:
        return render(request, "replication/new_unit.html", context, status=400)
    token = stash(request, data, file_name=upload.name, agency=agency, name=name, slug=slug, year=year)
    context.update(
        template=template,
        plan=plan(template, agency=agency, year=year),
        agency=agency,
        new_name=name,
        new_slug=slug,
        file_name=upload.name,
        confirm_form=ConfirmForm(initial={"token": token}),
    )
    return render(request, "replication/new_unit.html", context)


def confirm(request):
    form = ConfirmForm(request.POST)
    payload = unstash(request) if form.is_valid() else None
    data = stash_file.read(payload)
    agency = Agency.objects.visible_to(request.user).filter(pk=payload["agency"]).first() if payload else None
    if data is None or agency is None:
        messages.error(request, _("The uploaded template has expired or is not valid: upload it again."))
        return redirect("replication_new_unit")
    try:
        unit = create_unit(
            parse_template(data),
            agency=agency,
            name=payload["name"],
            slug=payload["slug"],
            user=request.user,
            year=payload["year"],
        )
    except TemplateError as error:
        # Something changed since the preview (the address was taken meanwhile...): say what, keep the values.
        initial = {key: payload[key] for key in ("name", "slug", "year")}
        context = {
            "form": NewUnitForm(initial={**initial, "agency": agency.pk}, user=request.user),
            "problems": error.messages,
            "file_name": payload["file_name"],
        }
        return render(request, "replication/new_unit.html", context, status=409)
    default_storage.delete(payload["path"])
    created = _("The unit %(name)s was created from the template %(file)s.")
    messages.success(request, created % {"name": unit.name, "file": payload["file_name"]})
    return redirect("unit_detail", slug=unit.slug)


def stash(request, data: bytes, *, file_name: str, agency: Agency, name: str, slug: str, year: int) -> str:
    """Keeps the uploaded bytes until confirmation; the signed token names the file, the target and the user."""
    return stash_file.keep(
        request,
        data,
        folder=UPLOAD_DIR,
        extension="json",
        salt=TOKEN_SALT,
        file_name=file_name[:200],
        agency=agency.pk,
        name=name,
        slug=slug,
        year=year,
    )


def unstash(request) -> dict | None:
    return stash_file.payload(request, salt=TOKEN_SALT)
