"""What an uploaded file really is, read from its own bytes (never its name or the browser's word).

Shared by the apps that accept uploads (performance evidence, helpdesk attachments, culture POS documents);
each app keeps its own list of accepted types, size limit and messages.
"""

import zipfile

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
# An old OLE compound file does not say which Office program wrote it; its extension is the only hint.
OLE_EXTENSIONS = {"doc": DOC, "xls": XLS, "ppt": PPT}


def _head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _office_type(upload, refuse_macros: bool) -> str | None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if refuse_macros and any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    for prefix, content_type in OOXML_PARTS:
        if any(name.startswith(prefix) for name in names):
            return content_type
    return None


def sniff(upload, *, refuse_macros: bool = False) -> str | None:
    """The content type the file's bytes show (PDF, PNG, JPEG, GIF, Office Open XML, old OLE Office), or None."""
    head = _head(upload)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head.startswith(ZIP_SIGNATURE):
        return _office_type(upload, refuse_macros)
    if head.startswith(OLE_SIGNATURE):
        extension = (getattr(upload, "name", "") or "").rsplit(".", 1)[-1].lower()
        return OLE_EXTENSIONS.get(extension, OLE)
    return None
