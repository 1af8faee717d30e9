"""POS versions: uploads checked by their bytes and size, written texts, approval by the head, the current version."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from culture import uploads
from culture.models import PosVersion
from culture.services import pos
from culture.tests.helpers import MAKASSAR, docx_upload, pdf_upload
from organisation.models import Pokja


@pytest.fixture
def document(demo_unit, ketua_user):
    return pos.create_document(actor=ketua_user, pokja=Pokja.objects.get(unit=demo_unit, code="PAK"), title="POS Arsip")


def test_the_ketua_adds_versions_that_are_numbered(document, ketua_user):
    first = pos.add_version(actor=ketua_user, document=document, upload=pdf_upload())
    second = pos.add_version(actor=ketua_user, document=document, text="1. Terima berkas.\n2. Catat.")
    assert (first.number, first.content_type, first.is_file) == (1, uploads.PDF, True)
    assert (second.number, second.is_file, second.status) == (2, False, PosVersion.Status.DRAFT)
    assert first.file.read().startswith(b"%PDF-")


def test_a_word_document_is_accepted(document, ketua_user):
    assert pos.add_version(actor=ketua_user, document=document, upload=docx_upload()).content_type == uploads.DOCX


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("pos.pdf", b"just text pretending", content_type="application/pdf"),
        SimpleUploadedFile("pos.docx", b"PK\x03\x04not really a zip", content_type="application/pdf"),
        SimpleUploadedFile("gambar.png", b"\x89PNG\r\n\x1a\n....", content_type="image/png"),
        SimpleUploadedFile("kosong.pdf", b"", content_type="application/pdf"),
    ],
)
def test_a_file_that_is_not_a_pdf_or_docx_by_its_bytes_is_refused(document, ketua_user, upload):
    with pytest.raises(ValidationError):
        pos.add_version(actor=ketua_user, document=document, upload=upload)
    assert not document.versions.exists()


@override_settings(CULTURE_POS_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused(document, ketua_user):
    with pytest.raises(ValidationError) as error:
        pos.add_version(actor=ketua_user, document=document, upload=pdf_upload(size_padding=200))
    assert "100" in str(error.value)


def test_a_version_is_a_file_or_a_text_not_both(document, ketua_user):
    with pytest.raises(ValidationError):
        pos.add_version(actor=ketua_user, document=document, upload=pdf_upload(), text="Juga teks")
    with pytest.raises(ValidationError):
        pos.add_version(actor=ketua_user, document=document, text="   ")


@pytest.mark.parametrize("writer", ["anggota_user", "outsider"])
def test_others_cannot_add_versions(document, writer, request):
    with pytest.raises(PermissionDenied):
        pos.add_version(actor=request.getfixturevalue(writer), document=document, text="x")


@time_machine.travel(datetime.datetime(2024, 3, 15, 10, tzinfo=MAKASSAR), tick=False)
def test_the_head_approves_and_the_review_falls_after_the_interval(document, ketua_user, head_user):
    version = pos.add_version(actor=ketua_user, document=document, text="Langkah")
    with pytest.raises(PermissionDenied):
        pos.approve_version(actor=ketua_user, version=version)
    pos.approve_version(actor=head_user, version=version)
    version.refresh_from_db()
    assert version.status == PosVersion.Status.APPROVED and version.approved_by == head_user
    assert version.review_due == datetime.date(2025, 3, 15)


def test_the_newest_approved_version_is_current_and_old_ones_stay(document, ketua_user, head_user):
    one = pos.add_version(actor=ketua_user, document=document, text="Versi satu")
    pos.approve_version(actor=head_user, version=one)
    two = pos.add_version(actor=ketua_user, document=document, text="Versi dua")
    assert pos.current_versions([document])[document.pk] == one  # a draft is not current
    pos.approve_version(actor=head_user, version=two, review_due=datetime.date(2030, 1, 31))
    assert pos.current_versions([document])[document.pk] == two
    assert PosVersion.objects.get(pk=one.pk).text == "Versi satu"
    with pytest.raises(ValidationError):
        pos.approve_version(actor=head_user, version=PosVersion.objects.get(pk=one.pk))


def test_an_older_draft_cannot_be_approved_over_a_newer_approval(document, ketua_user, head_user):
    one = pos.add_version(actor=ketua_user, document=document, text="Versi satu")
    two = pos.add_version(actor=ketua_user, document=document, text="Versi dua")
    pos.approve_version(actor=head_user, version=two)
    with pytest.raises(ValidationError):
        pos.approve_version(actor=head_user, version=one)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2023, 1, 31), 1, datetime.date(2023, 2, 28)),
        (datetime.date(2024, 11, 30), 3, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
    ],
)
def test_add_months_stays_on_a_real_day(day, months, expected):
    assert pos.add_months(day, months) == expected
