"""Helpdesk API serializers: tickets and categories (read), the IKM summary."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from helpdesk.models import Category, Ticket


class CategorySerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    pokja = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Category
        fields = [
            "id",
            "unit",
            "slug",
            "name",
            "description",
            "pokja",
            "first_response_hours",
            "resolution_hours",
            "is_active",
        ]


class TicketSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    pokja = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reference = serializers.CharField(read_only=True)
    assignee = serializers.CharField(source="assignee.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Ticket
        fields = [
            "id",
            "number",
            "reference",
            "unit",
            "category",
            "pokja",
            "subject",
            "status",
            "assignee",
            "requester_name",
            "requester_agency",
            "created_at",
            "first_response_due",
            "first_response_at",
            "resolution_due",
            "resolved_at",
            "closed_at",
        ]
        read_only_fields = fields


IkmQuerySerializer = type(
    "IkmQuerySerializer",
    (serializers.Serializer,),
    {
        # "from" is a Python keyword, hence the class built by hand.
        "from": serializers.DateField(required=False, help_text=_("First day, YYYY-MM-DD; default 1 January.")),
        "to": serializers.DateField(required=False, help_text=_("Last day (inclusive), YYYY-MM-DD; default today.")),
        "pokja": serializers.CharField(required=False, help_text=_("Pokja code.")),
        "service": serializers.CharField(required=False, help_text=_("Service category slug.")),
    },
)


class IkmElementSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("U1 … U9"))
    name = serializers.CharField()
    nrr = serializers.DecimalField(
        max_digits=6, decimal_places=4, coerce_to_string=False, help_text=_("Mean score, 1-4 (4 decimals).")
    )


IkmSerializer = type(
    "IkmSerializer",
    (serializers.Serializer,),
    {
        "unit": serializers.CharField(help_text=_("Unit slug.")),
        "from": serializers.DateField(),
        "to": serializers.DateField(),
        "pokja": serializers.CharField(allow_null=True),
        "service": serializers.CharField(allow_null=True, help_text=_("Service category slug.")),
        "respondents": serializers.IntegerField(),
        "elements": IkmElementSerializer(many=True),
        "index": serializers.DecimalField(
            max_digits=6, decimal_places=4, coerce_to_string=False, allow_null=True, help_text=_("1-4 scale.")
        ),
        "score": serializers.DecimalField(
            max_digits=5,
            decimal_places=2,
            coerce_to_string=False,
            allow_null=True,
            help_text=_("Converted score (index × 25), 25-100, two decimals half up."),
        ),
        "grade": serializers.ChoiceField(choices=["A", "B", "C", "D"], allow_null=True),
        "category": serializers.CharField(
            allow_null=True, help_text=_("The regulation's category: Sangat Baik, Baik, Kurang Baik or Tidak Baik.")
        ),
        "population": serializers.IntegerField(help_text=_("Service users in the period.")),
        "sample_needed": serializers.IntegerField(help_text=_("Krejcie-Morgan sample size for the population.")),
        "adequate": serializers.BooleanField(),
    },
)
