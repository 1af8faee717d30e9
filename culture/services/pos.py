"""POS per pokja: documents, versions (an upload or a written text), approval by the head, review reminders."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from culture import access, uploads
from culture.models import PosDocument, PosVersion
from organisation.models import Pokja
from organisation.selectors import today

REMIND_DAYS_BEFORE = 14


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _require_writer(actor, pokja: Pokja) -> None:
    if not (access.can_manage_unit(actor, pokja.unit) or pokja.pk in access.led_pokja_ids(actor, pokja.unit)):
        raise PermissionDenied(_("Only the pokja's ketua or wakil, the head or an agency admin may change its POS."))


def create_document(*, actor, pokja: Pokja, title: str, number: str = "", review_months: int = 12) -> PosDocument:
    """A new POS of the pokja, still without content."""
    _require_writer(actor, pokja)
    document = PosDocument(
        pokja=pokja, agency=pokja.agency, title=title.strip(), number=number.strip(), review_months=review_months
    )
    document.full_clean()
    with transaction.atomic():
        document.save()
    return document


def add_version(*, actor, document: PosDocument, upload=None, text: str = "", change_note: str = "") -> PosVersion:
    """The next version of a POS, awaiting the head's approval: an uploaded PDF/.docx or a written text."""
    _require_writer(actor, document.pokja)
    text = text.strip()
    if (upload is None) == (not text):
        raise ValidationError(_("Upload a file or write the text, not both."))
    content_type = uploads.check_pos_file(upload) if upload is not None else ""
    with transaction.atomic():
        PosDocument.objects.select_for_update().filter(pk=document.pk).first()
        last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = PosVersion(
            document=document,
            number=last + 1,
            text=text,
            change_note=change_note.strip(),
            uploaded_by=actor,
            content_type=content_type,
        )
        if upload is not None:
            version.size = upload.size
            version.original_name = (upload.name or "")[:200]
            upload.name = f"pos.{uploads.EXTENSIONS[content_type]}"
            version.file = upload
        version.save()
    return version


def approve_version(*, actor, version: PosVersion, review_due: datetime.date | None = None) -> PosVersion:
    """The head approves a version: it becomes current, with the next review due after the document's interval."""
    if not access.can_manage_unit(actor, version.document.pokja.unit):
        raise PermissionDenied(_("Only the unit head or an agency admin may approve a POS."))
    with transaction.atomic():
        locked = PosVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status == PosVersion.Status.APPROVED:
            raise ValidationError(_("This version is already approved."))
        newer = PosVersion.objects.approved().filter(document=version.document, number__gt=version.number)
        if newer.exists():
            raise ValidationError(_("A newer version is already approved."))
        approved_on = today()
        if review_due is not None and review_due <= approved_on:
            raise ValidationError({"review_due": _("The review date must be in the future.")})
        version.status = PosVersion.Status.APPROVED
        version.approved_by = actor
        version.approved_at = timezone.now()
        version.review_due = review_due or add_months(approved_on, version.document.review_months)
        version.save(update_fields=["status", "approved_by", "approved_at", "review_due"])
    return version


def current_versions(documents) -> dict[int, PosVersion]:
    """The current (newest approved) version of each document: one query."""
    current = {}
    for version in PosVersion.objects.approved().filter(document__in=documents).order_by("document_id", "-number"):
        current.setdefault(version.document_id, version)
    return current


def due_for_reminder(day: datetime.date | None = None) -> list[PosVersion]:
    """Current versions whose review falls within ``REMIND_DAYS_BEFORE`` days (or has passed), not yet reminded."""
    day = day or today()
    limit = day + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    newer = PosVersion.objects.approved().filter(document_id=OuterRef("document_id"), number__gt=OuterRef("number"))
    return list(
        PosVersion.objects.approved()
        .filter(review_due__lte=limit, reminded_at__isnull=True)
        .filter(~Exists(newer))
        .select_related("document__pokja__unit__head")
        .order_by("review_due", "document_id")
    )
