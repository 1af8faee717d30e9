"""Checks on uploaded evidence files: size, and type by the file's own bytes (never its name or the browser's
word). PDF, PNG, JPEG, GIF and Office documents (docx/xlsx/pptx, and the old OLE .doc/.xls/.ppt) pass.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core import files
from core.files import DOC, DOCX, GIF, JPEG, PDF, PNG, PPTX, XLS, XLSX  # noqa: F401 (the types this module accepts)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
IMAGES = {files.PNG, files.JPEG, files.GIF}


def max_bytes() -> int:
    return getattr(settings, "ORBIT_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def detect_type(upload) -> str | None:
    """The content type read from the file's bytes, or None when it is not an accepted kind."""
    return files.sniff(upload)


def check_upload(upload) -> str:
    """Returns the file's content type, or raises ValidationError with a message naming the file."""
    limit = max_bytes()
    name = upload.name or _("the file")
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is too large (%(size)s); the limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    content_type = detect_type(upload)
    if content_type is None:
        raise ValidationError(
            _("%(name)s is not an accepted file: use PDF, PNG, JPEG, GIF or an Office document (Word, Excel, "
              "PowerPoint).") % {"name": name},
            code="wrong_type",
        )  # fmt: skip
    return content_type


def is_image(content_type: str) -> bool:
    return content_type in IMAGES
