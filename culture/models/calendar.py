"""The engagement calendar: team events and lembur sessions; birthdays are derived from the NIP, not stored."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from culture.models.values import CoreValue
from organisation.models import Agency, Employee, Pokja, PokjaTask, Unit
from organisation.scoping import AgencyFromParent, AgencyLink, ScopedQuerySet


class EventQuerySet(ScopedQuerySet):
    def between(self, start, end):
        """Events that overlap the days ``start``..``end`` (inclusive, local dates)."""
        return self.filter(starts_at__date__lte=end, ends_at__date__gte=start)


class Event(models.Model):
    """A team building, family gathering, collaborative Friday or lembur session of the unit."""

    class Kind(models.TextChoices):
        TEAM_BUILDING = "team_building", _("team building")
        FAMILY_GATHERING = "family_gathering", _("family gathering")
        JUMAT_KOLABORATIF = "jumat_kolaboratif", _("Jumat kolaboratif")
        LEMBUR = "lembur", _("lembur (overtime)")
        OTHER = "other", _("other")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="culture_events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Lembur is for urgent work: the pokja task it served is required.
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), null=True, blank=True, on_delete=models.SET_NULL)
    task = models.ForeignKey(
        PokjaTask, verbose_name=_("pokja task"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendees = models.ManyToManyField(
        Employee, verbose_name=_("attendees"), blank=True, related_name="culture_events", through="EventAttendee"
    )
    values = models.ManyToManyField(
        CoreValue, verbose_name=_("BerAKHLAK values"), blank=True, related_name="events", through="EventValue"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="culture_event_unit_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="%(app_label)s_%(class)s_ordered",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="lembur") | Q(task__isnull=False),
                name="%(app_label)s_%(class)s_lembur_has_task",
                violation_error_message=_("A lembur session must name the pokja task it served."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        if self.task_id:
            self.pokja_id = self.task.pokja_id
        super().save(*args, **kwargs)

    def clean(self):
        if self.task_id and self.unit_id and self.task.pokja.unit_id != self.unit_id:
            raise ValidationError({"task": _("The task belongs to a pokja of another unit.")})
        if self.pokja_id and self.unit_id and self.pokja.unit_id != self.unit_id:
            raise ValidationError({"pokja": _("The pokja belongs to another unit.")})

    @property
    def start_day(self):
        return timezone.localdate(self.starts_at)

    @property
    def end_day(self):
        return timezone.localdate(self.ends_at)

    @property
    def hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 1)


class EventAttendee(AgencyLink):
    """A person at an event: the link table of ``Event.attendees``."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")

    agency_source = "event"

    class Meta:
        db_table = "culture_event_attendees"  # the name Django gave the table
        unique_together = [("event", "employee")]
        verbose_name = _("event attendee link")
        verbose_name_plural = _("event attendee links")


class EventValue(AgencyLink):
    """A BerAKHLAK value an event lives: the link table of ``Event.values``."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    corevalue = models.ForeignKey(CoreValue, on_delete=models.CASCADE, related_name="+")

    agency_source = "event"

    class Meta:
        db_table = "culture_event_values"  # the name Django gave the table
        unique_together = [("event", "corevalue")]
        verbose_name = _("event value link")
        verbose_name_plural = _("event value links")


class BirthdayOptOut(models.Model):
    """A person who prefers their birthday not to appear on the calendar."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="birthday_opt_out")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("birthday opt-out")
        verbose_name_plural = _("birthday opt-outs")

    def __str__(self) -> str:
        return str(self.employee)

    def save(self, *args, **kwargs):
        self.agency_id = self.employee.agency_id
        super().save(*args, **kwargs)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(AgencyFromParent):
    """A user's secret for the iCalendar feed: calendar apps subscribe with it, without a session."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    agency_source = "user"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)
