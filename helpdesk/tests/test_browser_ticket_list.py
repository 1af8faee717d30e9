"""The staff ticket list in a real Chromium: typing a search or choosing a filter swaps the rows (htmx) and keeps
what was typed, and a row opens its ticket."""

import pytest
from playwright.sync_api import expect

from helpdesk import services
from helpdesk.models import Ticket
from helpdesk.tests.factories import make_ticket

pytestmark = pytest.mark.browser


def test_the_head_searches_filters_and_opens_a_ticket(
    signed_in_page, live_server, siasn, arsip, head_user, artifacts_dir
):
    make_ticket(siasn, subject="Token SIASN kedaluwarsa")
    archive = make_ticket(arsip, subject="Salinan SK pangkat", requester_agency="Pemkot Denpasar")
    done = make_ticket(siasn, subject="Salinan ijazah sudah dikirim")
    for status in (Ticket.Status.DIPROSES, Ticket.Status.SELESAI):
        services.change_status(actor=head_user, ticket=done, status=status)
    page = signed_in_page("kepala")
    try:
        page.goto(f"{live_server.url}/units/inka/helpdesk/")
        rows = page.locator("#ticket-table tbody tr[data-ticket]")
        expect(rows).to_have_count(2)  # the open ones

        page.fill("#id_q", "salinan")  # htmx fetches the rows after a pause in typing
        expect(rows).to_have_count(1)
        expect(page.locator(f"tr[data-ticket='{archive.number}']")).to_contain_text("Pemkot Denpasar")
        expect(page.locator("#ticket-count")).to_contain_text("1")

        page.select_option("#id_status", "all")  # the resolved one matches too
        expect(rows).to_have_count(2)
        expect(page.locator(f"tr[data-ticket='{done.number}'] [data-status]")).to_have_attribute(
            "data-status", "selesai"
        )
        assert "q=salinan" in page.url and "status=all" in page.url  # the address keeps the filters

        page.reload()  # what was typed and chosen is still there
        expect(page.locator("#id_q")).to_have_value("salinan")
        expect(page.locator("#id_status")).to_have_value("all")
        page.screenshot(path=f"{artifacts_dir}/helpdesk-ticket-list-search.png", full_page=True)

        page.click(f"tr[data-ticket='{archive.number}'] a")
        expect(page.locator("#ticket-reference")).to_have_text(archive.reference)
    except Exception:
        page.screenshot(path=f"{artifacts_dir}/helpdesk-ticket-list-failure.png", full_page=True)
        raise
