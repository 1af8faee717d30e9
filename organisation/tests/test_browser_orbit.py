"""The orbit page in a real Chromium: following a person's links, filtering a pokja, opening a profile."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisation import demo

pytestmark = pytest.mark.browser

KOMANG = demo.demo_nip(0, "2")  # ketua of PAK, also in PDI and PLT


def classes_of(page, selector: str) -> list[list[str]]:
    return page.eval_on_selector_all(selector, "els => els.map(el => Array.from(el.classList))")


def test_pointing_at_a_satellite_highlights_only_its_links(signed_in_page, live_server, demo_unit, artifacts_dir):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}{reverse('orbit', args=['inka'])}")
    page.hover(f'.satellite[data-nip="{KOMANG}"] .body')

    own = classes_of(page, f'.link[data-nip="{KOMANG}"]')
    others = classes_of(page, f'.link:not([data-nip="{KOMANG}"])')
    assert len(own) == 3 and all("is-active" in c for c in own)
    assert others and not any("is-active" in c for c in others)
    assert all("is-active" in c for c in classes_of(page, f'.dock[data-nip="{KOMANG}"]'))
    assert "has-active" in classes_of(page, "svg.orbit-diagram")[0]
    page.screenshot(path=f"{artifacts_dir}/orbit.png", full_page=True)

    page.mouse.move(5, 5)  # away from the drawing
    assert "has-active" not in classes_of(page, "svg.orbit-diagram")[0]
    assert not any("is-active" in c for c in classes_of(page, ".link"))


def test_tabbing_to_a_satellite_highlights_it_too(signed_in_page, live_server, demo_unit):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}{reverse('orbit', args=['inka'])}")
    page.focus(".orbit-downloads a:last-child")
    page.keyboard.press("Tab")  # the head in the centre
    page.keyboard.press("Tab")  # the first satellite
    nip = page.evaluate("document.activeElement.querySelector('.satellite').dataset.nip")
    assert nip == KOMANG  # the ketua of the first pokja sits first
    assert all("is-active" in c for c in classes_of(page, f'.link[data-nip="{nip}"]'))
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.querySelector('.satellite').dataset.nip")
    assert second != nip
    assert not any("is-active" in c for c in classes_of(page, f'.link[data-nip="{nip}"]'))
    assert all("is-active" in c for c in classes_of(page, f'.link[data-nip="{second}"]'))


def test_choosing_a_pokja_keeps_only_its_ring(signed_in_page, live_server, demo_unit, artifacts_dir):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}{reverse('orbit', args=['inka'])}")
    expect(page.locator(".orbit-diagram .ring")).to_have_count(7)
    page.select_option("#orbit-pokja", "PDI")
    expect(page.locator(".orbit-diagram .ring")).to_have_count(1)
    assert page.get_attribute(".orbit-diagram .ring", "data-pokja") == "PDI"
    assert set(page.eval_on_selector_all(".orbit-diagram .link", "els => els.map(el => el.dataset.pokja)")) == {"PDI"}
    assert "pokja=PDI" in page.url  # the filtered view can be bookmarked
    assert "pokja=PDI" in page.get_attribute(".orbit-downloads a[href*='orbit.png']", "href")
    page.screenshot(path=f"{artifacts_dir}/orbit-pdi.png", full_page=True)


def test_clicking_a_satellite_opens_the_profile(signed_in_page, live_server, demo_unit):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}{reverse('orbit', args=['inka'])}")
    page.click(f'.satellite[data-nip="{KOMANG}"] .body')
    page.wait_for_url(f"{live_server.url}{reverse('employee_detail', args=['inka', KOMANG])}")
