"""The Laporan Kinerja PDF, opened back: cover, PK, capaian table with the selectors' numbers, page numbers."""

import io
import re

import pypdf
import pytest
from django.urls import reverse

from performance.capaian import display
from performance.demo import load_performance_demo
from performance.selectors import indicator_table
from performance.tests.factories_teamwork import small_pk

URL = reverse("performance_report_pdf", args=["inka", 2023])


@pytest.fixture
def pk2023(demo_unit):
    return small_pk(demo_unit, 2023)


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def pages_of(response) -> list[str]:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages]


def capaian_rows(pages: list[str], codes: list[str]) -> dict[str, str]:
    """The text of each IKU's row in the capaian table: from its code to the next code (or the table's end)."""
    text = "\n".join(pages)
    start = text.index("Capaian (%)")
    table = text[start : text.index("Status thresholds", start)]
    rows, position = {}, 0
    starts = []
    for code in codes:
        position = re.search(rf"(?m)^\d+ {re.escape(code)} ", table[position:]).start() + position
        starts.append(position)
        position += 1
    for code, begin, end in zip(codes, starts, starts[1:] + [len(table)], strict=True):
        rows[code] = table[begin:end]
    return rows


def test_it_sends_an_anonymous_visitor_to_sign_in(client, pk2023):
    assert "/accounts/login/" in client.get(URL, {"period": "q1"})["Location"]


def test_it_hides_the_report_from_another_agency(client, outsider, pk2023):
    client.force_login(outsider)
    assert client.get(URL, {"period": "q1"}).status_code == 404


@pytest.mark.parametrize("period", ["", "q5", "Q0", "2023", "semester"])
def test_it_answers_400_for_a_bad_period(client, anggota_user, pk2023, period):
    client.force_login(anggota_user)
    assert client.get(URL, {"period": period}).status_code == 400


def test_it_answers_404_for_a_year_without_a_pk(client, anggota_user, pk2023):
    client.force_login(anggota_user)
    assert client.get(reverse("performance_report_pdf", args=["inka", 2030]), {"period": "q1"}).status_code == 404


def test_the_quarter_report_has_a_cover_numbered_pages_and_the_selectors_numbers(english, anggota_user, pk2023):
    english.force_login(anggota_user)
    response = english.get(URL, {"period": "q3"})
    assert "laporan-kinerja-inka-2023-q3.pdf" in response["Content-Disposition"]
    pages = pages_of(response)
    cover = pages[0]
    assert "PERFORMANCE REPORT" in cover and "QUARTER III YEAR 2023" in cover
    assert "BIDANG INFORMASI KEPEGAWAIAN" in cover and "KANTOR REGIONAL X BKN DENPASAR" in cover
    assert not cover.strip().endswith("1")  # the cover carries no page number
    for number, text in enumerate(pages[1:], start=2):
        assert text.strip().splitlines()[-1].strip() == str(number)
    table = indicator_table(pk2023, up_to_month=9)
    rows = capaian_rows(pages, [row.indicator.code for row in table])
    for row in table:
        summary = row.cumulative
        for value in [summary.target, summary.realisasi, summary.capaian]:
            assert display(value) in rows[row.indicator.code]
    # IKU.1: 210 of 300 to date = 70.00 (behind); IKU.2.1 has a zero target: no capaian
    assert "300.00 210.00 70.00 behind" in rows["IKU.1"]
    assert "— —" in rows["IKU.2.1"]


def test_the_annual_report_uses_the_year_numbers(english, anggota_user, pk2023):
    english.force_login(anggota_user)
    pages = pages_of(english.get(URL, {"period": "year"}))
    assert "YEAR 2023" in pages[0] and "QUARTER" not in pages[0]
    table = indicator_table(pk2023, up_to_month=12)
    rows = capaian_rows(pages, [row.indicator.code for row in table])
    for row in table:
        assert f"{display(row.year.realisasi)} {display(row.year.capaian)}" in rows[row.indicator.code]
    assert "400.00 210.00 52.50 behind" in rows["IKU.1"]  # the submitted Q3 value does not count


def test_the_demo_pk_report_lists_every_iku_with_its_capaian(english, anggota_user, demo_unit):
    agreement, _created = load_performance_demo()
    english.force_login(anggota_user)
    pages = pages_of(english.get(URL, {"period": "q2"}))
    text = "\n".join(pages)
    table = indicator_table(agreement, up_to_month=6)
    assert len(table) == agreement.indicators.count() > 10
    pk_chapter = text[text.index("CHAPTER I") : text.index("CHAPTER II")]
    rows = capaian_rows(pages, [row.indicator.code for row in table])
    for row in table:
        assert row.indicator.code in pk_chapter
        assert display(row.cumulative.capaian) in rows[row.indicator.code]
