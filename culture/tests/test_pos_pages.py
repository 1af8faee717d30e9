"""POS pages: the current version one click from the pokja's culture page, uploads, approval, old versions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from culture.models import PosDocument, PosVersion
from culture.services import pos
from culture.tests.helpers import pdf_upload
from organisation.models import Pokja


@pytest.fixture
def document(demo_unit, ketua_user, head_user):
    """POS Arsip of PAK: version 1 (a PDF) approved, version 2 (a text) awaiting approval."""
    document = pos.create_document(
        actor=ketua_user, pokja=Pokja.objects.get(unit=demo_unit, code="PAK"), title="POS Arsip"
    )
    one = pos.add_version(actor=ketua_user, document=document, upload=pdf_upload("SOP arsip.pdf"))
    pos.approve_version(actor=head_user, version=one)
    pos.add_version(actor=ketua_user, document=document, text="Versi dua")
    return document


def pokja_url(unit, code="PAK"):
    return reverse("culture_pokja", args=[unit.slug, code])


def test_anonymous_and_outsiders_get_nothing(client, demo_unit, document, outsider):
    version = document.versions.get(number=1)
    urls = [
        pokja_url(demo_unit),
        reverse("culture_pos_document", args=[demo_unit.slug, document.pk]),
        reverse("culture_pos_file", args=[demo_unit.slug, version.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404
    add = reverse("culture_pos_version_add", args=[demo_unit.slug, document.pk])
    assert client.post(add, {"text": "x"}).status_code == 404


def test_the_current_version_is_one_click_from_the_pokja_page(client, demo_unit, document, anggota_user):
    client.force_login(anggota_user)
    page = client.get(pokja_url(demo_unit))
    current = document.versions.get(number=1)
    link = reverse("culture_pos_file", args=[demo_unit.slug, current.pk])
    assert f'class="current-pos" href="{link}"' in page.content.decode()
    response = client.get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_old_versions_stay_readable(client, demo_unit, document, ketua_user, head_user, anggota_user):
    two = document.versions.get(number=2)
    pos.approve_version(actor=head_user, version=two)
    client.force_login(anggota_user)
    page = client.get(reverse("culture_pos_document", args=[demo_unit.slug, document.pk]))
    assert page.context["current"] == two
    assert [v.number for v in page.context["versions"]] == [2, 1]
    old = client.get(reverse("culture_pos_file", args=[demo_unit.slug, document.versions.get(number=1).pk]))
    assert old.status_code == 200
    text = client.get(reverse("culture_pos_version", args=[demo_unit.slug, two.pk]))
    assert "Versi dua" in text.content.decode()


def test_the_ketua_uploads_a_new_version_through_the_page(client, demo_unit, document, ketua_user):
    client.force_login(ketua_user)
    url = reverse("culture_pos_version_add", args=[demo_unit.slug, document.pk])
    response = client.post(url, {"file": pdf_upload("SOP arsip v3.pdf"), "change_note": "Alur digital"})
    assert response.status_code == 302
    version = document.versions.get(number=3)
    assert version.status == "draft" and version.original_name == "SOP arsip v3.pdf"


def test_a_bad_upload_is_shown_with_its_error(client, demo_unit, document, ketua_user):
    client.force_login(ketua_user)
    url = reverse("culture_pos_version_add", args=[demo_unit.slug, document.pk])
    response = client.post(url, {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00", "application/pdf")})
    assert response.status_code == 400 and response.context["form"].non_field_errors()
    assert document.versions.count() == 2


def test_an_anggota_can_read_but_not_add_or_approve(client, demo_unit, document, anggota_user):
    client.force_login(anggota_user)
    add = reverse("culture_pos_version_add", args=[demo_unit.slug, document.pk])
    assert client.post(add, {"text": "x"}).status_code == 403
    draft = document.versions.get(number=2)
    assert client.post(reverse("culture_pos_approve", args=[demo_unit.slug, draft.pk])).status_code == 403
    assert client.get(reverse("culture_pos_new", args=[demo_unit.slug, "PAK"])).status_code == 403


def test_the_head_approves_through_the_page(client, demo_unit, document, head_user):
    client.force_login(head_user)
    draft = document.versions.get(number=2)
    client.post(reverse("culture_pos_approve", args=[demo_unit.slug, draft.pk]), {"review_due": "2030-06-30"})
    draft.refresh_from_db()
    assert draft.status == PosVersion.Status.APPROVED and str(draft.review_due) == "2030-06-30"


def test_a_ketua_creates_a_pos_for_their_pokja_only(client, demo_unit, ketua_user):
    client.force_login(ketua_user)
    response = client.post(
        reverse("culture_pos_new", args=[demo_unit.slug, "PAK"]), {"title": "POS Takah", "review_months": 12}
    )
    assert response.status_code == 302 and PosDocument.objects.filter(title="POS Takah").exists()
    assert client.get(reverse("culture_pos_new", args=[demo_unit.slug, "PDK"])).status_code == 403


def test_the_pokja_page_takes_a_fixed_number_of_queries(client, demo_unit, ketua_user, head_user, anggota_user):
    pokja = Pokja.objects.get(unit=demo_unit, code="PAK")
    for n in range(4):
        document = pos.create_document(actor=ketua_user, pokja=pokja, title=f"POS {n}")
        pos.approve_version(actor=head_user, version=pos.add_version(actor=ketua_user, document=document, text="x"))
    client.force_login(anggota_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pokja_url(demo_unit))
    assert response.status_code == 200 and len(response.context["documents"]) == 4
    # session, user, unit, can_manage's employee, pokja, its leaders (get_pokja_for_user), documents with
    # version counts, current versions, awards (their values' prefetch is skipped when there are none), lembur
    assert len(queries) == 10
