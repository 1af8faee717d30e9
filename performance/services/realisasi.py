"""The realisasi flow: a pokja member reports (draft, evidence), the ketua or wakil submits, the unit head or an
agency admin returns it with a comment or accepts it.

    draft → submitted → (returned → submitted)* → accepted

Each function takes an explicit actor, checks their rights, locks the realisasi row while it changes it and
sends its e-mail only once the transaction has committed. simple-history records every change, by the actor.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.services import conflict
from performance import evidence as evidence_checks
from performance import tasks
from performance.access import indicator_rights
from performance.models import Evidence, Indicator, Realisasi
from performance.services.reporting import period_start

Status = Realisasi.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)
validate_link = URLValidator(schemes=["http", "https"])


def _employee(actor):
    return getattr(actor, "employee", None)


def _lock(realisasi: Realisasi) -> Realisasi:
    locked = Realisasi.objects.select_for_update().get(pk=realisasi.pk)
    locked.indicator = realisasi.indicator
    return locked


def _notify(realisasi: Realisasi, event: str) -> None:
    pk, event = realisasi.pk, str(event)  # plain values: the database queue stores them as JSON
    transaction.on_commit(lambda: tasks.notify_realisasi.enqueue(realisasi_id=pk, event=event))


def _refuse(realisasi: Realisasi, message: str) -> None:
    raise ValidationError(message % {"status": realisasi.get_status_display()}, code="illegal_transition")


def version_of(realisasi: Realisasi | None) -> str:
    """The version a form carries for optimistic concurrency: the time of the last save ("" before the first)."""
    return realisasi.updated_at.isoformat() if realisasi is not None and realisasi.updated_at else ""


def check_evidence(files: Sequence[UploadedFile], links: Sequence[str]) -> list[str]:
    """The content type of each file; raises one ValidationError listing every refused file or link."""
    errors, types = [], []
    for upload in files:
        try:
            types.append(evidence_checks.check_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    for link in links:
        try:
            validate_link(link)
        except ValidationError:
            errors.append(_("%(link)s is not a web address (http:// or https://).") % {"link": link})
    if errors:
        raise ValidationError(errors)
    return types


def report_realisasi(
    *,
    indicator: Indicator,
    period: int,
    actor,
    value,
    note: str = "",
    files: Sequence[UploadedFile] = (),
    links: Iterable[str] = (),
    version: str | None = None,
) -> Realisasi:
    """Creates or updates the period's realisasi (a draft, or a returned one being fixed) and adds evidence.

    Every file and link is checked before anything is written: a refused one stores nothing at all.
    ``version`` is what ``version_of()`` gave when the actor opened the form ("" when there was no realisasi
    yet): if someone saved the realisasi since, nothing is written and a "conflict" ValidationError says so.
    """
    if not indicator_rights(actor, indicator).can_report:
        raise PermissionDenied(_("Only members of a pokja responsible for this indicator may report its realisasi."))
    agreement = indicator.agreement
    if not 1 <= period <= indicator.period_count:
        raise ValidationError(_("Period %(period)d does not exist for this indicator.") % {"period": period})
    if period_start(agreement.year, period, indicator.periodicity) > timezone.localdate():
        raise ValidationError(_("Period %(period)d has not started yet.") % {"period": period})
    links = [link.strip() for link in links if link.strip()]
    types = check_evidence(files, links)
    employee = _employee(actor)
    stored: list[str] = []
    try:
        with transaction.atomic():
            realisasi = Realisasi.objects.select_for_update().filter(indicator=indicator, period=period).first()
            if version is not None and version != version_of(realisasi):
                raise conflict()
            if realisasi is None:
                realisasi = Realisasi(indicator=indicator, period=period)
            elif realisasi.status not in EDITABLE:
                _refuse(realisasi, _("This realisasi is %(status)s and can no longer be changed."))
            realisasi.indicator = indicator
            realisasi.value, realisasi.note, realisasi.reported_by = value, note.strip(), employee
            realisasi._history_user = actor
            realisasi.full_clean(exclude=["indicator", "reported_by"], validate_unique=False)
            realisasi.save()
            for upload, content_type in zip(files, types, strict=True):
                item = Evidence(
                    realisasi=realisasi,
                    name=(upload.name or "")[-255:],
                    content_type=content_type,
                    size=upload.size,
                    uploaded_by=employee,
                )
                item.file.save(upload.name or "evidence", upload, save=False)
                stored.append(item.file.name)
                item.save()
            for link in links:
                Evidence.objects.create(realisasi=realisasi, url=link, uploaded_by=employee)
    except BaseException:
        for name in stored:  # the rows are rolled back; the files must go too
            Evidence.file.field.storage.delete(name)
        raise
    return realisasi


def remove_evidence(*, evidence: Evidence, actor) -> None:
    """Removes a file or link from a realisasi that can still be changed; the file goes after the commit."""
    realisasi = evidence.realisasi
    if not indicator_rights(actor, realisasi.indicator).can_report:
        raise PermissionDenied(_("Only members of a pokja responsible for this indicator may change its evidence."))
    with transaction.atomic():
        locked = _lock(realisasi)
        if locked.status not in EDITABLE:
            _refuse(locked, _("This realisasi is %(status)s and can no longer be changed."))
        name = evidence.file.name
        evidence.delete()
        if name:
            storage = Evidence.file.field.storage
            transaction.on_commit(lambda: storage.delete(name))


def submit_realisasi(*, realisasi: Realisasi, actor) -> Realisasi:
    """The ketua or wakil sends a draft or returned realisasi to the unit head for verification."""
    if not indicator_rights(actor, realisasi.indicator).can_submit:
        raise PermissionDenied(_("Only the ketua or wakil of a pokja responsible for this indicator may submit."))
    with transaction.atomic():
        locked = _lock(realisasi)
        if locked.status not in EDITABLE:
            _refuse(locked, _("Only a draft or returned realisasi can be submitted; this one is %(status)s."))
        locked.status = Status.SUBMITTED
        locked.submitted_by, locked.submitted_at = _employee(actor), timezone.now()
        locked._history_user = actor
        locked.save()
        _notify(locked, "submitted")
    return locked


def _review(realisasi: Realisasi, actor, status: str, comment: str, refusal: str) -> Realisasi:
    if not indicator_rights(actor, realisasi.indicator).can_review:
        raise PermissionDenied(_("Only the unit head or an agency admin may verify a realisasi."))
    with transaction.atomic():
        locked = _lock(realisasi)
        if locked.status != Status.SUBMITTED:
            _refuse(locked, refusal)
        locked.status = status
        locked.reviewed_by, locked.reviewed_at = _employee(actor), timezone.now()
        locked.review_comment = comment
        locked._history_user = actor
        locked.save()
        _notify(locked, status)
    return locked


def return_realisasi(*, realisasi: Realisasi, actor, comment: str) -> Realisasi:
    """The unit head sends a submitted realisasi back to the pokja, saying what to fix."""
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Say what has to be fixed when returning a realisasi."), code="comment_required")
    refusal = _("Only a submitted realisasi can be returned; this one is %(status)s.")
    return _review(realisasi, actor, Status.RETURNED, comment, refusal)


def accept_realisasi(*, realisasi: Realisasi, actor, comment: str = "") -> Realisasi:
    """The unit head accepts a submitted realisasi: from now on it counts in the official capaian."""
    refusal = _("Only a submitted realisasi can be accepted; this one is %(status)s.")
    return _review(realisasi, actor, Status.ACCEPTED, comment.strip(), refusal)
