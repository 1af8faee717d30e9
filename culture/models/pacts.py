"""Pakta integritas: a pact text per purpose, kept in versions; a signature binds one person to one version."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Agency, Employee, Unit
from organisation.scoping import AgencyFromParent, AgencyLink, ScopedQuerySet


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Pact(models.Model):
    """An integrity pact of the unit for one purpose, e.g. the individual pact of a year or a CASN committee."""

    class Purpose(models.TextChoices):
        INDIVIDUAL = "individual", _("individual yearly pact")
        SELECTION = "selection", _("selection committee")
        OTHER = "other", _("other")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="pacts")
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # Who must sign: these people, or every active employee of the unit when nobody is named.
    signers = models.ManyToManyField(
        Employee,
        verbose_name=_("signers"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty when every employee of the unit must sign."),
        through="PactSigner",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("integrity pact")
        verbose_name_plural = _("integrity pacts")
        ordering = ["unit", "-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "title"],
                name="%(app_label)s_%(class)s_unique_title",
                violation_error_message=_("This unit already has a pact with this title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)


class PactSigner(AgencyLink):
    """A person named to sign a pact: the link table of ``Pact.signers``."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="+")

    agency_source = "pact"

    class Meta:
        db_table = "culture_pact_signers"  # the name Django gave the table
        unique_together = [("pact", "employee")]
        verbose_name = _("pact signer link")
        verbose_name_plural = _("pact signer links")


class PactVersion(AgencyFromParent):
    """One wording of a pact; a new wording is a new version and needs new signatures."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    digest = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    agency_source = "pact"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pact version")
        verbose_name_plural = _("pact versions")
        ordering = ["pact", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pact", "number"], name="%(app_label)s_%(class)s_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.pact} v{self.number}"

    def save(self, *args, **kwargs):
        self.digest = text_digest(self.text)
        super().save(*args, **kwargs)


class PactSignature(models.Model):
    """A person's signature of one pact version: who, when, and the digest of the text they agreed to."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(PactVersion, on_delete=models.PROTECT, related_name="signatures")
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="pact_signatures")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    digest = models.CharField(_("SHA-256 of the signed text"), max_length=64)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pact signature")
        verbose_name_plural = _("pact signatures")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "employee"],
                name="%(app_label)s_%(class)s_once_per_version",
                violation_error_message=_("You have already signed this version."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.version}"

    def save(self, *args, **kwargs):
        self.agency_id = self.employee.agency_id
        super().save(*args, **kwargs)
