"""Helpdesk API: tickets (staff: their agency's; stakeholders: their own), categories, the IKM summary."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from core.replica import reads_from_replica
from helpdesk import ikm, selectors
from helpdesk.api import serializers as api
from helpdesk.models import Category, Ticket
from helpdesk.views.reports import period_defaults
from organisation.api.views import ScopedViewSetMixin
from organisation.models import Pokja, Unit


class TicketFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__slug", help_text=_("Unit slug."))
    pokja = django_filters.CharFilter(field_name="pokja__code", lookup_expr="iexact", help_text=_("Pokja code."))
    category = django_filters.CharFilter(field_name="category__slug", help_text=_("Service category slug."))

    class Meta:
        model = Ticket
        fields = ["unit", "pokja", "category", "status", "number"]


@extend_schema(tags=["helpdesk"])
class TicketViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Tickets, newest first. Staff see their agency's tickets; a stakeholder account sees the ones it submitted."""

    model = Ticket
    serializer_class = api.TicketSerializer
    select_related = ("unit", "category", "pokja", "assignee")
    filterset_class = TicketFilter

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-id")


class CategoryFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__slug", help_text=_("Unit slug."))

    class Meta:
        model = Category
        fields = ["unit", "is_active"]


@extend_schema(tags=["helpdesk"])
class CategoryViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The services a unit offers on its helpdesk portal, each with its pokja and SLA in working hours."""

    model = Category
    serializer_class = api.CategorySerializer
    select_related = ("unit", "pokja")
    filterset_class = CategoryFilter


@extend_schema(tags=["helpdesk"], parameters=[api.IkmQuerySerializer], responses=api.IkmSerializer)
@api_view(["GET"])
@reads_from_replica
def ikm_summary(request, slug):
    """The unit's IKM (PermenPANRB 14/2017) over a period, optionally for one pokja or service."""
    unit = get_object_or_404(Unit.objects.visible_to(request.user), slug=slug)
    query = api.IkmQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    start, end = period_defaults()
    start, end = query.validated_data.get("from", start), query.validated_data.get("to", end)
    pokja = service = None
    if query.validated_data.get("pokja"):
        pokja = get_object_or_404(Pokja, unit=unit, code__iexact=query.validated_data["pokja"])
    if query.validated_data.get("service"):
        service = get_object_or_404(Category, unit=unit, slug=query.validated_data["service"])
    report = selectors.ikm_report(
        unit, start, end, pokja_id=pokja.pk if pokja else None, category_id=service.pk if service else None
    )
    result = report.result
    payload = {
        "unit": unit.slug,
        "from": start,
        "to": end,
        "pokja": pokja.code if pokja else None,
        "service": service.slug if service else None,
        "respondents": report.respondents,
        "elements": [
            {"code": e.code, "name": e.name, "nrr": ikm.round_half_up(e.nrr, 4)}
            for e in (result.elements if result else ())
        ],
        "index": result.index_display if result else None,
        "score": result.score_display if result else None,
        "grade": result.grade if result else None,
        "category": result.category if result else None,
        "population": report.population,
        "sample_needed": report.sample_needed,
        "adequate": report.adequate,
    }
    return Response(api.IkmSerializer(payload).data)
