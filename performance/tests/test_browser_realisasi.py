"""The realisasi journey in a real Chromium: a pokja member reports with an evidence file, the ketua submits,
the unit head returns it with a comment, the member fixes it, the ketua resubmits, the head accepts; the PK
page and the monitoring dashboard then show the new capaian."""

from decimal import Decimal

import pytest
from django.urls import reverse

from performance import capaian
from performance.models import Evidence, Realisasi
from performance.tests.fixtures_agreements import *  # noqa: F403
from performance.tests.test_evidence_checks import PDF

pytestmark = pytest.mark.browser


def test_a_report_goes_through_review_to_the_capaian(
    signed_in_page, live_server, page, pk2023, member_user, artifacts_dir
):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    period_url = live_server.url + reverse("realisasi_period", args=["inka", 2023, "IKU.7.2", 4])
    try:
        # The member (anggota of PAK, not its ketua) reports quarter 4 with a scanned report.
        signed_in_page("anggota-pak")
        page.goto(period_url)
        page.fill("#id_value", "13000")
        page.fill("#id_note", "Arsip TW4 sesuai berita acara")
        page.set_input_files(
            "#id_files", files=[{"name": "berita-acara-tw4.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.click("#save-realisasi")
        page.wait_for_load_state()
        assert page.locator("#realisasi").get_attribute("data-status") == "draft"
        assert page.locator("#evidence").inner_text().startswith("berita-acara-tw4.pdf")
        assert page.locator("#submit-realisasi").count() == 0  # an anggota does not submit

        # The ketua submits.
        signed_in_page("ketua")
        page.goto(period_url)
        page.click("#submit-realisasi")
        page.wait_for_load_state()
        assert page.locator("#realisasi").get_attribute("data-status") == "submitted"

        # The head returns it with a comment.
        signed_in_page("kepala")
        page.goto(period_url)
        page.fill("#id_comment", "Jumlah belum sesuai berita acara: 14000 dokumen.")
        page.click("#return-realisasi")
        page.wait_for_load_state()
        assert page.locator("#realisasi").get_attribute("data-status") == "returned"

        # The member sees the comment, fixes the value and adds the corrected file.
        signed_in_page("anggota-pak")
        page.goto(period_url)
        assert "14000 dokumen" in page.locator("#review-comment").inner_text()
        page.screenshot(path=f"{artifacts_dir}/realisasi-returned.png", full_page=True)
        page.fill("#id_value", "14000")
        page.set_input_files(
            "#id_files", files=[{"name": "berita-acara-revisi.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        page.click("#save-realisasi")
        page.wait_for_load_state()
        assert page.locator("#realisasi-value").inner_text() == "14000"

        # The ketua resubmits; the head accepts.
        signed_in_page("ketua")
        page.goto(period_url)
        page.click("#submit-realisasi")
        page.wait_for_load_state()
        signed_in_page("kepala")
        page.goto(period_url)
        page.click("#accept-realisasi")
        page.wait_for_load_state()
        assert page.locator("#realisasi").get_attribute("data-status") == "accepted"

        realisasi = Realisasi.objects.get(indicator__agreement=pk2023, indicator__code="IKU.7.2", period=4)
        assert (realisasi.status, realisasi.value) == ("accepted", Decimal(14000))
        assert Evidence.objects.filter(realisasi=realisasi).exclude(file="").count() == 2
        assert [h.status for h in realisasi.history.order_by("history_date", "history_id")] == [
            "draft", "submitted", "returned", "returned", "submitted", "accepted",
        ]  # fmt: skip

        # Quarters 1-4 now count: 15200 + 13100 + 14500 + 14000 against 4 × 14000.
        expected = capaian.display(capaian.capaian(Decimal(56800), Decimal(56000), capaian.HIGHER))
        page.goto(live_server.url + reverse("agreement_detail", args=["inka", 2023]))
        row = page.locator('tr[data-indicator="IKU.7.2"]')
        assert row.locator("td.capaian").inner_text() == f"{expected}%"
        assert row.get_attribute("data-status") == "on_track"
        page.screenshot(path=f"{artifacts_dir}/realisasi-pk-page.png", full_page=True)

        page.goto(live_server.url + reverse("performance_dashboard", args=["inka", 2023]) + "?view=iku")
        page.wait_for_load_state("networkidle")  # no request may still hold a database connection at teardown
        card = page.locator('section[data-indicator="IKU.7.2"]')
        assert card.locator("[data-cumulative-capaian]").get_attribute("data-cumulative-capaian") == expected
        page.screenshot(path=f"{artifacts_dir}/realisasi-dashboard.png", full_page=True)
    except Exception:
        page.screenshot(path=f"{artifacts_dir}/realisasi-failure.png", full_page=True)
        raise
