"""Attachment checks: size, count, and the type read from the file's first bytes, never from its name."""

import os
from dataclasses import dataclass

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from core import files

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
ALLOWED_LABEL = "PDF, PNG, JPEG, DOCX, XLSX"


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str


PDF = Kind("pdf", files.PDF)
PNG = Kind("png", files.PNG)
JPEG = Kind("jpg", files.JPEG)
WORD = Kind("docx", files.DOCX)
EXCEL = Kind("xlsx", files.XLSX)
KINDS = {kind.content_type: kind for kind in (PDF, PNG, JPEG, WORD, EXCEL)}


def detect(upload) -> Kind | None:
    """The file's kind from its magic bytes, or None when it is not one we accept (macro documents refused)."""
    return KINDS.get(files.sniff(upload, refuse_macros=True))


def safe_name(original: str, kind: Kind) -> str:
    """The name shown and offered on download: no path, only safe characters, the real extension."""
    # No leading dots: a stored or downloaded name never becomes a hidden file.
    base = os.path.basename(original.replace("\\", "/")).lstrip(". ")
    stem = os.path.splitext(base)[0].strip()[:100]
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:
        stem = ""
    return f"{stem or 'lampiran'}.{kind.extension}"


def check_upload(upload) -> Kind:
    """The upload's kind; a ValidationError when it is too large, empty or of a type we refuse."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is too large (at most %(limit)d MB).") % {"name": upload.name, "limit": MAX_BYTES // 2**20}
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": upload.name})
    kind = detect(upload)
    if kind is None:
        raise ValidationError(
            _("%(name)s is not an accepted file (%(allowed)s).") % {"name": upload.name, "allowed": ALLOWED_LABEL}
        )
    return kind


def check_uploads(uploads) -> list[tuple[object, Kind]]:
    if len(uploads) > MAX_FILES:
        raise ValidationError(_("Attach at most %(count)d files.") % {"count": MAX_FILES})
    return [(upload, check_upload(upload)) for upload in uploads]
