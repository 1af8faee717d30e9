"""POS (standard operating procedures) of a pokja: documents in versions, approved by the head, reviewed on time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Agency, Pokja
from organisation.scoping import AgencyFromParent, ScopedQuerySet


class PosDocument(models.Model):
    """One standard operating procedure of a pokja; its content lives in versions."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    pokja = models.ForeignKey(Pokja, verbose_name=_("pokja"), on_delete=models.CASCADE, related_name="pos_documents")
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("document number"), max_length=60, blank=True)
    review_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=12, help_text=_("The review date of an approved version.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("POS document")
        verbose_name_plural = _("POS documents")
        ordering = ["pokja", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["pokja", "title"],
                name="%(app_label)s_%(class)s_unique_title",
                violation_error_message=_("This pokja already has a POS with this title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.agency_id = self.pokja.agency_id
        super().save(*args, **kwargs)


def pos_path(instance: "PosVersion", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"culture/pos/{instance.document.agency_id}/{instance.document_id}/v{instance.number}.{extension}"


class PosVersionQuerySet(ScopedQuerySet):
    def approved(self):
        return self.filter(status=PosVersion.Status.APPROVED)


class PosVersion(AgencyFromParent):
    """One version of a POS: an uploaded file or a written text; the newest approved version is current."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("awaiting approval")
        APPROVED = "approved", _("approved")

    document = models.ForeignKey(PosDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=pos_path, blank=True)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    original_name = models.CharField(max_length=200, blank=True, editable=False)
    text = models.TextField(_("text"), blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    review_due = models.DateField(_("review due"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    agency_source = "document"
    objects = PosVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("POS version")
        verbose_name_plural = _("POS versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="%(app_label)s_%(class)s_unique_number"),
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(text=""),
                name="%(app_label)s_%(class)s_has_content",
                violation_error_message=_("Upload a file or write the text."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_at__isnull=False, review_due__isnull=False),
                name="%(app_label)s_%(class)s_approved_with_review",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def is_file(self) -> bool:
        return bool(self.file)
