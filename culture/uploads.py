"""Checks on an uploaded POS file: its size, and its type read from its own bytes (never the name or the browser's
word). A POS is a PDF or a Word document (.docx)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core import files
from core.files import DOCX, PDF

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {PDF: "pdf", DOCX: "docx"}


def max_bytes() -> int:
    return getattr(settings, "CULTURE_POS_MAX_BYTES", DEFAULT_MAX_BYTES)


def detect_type(upload) -> str | None:
    content_type = files.sniff(upload)
    return content_type if content_type in EXTENSIONS else None


def check_pos_file(upload) -> str:
    """The file's content type; ValidationError when it is too large or not a PDF or .docx."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    content_type = detect_type(upload)
    if content_type is None:
        raise ValidationError(_("Upload a PDF or a Word document (.docx)."))
    return content_type
