"""The Laporan Kinerja workbook, opened back: a PK sheet and a capaian sheet holding the selectors' numbers."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from performance.capaian import display
from performance.demo import load_performance_demo
from performance.selectors import indicator_table
from performance.tests.factories_teamwork import small_pk

URL = reverse("performance_report_xlsx", args=["inka", 2023])


@pytest.fixture
def pk2023(demo_unit):
    return small_pk(demo_unit, 2023)


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(BytesIO(response.content))


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def test_it_sends_an_anonymous_visitor_to_sign_in(client, pk2023):
    assert "/accounts/login/" in client.get(URL, {"period": "year"})["Location"]


def test_it_hides_the_report_from_another_agency(client, outsider, pk2023):
    client.force_login(outsider)
    assert client.get(URL, {"period": "year"}).status_code == 404


@pytest.mark.parametrize("query", [{}, {"period": "q9"}, {"period": "tahun"}])
def test_it_answers_400_for_a_bad_period(client, anggota_user, pk2023, query):
    client.force_login(anggota_user)
    assert client.get(URL, query).status_code == 400


def test_the_pk_sheet_lists_every_iku_with_its_target(client, anggota_user, pk2023):
    client.force_login(anggota_user)
    book = workbook(client.get(URL, {"period": "q1"}))
    assert len(book.worksheets) == 2
    pk = book.worksheets[0]
    rows = list(pk.iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[4]) for r in rows] == [("SS.1", "IKU.1"), ("SS.2", "IKU.2"), ("SS.2", "IKU.2.1")]
    assert [as_decimal(r[6]) for r in rows] == [Decimal(400), Decimal(5), Decimal(0)]
    assert rows[1][11] == "PAK, PPA"  # pokja in their order


@pytest.mark.parametrize(("period", "month"), [("q1", 3), ("q2", 6), ("q3", 9), ("q4", 12)])
def test_the_capaian_sheet_holds_the_selectors_cumulative_numbers(client, anggota_user, pk2023, period, month):
    client.force_login(anggota_user)
    sheet = workbook(client.get(URL, {"period": period})).worksheets[1]
    cells = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    for row in indicator_table(pk2023, up_to_month=month):
        line = cells[row.indicator.code]
        summary = row.cumulative
        assert as_decimal(line[3]) == summary.target
        assert as_decimal(line[5]) == summary.realisasi
        assert (display(as_decimal(line[6])) if line[6] is not None else "—") == display(summary.capaian)
        assert line[8] == summary.reported


def test_the_annual_sheet_holds_the_year_numbers(client, anggota_user, pk2023):
    client.force_login(anggota_user)
    sheet = workbook(client.get(URL, {"period": "year"})).worksheets[1]
    cells = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert as_decimal(cells["IKU.1"][6]) == Decimal("52.50")  # 210 of 400; the submitted Q3 value is left out
    assert cells["IKU.2.1"][6] is None  # zero target: no capaian, an empty cell
    for row in indicator_table(pk2023, up_to_month=12):
        line = cells[row.indicator.code]
        assert (as_decimal(line[3]), as_decimal(line[5])) == (row.year.target, row.year.realisasi)


def test_the_demo_pk_workbook_matches_the_selectors(client, anggota_user, demo_unit):
    agreement, _created = load_performance_demo()
    client.force_login(anggota_user)
    sheet = workbook(client.get(URL, {"period": "q3"})).worksheets[1]
    cells = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    table = indicator_table(agreement, up_to_month=9)
    assert len(cells) == len(table) == agreement.indicators.count()
    for row in table:
        value = cells[row.indicator.code][6]
        assert (display(as_decimal(value)) if value is not None else "—") == display(row.cumulative.capaian)
