"""Checks on uploaded evidence files: size, and type by the file's own bytes (never its name or the browser's
word). PDF, PNG, JPEG, GIF and Office documents (docx/xlsx/pptx, and the old OLE .doc/.xls/.ppt) pass.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
OLE = "application/x-ole-storage"

IMAGES = {PNG, JPEG, GIF}
SIGNATURES = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
]
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The main part of an Office Open XML package tells which document it is.
OOXML_PARTS = [("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)]
OLE_EXTENSIONS = {"doc": DOC, "xls": XLS, "ppt": PPT}


def max_bytes() -> int:
    return getattr(settings, "ORBIT_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)


def _head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _office_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for prefix, content_type in OOXML_PARTS:
        if any(name.startswith(prefix) for name in names):
            return content_type
    return None


def detect_type(upload) -> str | None:
    """The content type read from the file's bytes, or None when it is not an accepted kind."""
    head = _head(upload)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(ZIP_SIGNATURE):
        return _office_type(upload)
    if head.startswith(OLE_SIGNATURE):
        extension = (upload.name or "").rsplit(".", 1)[-1].lower()
        return OLE_EXTENSIONS.get(extension, OLE)
    return None


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
