"""API serializers: they validate with the model's own rules and hand multi-row writes to the services."""

import copy
import datetime
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings

from organisation import nip as nip_rules
from organisation import services
from organisation.models import Agency, Employee, Function, Membership, Pokja, PokjaTask, Unit


def to_drf(error: DjangoValidationError) -> serializers.ValidationError:
    """A model ValidationError as DRF field messages (``__all__`` becomes ``non_field_errors``)."""
    detail = get_error_detail(error)
    if not isinstance(detail, dict):
        detail = {NON_FIELD_ERRORS: detail}
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return serializers.ValidationError(detail)


class Conflict(APIException):
    """409: the client changed a row that someone else changed since the client read it."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


@contextmanager
def model_errors_as_400():
    """Model and database-guard errors raised by a service become a 400 (a stale version a 409), never a 500."""
    try:
        yield
    except DjangoValidationError as error:
        if getattr(error, "code", None) == "conflict":
            raise Conflict(error.messages[0]) from error
        raise to_drf(error) from error
    except IntegrityError as error:
        raise serializers.ValidationError(
            {api_settings.NON_FIELD_ERRORS_KEY: [services.integrity_message(error)]}
        ) from error


class ScopedRelatedMixin:
    """Offers only rows the requesting user may see: another agency's row "does not exist" (a 400)."""

    def get_queryset(self):
        request = self.context.get("request")
        return super().get_queryset().visible_to(getattr(request, "user", None))


class ScopedPrimaryKeyRelatedField(ScopedRelatedMixin, serializers.PrimaryKeyRelatedField):
    pass


class ScopedSlugRelatedField(ScopedRelatedMixin, serializers.SlugRelatedField):
    def to_internal_value(self, data):
        # PostgreSQL refuses a NUL character in a lookup (a 500): such a slug matches nothing anyway.
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


class UnitSlugField(ScopedSlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", queryset=Unit.objects.all(), **kwargs)


class ModelRulesSerializer(serializers.ModelSerializer):
    """Runs the model's ``full_clean()`` on the instance the data would produce.

    DRF's own unique validators are switched off (``validators = []`` in Meta) so that the model's
    constraints speak, with their messages.
    """

    def complete(self, attrs: dict) -> None:
        """Adds what the server decides, never the client: the agency follows the unit."""
        if attrs.get("unit") is not None and hasattr(self.Meta.model, "agency"):
            attrs["agency"] = attrs["unit"].agency

    def build_instance(self, attrs: dict):
        model = self.Meta.model
        many = {field.name for field in model._meta.many_to_many}
        values = {name: value for name, value in attrs.items() if name not in many}
        if self.instance is None:
            return model(**values)
        instance = copy.copy(self.instance)
        for name, value in values.items():
            setattr(instance, name, value)
        return instance

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.complete(attrs)
        try:
            self.build_instance(attrs).full_clean()
        except DjangoValidationError as error:
            raise to_drf(error) from error
        return attrs


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "slug", "name"]


class UnitSerializer(ModelRulesSerializer):
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    head = ScopedPrimaryKeyRelatedField(queryset=Employee.objects.all(), allow_null=True, required=False)
    head_name = serializers.CharField(source="head.name", read_only=True, allow_null=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "slug",
            "name",
            "agency",
            "head",
            "head_name",
            "min_pokja_per_employee",
            "max_pokja_per_employee",
        ]
        validators = []

    def complete(self, attrs: dict) -> None:
        if self.instance is None:
            attrs["agency"] = self.context["request"].user.agency


class FunctionSerializer(ModelRulesSerializer):
    unit = UnitSlugField()

    class Meta:
        model = Function
        fields = ["id", "unit", "number", "description", "legal_basis"]
        validators = []


SEX_CHOICES = [(nip_rules.MALE, gettext_lazy("male")), (nip_rules.FEMALE, gettext_lazy("female"))]


class EmployeeSerializer(ModelRulesSerializer):
    unit = UnitSlugField()
    agency = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    # Longer than 18 so that the spaces people type between the NIP's parts reach the NIP rules.
    nip = serializers.CharField(
        max_length=40, help_text=gettext_lazy("18 digits; spaces between the parts are ignored.")
    )
    birth_date = serializers.DateField(
        read_only=True, allow_null=True, help_text=gettext_lazy("From digits 1-8 of the NIP.")
    )
    sex = serializers.ChoiceField(
        choices=SEX_CHOICES, read_only=True, allow_null=True, help_text=gettext_lazy("From digit 15 of the NIP.")
    )

    class Meta:
        model = Employee
        fields = [
            "id",
            "unit",
            "agency",
            "nip",
            "name",
            "position",
            "grade",
            "email",
            "is_active",
            "birth_date",
            "sex",
        ]
        validators = []

    def validate_nip(self, value: str) -> str:
        value = nip_rules.normalise(value)
        errors = nip_rules.nip_errors(value)
        if errors:
            raise serializers.ValidationError(errors)
        return value


class PokjaTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = PokjaTask
        fields = ["number", "text"]


class PokjaSerializer(ModelRulesSerializer):
    unit = UnitSlugField()
    functions = ScopedPrimaryKeyRelatedField(many=True, queryset=Function.objects.all(), required=False)
    tasks = PokjaTaskSerializer(many=True, read_only=True)

    class Meta:
        model = Pokja
        fields = ["id", "unit", "code", "name", "aliases", "purpose", "order", "functions", "tasks"]
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        unit = attrs.get("unit") or self.instance.unit
        foreign = [function for function in attrs.get("functions", []) if function.unit_id != unit.pk]
        if foreign:
            raise serializers.ValidationError(
                {
                    "functions": [
                        _("Function %(number)d belongs to another unit.") % {"number": function.number}
                        for function in foreign
                    ]
                }
            )
        return attrs


class MembershipSerializer(ModelRulesSerializer):
    pokja = ScopedPrimaryKeyRelatedField(queryset=Pokja.objects.all())
    pokja_code = serializers.CharField(source="pokja.code", read_only=True)
    unit = serializers.CharField(source="pokja.unit.slug", read_only=True)
    employee = ScopedPrimaryKeyRelatedField(queryset=Employee.objects.all())
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    employee_name = serializers.CharField(source="employee.name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "pokja",
            "pokja_code",
            "unit",
            "employee",
            "employee_nip",
            "employee_name",
            "role",
            "valid_from",
            "valid_to",
            "version",
        ]
        validators = []

    def create(self, validated_data):
        with model_errors_as_400():
            return services.add_membership(actor=self.context["request"].user, **validated_data)


class MembershipUpdateSerializer(MembershipSerializer):
    """A membership changes only by ending: the last day is set, the row stays as history."""

    pokja = serializers.PrimaryKeyRelatedField(read_only=True)
    employee = serializers.PrimaryKeyRelatedField(read_only=True)
    valid_to = serializers.DateField(help_text=gettext_lazy("Last day in the pokja (inclusive)."))
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=gettext_lazy("The version you read; if the membership changed since, the answer is 409."),
    )

    class Meta(MembershipSerializer.Meta):
        read_only_fields = ["role", "valid_from"]

    def validate(self, attrs):
        if "valid_to" not in attrs:
            raise serializers.ValidationError({"valid_to": [_("Give the last day of the membership.")]})
        return super().validate(attrs)

    def update(self, instance, validated_data):
        user = self.context["request"].user
        return end_membership(user, instance, validated_data["valid_to"], validated_data.get("version"))


def end_membership(actor, membership: Membership, last_day: datetime.date, version: int | None = None) -> Membership:
    with model_errors_as_400():
        return services.end_membership(actor=actor, membership=membership, last_day=last_day, version=version)


class MembershipEndSerializer(serializers.Serializer):
    last_day = serializers.DateField(help_text=gettext_lazy("Last day in the pokja (inclusive)."))
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=gettext_lazy("The version you read; if the membership changed since, the answer is 409."),
    )

    def validate_last_day(self, value: datetime.date) -> datetime.date:
        ended = copy.copy(self.context["membership"])
        ended.valid_to = value
        try:
            ended.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return value


class DateQuerySerializer(serializers.Serializer):
    at = serializers.DateField(required=False)


class StructureUnitSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    agency = serializers.CharField(help_text=gettext_lazy("Agency slug."))
    agency_name = serializers.CharField()


class StructureHeadSerializer(serializers.Serializer):
    nip = serializers.CharField()
    name = serializers.CharField()
    position = serializers.CharField()


class StructureMemberSerializer(serializers.Serializer):
    nip = serializers.CharField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=Membership.Role.choices)


class StructurePokjaSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    members = StructureMemberSerializer(many=True, help_text=gettext_lazy("Ketua first, then wakil, then anggota."))


class StructureSerializer(serializers.Serializer):
    unit = StructureUnitSerializer()
    at = serializers.DateField()
    head = StructureHeadSerializer(allow_null=True)
    pokja = StructurePokjaSerializer(many=True)


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    severity = serializers.ChoiceField(choices=["error", "warning", "info"])
    message = serializers.CharField()
    pokja = serializers.CharField(allow_null=True, help_text=gettext_lazy("Pokja code."))
    employee = serializers.CharField(allow_null=True, help_text=gettext_lazy("Employee NIP."))
    function = serializers.IntegerField(allow_null=True, help_text=gettext_lazy("Function (tusi) number."))


class HealthSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text=gettext_lazy("Unit slug."))
    at = serializers.DateField()
    findings = FindingSerializer(many=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
