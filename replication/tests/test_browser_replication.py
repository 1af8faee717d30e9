"""Replicating a structure in a real Chromium: agency A's head downloads the template, agency B's admin
uploads it, sees the preview, confirms and lands on the new unit's page with its pokja."""

import pytest

from organisation.models import Unit, User

pytestmark = pytest.mark.browser

PASSWORD = "secret-pass-123"  # the UserFactory password of agency B's admin


def test_an_admin_of_another_agency_replicates_the_demo_unit(
    signed_in_page, live_server, source_unit, admin_b, tmp_path, artifacts_dir
):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}/units/inka/")
    with page.expect_download() as download:
        page.click("#download-template")
    template = tmp_path / "inka.json"
    download.value.save_as(template)
    page.context.clear_cookies()

    page = signed_in_page(admin_b.username, PASSWORD)
    page.goto(f"{live_server.url}/units/")
    page.click("#new-unit-from-template")
    page.set_input_files("input[type=file]", str(template))
    page.fill("input[name=name]", "Bidang Informasi Kepegawaian Kabupaten")
    page.fill("input[name=slug]", "kab-info")
    page.fill("input[name=year]", "2026")
    page.click("#template-preview")
    page.wait_for_load_state()

    assert page.locator("#template-summary").get_attribute("data-pokja") == "7"
    assert page.locator("#template-pokja tbody tr").count() == 7
    assert "Mengelola arsip fisik" in page.locator('#template-pokja tr[data-pokja="PAK"]').inner_text()
    assert not Unit.objects.filter(slug="kab-info").exists()
    page.screenshot(path=f"{artifacts_dir}/replication-preview.png", full_page=True)

    page.click("#template-confirm")
    page.wait_for_url(f"{live_server.url}/units/kab-info/")

    assert page.locator(".messages li.success").is_visible()
    cards = page.locator(".pokja-card")
    assert cards.count() == 7
    assert [cards.nth(i).get_attribute("data-pokja") for i in range(7)] == [
        "PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA",
    ]  # fmt: skip
    assert Unit.objects.get(slug="kab-info").agency_id == admin_b.agency_id
    assert User.objects.get(username="kepala").agency_id != admin_b.agency_id


def test_a_broken_template_shows_its_problems_in_the_browser(signed_in_page, live_server, admin_b, tmp_path):
    template = tmp_path / "rusak.json"
    template.write_text('{"format": "orbit.unit-template", "version": 1, "unit": {}, "functions": [], "pokja": 3}')
    page = signed_in_page(admin_b.username, PASSWORD)
    page.goto(f"{live_server.url}/units/new-from-template/")
    page.set_input_files("input[type=file]", str(template))
    page.fill("input[name=name]", "Bidang Baru")
    page.fill("input[name=slug]", "bidang-baru")
    page.click("#template-preview")
    page.wait_for_load_state()

    problems = page.locator("#template-problems li")
    assert problems.count() == 2  # unit.name missing, pokja not a list
    assert page.locator("#template-confirm").count() == 0
    assert page.input_value("input[name=name]") == "Bidang Baru"
    assert not Unit.objects.filter(slug="bidang-baru").exists()
