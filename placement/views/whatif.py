"""What if: choose employees who leave, see what breaks and the repair the optimiser suggests."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from organisation.selectors import today
from placement.access import get_managed_unit
from placement.forms import WhatIfForm
from placement.services.instance import placeable_employees
from placement.services.whatif import what_if


@login_required
def whatif(request, slug):
    unit = get_managed_unit(request.user, slug)
    form = WhatIfForm(request.POST or None, employees=placeable_employees(unit), initial={"at": today()})
    result = None
    if request.method == "POST" and form.is_valid():
        result = what_if(unit=unit, nips=form.cleaned_data["employees"], at=form.cleaned_data["at"])
    return render(request, "placement/whatif.html", {"unit": unit, "can_manage": True, "form": form, "result": result})
