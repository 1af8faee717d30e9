"""The report downloads page: one PDF and one XLSX link per quarter and for the year."""

import pytest
from django.urls import reverse

from performance.tests.factories_teamwork import small_pk

URL = reverse("performance_report", args=["inka", 2023])


@pytest.fixture
def pk2023(demo_unit):
    return small_pk(demo_unit, 2023)


def test_it_sends_an_anonymous_visitor_to_sign_in(client, pk2023):
    assert "/accounts/login/" in client.get(URL)["Location"]


def test_it_hides_the_page_from_another_agency(client, outsider, pk2023):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_it_links_every_period_as_pdf_and_xlsx_and_the_links_work(client, anggota_user, pk2023):
    client.force_login(anggota_user)
    page = client.get(URL).content.decode()
    for key in ["q1", "q2", "q3", "q4", "year"]:
        assert f'data-period="{key}"' in page
        for name in ["performance_report_pdf", "performance_report_xlsx"]:
            link = f"{reverse(name, args=['inka', 2023])}?period={key}"
            assert f'href="{link}"' in page
    assert client.get(f"{reverse('performance_report_xlsx', args=['inka', 2023])}?period=q4").status_code == 200
