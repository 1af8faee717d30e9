"""Perjanjian Kinerja (PK) with its SS and IKU, rencana aksi targets, role-result matrix, realisasi with
evidence and review, dialog kinerja, and the monitoring share links."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation.models import Agency, Employee, Pokja, Unit
from organisation.scoping import AgencyFromParent, AgencyLink, ScopedQuerySet
from performance import capaian as rules


class PerformanceAgreement(models.Model):
    """A unit's Perjanjian Kinerja for one year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="agreements")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    # Status colours: capaian ≥ on_track_from is on track, ≥ at_risk_from at risk, lower is behind.
    on_track_from = models.DecimalField(_("on track from (%)"), max_digits=6, decimal_places=2, default=Decimal(100))
    at_risk_from = models.DecimalField(_("at risk from (%)"), max_digits=6, decimal_places=2, default=Decimal(80))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("performance agreement")
        verbose_name_plural = _("performance agreements")
        ordering = ["unit", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="%(app_label)s_%(class)s_one_per_year",
                violation_error_message=_("This unit already has a performance agreement for that year."),
            ),
            models.CheckConstraint(
                condition=Q(on_track_from__gte=F("at_risk_from")),
                name="%(app_label)s_%(class)s_thresholds_ordered",
                violation_error_message=_("The on-track threshold must not be below the at-risk threshold."),
            ),
        ]

    def __str__(self) -> str:
        return f"PK {self.year} — {self.unit}"

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)

    def status_for(self, value: Decimal | None) -> str | None:
        """on_track / at_risk / behind for a capaian, None when there is none."""
        if value is None:
            return None
        if value >= self.on_track_from:
            return "on_track"
        if value >= self.at_risk_from:
            return "at_risk"
        return "behind"


