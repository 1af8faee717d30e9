"""Competency profiles, pokja requirements and placement runs: what the optimiser reads and what it proposes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Agency, Employee, Membership, Pokja, Unit
from organisation.scoping import AgencyFromParent, AgencyLink, ScopedQuerySet

MAX_LEVEL = 4


class Competency(models.Model):
    """One entry of an agency's competency catalogue: the ASN standard (managerial, socio-cultural) or technical."""

    class Kind(models.TextChoices):
        MANAGERIAL = "managerial", _("managerial")
        SOCIO_CULTURAL = "socio_cultural", _("socio-cultural")
        TECHNICAL = "technical", _("technical")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="competencies",
        help_text=_("Empty for the agency-wide ASN standard; set for a unit's technical competency."),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TECHNICAL)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="%(app_label)s_%(class)s_unique_code",
                violation_error_message=_("This agency already has a competency with this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if self.unit_id:
            self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class EmployeeProfile(models.Model):
    """What the placement knows of an employee beyond the structure: schooling, levels, wishes, limits."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    employee = models.OneToOneField(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="placement_profile"
    )
    education = models.CharField(_("education"), max_length=200, blank=True)
    certifications = models.TextField(_("certifications"), blank=True, help_text=_("One per line."))
    interest_pokja = models.ManyToManyField(
        Pokja,
        verbose_name=_("pokja of interest"),
        blank=True,
        related_name="interested_profiles",
        through="ProfileInterestPokja",
    )
    interest_competencies = models.ManyToManyField(
        Competency,
        verbose_name=_("competencies of interest"),
        blank=True,
        related_name="interested_profiles",
        through="ProfileInterestCompetency",
    )
    development_needs = models.TextField(_("development needs"), blank=True)
    max_pokja = models.PositiveSmallIntegerField(
        _("maximum pokja"), null=True, blank=True, help_text=_("Empty: the unit's maximum.")
    )
    available = models.BooleanField(_("available for placement"), default=True)
    unavailable_reason = models.CharField(_("reason unavailable"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("employee profile")
        verbose_name_plural = _("employee profiles")
        ordering = ["employee__name"]

    def __str__(self) -> str:
        return str(self.employee)

    def save(self, *args, **kwargs):
        self.agency_id = self.employee.agency_id
        super().save(*args, **kwargs)

    @property
    def certification_list(self) -> list[str]:
        return [line.strip() for line in self.certifications.splitlines() if line.strip()]


class ProfileInterestPokja(AgencyLink):
    """A pokja an employee would like to work in: the link table of ``EmployeeProfile.interest_pokja``."""

    employeeprofile = models.ForeignKey(EmployeeProfile, on_delete=models.CASCADE, related_name="+")
    pokja = models.ForeignKey(Pokja, on_delete=models.CASCADE, related_name="+")

    agency_source = "employeeprofile"

    class Meta:
        db_table = "placement_employeeprofile_interest_pokja"  # the name Django gave the table
        unique_together = [("employeeprofile", "pokja")]
        verbose_name = _("pokja of interest link")
        verbose_name_plural = _("pokja of interest links")


class ProfileInterestCompetency(AgencyLink):
    """A competency an employee would like to use: the link table of ``EmployeeProfile.interest_competencies``."""

    employeeprofile = models.ForeignKey(EmployeeProfile, on_delete=models.CASCADE, related_name="+")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")

    agency_source = "employeeprofile"

    class Meta:
        db_table = "placement_employeeprofile_interest_competencies"  # the name Django gave the table
        unique_together = [("employeeprofile", "competency")]
        verbose_name = _("competency of interest link")
        verbose_name_plural = _("competency of interest links")


class CompetencyLevel(AgencyFromParent):
    """An employee's level 0-4 in one competency; confirmed once the unit head has agreed to it."""

    profile = models.ForeignKey(EmployeeProfile, on_delete=models.CASCADE, related_name="levels")
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="levels"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(0), MaxValueValidator(MAX_LEVEL)]
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    agency_source = "profile"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("competency level")
        verbose_name_plural = _("competency levels")
        ordering = ["profile", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competency"],
                name="%(app_label)s_%(class)s_one_per_competency",
                violation_error_message=_("This employee already has a level for this competency."),
            ),
            models.CheckConstraint(
                condition=Q(level__lte=MAX_LEVEL),
                name="%(app_label)s_%(class)s_level_range",
                violation_error_message=_("A level runs from 0 to 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.level}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class PokjaRequirement(models.Model):
    """What a pokja needs: its size and the competencies it weighs, some of them critical."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    pokja = models.OneToOneField(Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="requirement")
    min_members = models.PositiveSmallIntegerField(_("minimum members"), default=3, validators=[MinValueValidator(2)])
    max_members = models.PositiveSmallIntegerField(_("maximum members"), default=10)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pokja requirement")
        verbose_name_plural = _("pokja requirements")
        ordering = ["pokja__order", "pokja__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_members__gte=F("min_members")),
                name="%(app_label)s_%(class)s_size_ordered",
                violation_error_message=_("The maximum members must not be below the minimum."),
            ),
            models.CheckConstraint(
                condition=Q(min_members__gte=2),
                name="%(app_label)s_%(class)s_room_for_leaders",
                violation_error_message=_("A pokja needs at least two members: a ketua and a wakil."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.pokja)

    def save(self, *args, **kwargs):
        self.agency_id = self.pokja.agency_id
        super().save(*args, **kwargs)


class RequiredCompetency(AgencyFromParent):
    """A competency a pokja weighs (1-5); critical ones need two members at level 3 or more."""

    requirement = models.ForeignKey(PokjaRequirement, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(Competency, verbose_name=_("competency"), on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    critical = models.BooleanField(_("critical"), default=False)

    agency_source = "requirement"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("required competency")
        verbose_name_plural = _("required competencies")
        ordering = ["requirement", "-weight", "competency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "competency"],
                name="%(app_label)s_%(class)s_once",
                violation_error_message=_("This competency is already required by this pokja."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=5),
                name="%(app_label)s_%(class)s_weight_range",
                violation_error_message=_("A weight runs from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} ×{self.weight}"


class PlacementRun(models.Model):
    """One optimisation of a unit's structure for a period: its settings, progress and proposal."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        PROPOSED = "proposed", _("proposal ready")
        INFEASIBLE = "infeasible", _("no plan possible")
        FAILED = "failed", _("failed")
        PUBLISHED = "published", _("published")

    FINISHED = (Status.PROPOSED, Status.INFEASIBLE, Status.FAILED, Status.PUBLISHED)

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="placement_runs")
    period_start = models.DateField(_("period starts"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    progress_text = models.CharField(_("progress"), max_length=255, blank=True)
    rolling = models.BooleanField(_("rotate leaders (rolling)"), default=True)
    churn_limit = models.PositiveSmallIntegerField(
        _("churn limit (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    time_limit = models.PositiveSmallIntegerField(_("time limit (s)"), default=30)
    instance = models.JSONField(_("instance"), null=True, blank=True)
    result = models.JSONField(_("proposal"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement run")
        verbose_name_plural = _("placement runs")
        ordering = ["unit", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="%(app_label)s_%(class)s_progress_range",
                violation_error_message=_("Progress runs from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(churn_limit__isnull=True) | Q(churn_limit__lte=100),
                name="%(app_label)s_%(class)s_churn_range",
                violation_error_message=_("The churn limit is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period_start:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class PlacementPin(AgencyFromParent):
    """A placement the head fixes before a run: this employee in this pokja with this role."""

    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="pins")
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+")
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices)

    agency_source = "run"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pin")
        verbose_name_plural = _("pins")
        ordering = ["run", "pokja", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "employee", "pokja"],
                name="%(app_label)s_%(class)s_once_per_pokja",
                violation_error_message=_("This employee is already pinned to this pokja."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.pokja.code} ({self.role})"

    def clean(self):
        if self.employee_id and self.pokja_id and self.employee.unit_id != self.pokja.unit_id:
            raise ValidationError({"employee": _("The employee and the pokja belong to different units.")})
