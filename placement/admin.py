"""The competency catalogue in the (agency-scoped) Django admin: where a unit adds its technical competencies."""

from django.contrib import admin

from organisation.admin import ScopedAdmin
from placement.models import Competency, PokjaRequirement, RequiredCompetency


@admin.register(Competency)
class CompetencyAdmin(ScopedAdmin):
    list_display = ["name", "code", "kind", "unit"]
    list_filter = ["kind", "unit"]
    search_fields = ["name", "code"]


class RequiredCompetencyInline(admin.TabularInline):
    model = RequiredCompetency
    extra = 1


@admin.register(PokjaRequirement)
class PokjaRequirementAdmin(ScopedAdmin):
    list_display = ["pokja", "min_members", "max_members"]
    exclude = ["agency"]
    inlines = [RequiredCompetencyInline]
