"""Importing employees in a real Chromium: upload, preview, confirm; and a bad file that imports nothing."""

import pytest

from organisation.models import Employee, Membership

pytestmark = pytest.mark.browser

NIP_A = "198001012005011001"
NIP_B = "198502152010122002"


def open_import_page(signed_in_page, live_server):
    page = signed_in_page("kepala")
    page.goto(f"{live_server.url}/units/inka/import/")
    return page


def upload(page, path, start="2024-07-01"):
    page.set_input_files("input[type=file]", str(path))
    page.fill("input[name=start]", start)
    page.click("#import-preview")
    page.wait_for_load_state()


def test_the_head_previews_and_confirms_an_import(signed_in_page, live_server, demo_unit, tmp_path, artifacts_dir):
    sheet = tmp_path / "pegawai.csv"
    sheet.write_text(
        f"NIP;NAMA;JABATAN;POKJA;PERAN\n{NIP_A};Ani Lestari;Pranata Komputer;PDK, PAK;\n"
        f"{NIP_B};Budi Santoso;Arsiparis;PDA;anggota\n",
        encoding="utf-8",
    )
    page = open_import_page(signed_in_page, live_server)

    upload(page, sheet)

    rows = page.locator("#import-preview-table tbody tr")
    assert rows.count() == 2
    assert "Ani Lestari" in rows.nth(0).inner_text() and "PAK" in rows.nth(0).inner_text()
    assert "PPA" in rows.nth(1).inner_text()
    assert not Employee.objects.filter(nip=NIP_A).exists()
    page.screenshot(path=f"{artifacts_dir}/import-preview.png", full_page=True)

    page.click("#import-confirm")
    page.wait_for_url(f"{live_server.url}/units/inka/")

    assert page.locator(".messages li.success").is_visible()
    assert "2" in page.locator(".messages li.success").inner_text()
    assert Membership.objects.filter(employee__nip__in=[NIP_A, NIP_B]).count() == 3


def test_a_bad_file_shows_its_line_errors_and_imports_nothing(signed_in_page, live_server, demo_unit, tmp_path):
    sheet = tmp_path / "salah.csv"
    sheet.write_text(f"NIP,NAMA,POKJA\n{NIP_A},Ani,PDK\n\n12345,Salah,XYZ\n", encoding="utf-8")
    employees = Employee.objects.count()
    page = open_import_page(signed_in_page, live_server)

    upload(page, sheet)

    errors = page.locator("#import-errors tbody tr")
    assert errors.count() == 2
    assert [errors.nth(i).locator("td").first.inner_text() for i in range(2)] == ["4", "4"]
    assert "XYZ" in errors.nth(1).inner_text()
    assert page.locator("#import-confirm").count() == 0
    assert page.input_value("input[name=start]") == "2024-07-01"
    assert Employee.objects.count() == employees
