"""The dashboard in a real Chromium: switching views with htmx, sharing it, opening and revoking the link."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisation.models import Pokja
from performance.tests import factories_monitoring as make

pytestmark = pytest.mark.browser


@pytest.fixture
def pk(demo_unit):
    agreement = make.agreement(demo_unit, 2023)
    ss = make.objective(agreement, "SS.1")
    pak, pdi = Pokja.objects.get(unit=demo_unit, code="PAK"), Pokja.objects.get(unit=demo_unit, code="PDI")
    make.indicator(ss, "IKU.1", target=100, period_targets=[25] * 4, realisasi=[30, 20, 10], pokja=[pak])
    make.indicator(ss, "IKU.2", target=10, period_targets=[10] * 4, realisasi=[5], pokja=[pdi])
    return agreement


def test_the_head_shares_the_dashboard_and_revokes_the_link(signed_in_page, live_server, pk, artifacts_dir):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}{reverse('performance_dashboard', args=['inka', 2023])}")
    expect(page.locator('tr[data-indicator="IKU.1"]')).to_have_attribute("data-cumulative-capaian", "80.00")

    # The pokja view comes in through htmx: same page, new body, bookmarkable URL.
    page.evaluate("window.stayedOnPage = true")
    page.click('.dashboard-tabs a[data-view="pokja"]')
    expect(page.locator('[data-dashboard-view="pokja"]')).to_be_visible()
    expect(page.locator('[data-pokja="PDI"] [data-indicator="IKU.2"]')).to_have_attribute("data-status", "behind")
    assert page.evaluate("window.stayedOnPage") is True
    assert "view=pokja" in page.url

    page.click("#share-links summary")
    page.fill("#id_label", "Pimpinan")
    page.click('[data-action="create-share-link"]')
    row = page.locator("tr[data-share-link]")
    expect(row).to_have_count(1)
    url = row.locator("input[data-share-url]").input_value()
    assert url.startswith(f"{live_server.url}/share/performance/")

    visitor = page.context.browser.new_context()  # not signed in
    try:
        public = visitor.new_page()
        response = public.goto(url)
        assert response.status == 200
        expect(public.locator('tr[data-indicator="IKU.1"]')).to_be_visible()
        expect(public.locator("#share-links")).to_have_count(0)
        public.click('.dashboard-tabs a[data-view="iku"]')
        expect(public.locator('[data-indicator="IKU.1"] svg[data-chart="trend"]')).to_be_visible()
        public.screenshot(path=f"{artifacts_dir}/dashboard-shared.png", full_page=True)

        row.locator('[data-action="revoke"]').click()
        expect(page.locator("tr[data-share-link]")).to_have_count(0)

        response = public.goto(url)
        assert response.status == 410
        expect(public.locator('[data-share="gone"]')).to_be_visible()
        expect(public.locator("[data-indicator]")).to_have_count(0)
        public.screenshot(path=f"{artifacts_dir}/dashboard-share-revoked.png")
    finally:
        visitor.close()
