"""The IKM survey (PermenPANRB 14/2017): nine elements scored 1-4, one response per ticket."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helpdesk.models.setup import Category
from helpdesk.models.tickets import Ticket
from organisation.models import Agency, Pokja, Unit
from organisation.scoping import ScopedQuerySet

ELEMENT_FIELDS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def score_field(label):
    return models.PositiveSmallIntegerField(label)


class SurveyQuerySet(ScopedQuerySet):
    def between(self, start, end):
        """Responses dated from ``start`` to ``end`` inclusive (either may be None)."""
        queryset = self
        if start:
            queryset = queryset.filter(date__gte=start)
        if end:
            queryset = queryset.filter(date__lte=end)
        return queryset


class Survey(models.Model):
    """One respondent's IKM answers: from the tracking link, or imported from a paper form."""

    class Source(models.TextChoices):
        PORTAL = "portal", _("portal")
        IMPORT = "import", _("imported")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="surveys")
    ticket = models.OneToOneField(Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey")
    pokja = models.ForeignKey(Pokja, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("date"))
    u1 = score_field("U1")
    u2 = score_field("U2")
    u3 = score_field("U3")
    u4 = score_field("U4")
    u5 = score_field("U5")
    u6 = score_field("U6")
    u7 = score_field("U7")
    u8 = score_field("U8")
    u9 = score_field("U9")
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PORTAL)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("IKM survey response")
        verbose_name_plural = _("IKM survey responses")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit", "date"], name="helpdesk_survey_unit_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 1}) & Q(**{f"{name}__lte": 4}),
                name=f"%(app_label)s_%(class)s_{name}_1_to_4",
                violation_error_message=_("Every element is scored from 1 to 4."),
            )
            for name in ELEMENT_FIELDS
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.agency_id = self.unit.agency_id
        super().save(*args, **kwargs)

    @property
    def scores(self) -> list[int]:
        return [getattr(self, name) for name in ELEMENT_FIELDS]
