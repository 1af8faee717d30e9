"""Django admin for the performance models, every list scoped to the admin's agency (operators see all).

The PK itself (SS and IKU: codes, names, targets, polarity, aggregation, pokja) is edited here; period targets
and activities also have their own page (the rencana aksi), and realisasi go through the review flow.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organisation.admin import ScopedAdmin, ScopedChoicesMixin
from performance.models import (
    Activity,
    Dialogue,
    Evidence,
    FollowUp,
    Indicator,
    PerformanceAgreement,
    PeriodTarget,
    Realisasi,
    RoleResult,
    ShareLink,
    StrategicObjective,
)


class StrategicObjectiveInline(ScopedChoicesMixin, admin.TabularInline):
    model = StrategicObjective
    extra = 0


class PeriodTargetInline(admin.TabularInline):
    model = PeriodTarget
    extra = 0


class ActivityInline(ScopedChoicesMixin, admin.TabularInline):
    model = Activity
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["file", "name", "content_type", "size", "url", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False  # evidence comes through the report form, which checks the files


@admin.register(PerformanceAgreement)
class PerformanceAgreementAdmin(ScopedAdmin):
    list_display = ["year", "unit", "title"]
    list_filter = ["year"]
    exclude = ["agency"]
    inlines = [StrategicObjectiveInline]


@admin.register(StrategicObjective)
class StrategicObjectiveAdmin(ScopedAdmin):
    list_display = ["code", "name", "perspective", "agreement"]
    list_filter = ["perspective", "agreement__year"]


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["code", "name", "unit_of_measure", "target", "polarity", "aggregation", "agreement"]
    list_filter = ["agreement__year", "polarity", "aggregation", "periodicity"]
    search_fields = ["code", "name"]
    link_filter_horizontal = ("pokja",)
    inlines = [PeriodTargetInline, ActivityInline]


@admin.register(Realisasi)
class RealisasiAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "period", "value", "status", "updated_at"]
    list_filter = ["status", "indicator__agreement__year"]
    search_fields = ["indicator__code"]
    # The status changes only through the review flow (services.realisasi), which checks who may do what.
    readonly_fields = [
        "status", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "review_comment", "reported_by",
    ]  # fmt: skip
    inlines = [EvidenceInline]


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    list_display = ["description", "indicator", "period", "pokja", "due_date"]
    list_filter = ["indicator__agreement__year"]


@admin.register(RoleResult)
class RoleResultAdmin(ScopedAdmin):
    list_display = ["indicator", "employee", "pokja", "target"]


@admin.register(Dialogue)
class DialogueAdmin(ScopedAdmin):
    list_display = ["topic", "scheduled_at", "unit", "pokja", "employee"]
    exclude = ["agency"]


@admin.register(FollowUp)
class FollowUpAdmin(ScopedAdmin):
    list_display = ["description", "owner", "due_date", "done_at"]


@admin.register(ShareLink)
class ShareLinkAdmin(ScopedAdmin):
    list_display = ["__str__", "agreement", "expires_at", "revoked_at"]
    exclude = ["agency"]
    readonly_fields = ["token"]
