"""POS pages: a new POS of a pokja, a POS with its versions, adding and approving a version, reading one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culture import access, uploads
from culture.forms import ApproveForm, PosDocumentForm, PosVersionForm
from culture.services import pos as service
from culture.views.common import add_errors


@login_required
def document_new(request, slug, code):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    pokja, can_write = access.get_pokja_for_user(request.user, unit, code)
    if not can_write:
        raise PermissionDenied
    form = PosDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = service.create_document(actor=request.user, pokja=pokja, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("culture_pos_document", slug=unit.slug, pk=document.pk)
    return render(
        request,
        "culture/pos/document_form.html",
        {"unit": unit, "can_manage": can_manage, "pokja": pokja, "form": form},
    )


def _document_page(request, unit, document, can_write, can_approve, form, status=200):
    versions = list(document.versions.select_related("uploaded_by", "approved_by").order_by("-number"))
    current = next((v for v in versions if v.status == v.Status.APPROVED), None)
    return render(
        request,
        "culture/pos/document_detail.html",
        {
            "unit": unit,
            "can_manage": can_approve,
            "document": document,
            "pokja": document.pokja,
            "versions": versions,
            "current": current,
            "can_write": can_write,
            "can_approve": can_approve,
            "form": form,
            "approve_form": ApproveForm(),
            "max_bytes": uploads.max_bytes(),
        },
        status=status,
    )


@login_required
def document_detail(request, slug, pk):
    unit, document, can_write, can_approve = access.get_pos_document_for_user(request.user, slug, pk)
    return _document_page(request, unit, document, can_write, can_approve, PosVersionForm())


@login_required
@require_POST
def version_add(request, slug, pk):
    unit, document, can_write, can_approve = access.get_pos_document_for_user(request.user, slug, pk)
    if not can_write:
        raise PermissionDenied
    form = PosVersionForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = service.add_version(
                actor=request.user,
                document=document,
                upload=data["file"],
                text=data["text"],
                change_note=data["change_note"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Version %(number)d is added and awaits the head's approval.") % {"number": version.number}
            )
            return redirect("culture_pos_document", slug=unit.slug, pk=document.pk)
    return _document_page(request, unit, document, can_write, can_approve, form, status=400)


@login_required
@require_POST
def approve(request, slug, pk):
    unit, version, can_manage = access.get_pos_version_for_user(request.user, slug, pk)
    if not can_manage:
        raise PermissionDenied
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            service.approve_version(actor=request.user, version=version, review_due=form.cleaned_data["review_due"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Version %(number)d is approved and current.") % {"number": version.number})
    else:
        messages.error(request, _("Enter a valid review date."))
    return redirect("culture_pos_document", slug=unit.slug, pk=version.document_id)


@login_required
def version_detail(request, slug, pk):
    unit, version, can_manage = access.get_pos_version_for_user(request.user, slug, pk)
    return render(
        request,
        "culture/pos/version_detail.html",
        {"unit": unit, "can_manage": can_manage, "version": version, "document": version.document},
    )


@login_required
def version_file(request, slug, pk):
    unit, version, _can_manage = access.get_pos_version_for_user(request.user, slug, pk)
    if not version.file:
        raise Http404
    extension = uploads.EXTENSIONS.get(version.content_type, "bin")
    name = f"{slugify(version.document.title)}-v{version.number}.{extension}"
    return FileResponse(
        version.file.open("rb"),
        content_type=version.content_type,
        as_attachment=version.content_type != uploads.PDF,
        filename=name,
    )
