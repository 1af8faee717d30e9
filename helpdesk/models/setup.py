"""How a unit runs its helpdesk: categories (→ pokja, SLA), routing rule, days off, who is available."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Agency, Employee, Pokja, Unit
from organisation.scoping import ScopedQuerySet


class UnitHelpdesk(models.Model):
    """A unit's helpdesk settings; a unit without a row uses the defaults."""

    class Routing(models.TextChoices):
        ROUND_ROBIN = "round_robin", _("round robin")
        FEWEST_OPEN = "fewest_open", _("fewest open tickets")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.OneToOneField(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="helpdesk")
    routing = models.CharField(_("routing rule"), max_length=20, choices=Routing.choices, default=Routing.ROUND_ROBIN)
    portal_open = models.BooleanField(_("portal open"), default=True)
    introduction = models.TextField(_("introduction on the portal"), blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit helpdesk settings")
        verbose_name_plural = _("unit helpdesk settings")

    def __str__(self) -> str:
        return str(self.unit)

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class DayOff(models.Model):
    """A day the unit does not serve beyond the national holidays (e.g. an office event); the SLA clock stops."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="helpdesk_days_off")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        ordering = ["unit", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "date"],
                name="%(app_label)s_%(class)s_unique_date",
                violation_error_message=_("This day is already a day off for the unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class Agent(models.Model):
    """An employee's availability for new tickets; an employee without a row is available."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    employee = models.OneToOneField(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="helpdesk_agent"
    )
    is_available = models.BooleanField(_("available for new tickets"), default=True)
    # Round robin hands the next ticket to the member who waited longest since their last one.
    last_assigned_at = models.DateTimeField(_("last assigned"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("helpdesk agent")
        verbose_name_plural = _("helpdesk agents")

    def __str__(self) -> str:
        return str(self.employee)

    def save(self, *args, **kwargs):
        self.agency_id = self.employee.agency_id
        super().save(*args, **kwargs)


class CategoryQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Category(models.Model):
    """A service the unit offers on the portal, handled by one pokja within an SLA in working hours."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="helpdesk_categories")
    pokja = models.ForeignKey(
        Pokja, verbose_name=_("pokja"), on_delete=models.PROTECT, related_name="helpdesk_categories"
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    first_response_hours = models.PositiveSmallIntegerField(_("first response within (working hours)"), default=4)
    resolution_hours = models.PositiveSmallIntegerField(_("resolution within (working hours)"), default=24)
    is_active = models.BooleanField(_("offered on the portal"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["unit", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "slug"],
                name="%(app_label)s_%(class)s_unique_slug",
                violation_error_message=_("This unit already has a category with this slug."),
            ),
            models.CheckConstraint(
                condition=Q(first_response_hours__gt=0) & Q(resolution_hours__gte=F("first_response_hours")),
                name="%(app_label)s_%(class)s_sla_ordered",
                violation_error_message=_("The resolution target must not be shorter than the first response."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.pokja_id and self.unit_id and self.pokja.unit_id != self.unit_id:
            raise ValidationError({"pokja": _("The pokja belongs to another unit.")})


class CannedReply(models.Model):
    """A ready answer a pokja reuses in its replies."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="canned_replies")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["pokja", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["pokja", "title"],
                name="%(app_label)s_%(class)s_unique_title",
                violation_error_message=_("This pokja already has a canned reply with this title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.agency_id = self.pokja.agency_id
        super().save(*args, **kwargs)
