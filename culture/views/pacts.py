"""Pakta integritas pages: the unit's pacts, a pact with its signing status, revising, signing, the signed PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from culture import access, pdf
from culture.forms import PactForm, PactRevisionForm
from culture.models import Pact, PactSignature
from culture.services import pacts as service
from culture.views.common import add_errors, pdf_response


@login_required
def pact_list(request, slug):
    unit, can_manage = access.get_unit_for_user(request.user, slug)
    form = PactForm(request.POST or None, unit=unit)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                pact = service.create_pact(actor=request.user, unit=unit, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                return redirect("culture_pact", slug=unit.slug, pk=pact.pk)
    pacts = list(Pact.objects.filter(unit=unit).prefetch_related("versions").order_by("-year", "title"))
    employee = access.employee_of(request.user)
    signed = set()
    if employee is not None:
        signed = set(PactSignature.objects.filter(employee=employee).values_list("version_id", flat=True))
    rows = []
    for pact in pacts:
        current = max(pact.versions.all(), key=lambda v: v.number, default=None)
        rows.append({"pact": pact, "current": current, "signed": current is not None and current.pk in signed})
    return render(
        request,
        "culture/pacts/pact_list.html",
        {"unit": unit, "can_manage": can_manage, "rows": rows, "form": form, "is_employee": employee is not None},
    )


@login_required
def pact_detail(request, slug, pk):
    unit, pact, can_manage = access.get_pact_for_user(request.user, slug, pk)
    version = service.current_version(pact)
    employee = access.employee_of(request.user)
    mine = None
    must_sign = False
    if employee is not None:
        must_sign = service.required_signers(pact).filter(pk=employee.pk).exists()
        mine = (
            PactSignature.objects.filter(version__pact=pact, employee=employee)
            .select_related("version")
            .order_by("-version__number")
            .first()
        )
    status = service.signing_status(pact, version) if can_manage else []
    return render(
        request,
        "culture/pacts/pact_detail.html",
        {
            "unit": unit,
            "can_manage": can_manage,
            "pact": pact,
            "version": version,
            "mine": mine,
            "signed_current": mine is not None and version is not None and mine.version_id == version.pk,
            "must_sign": must_sign,
            "status": status,
            "unsigned": [row for row in status if not row.signed],
            "revision_form": PactRevisionForm(initial={"text": version.text if version else ""}),
        },
    )


@login_required
@require_POST
def revise(request, slug, pk):
    unit, pact, can_manage = access.get_pact_for_user(request.user, slug, pk)
    if not can_manage:
        raise PermissionDenied
    form = PactRevisionForm(request.POST)
    if form.is_valid():
        try:
            version = service.revise_pact(actor=request.user, pact=pact, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Version %(number)d is published; everyone signs again.") % {"number": version.number}
            )
    else:
        messages.error(request, _("Write the text of the pact."))
    return redirect("culture_pact", slug=unit.slug, pk=pact.pk)


@login_required
@require_POST
def sign(request, slug, pk):
    unit, pact, _can_manage = access.get_pact_for_user(request.user, slug, pk)
    if request.POST.get("agree") != "1":
        messages.error(request, _("Tick the box to state that you have read and agree to the pact."))
        return redirect("culture_pact", slug=unit.slug, pk=pact.pk)
    try:
        signature = service.sign_pact(actor=request.user, pact=pact)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Signed version %(number)d of the pact.") % {"number": signature.version.number})
    return redirect("culture_pact", slug=unit.slug, pk=pact.pk)


@login_required
def signature_pdf(request, slug, pk):
    unit, signature = access.get_signature_for_user(request.user, slug, pk)
    name = f"pakta-integritas-{signature.version.pact.title}-{signature.employee.nip}-v{signature.version.number}"
    return pdf_response(pdf.signed_pact_pdf(signature), name)
