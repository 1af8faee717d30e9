"""BerAKHLAK values shown in a dialog kinerja.

The dialogue belongs to the performance app, which culture must not import: the tag keeps the dialogue's id
with a snapshot of its date and topic, read through ``performance.services.dialogues.dialogue_summary``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from culture.models.values import CoreValue
from organisation.models import Agency, Unit
from organisation.scoping import ScopedQuerySet


class DialogueValueTag(models.Model):
    """One core value a dialogue (its notes and agreements) showed."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    dialogue_id = models.PositiveBigIntegerField(_("dialogue"))
    dialogue_date = models.DateField(_("dialogue date"))
    topic = models.CharField(_("topic"), max_length=255)
    value = models.ForeignKey(CoreValue, on_delete=models.CASCADE, related_name="dialogue_tags")
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    tagged_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue value tag")
        verbose_name_plural = _("dialogue value tags")
        ordering = ["-dialogue_date", "value__order"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue_id", "value"], name="%(app_label)s_%(class)s_once_per_value"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} — {self.value}"

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)
