"""Apresiasi: award periods, external stakeholder agencies, and nominations that the head decides."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from culture.models.values import CoreValue
from organisation.models import Agency, Employee, Pokja, Unit
from organisation.scoping import AgencyLink, ScopedQuerySet


class AwardPeriod(models.Model):
    """A period (e.g. a quarter) in which the unit recognises people, pokja and stakeholders."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="award_periods")
    name = models.CharField(_("name"), max_length=100)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("award period")
        verbose_name_plural = _("award periods")
        ordering = ["unit", "-start", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="%(app_label)s_%(class)s_ordered",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("This unit already has a period with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class Stakeholder(models.Model):
    """An external agency (instansi) the unit works with, e.g. a local government's BKPSDM."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder agency")
        verbose_name_plural = _("stakeholder agencies")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "unit",
                name="%(app_label)s_%(class)s_unique_name",
                violation_error_message=_("This stakeholder agency is already known."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class NominationQuerySet(ScopedQuerySet):
    def awarded(self):
        return self.filter(status=Nomination.Status.AWARDED)


class Nomination(models.Model):
    """A proposal to recognise a person, a pokja or a stakeholder; awarded or declined by the head."""

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("person")
        POKJA = "pokja", _("pokja")
        STAKEHOLDER = "stakeholder", _("stakeholder agency")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("awaiting decision")
        AWARDED = "awarded", _("awarded")
        DECLINED = "declined", _("declined")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(
        AwardPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="nominations"
    )
    kind = models.CharField(_("nominee"), max_length=12, choices=Kind.choices)
    employee = models.ForeignKey(
        Employee, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE, related_name="nominations"
    )
    pokja = models.ForeignKey(
        Pokja, verbose_name=_("pokja"), null=True, blank=True, on_delete=models.CASCADE, related_name="nominations"
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        verbose_name=_("stakeholder agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    title = models.CharField(
        _("award"), max_length=200, help_text=_("e.g. the most cooperative agency in data updating")
    )
    reason = models.TextField(_("reason"))
    # The facts of the suggestion the nomination came from, as they stood then: [{source, text, numbers}].
    facts = models.JSONField(_("facts"), default=list, blank=True)
    values = models.ManyToManyField(
        CoreValue, verbose_name=_("BerAKHLAK values"), blank=True, related_name="nominations", through="NominationValue"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("nominated by")
    )
    nominated_at = models.DateTimeField(_("nominated"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["period", "-nominated_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="employee", employee__isnull=False, pokja__isnull=True, stakeholder__isnull=True)
                    | Q(kind="pokja", employee__isnull=True, pokja__isnull=False, stakeholder__isnull=True)
                    | Q(kind="stakeholder", employee__isnull=True, pokja__isnull=True, stakeholder__isnull=False)
                ),
                name="%(app_label)s_%(class)s_one_nominee",
                violation_error_message=_("Choose exactly one nominee of the chosen kind."),
            ),
            models.CheckConstraint(
                condition=Q(status="proposed", decided_at__isnull=True)
                | (~Q(status="proposed") & Q(decided_at__isnull=False)),
                name="%(app_label)s_%(class)s_decided_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.nominee_name}"

    def save(self, *args, **kwargs):
        self.agency_id = self.period.agency_id
        super().save(*args, **kwargs)

    def clean(self):
        unit_id = self.period.unit_id if self.period_id else None
        nominee = self.nominee
        if nominee is not None and unit_id is not None and nominee.unit_id != unit_id:
            raise ValidationError({self.kind: _("The nominee is not of this unit.")})

    @property
    def nominee(self):
        return {"employee": self.employee, "pokja": self.pokja, "stakeholder": self.stakeholder}.get(self.kind)

    @property
    def nominee_name(self) -> str:
        nominee = self.nominee
        if nominee is None:
            return ""
        return nominee.name if self.kind != self.Kind.POKJA else f"{nominee.code} — {nominee.name}"

    @property
    def certificate_number(self) -> str:
        return f"{self.pk:04d}/APR/{self.period.unit.slug.upper()}/{self.decided_at:%Y}" if self.decided_at else ""


class NominationValue(AgencyLink):
    """A BerAKHLAK value a nomination names: the link table of ``Nomination.values``."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="+")
    corevalue = models.ForeignKey(CoreValue, on_delete=models.CASCADE, related_name="+")

    agency_source = "nomination"

    class Meta:
        db_table = "culture_nomination_values"  # the name Django gave the table
        unique_together = [("nomination", "corevalue")]
        verbose_name = _("nomination value link")
        verbose_name_plural = _("nomination value links")
