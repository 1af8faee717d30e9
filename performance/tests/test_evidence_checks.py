"""Evidence files are recognised by their bytes: accepted kinds, refused kinds, and the size limit."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from performance import evidence

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def office_zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<xml/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("ba.pdf", PDF, evidence.PDF),
        ("foto.png", PNG, evidence.PNG),
        ("foto.jpg", JPEG, evidence.JPEG),
        ("anim.gif", GIF, evidence.GIF),
        ("laporan.docx", office_zip("[Content_Types].xml", "word/document.xml"), evidence.DOCX),
        ("data.xlsx", office_zip("[Content_Types].xml", "xl/workbook.xml"), evidence.XLSX),
        ("paparan.pptx", office_zip("[Content_Types].xml", "ppt/presentation.xml"), evidence.PPTX),
        ("lama.doc", OLE, evidence.DOC),
        ("lama.xls", OLE, evidence.XLS),
        # The name does not decide: a PDF called .png is a PDF.
        ("renamed.png", PDF, evidence.PDF),
    ],
)
def test_it_accepts_documents_and_images_by_their_bytes(name, content, expected):
    assert evidence.check_upload(upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("archive.docx", office_zip("word/document.xml")),  # a zip without [Content_Types].xml
        ("plain.zip", office_zip("readme.txt")),
        ("broken.xlsx", b"PK\x03\x04not really a zip"),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 60),
    ],
)
def test_it_refuses_anything_else_with_a_clear_message(name, content):
    with pytest.raises(ValidationError) as error:
        evidence.check_upload(upload(name, content, "application/pdf"))
    assert error.value.code == "wrong_type"
    assert name in error.value.messages[0]
    assert "PDF" in error.value.messages[0]


def test_it_refuses_a_file_over_the_limit_from_the_setting(settings):
    settings.ORBIT_EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        evidence.check_upload(upload("big.pdf", PDF + b"0" * 1024))
    assert error.value.code == "too_large"
    assert "big.pdf" in error.value.messages[0]
    assert evidence.check_upload(upload("small.pdf", PDF)) == evidence.PDF


def test_the_default_limit_is_ten_mebibytes(settings):
    del settings.ORBIT_EVIDENCE_MAX_BYTES
    assert evidence.max_bytes() == 10 * 1024 * 1024


def test_it_refuses_an_empty_file():
    with pytest.raises(ValidationError) as error:
        evidence.check_upload(upload("empty.pdf", b""))
    assert error.value.code == "empty"
