"""Read endpoints for performance agreements, strategic objectives and indicators, scoped to the user's agency."""

import django_filters
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from organisation.api.views import ScopedViewSetMixin
from performance import selectors
from performance.api import serializers as api
from performance.models import Indicator, PerformanceAgreement, StrategicObjective

UP_TO_PERIOD = OpenApiParameter(
    "up_to_period",
    OpenApiTypes.INT,
    required=False,
    description=gettext_lazy(
        "Cumulative to this period, counted in each indicator's own periods (quarters or months); "
        "default: to the last accepted period."
    ),
)


def requested_period(request) -> int | None:
    """The ``?up_to_period=`` value; a malformed one is a 400."""
    raw = request.query_params.get("up_to_period") or None
    query = api.UpToPeriodSerializer(data={} if raw is None else {"up_to_period": raw})
    query.is_valid(raise_exception=True)
    return query.validated_data.get("up_to_period")


class AgreementFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__slug", help_text=gettext_lazy("Unit slug."))

    class Meta:
        model = PerformanceAgreement
        fields = ["unit", "year"]


@extend_schema(tags=["performance"])
class AgreementViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Performance agreements (PK), one per unit and year."""

    model = PerformanceAgreement
    serializer_class = api.AgreementSerializer
    select_related = ("unit",)
    filterset_class = AgreementFilter

    # A plain list of one agreement's rows: neither paginated nor filtered like the agreement list.
    @extend_schema(parameters=[UP_TO_PERIOD], responses=api.MonitoringRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def monitoring(self, request, pk=None):
        """Every indicator of the agreement with target, realisasi and capaian per period, cumulative and year."""
        agreement = self.get_object()
        rows = selectors.indicator_table(agreement, requested_period(request))
        return Response(api.MonitoringRowSerializer(rows, many=True).data)


class ObjectiveFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="agreement__unit__slug", help_text=gettext_lazy("Unit slug."))
    year = django_filters.NumberFilter(field_name="agreement__year", help_text=gettext_lazy("Agreement year."))

    class Meta:
        model = StrategicObjective
        fields = ["agreement", "unit", "year", "perspective"]


@extend_schema(tags=["performance"])
class ObjectiveViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Strategic objectives (SS) of the agreements."""

    model = StrategicObjective
    serializer_class = api.ObjectiveSerializer
    unit_path = "agreement.unit"
    filterset_class = ObjectiveFilter


class IndicatorFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="agreement__unit__slug", help_text=gettext_lazy("Unit slug."))
    year = django_filters.NumberFilter(field_name="agreement__year", help_text=gettext_lazy("Agreement year."))
    pokja = django_filters.CharFilter(
        field_name="pokja__code", lookup_expr="iexact", help_text=gettext_lazy("Code of a responsible pokja.")
    )

    class Meta:
        model = Indicator
        fields = ["agreement", "objective", "unit", "year", "pokja", "code"]


@extend_schema(tags=["performance"])
class IndicatorViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Indicators (IKU); the detail adds target, realisasi and capaian per period, cumulative and year."""

    model = Indicator
    serializer_class = api.IndicatorSerializer
    select_related = ("objective", "parent", "agreement")
    prefetch_related = ("pokja",)
    unit_path = "agreement.unit"
    filterset_class = IndicatorFilter

    def get_queryset(self):
        # The pokja filter joins a many-to-many: keep each indicator once.
        return super().get_queryset().distinct()

    @extend_schema(parameters=[UP_TO_PERIOD], responses=api.IndicatorDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        indicator = self.get_object()
        indicator.monitoring = selectors.indicator_row(indicator, requested_period(request))
        return Response(api.IndicatorDetailSerializer(indicator, context=self.get_serializer_context()).data)
