"""Forms of the rencana aksi: the period targets of an indicator and a planned activity."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisation.models import Employee, Pokja
from performance.models import Indicator


class PeriodTargetsForm(forms.Form):
    """One target (and an upper bound for ranges) per period of the indicator; an empty target removes it."""

    def __init__(self, indicator: Indicator, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        is_range = indicator.polarity == Indicator.Polarity.RANGE
        for period in range(1, indicator.period_count + 1):
            self.fields[f"target_{period}"] = forms.DecimalField(
                label=_("Period %(period)d") % {"period": period}, max_digits=14, decimal_places=2, required=False
            )
            if is_range:
                self.fields[f"upper_{period}"] = forms.DecimalField(
                    label=_("Period %(period)d upper bound") % {"period": period},
                    max_digits=14,
                    decimal_places=2,
                    required=False,
                )

    def rows(self):
        return [
            (period, self[f"target_{period}"], self[f"upper_{period}"] if f"upper_{period}" in self.fields else None)
            for period in range(1, self.indicator.period_count + 1)
        ]

    def targets(self) -> dict:
        data = self.cleaned_data
        return {
            period: (data.get(f"target_{period}"), data.get(f"upper_{period}"))
            for period in range(1, self.indicator.period_count + 1)
        }


class ActivityForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Activity"), widget=forms.Textarea(attrs={"rows": 2}))
    period = forms.TypedChoiceField(label=gettext_lazy("Period"), coerce=int, required=False, empty_value=None)
    pokja = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Pokja"), required=False)
    responsible = forms.ModelMultipleChoiceField(
        queryset=None, label=gettext_lazy("Responsible people"), required=False
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, indicator: Indicator, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit_id = indicator.agreement.unit_id
        self.fields["period"].choices = [("", _("Whole year"))] + [
            (p, _("Period %(period)d") % {"period": p}) for p in range(1, indicator.period_count + 1)
        ]
        self.fields["pokja"].queryset = Pokja.objects.filter(unit_id=unit_id).order_by("order", "code")
        self.fields["responsible"].queryset = Employee.objects.filter(unit_id=unit_id, is_active=True)
        self.fields["responsible"].label_from_instance = lambda e: f"{e.name} ({e.nip})"
