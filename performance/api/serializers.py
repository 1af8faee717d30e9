"""Read serializers for agreements, objectives and indicators, with the monitoring numbers of the selectors."""

from decimal import ROUND_HALF_UP

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from performance.models import Indicator, PerformanceAgreement, StrategicObjective

STATUS_CHOICES = [("on_track", _("on track")), ("at_risk", _("at risk")), ("behind", _("behind"))]


def number(help_text: str = "", places: int = 2) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=None, decimal_places=places, rounding=ROUND_HALF_UP, allow_null=True, read_only=True,
        help_text=help_text,
    )  # fmt: skip


def status_field() -> serializers.ChoiceField:
    # Named status_colour (not status) in the API: realisasi and tickets have a "status" of their own.
    return serializers.ChoiceField(
        source="status", choices=STATUS_CHOICES, allow_null=True, read_only=True,
        help_text=_("From the agreement's thresholds; null without a capaian."),
    )  # fmt: skip


class AgreementSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = PerformanceAgreement
        fields = ["id", "unit", "year", "title", "on_track_from", "at_risk_from"]


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategicObjective
        fields = ["id", "agreement", "code", "name", "perspective", "order"]


class IndicatorSerializer(serializers.ModelSerializer):
    objective_code = serializers.CharField(source="objective.code", read_only=True)
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True, default=None)
    pokja = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text=_("Codes of the responsible pokja.")
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "agreement",
            "objective",
            "objective_code",
            "parent",
            "parent_code",
            "code",
            "name",
            "unit_of_measure",
            "target",
            "target_upper",
            "polarity",
            "aggregation",
            "periodicity",
            "pokja",
            "order",
        ]


class PeriodCellSerializer(serializers.Serializer):
    period = serializers.IntegerField(read_only=True, help_text=_("Quarter (1-4) or month (1-12)."))
    target = number()
    target_upper = number(_("Upper bound of a range target."))
    realisasi = number(_("The accepted realisasi; null when none is accepted."))
    pending = number(_("A submitted realisasi awaiting review; not counted in capaian."))
    capaian = number(_("Percent, rounded half up to two decimals; null for a zero target or missing values."))
    status_colour = status_field()


class SummarySerializer(serializers.Serializer):
    period = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Last period included (cumulative); null for the year.")
    )
    target = number()
    target_upper = number()
    realisasi = number(_("Accepted realisasi aggregated by the indicator's aggregation."))
    capaian = number(_("Percent, rounded half up to two decimals; null for a zero target or missing values."))
    status_colour = status_field()
    reported = serializers.IntegerField(read_only=True, help_text=_("Accepted periods counted."))


class IndicatorDetailSerializer(IndicatorSerializer):
    """An indicator with its target, realisasi and capaian per period, cumulative and for the year."""

    periods = PeriodCellSerializer(source="monitoring.periods", many=True, read_only=True)
    cumulative = SummarySerializer(
        source="monitoring.cumulative",
        read_only=True,
        help_text=_("To ?up_to_period= (in the indicator's own periods), by default to the last accepted period."),
    )
    year = SummarySerializer(source="monitoring.year", read_only=True)

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "periods", "cumulative", "year"]


class MonitoringRowSerializer(serializers.Serializer):
    """One row of an agreement's monitoring table."""

    indicator = serializers.IntegerField(source="indicator.pk", read_only=True)
    code = serializers.CharField(source="indicator.code", read_only=True)
    objective_code = serializers.CharField(source="indicator.objective.code", read_only=True)
    pokja = serializers.ListField(source="pokja_codes", child=serializers.CharField(), read_only=True)
    periods = PeriodCellSerializer(many=True, read_only=True)
    cumulative = SummarySerializer(read_only=True)
    year = SummarySerializer(read_only=True)


class UpToPeriodSerializer(serializers.Serializer):
    up_to_period = serializers.IntegerField(required=False, min_value=1, max_value=12)
