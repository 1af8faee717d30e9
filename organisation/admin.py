"""Django admin for agency admins, every list scoped to their agency (operators see all)."""

from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.auth.admin import UserAdmin
from django.forms import CheckboxSelectMultiple, SelectMultiple
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from organisation.models import Agency, Employee, Function, Membership, Pokja, PokjaTask, Unit, User
from organisation.scoping import AgencyLink


class ScopedChoicesMixin:
    """Choices of foreign keys and many-to-many fields limited to the admin's agency (operators see all).

    A many-to-many whose link table carries the agency (``AgencyLink``) is edited like a plain one: Django's
    admin leaves out fields with their own through model, as it could not fill extra columns, but the agency
    fills itself. The admin checks refuse such a field in ``filter_horizontal``: name it in
    ``link_filter_horizontal`` instead.
    """

    link_filter_horizontal: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.remote_field.model
        if hasattr(model.objects, "visible_to"):
            kwargs["queryset"] = model.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = db_field.remote_field.model.objects.visible_to(request.user)
        if not issubclass(db_field.remote_field.through, AgencyLink):
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        if "widget" not in kwargs and db_field.name in self.link_filter_horizontal:
            kwargs["widget"] = widgets.FilteredSelectMultiple(db_field.verbose_name, is_stacked=False)
        field = db_field.formfield(**kwargs)
        if isinstance(field.widget, SelectMultiple) and not isinstance(field.widget, CheckboxSelectMultiple):
            hint = _("Hold down “Control”, or “Command” on a Mac, to select more than one.")  # Django's own words
            field.help_text = format_lazy("{} {}", field.help_text, hint) if field.help_text else hint
        return field


class ScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Agency admins see and change only their agency's rows."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_agency_admin

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_change_permission = has_view_permission
    has_add_permission = has_module_permission
    has_delete_permission = has_view_permission

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    list_display = ["name", "slug", "agency", "head"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Function)
class FunctionAdmin(ScopedAdmin):
    list_display = ["number", "description", "unit"]
    list_filter = ["unit"]
    exclude = ["agency"]


@admin.register(Employee)
class EmployeeAdmin(ScopedAdmin):
    list_display = ["name", "nip", "position", "grade", "unit", "is_active"]
    search_fields = ["name", "nip"]
    list_filter = ["is_active"]


class PokjaTaskInline(admin.TabularInline):
    model = PokjaTask
    extra = 0


@admin.register(Pokja)
class PokjaAdmin(ScopedAdmin):
    list_display = ["code", "name", "unit"]
    inlines = [PokjaTaskInline]
    exclude = ["agency"]


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ["employee", "pokja", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    list_select_related = ["employee", "pokja"]


@admin.register(User)
class OrbitUserAdmin(UserAdmin, ScopedAdmin):
    fieldsets = UserAdmin.fieldsets + (("Orbit", {"fields": ["agency", "role"]}),)
    list_display = ["username", "agency", "role", "is_active"]

    def get_readonly_fields(self, request, obj=None):
        # An agency admin manages people of the agency but cannot make anyone an operator.
        if request.user.is_superuser:
            return []
        return ["is_superuser", "is_staff", "groups", "user_permissions", "agency", "last_login", "date_joined"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.agency_id = request.user.agency_id
        super().save_model(request, obj, form, change)