class StrategicObjective(AgencyFromParent):
    """A sasaran strategis (SS) of the agreement, in one balanced-scorecard perspective."""

    class Perspective(models.TextChoices):
        STAKEHOLDER = "stakeholder", _("Stakeholder perspective")
        CUSTOMER = "customer", _("Customer perspective")
        INTERNAL_PROCESS = "internal_process", _("Internal process perspective")
        LEARNING_GROWTH = "learning_growth", _("Learning and growth perspective")

    agreement = models.ForeignKey(PerformanceAgreement, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(_("code"), max_length=20)
    name = models.TextField(_("name"))
    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    agency_source = "agreement"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")
        ordering = ["agreement", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="%(app_label)s_%(class)s_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(AgencyFromParent):
    """An indikator kinerja (IKU) with its yearly target; sub-indicators hang under a parent (IKU.4 > IKU.4.1)."""

    class Polarity(models.TextChoices):
        HIGHER_IS_BETTER = rules.HIGHER, _("higher is better")
        LOWER_IS_BETTER = rules.LOWER, _("lower is better")
        RANGE = rules.RANGE, _("within a range")

    class Aggregation(models.TextChoices):
        SUM = rules.SUM, _("sum of the periods")
        AVERAGE = rules.AVERAGE, _("average of the periods")
        LAST = rules.LAST, _("last value")

    class Periodicity(models.TextChoices):
        QUARTERLY = "quarterly", _("quarterly")
        MONTHLY = "monthly", _("monthly")

    agreement = models.ForeignKey(PerformanceAgreement, on_delete=models.CASCADE, related_name="indicators")
    objective = models.ForeignKey(
        StrategicObjective, verbose_name=_("strategic objective"), on_delete=models.CASCADE, related_name="indicators"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent indicator"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )  # fmt: skip
    code = models.CharField(_("code"), max_length=20)
    name = models.TextField(_("name"))
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40)
    target = models.DecimalField(_("yearly target"), max_digits=14, decimal_places=2)
    target_upper = models.DecimalField(
        _("upper bound of the target"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("Only for range targets: the target is then the lower bound."),
    )  # fmt: skip
    polarity = models.CharField(
        _("polarity"), max_length=10, choices=Polarity.choices, default=Polarity.HIGHER_IS_BETTER
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    periodicity = models.CharField(
        _("reporting period"), max_length=10, choices=Periodicity.choices, default=Periodicity.QUARTERLY
    )
    pokja = models.ManyToManyField(
        Pokja, verbose_name=_("responsible pokja"), blank=True, related_name="indicators", through="IndicatorPokja"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    agency_source = "agreement"
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["order"])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["agreement", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "code"],
                name="%(app_label)s_%(class)s_unique_code",
                violation_error_message=_("This agreement already has an indicator with this code."),
            ),
            models.CheckConstraint(
                condition=Q(polarity="range", target_upper__isnull=False) | ~Q(polarity="range"),
                name="%(app_label)s_%(class)s_range_has_upper",
                violation_error_message=_("A range target needs an upper bound."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def period_count(self) -> int:
        return 12 if self.periodicity == self.Periodicity.MONTHLY else 4


class IndicatorPokja(AgencyLink):
    """An indicator's link to one responsible pokja: the link table of ``Indicator.pokja``."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    pokja = models.ForeignKey(Pokja, on_delete=models.CASCADE, related_name="+")

    agency_source = "indicator"

    class Meta:
        db_table = "performance_indicator_pokja"  # the name Django gave the table; raw SQL joins it
        unique_together = [("indicator", "pokja")]
        verbose_name = _("responsible pokja link")
        verbose_name_plural = _("responsible pokja links")


class PeriodTarget(AgencyFromParent):
    """The rencana aksi target of one indicator for one period (quarter 1-4 or month 1-12)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="period_targets")
    period = models.PositiveSmallIntegerField(_("period"), validators=[MinValueValidator(1)])
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_upper = models.DecimalField(_("upper bound"), max_digits=14, decimal_places=2, null=True, blank=True)

    agency_source = "indicator"
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("period target")
        verbose_name_plural = _("period targets")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="%(app_label)s_%(class)s_one_per_period"),
            models.CheckConstraint(
                condition=Q(period__gte=1, period__lte=12), name="%(app_label)s_%(class)s_period_in_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} P{self.period}: {self.target}"


class Activity(AgencyFromParent):
    """A planned activity of the rencana aksi: what is done, in which period, by which pokja and people."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="activities")
    period = models.PositiveSmallIntegerField(_("period"), null=True, blank=True)
    description = models.TextField(_("activity"))
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), null=True, blank=True, on_delete=models.SET_NULL)
    responsible = models.ManyToManyField(
        Employee, verbose_name=_("responsible people"), blank=True, through="ActivityResponsible"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)

    agency_source = "indicator"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["indicator", "period", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


class ActivityResponsible(AgencyLink):
    """An activity's link to one responsible person: the link table of ``Activity.responsible``."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")

    agency_source = "activity"

    class Meta:
        db_table = "performance_activity_responsible"  # the name Django gave the table
        unique_together = [("activity", "employee")]
        verbose_name = _("responsible person link")
        verbose_name_plural = _("responsible person links")


class RoleResult(AgencyFromParent):
    """One cell of the matriks peran hasil (PermenPANRB 6/2022): a person's rencana hasil kerja that
    contributes to a result (indicator) of the unit head."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("result of the unit head"), on_delete=models.CASCADE, related_name="role_results"
    )
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+")
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), null=True, blank=True, on_delete=models.SET_NULL)
    result = models.TextField(_("work result (rencana hasil kerja)"))
    result_indicator = models.TextField(_("indicator of the work result"), blank=True)
    target = models.CharField(_("target"), max_length=100, blank=True)

    agency_source = "indicator"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("role result")
        verbose_name_plural = _("role results")
        ordering = ["indicator", "employee__name", "pk"]

    def __str__(self) -> str:
        return f"{self.employee} → {self.indicator.code}: {self.result[:60]}"


class Realisasi(AgencyFromParent):
    """The actual value of an indicator for one period, with its review flow."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisasi")
    period = models.PositiveSmallIntegerField(_("period"), validators=[MinValueValidator(1)])
    value = models.DecimalField(_("realisasi"), max_digits=14, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    reported_by = models.ForeignKey(
        Employee, verbose_name=_("reported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    agency_source = "indicator"
    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="%(app_label)s_%(class)s_one_per_period",
                violation_error_message=_("This period already has a realisasi."),
            ),
            models.CheckConstraint(
                condition=Q(period__gte=1, period__lte=12), name="%(app_label)s_%(class)s_period_in_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} P{self.period}: {self.value}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is random: the user's file name is kept in `name` and only used for downloads.
    return f"evidence/{instance.realisasi.indicator.agreement.agency_id}/{secrets.token_hex(16)}"


class Evidence(AgencyFromParent):
    """A file or a link that backs a realisasi."""

    realisasi = models.ForeignKey(Realisasi, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, blank=True)
    name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("link"), blank=True)
    uploaded_by = models.ForeignKey(Employee, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    agency_source = "realisasi"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["realisasi", "uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="%(app_label)s_%(class)s_file_or_link"),
        ]

    def __str__(self) -> str:
        return self.name or self.url


class Dialogue(models.Model):
    """A dialog kinerja: the unit head with a pokja or a person."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="dialogues")
    scheduled_at = models.DateTimeField(_("scheduled at"))
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), null=True, blank=True, on_delete=models.SET_NULL)
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    agreements = models.TextField(_("agreements"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("performance dialogue")
        verbose_name_plural = _("performance dialogues")
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        return f"{self.topic} ({self.scheduled_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class FollowUp(AgencyFromParent):
    """A follow-up action agreed in a dialogue, with an owner and a due date."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.TextField(_("action"))
    owner = models.ForeignKey(Employee, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="follow_ups")
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    agency_source = "dialogue"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


def new_share_token() -> str:
    return secrets.token_urlsafe(32)


class ShareLink(models.Model):
    """A read-only link to a unit's monitoring dashboard for leadership: revocable, with an expiry."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(PerformanceAgreement, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_share_token, editable=False)
    label = models.CharField(_("label"), max_length=100, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or f"PK {self.agreement.year}"

    def save(self, *args, **kwargs):
        self.agency_id = self.agreement.agency_id
        super().save(*args, **kwargs)

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now
