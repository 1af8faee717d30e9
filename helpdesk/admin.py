"""Django admin for agency admins: services, canned replies, days off, routing and availability."""

from django.contrib import admin

from helpdesk.models import Agent, CannedReply, Category, DayOff, Survey, Ticket, UnitHelpdesk
from organisation.admin import ScopedAdmin


@admin.register(UnitHelpdesk)
class UnitHelpdeskAdmin(ScopedAdmin):
    list_display = ["unit", "routing", "portal_open"]
    exclude = ["agency"]


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    list_display = ["name", "unit", "pokja", "first_response_hours", "resolution_hours", "is_active"]
    list_filter = ["unit", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    exclude = ["agency"]


@admin.register(CannedReply)
class CannedReplyAdmin(ScopedAdmin):
    list_display = ["title", "pokja"]
    list_filter = ["pokja"]
    exclude = ["agency"]


@admin.register(DayOff)
class DayOffAdmin(ScopedAdmin):
    list_display = ["date", "reason", "unit"]
    list_filter = ["unit"]
    exclude = ["agency"]


@admin.register(Agent)
class AgentAdmin(ScopedAdmin):
    list_display = ["employee", "is_available", "last_assigned_at"]
    list_filter = ["is_available"]
    exclude = ["agency"]
    readonly_fields = ["last_assigned_at"]


@admin.register(Ticket)
class TicketAdmin(ScopedAdmin):
    """Read-only: tickets change through the helpdesk pages, which keep their history."""

    list_display = ["reference", "subject", "unit", "pokja", "status", "assignee", "created_at"]
    list_filter = ["status", "unit"]
    search_fields = ["subject", "requester_name", "requester_agency"]
    list_select_related = ["unit", "pokja", "assignee"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Survey)
class SurveyAdmin(ScopedAdmin):
    list_display = ["date", "unit", "pokja", "category", "source"]
    list_filter = ["unit", "source"]
    list_select_related = ["unit", "pokja", "category"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
