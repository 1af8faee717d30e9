"""Culture journeys in a real Chromium: nominate → decide → certificate; signing a pact; a new POS version."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from culture.models import Nomination, PactSignature, PosVersion
from culture.services import pacts, pos
from culture.tests.helpers import pdf_upload
from organisation import demo
from organisation.models import Pokja

pytestmark = pytest.mark.browser

KOMANG = demo.demo_nip(0, "2")
PDF = pdf_upload().read()


def english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_a_colleague_nominates_the_head_awards_and_the_certificate_downloads(
    signed_in_page, live_server, page, period, core_values, artifacts_dir
):
    english(page, live_server)
    period_url = live_server.url + reverse("culture_award_period", args=["inka", period.pk])
    try:
        # An anggota opens the period, follows the suggestion for Komang and sends the nomination.
        signed_in_page("anggota")
        page.goto(period_url)
        suggestion = page.locator(f'.suggestion[data-subject="employee:{KOMANG}"]')
        assert "PAK, PDI, PLT" in suggestion.inner_text()  # the facts behind the suggestion
        suggestion.locator(".nominate-suggestion").click()
        page.wait_for_load_state()
        assert page.locator("#id_employee").input_value() != ""
        assert not page.locator("#id_stakeholder").is_visible()  # only the chosen kind's field shows
        page.select_option("#id_kind", "stakeholder")
        assert page.locator("#id_stakeholder").is_visible() and not page.locator("#id_employee").is_visible()
        page.select_option("#id_kind", "employee")
        page.fill("#id_title", "Pegawai paling kolaboratif")
        page.fill("#id_reason", "Aktif di tiga pokja dan memimpin Pokja PAK.")
        page.click("#nominate-submit")
        page.wait_for_load_state()
        assert page.locator(".messages li.success").is_visible()
        row = page.locator("#nominations tr[data-status]")
        assert row.count() == 1 and row.get_attribute("data-status") == "proposed"
        assert row.locator(".decide").count() == 0  # an anggota does not decide
        page.screenshot(path=f"{artifacts_dir}/culture-nominated.png", full_page=True)

        # The head awards it.
        signed_in_page("kepala")
        page.goto(period_url)
        page.fill("#nominations .decide textarea", "Selamat!")
        page.click("#nominations .decide button.award")
        page.wait_for_load_state()
        row = page.locator("#nominations tr[data-status]")
        assert row.get_attribute("data-status") == "awarded"
        nomination = Nomination.objects.get(period=period)
        assert nomination.status == "awarded" and nomination.decision_note == "Selamat!"
        page.screenshot(path=f"{artifacts_dir}/culture-awarded.png", full_page=True)

        # The certificate downloads as a PDF naming Komang.
        with page.expect_download() as download_info:
            row.locator("a.certificate").click()
        path = f"{artifacts_dir}/culture-certificate.pdf"
        download_info.value.save_as(path)
        with open(path, "rb") as handle:
            text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
        assert "Komang Ayu Larasati" in text and "Pegawai paling kolaboratif" in text

        # The award shows on Komang's culture page.
        page.goto(live_server.url + reverse("culture_person", args=["inka", KOMANG]))
        assert page.locator(f'#awards li[data-nomination="{nomination.pk}"]').is_visible()
    except Exception:
        page.screenshot(path=f"{artifacts_dir}/culture-award-failure.png", full_page=True)
        raise


def test_an_employee_signs_the_pact_and_gets_the_signed_pdf(
    signed_in_page, live_server, page, demo_unit, head_user, artifacts_dir
):
    english(page, live_server)
    pact = pacts.create_pact(
        actor=head_user, unit=demo_unit, purpose="individual", title="Pakta Integritas 2024", year=2024,
        text="Saya menyatakan tidak akan melakukan praktik korupsi, kolusi, dan nepotisme.",
    )  # fmt: skip
    try:
        signed_in_page("anggota")
        page.goto(live_server.url + reverse("culture_pact", args=["inka", pact.pk]))
        page.click("#sign")  # without ticking the box nothing is signed
        page.wait_for_load_state()
        assert not PactSignature.objects.exists()
        page.check("#agree")
        page.click("#sign")
        page.wait_for_load_state()
        assert page.locator("#my-signature .signed").is_visible()
        page.screenshot(path=f"{artifacts_dir}/culture-pact-signed.png", full_page=True)
        with page.expect_download() as download_info:
            page.click("#signed-pdf")
        path = f"{artifacts_dir}/culture-signed-pact.pdf"
        download_info.value.save_as(path)
        with open(path, "rb") as handle:
            text = " ".join(PdfReader(io.BytesIO(handle.read())).pages[0].extract_text().split())
        signature = PactSignature.objects.get()
        assert signature.employee.nip in text and "nepotisme" in text

        # The head sees that the anggota has signed and who has not.
        signed_in_page("kepala")
        page.goto(live_server.url + reverse("culture_pact", args=["inka", pact.pk]))
        assert (
            page.locator(f'#signing-status tr[data-nip="{signature.employee.nip}"]').get_attribute("data-signed")
            == "yes"
        )
        assert int(page.locator("#unsigned-count").get_attribute("data-count")) > 0
    except Exception:
        page.screenshot(path=f"{artifacts_dir}/culture-pact-failure.png", full_page=True)
        raise


def test_the_ketua_uploads_a_new_pos_version_and_the_head_approves_it(
    signed_in_page, live_server, page, demo_unit, ketua_user, head_user, artifacts_dir
):
    english(page, live_server)
    document = pos.create_document(
        actor=ketua_user, pokja=Pokja.objects.get(unit=demo_unit, code="PAK"), title="POS Pengelolaan Arsip"
    )
    pos.approve_version(actor=head_user, version=pos.add_version(actor=ketua_user, document=document, text="Versi 1"))
    pokja_url = live_server.url + reverse("culture_pokja", args=["inka", "PAK"])
    try:
        signed_in_page("ketua")
        page.goto(pokja_url)
        page.click(f'tr[data-pos="{document.pk}"] td a')
        page.wait_for_load_state()
        page.set_input_files(
            "#id_file", files=[{"name": "POS arsip 2024.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.fill("#id_change_note", "Alur arsip digital")
        page.click("#add-version")
        page.wait_for_load_state()
        assert page.locator('#versions tr[data-version="2"]').get_attribute("data-status") == "draft"
        page.screenshot(path=f"{artifacts_dir}/culture-pos-uploaded.png", full_page=True)

        signed_in_page("kepala")
        page.goto(live_server.url + reverse("culture_pos_document", args=["inka", document.pk]))
        page.click('#versions tr[data-version="2"] button.approve-version')
        page.wait_for_load_state()
        assert page.locator('#versions tr[data-version="2"]').get_attribute("data-status") == "approved"
        assert PosVersion.objects.get(document=document, number=2).status == "approved"

        # One click from the pokja page opens the new current version; version 1 stays readable.
        page.goto(pokja_url)
        link = page.locator(f'tr[data-pos="{document.pk}"] a.current-pos')
        assert "2" in link.inner_text()
        response = page.request.get(live_server.url + link.get_attribute("href"))
        assert response.ok and response.body().startswith(b"%PDF-")
        old = document.versions.get(number=1)
        page.goto(live_server.url + reverse("culture_pos_version", args=["inka", old.pk]))
        assert "Versi 1" in page.locator("#pos-text").inner_text()
        page.screenshot(path=f"{artifacts_dir}/culture-pos-old-version.png", full_page=True)
    except Exception:
        page.screenshot(path=f"{artifacts_dir}/culture-pos-failure.png", full_page=True)
        raise
