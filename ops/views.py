"""The audit history page of a unit: head and agency admin only."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ops.audit import KINDS, MAX_PAGE, Filters, audit_page
from organisation.access import get_unit_for_user


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("What"), required=False, choices=[("", _("everything")), *KINDS.items()])
    username = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, widget=forms.HiddenInput)


@login_required
def unit_audit(request, slug):
    """Every change to the unit's structure, targets, realisasi, tickets and awards: who, when, old → new."""
    unit, can_manage = get_unit_for_user(request.user, slug)
    if not can_manage:
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = Filters(
        kind=data.get("kind") or "",
        username=(data.get("username") or "").strip(),
        since=data.get("since"),
        until=data.get("until"),
    )
    page = data.get("page") or 1
    entries, has_next = audit_page(unit, filters, page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "ops/audit.html",
        {
            "unit": unit,
            "form": form if form.is_bound else AuditFilterForm(),
            "entries": entries,
            "page": page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if has_next and page < MAX_PAGE else None,
            "query": query.urlencode(),
        },
        status=200 if not form.errors else 400,
    )
