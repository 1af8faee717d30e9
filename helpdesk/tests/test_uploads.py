"""Attachment checks by content: accepted kinds, refused look-alikes, size and count limits, safe names."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from helpdesk import uploads
from helpdesk.tests.factories import PDF_BYTES, PNG_BYTES, office, pdf


@pytest.mark.parametrize(
    ("upload", "kind"),
    [
        (pdf(), uploads.PDF),
        (SimpleUploadedFile("a.png", PNG_BYTES), uploads.PNG),
        (SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20), uploads.JPEG),
        (office("surat.docx", "word"), uploads.WORD),
        (office("data.xlsx", "xl"), uploads.EXCEL),
    ],
)
def test_it_accepts_what_the_content_says_is_allowed(upload, kind):
    assert uploads.check_upload(upload) == kind


def test_it_reads_the_content_not_the_name():
    disguised = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 an executable")
    with pytest.raises(ValidationError):
        uploads.check_upload(disguised)
    assert uploads.check_upload(SimpleUploadedFile("scan.exe", PDF_BYTES)) == uploads.PDF


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script>", b"GIF89a......", b"PK\x03\x04 not really a zip"],
)
def test_it_refuses_other_kinds(content):
    with pytest.raises(ValidationError):
        uploads.check_upload(SimpleUploadedFile("x.pdf", content))


def zip_with(*names: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return SimpleUploadedFile("x.docx", buffer.getvalue())


def test_it_refuses_a_plain_zip_and_a_macro_document():
    with pytest.raises(ValidationError):
        uploads.check_upload(zip_with("readme.txt"))
    with pytest.raises(ValidationError):
        uploads.check_upload(zip_with("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"))


def test_it_refuses_empty_and_oversized_files():
    with pytest.raises(ValidationError):
        uploads.check_upload(SimpleUploadedFile("a.pdf", b""))
    big = SimpleUploadedFile("a.pdf", PDF_BYTES + b"0" * uploads.MAX_BYTES)
    with pytest.raises(ValidationError):
        uploads.check_upload(big)


def test_it_limits_the_number_of_files():
    with pytest.raises(ValidationError):
        uploads.check_uploads([pdf() for _ in range(uploads.MAX_FILES + 1)])


@pytest.mark.parametrize(
    ("original", "safe"),
    [
        ("Surat Dinas.pdf", "Surat_Dinas.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\budi\\scan.PDF", "scan.pdf"),
        ("<script>.pdf", "script.pdf"),
        ("....pdf", "pdf.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("@@@", "lampiran.pdf"),
    ],
)
def test_it_makes_a_safe_download_name_with_the_real_extension(original, safe):
    assert uploads.safe_name(original, uploads.PDF) == safe
