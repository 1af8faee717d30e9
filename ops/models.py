"""Operations bookkeeping: e-mails sent once (ops.mail) and the history of the pokja ↔ function links."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Agency, Pokja, Unit
from organisation.scoping import ScopedQuerySet


class SentMail(models.Model):
    """An e-mail a background task sends at most once: claimed before sending, marked when sent (ops.mail)."""

    key = models.CharField(_("key"), max_length=200)
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")
        constraints = [models.UniqueConstraint(fields=["key"], name="%(app_label)s_%(class)s_unique_key")]

    def __str__(self) -> str:
        return self.key


class PokjaFunctionChange(models.Model):
    """A change of the functions (tusi) a pokja is formed from: who, when, the function numbers before and after."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    # The history outlives the pokja: the code is kept as it was.
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), on_delete=models.SET_NULL, null=True, related_name="+")
    pokja_code = models.CharField(_("pokja code"), max_length=12)
    before = models.CharField(_("functions before"), max_length=1000, blank=True)
    after = models.CharField(_("functions after"), max_length=1000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pokja function change")
        verbose_name_plural = _("pokja function changes")
        indexes = [models.Index(fields=["unit", "-changed_at"], name="ops_pokjafunction_unit_time")]

    def __str__(self) -> str:
        return f"{self.pokja_code}: {self.before} → {self.after}"
