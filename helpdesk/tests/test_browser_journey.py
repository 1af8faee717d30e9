"""The helpdesk journey in a real Chromium: submit with a file, track, talk, close, rate, see the IKM."""

import re

import pytest
from playwright.sync_api import expect

from helpdesk.models import Survey, Ticket
from helpdesk.tests.factories import PDF_BYTES, only_available

pytestmark = pytest.mark.browser


@pytest.fixture
def requester(browser, live_server):
    """A second browser for the stakeholder, who never signs in."""
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_a_request_travels_from_the_portal_to_the_ikm_page(
    signed_in_page, live_server, requester, siasn, pia, anggota_user, artifacts_dir, tmp_path
):
    only_available(pia, anggota_user.employee)
    letter = tmp_path / "surat-permohonan.pdf"
    letter.write_bytes(PDF_BYTES)
    staff = None
    try:
        # The stakeholder submits with an attachment.
        requester.goto("/helpdesk/inka/")
        requester.screenshot(path=f"{artifacts_dir}/helpdesk-portal.png", full_page=True)
        requester.get_by_label("Integrasi SIASN").check()
        requester.fill("#id_subject", "Sinkronisasi riwayat jabatan gagal")
        requester.fill("#id_description", "Sejak kemarin data jabatan tidak tersinkron ke SIASN.")
        requester.fill("#id_requester_name", "Made Suarta")
        requester.fill("#id_requester_agency", "Pemkab Badung")
        requester.fill("#id_requester_email", "made@badung.example")
        requester.set_input_files("#id_attachments", str(letter))
        requester.click("#portal-submit")
        requester.wait_for_url(re.compile(r"/helpdesk/t/[\w-]{32}/$"))
        tracking_link = requester.input_value("#tracking-link")
        assert tracking_link == requester.url
        expect(requester.locator("#ticket-reference")).to_have_text("HD-000001")
        expect(requester.locator("#conversation")).to_contain_text("surat-permohonan.pdf")
        requester.screenshot(path=f"{artifacts_dir}/helpdesk-tracking.png", full_page=True)
        ticket = Ticket.objects.get()
        assert ticket.assignee == anggota_user.employee

        # The assigned member finds it in their list and replies, then waits for the requester.
        staff = signed_in_page("anggota")
        staff.goto(f"{live_server.url}/units/inka/helpdesk/")
        staff.click("tr[data-ticket='1'] a")
        expect(staff.locator("#conversation")).to_contain_text("surat-permohonan.pdf")
        staff.fill("#id_body", "Mohon buat token baru di menu Integrasi, lalu coba lagi.")
        staff.click("#reply-submit")
        staff.click("#status-form button[data-status='menunggu']")
        expect(staff.locator("#ticket-status")).to_have_attribute("data-status", "menunggu")

        # The stakeholder reads the reply from the private link and answers.
        requester.goto(tracking_link)
        expect(requester.locator("#conversation")).to_contain_text("Mohon buat token baru")
        requester.fill("#id_body", "Sudah, sekarang berhasil. Terima kasih.")
        requester.click("#requester-reply-submit")
        expect(requester.locator("#conversation")).to_contain_text("sekarang berhasil")

        # The member resolves and closes the ticket.
        staff.reload()
        expect(staff.locator("#ticket-status")).to_have_attribute("data-status", "diproses")
        staff.click("#status-form button[data-status='selesai']")
        staff.click("#status-form button[data-status='ditutup']")
        expect(staff.locator("#ticket-status")).to_have_attribute("data-status", "ditutup")
        staff.screenshot(path=f"{artifacts_dir}/helpdesk-ticket.png", full_page=True)

        # The stakeholder rates the service.
        requester.goto(tracking_link)
        for element, score in zip(range(1, 10), [4, 4, 3, 4, 4, 4, 4, 3, 4], strict=True):
            requester.check(f"fieldset[data-element='u{element}'] input[value='{score}']")
        requester.fill("#id_comment", "Cepat dan jelas.")
        requester.click("#survey-submit")
        expect(requester.locator("#survey-done")).to_be_visible()
        assert Survey.objects.get().ticket == ticket

        # The unit head sees the new score on the IKM page: (4·7 + 3·2)/9 × 25 = 94.44, grade A.
        staff.click("form[action='/accounts/logout/'] button")
        head = signed_in_page("kepala")
        head.goto(f"{live_server.url}/units/inka/helpdesk/ikm/")
        summary = head.locator("#ikm-summary")
        expect(summary).to_have_attribute("data-score", "94.44")
        expect(summary).to_have_attribute("data-grade", "A")
        expect(head.locator("#ikm-respondents")).to_have_text("1")
        head.screenshot(path=f"{artifacts_dir}/helpdesk-ikm.png", full_page=True)
    except Exception:
        requester.screenshot(path=f"{artifacts_dir}/helpdesk-journey-requester-failure.png", full_page=True)
        if staff is not None:
            staff.screenshot(path=f"{artifacts_dir}/helpdesk-journey-staff-failure.png", full_page=True)
        raise
