"""API views: every queryset starts from ``visible_to(user)``; writes need the right to manage the unit."""

import django_filters
from axes.helpers import get_cool_off
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

from organisation import health, selectors
from organisation.access import can_manage_unit
from organisation.api import serializers as api
from organisation.api.permissions import WRITE_DENIED, CanManageUnit
from organisation.models import Agency, Employee, Function, Membership, Pokja, Unit

AT_PARAMETER = OpenApiParameter(
    "at", OpenApiTypes.DATE, description=gettext_lazy("YYYY-MM-DD; default today."), required=False
)


def follow(obj, path: str):
    for name in filter(None, path.split(".")):
        obj = getattr(obj, name)
    return obj


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """The default pagination with bounds: a huge ?limit= or ?offset= no longer overflows the database integer."""

    max_limit = 1000
    max_offset = 2**31 - 1

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)


class ScopedViewSetMixin:
    """One mechanism for every endpoint: the user's agency first, eager loading, unit-based write checks.

    ``unit_path`` names the way from an object (or from the validated data) to its unit, dotted;
    empty for the unit itself.
    """

    model = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    unit_path = "unit"
    permission_classes = [CanManageUnit]
    pagination_class = BoundedLimitOffsetPagination

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def unit_of(self, obj) -> Unit:
        return follow(obj, self.unit_path)

    def unit_in(self, serializer) -> Unit | None:
        """The unit the validated data points at, if it names one."""
        first, _dot, rest = self.unit_path.partition(".")
        value = serializer.validated_data.get(first)
        return None if value is None else follow(value, rest)

    def require_manager(self, unit: Unit) -> None:
        if not can_manage_unit(self.request.user, unit):
            raise PermissionDenied(WRITE_DENIED)

    def perform_create(self, serializer):
        self.require_manager(self.unit_in(serializer))
        serializer.save()

    def perform_update(self, serializer):
        unit = self.unit_in(serializer)
        if unit is not None:
            self.require_manager(unit)
        serializer.save()


@extend_schema(tags=["agencies"])
class AgencyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    model = Agency
    serializer_class = api.AgencySerializer


@extend_schema(tags=["units"])
class UnitViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Units of the user's agency. Units are not deleted through the API: their people and history hang on them."""

    model = Unit
    serializer_class = api.UnitSerializer
    select_related = ("agency", "head")
    unit_path = ""
    lookup_field = "slug"

    def create(self, request, *args, **kwargs):
        if not (request.user.agency_id and request.user.is_agency_admin):
            raise PermissionDenied(_("Only an agency admin may add a unit."))
        return super().create(request, *args, **kwargs)

    # The unit is the object itself: creation is checked in create(), changes by the object permission.
    def perform_create(self, serializer):
        serializer.save()

    def perform_update(self, serializer):
        serializer.save()

    @extend_schema(parameters=[AT_PARAMETER], responses=api.StructureSerializer)
    @action(detail=True, methods=["get"])
    def structure(self, request, slug=None):
        """The unit's pokja and their members on a date, leaders first."""
        unit = self.get_object()
        at = requested_date(request)
        current = selectors.structure(unit, at)
        head = unit.head
        payload = {
            "unit": {"slug": unit.slug, "name": unit.name, "agency": unit.agency.slug, "agency_name": unit.agency.name},
            "at": current.at,
            "head": {"nip": head.nip, "name": head.name, "position": head.position} if head else None,
            "pokja": [
                {
                    "code": view.pokja.code,
                    "name": view.pokja.name,
                    "members": [
                        {"nip": m.employee.nip, "name": m.employee.name, "role": m.role} for m in view.memberships
                    ],
                }
                for view in current.pokja
            ],
        }
        return Response(api.StructureSerializer(payload).data)

    @extend_schema(parameters=[AT_PARAMETER], responses=api.HealthSerializer)
    @action(detail=True, methods=["get"])
    def health(self, request, slug=None):
        """What in the unit's structure needs attention on a date, most severe first."""
        unit = self.get_object()
        at = requested_date(request) or selectors.today()
        payload = {"unit": unit.slug, "at": at, "findings": health.find_issues(unit, at)}
        return Response(api.HealthSerializer(payload).data)


def requested_date(request):
    """The ``?at=`` date (None when absent or empty); a malformed date is a 400."""
    raw = request.query_params.get("at") or None
    query = api.DateQuerySerializer(data={} if raw is None else {"at": raw})
    query.is_valid(raise_exception=True)
    return query.validated_data.get("at")


class FunctionFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__slug", help_text=gettext_lazy("Unit slug."))

    class Meta:
        model = Function
        fields = ["unit", "number"]


@extend_schema(tags=["functions"])
class FunctionViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    model = Function
    serializer_class = api.FunctionSerializer
    select_related = ("unit",)
    filterset_class = FunctionFilter


class EmployeeFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__slug", help_text=gettext_lazy("Unit slug."))

    class Meta:
        model = Employee
        fields = ["unit", "is_active", "nip"]


@extend_schema(tags=["employees"])
class EmployeeViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Employees; one with pokja history is deactivated (is_active=false) rather than deleted."""

    model = Employee
    serializer_class = api.EmployeeSerializer
    select_related = ("unit", "agency")
    filterset_class = EmployeeFilter

    def perform_destroy(self, instance):
        if instance.memberships.exists():
            raise serializers.ValidationError(
                {"detail": _("This employee has pokja history; deactivate them instead of deleting.")}
            )
        instance.delete()


class PokjaFilter(django_filters.FilterSet):
    unit = django_filters.CharFilter(field_name="unit__slug", help_text=gettext_lazy("Unit slug."))
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact", help_text=gettext_lazy("Pokja code."))

    class Meta:
        model = Pokja
        fields = ["unit", "code"]


@extend_schema(tags=["pokja"])
class PokjaViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Pokja with their functions (tusi) and tasks; one with membership history is not deleted."""

    model = Pokja
    serializer_class = api.PokjaSerializer
    select_related = ("unit",)
    prefetch_related = ("functions", "tasks")
    filterset_class = PokjaFilter

    def perform_destroy(self, instance):
        if instance.memberships.exists():
            raise serializers.ValidationError({"detail": _("This pokja has membership history; it cannot be deleted.")})
        instance.delete()


class MembershipFilter(django_filters.FilterSet):
    pokja = django_filters.CharFilter(
        field_name="pokja__code", lookup_expr="iexact", help_text=gettext_lazy("Pokja code.")
    )
    unit = django_filters.CharFilter(field_name="pokja__unit__slug", help_text=gettext_lazy("Unit slug."))
    employee = django_filters.CharFilter(field_name="employee__nip", help_text=gettext_lazy("Employee NIP."))
    at = django_filters.DateFilter(method="filter_at", help_text=gettext_lazy("In force on this date (YYYY-MM-DD)."))

    class Meta:
        model = Membership
        fields = ["pokja", "unit", "employee", "role", "at"]

    def filter_at(self, queryset, name, value):
        return queryset.at(value)


@extend_schema_view(
    partial_update=extend_schema(
        description="Ends the membership: only `valid_to` (the last day) can be set; the row stays as history. "
        "Send the `version` you read: if someone changed the membership since, the answer is 409 and nothing changes."
    )
)
@extend_schema(tags=["memberships"])
class MembershipViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Memberships are added and ended, never overwritten or deleted: the history is kept."""

    model = Membership
    serializer_class = api.MembershipSerializer
    select_related = ("pokja__unit", "employee")
    unit_path = "pokja.unit"
    filterset_class = MembershipFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.action == "partial_update":
            return api.MembershipUpdateSerializer
        return super().get_serializer_class()

    @extend_schema(request=api.MembershipEndSerializer, responses=api.MembershipSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """Ends the membership on ``last_day`` (inclusive)."""
        membership = self.get_object()
        form = api.MembershipEndSerializer(data=request.data, context={"membership": membership})
        form.is_valid(raise_exception=True)
        data = form.validated_data
        membership = api.end_membership(request.user, membership, data["last_day"], data.get("version"))
        return Response(api.MembershipSerializer(membership, context=self.get_serializer_context()).data)


class TokenView(ObtainAuthToken):
    """Exchanges a username and password for an API token (send it as ``Authorization: Token <key>``)."""

    @extend_schema(tags=["auth"], auth=[], request=AuthTokenSerializer, responses={200: api.TokenSerializer, 429: None})
    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # django-axes refused the sign-in (too many failures for this username from this address) and marked
            # DRF's request; answer like the login page does, 429, instead of "wrong password".
            if getattr(request, "axes_locked_out", False):
                cool_off = get_cool_off(request)
                minutes = int(cool_off.total_seconds() // 60) if cool_off else 0
                raise Throttled(
                    wait=int(cool_off.total_seconds()) if cool_off else None,
                    detail=_(
                        "Too many failed sign-ins: this account is locked for %(minutes)d minutes from this address."
                    )
                    % {"minutes": minutes},
                ) from None
            raise
