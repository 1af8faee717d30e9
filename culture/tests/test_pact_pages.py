"""Pakta integritas pages: signing through the page, the head's view of who has not signed, the signed PDF."""

import io

from django.urls import reverse
from pypdf import PdfReader

from culture.models import PactSignature
from culture.services import pacts

TEXT = "Saya menyatakan tidak akan melakukan praktik korupsi, kolusi, dan nepotisme."


def make_pact(unit, head):
    return pacts.create_pact(actor=head, unit=unit, purpose="individual", title="Pakta 2024", year=2024, text=TEXT)


def pact_url(pact):
    return reverse("culture_pact", args=[pact.unit.slug, pact.pk])


def sign_url(pact):
    return reverse("culture_pact_sign", args=[pact.unit.slug, pact.pk])


def test_anonymous_and_outsiders_cannot_see_or_sign(client, demo_unit, head_user, outsider):
    pact = make_pact(demo_unit, head_user)
    assert client.get(pact_url(pact)).status_code == 302
    client.force_login(outsider)
    assert client.get(pact_url(pact)).status_code == 404
    assert client.post(sign_url(pact), {"agree": "1"}).status_code == 404
    assert client.get(reverse("culture_pacts", args=[demo_unit.slug])).status_code == 404


def test_an_anggota_signs_only_after_agreeing(client, demo_unit, head_user, anggota_user):
    pact = make_pact(demo_unit, head_user)
    client.force_login(anggota_user)
    client.post(sign_url(pact), {})
    assert not PactSignature.objects.exists()
    client.post(sign_url(pact), {"agree": "1"})
    assert PactSignature.objects.get().employee == anggota_user.employee
    page = client.get(pact_url(pact))
    assert page.context["signed_current"] and "signing-status" not in page.content.decode()


def test_after_a_revision_the_page_asks_to_sign_again(client, demo_unit, head_user, anggota_user):
    pact = make_pact(demo_unit, head_user)
    pacts.sign_pact(actor=anggota_user, pact=pact)
    client.force_login(head_user)
    client.post(reverse("culture_pact_revise", args=[demo_unit.slug, pact.pk]), {"text": TEXT + " Berlaku 2025."})
    client.force_login(anggota_user)
    page = client.get(pact_url(pact))
    assert not page.context["signed_current"]
    assert 'id="resign-needed"' in page.content.decode()


def test_only_managers_revise(client, demo_unit, head_user, anggota_user):
    pact = make_pact(demo_unit, head_user)
    client.force_login(anggota_user)
    response = client.post(reverse("culture_pact_revise", args=[demo_unit.slug, pact.pk]), {"text": "Lain"})
    assert response.status_code == 403 and pact.versions.count() == 1


def test_the_head_sees_who_has_not_signed(client, demo_unit, head_user, anggota_user):
    pact = make_pact(demo_unit, head_user)
    pacts.sign_pact(actor=anggota_user, pact=pact)
    client.force_login(head_user)
    page = client.get(pact_url(pact))
    html = page.content.decode()
    assert f'data-nip="{anggota_user.employee.nip}" data-signed="yes"' in html
    unsigned = page.context["unsigned"]
    assert anggota_user.employee not in [row.employee for row in unsigned]
    assert f'data-count="{len(unsigned)}"' in html and len(unsigned) == len(page.context["status"]) - 1


def test_the_signed_pact_pdf_carries_the_text_and_the_signature_record(client, demo_unit, head_user, anggota_user):
    pact = make_pact(demo_unit, head_user)
    signature = pacts.sign_pact(actor=anggota_user, pact=pact)
    url = reverse("culture_signature_pdf", args=[demo_unit.slug, signature.pk])
    client.force_login(anggota_user)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "praktik korupsi, kolusi, dan nepotisme" in flat
    assert anggota_user.employee.name in flat and anggota_user.employee.nip in flat
    assert signature.digest[:32] in flat.replace(" ", "")
    client.force_login(head_user)
    assert client.get(url).status_code == 200


def test_a_colleague_cannot_open_someone_elses_signed_pact(client, demo_unit, head_user, anggota_user, ketua_user):
    pact = make_pact(demo_unit, head_user)
    signature = pacts.sign_pact(actor=anggota_user, pact=pact)
    client.force_login(ketua_user)
    assert client.get(reverse("culture_signature_pdf", args=[demo_unit.slug, signature.pk])).status_code == 404


def test_the_head_publishes_a_pact_through_the_page(client, demo_unit, head_user, anggota_user):
    data = {"purpose": "selection", "title": "Panitia Seleksi CASN", "year": "2024", "text": TEXT}
    client.force_login(anggota_user)
    assert client.post(reverse("culture_pacts", args=[demo_unit.slug]), data).status_code == 403
    client.force_login(head_user)
    response = client.post(reverse("culture_pacts", args=[demo_unit.slug]), data)
    assert response.status_code == 302
    listing = client.get(reverse("culture_pacts", args=[demo_unit.slug]))
    assert "Panitia Seleksi CASN" in listing.content.decode()
