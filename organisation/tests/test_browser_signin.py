"""Signing in, landing on one's unit, switching language: in a real Chromium."""

import pytest

from organisation.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_a_member_signs_in_and_lands_on_the_unit(page, live_server, demo_unit, artifacts_dir):
    page.goto(f"{live_server.url}/units/inka/")
    assert "/accounts/login/" in page.url  # sent to sign in first
    page.fill("#id_username", "anggota")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("#sign-in")
    page.wait_for_url(f"{live_server.url}/units/inka/")
    assert page.locator("h1").inner_text() == "Bidang Informasi Kepegawaian"
    assert page.locator(".pokja-card").count() == 7
    page.screenshot(path=f"{artifacts_dir}/unit.png", full_page=True)


def test_a_wrong_password_shows_an_error_and_keeps_the_username(page, live_server, demo_unit):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "anggota")
    page.fill("#id_password", "wrong-password")
    page.click("#sign-in")
    assert page.locator("[role=alert]").is_visible()
    assert page.input_value("#id_username") == "anggota"


def test_the_interface_is_indonesian_by_default_and_switches_to_english(signed_in_page, live_server, demo_unit):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}/units/inka/health/")
    assert "Kesehatan struktur" in page.locator("h1").inner_text()
    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert "Structure health" in page.locator("h1").inner_text()
    assert page.url.endswith("/units/inka/health/")
