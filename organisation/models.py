"""The Orbit structure: agency (tenant) > unit > functions (tusi), employees, pokja, memberships."""

import datetime

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organisation import nip as nip_rules
from organisation.scoping import AgencyFromParent, AgencyLink, ScopedQuerySet


class Agency(models.Model):
    """An instansi: the tenant every other row belongs to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    agency_path = "id"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrbitUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(AbstractUser):
    """A person who signs in; belongs to one agency unless an operator (superuser)."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("agency admin")
        STAFF = "staff", _("staff")
        STAKEHOLDER = "stakeholder", _("external stakeholder")

    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)

    objects = OrbitUserManager()

    def save(self, *args, **kwargs):
        # Agency admins use the (scoped) Django admin, which requires is_staff.
        if self.role == self.Role.ADMIN and self.agency_id:
            self.is_staff = True
        super().save(*args, **kwargs)

    @property
    def is_agency_admin(self) -> bool:
        return self.is_superuser or (self.agency_id is not None and self.role == self.Role.ADMIN)


class Unit(models.Model):
    """A unit kerja; its head is the centre of the orbit."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    head = models.ForeignKey(
        "Employee", verbose_name=_("head"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    min_pokja_per_employee = models.PositiveSmallIntegerField(_("minimum pokja per employee"), default=2)
    max_pokja_per_employee = models.PositiveSmallIntegerField(_("maximum pokja per employee"), default=4)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_pokja_per_employee__gte=F("min_pokja_per_employee")),
                name="%(app_label)s_%(class)s_pokja_range_ordered",
                violation_error_message=_("The maximum pokja per employee must not be below the minimum."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.head_id and self.head.unit_id != self.pk:
            raise ValidationError({"head": _("The head must be an employee of this unit.")})


class Function(models.Model):
    """A tusi: one numbered official function of the unit, with its legal basis."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="functions")
    number = models.PositiveSmallIntegerField(_("number"))
    description = models.TextField(_("description"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("function (tusi)")
        verbose_name_plural = _("functions (tusi)")
        ordering = ["unit", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"],
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("This unit already has a function with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.description}"

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class EmployeeQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Employee(models.Model):
    """A civil servant (ASN) identified by NIP; a satellite of the orbit."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="employees")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employees")
    user = models.OneToOneField(
        User,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    nip = models.CharField(_("NIP"), max_length=18, validators=[nip_rules.validate_nip])
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    grade = models.CharField(_("grade"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = EmployeeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "nip"],
                name="%(app_label)s_%(class)s_unique_nip",
                violation_error_message=_("An employee with this NIP already exists in this agency."),
            ),
            models.CheckConstraint(
                condition=Q(nip__regex=r"^[0-9]{18}$"),
                name="%(app_label)s_%(class)s_nip_18_digits",
                violation_error_message=_("NIP must be exactly 18 digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.nip = nip_rules.normalise(self.nip)
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)

    def clean(self):
        self.nip = nip_rules.normalise(self.nip)
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("The unit belongs to another agency.")})

    @cached_property
    def nip_info(self) -> nip_rules.NipInfo | None:
        try:
            return nip_rules.parse_nip(self.nip)
        except ValidationError:
            return None

    @property
    def birth_date(self) -> datetime.date | None:
        return self.nip_info.birth_date if self.nip_info else None

    @property
    def sex(self) -> str | None:
        return self.nip_info.sex if self.nip_info else None

    @property
    def sex_label(self) -> str:
        return {nip_rules.MALE: _("male"), nip_rules.FEMALE: _("female")}.get(self.sex, "—")


class Pokja(models.Model):
    """A working group (kelompok kerja): one orbit ring around the unit head."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="pokja")
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=200)
    aliases = models.CharField(
        _("other codes"),
        max_length=100,
        blank=True,
        help_text=_("Other codes the documents use, comma-separated."),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    functions = models.ManyToManyField(
        Function, verbose_name=_("functions (tusi)"), blank=True, related_name="pokja", through="PokjaFunction"
    )

    objects = ScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pokja")
        verbose_name_plural = _("pokja")
        ordering = ["unit", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code"],
                name="%(app_label)s_%(class)s_unique_code",
                violation_error_message=_("This unit already has a pokja with this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)

    @property
    def alias_list(self) -> list[str]:
        return [code.strip().upper() for code in self.aliases.split(",") if code.strip()]


class PokjaFunction(AgencyLink):
    """A pokja's link to one function (tusi) of its unit: the link table of ``Pokja.functions``."""

    pokja = models.ForeignKey(Pokja, on_delete=models.CASCADE, related_name="+")
    function = models.ForeignKey(Function, on_delete=models.CASCADE, related_name="+")

    agency_source = "pokja"

    class Meta:
        db_table = "organisation_pokja_functions"  # the name Django gave the table, kept for raw SQL
        unique_together = [("pokja", "function")]
        verbose_name = _("pokja function link")
        verbose_name_plural = _("pokja function links")


class PokjaTask(AgencyFromParent):
    """One numbered task (tugas) of a pokja."""

    pokja = models.ForeignKey(Pokja, on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("task"))

    agency_source = "pokja"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pokja task")
        verbose_name_plural = _("pokja tasks")
        ordering = ["pokja", "number"]
        constraints = [
            models.UniqueConstraint(fields=["pokja", "number"], name="%(app_label)s_%(class)s_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class MembershipQuerySet(ScopedQuerySet):
    def at(self, day: datetime.date):
        """Memberships in force on ``day`` (valid_to is the last day, inclusive)."""
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Membership(AgencyFromParent):
    """An employee's place in a pokja for a period; ended, never overwritten."""

    class Role(models.TextChoices):
        KETUA = "ketua", _("ketua")
        WAKIL = "wakil", _("wakil")
        ANGGOTA = "anggota", _("anggota")

    LEADING_ROLES = (Role.KETUA, Role.WAKIL)

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="memberships"
    )
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ANGGOTA)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Last day; empty = still valid."))
    # Optimistic concurrency: a change carries the version it was read at; a stale one is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    agency_source = "pokja"
    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["pokja", "role", "employee__name"]
        # The guard trigger looks up a pokja's memberships by employee and by role on every write.
        indexes = [
            models.Index(fields=["pokja", "employee"], name="organisation_membership_pe"),
            models.Index(fields=["pokja", "role"], name="organisation_membership_pr"),
        ]
        # The overlap of dated ranges ("at any date") is guarded by the trigger in migration 0002;
        # these constraints state the open-ended case so that Django can validate it with a message.
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="%(app_label)s_%(class)s_period_ordered",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["pokja"],
                condition=Q(role="ketua", valid_to__isnull=True),
                name="%(app_label)s_%(class)s_one_open_ketua",
                violation_error_message=_("This pokja already has a ketua."),
            ),
            models.UniqueConstraint(
                fields=["pokja"],
                condition=Q(role="wakil", valid_to__isnull=True),
                name="%(app_label)s_%(class)s_one_open_wakil",
                violation_error_message=_("This pokja already has a wakil."),
            ),
            models.UniqueConstraint(
                fields=["employee", "pokja"],
                condition=Q(valid_to__isnull=True),
                name="%(app_label)s_%(class)s_one_open_per_employee",
                violation_error_message=_("This employee is already a member of this pokja."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.pokja.code} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        # Every change of a stored membership gets a new version, so that a change read earlier is refused.
        if self.pk is not None and not kwargs.get("force_insert"):
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    def clean(self):
        errors = {}
        if self.employee_id and self.pokja_id and self.employee.agency_id != self.pokja.agency_id:
            errors["employee"] = _("The employee belongs to another agency than the pokja.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("A membership cannot end before it starts.")
        if errors:
            raise ValidationError(errors)
        if self.employee_id and self.pokja_id and self.valid_from:
            overlapping = (
                Membership.objects.filter(pokja_id=self.pokja_id)
                .exclude(pk=self.pk)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
            )
            if self.valid_to:
                overlapping = overlapping.filter(valid_from__lte=self.valid_to)
            if overlapping.filter(employee_id=self.employee_id).exists():
                raise ValidationError(
                    {"employee": _("This employee is already a member of this pokja in that period.")}
                )
            if self.role in self.LEADING_ROLES and overlapping.filter(role=self.role).exists():
                raise ValidationError(
                    {"role": _("This pokja already has a %(role)s in that period.") % {"role": self.get_role_display()}}
                )
