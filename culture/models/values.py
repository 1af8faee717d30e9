"""BerAKHLAK: the seven core values of the ASN and their behaviour statements (SE MenPANRB 20/2021).

National reference data, the same for every agency: these two tables carry no agency and are read by all.
The rows are written by the data migration ``0002_berakhlak``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoreValue(models.Model):
    """One of the seven BerAKHLAK core values."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    definition = models.CharField(_("definition"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), unique=True)

    class Meta:
        verbose_name = _("core value")
        verbose_name_plural = _("core values")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class CoreBehaviour(models.Model):
    """One of the three official behaviour statements (panduan perilaku) of a core value."""

    value = models.ForeignKey(
        CoreValue, verbose_name=_("core value"), on_delete=models.CASCADE, related_name="behaviours"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("behaviour"))

    class Meta:
        verbose_name = _("behaviour statement")
        verbose_name_plural = _("behaviour statements")
        ordering = ["value__order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["value", "number"], name="%(app_label)s_%(class)s_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.value.name} {self.number}. {self.text}"
