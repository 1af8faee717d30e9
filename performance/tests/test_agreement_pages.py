"""The PK pages: the list of a unit's agreements, and the PK of a year with its SS by perspective, the IKU
tree and the capaian columns (as performance.selectors computes them), in a constant number of queries."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import Pokja
from performance import capaian, selectors
from performance.models import PeriodTarget, Realisasi
from performance.tests.factories import IndicatorFactory
from performance.tests.fixtures_agreements import *  # noqa: F403


@pytest.fixture
def reader(client, anggota_user):
    client.cookies["django_language"] = "en"
    client.force_login(anggota_user)
    return client


def row_html(content: str, code: str) -> str:
    return re.search(rf'<tr data-indicator="{re.escape(code)}".*?</tr>', content, re.S).group(0)


def test_the_list_shows_the_years(reader, pk2023):
    response = reader.get(reverse("agreement_list", args=["inka"]))
    assert response.status_code == 200
    assert [a.year for a in response.context["agreements"]] == [2026, 2023]


def test_it_groups_the_objectives_by_perspective(reader, pk2023):
    response = reader.get(reverse("agreement_detail", args=["inka", 2023]))
    assert response.status_code == 200
    perspectives = response.context["perspectives"]
    assert [p.label for p in perspectives] == ["Customer perspective", "Internal process perspective"]
    assert [[g.key.code for g in p.groups] for p in perspectives] == [["SS.2"], ["SS.4", "SS.5"]]
    content = response.content.decode()
    assert content.index("SS.2") < content.index("SS.4") < content.index("SS.5")


def test_it_shows_the_indicator_tree_with_its_facts(reader, pk2023):
    content = reader.get(reverse("agreement_detail", args=["inka", 2023])).content.decode()
    assert 'class="sub-indicator"' in row_html(content, "IKU.4.1")
    assert 'class="sub-indicator"' not in row_html(content, "IKU.4")
    row = row_html(content, "IKU.7.2")
    assert "Dokumen" in row and "56000" in row and "PAK" in row
    assert "higher is better" in row and "sum of the periods" in row


def test_the_capaian_columns_are_those_of_the_selectors(reader, pk2023):
    content = reader.get(reverse("agreement_detail", args=["inka", 2023])).content.decode()
    rows = {r.indicator.code: r for r in selectors.indicator_table(pk2023)}
    # IKU.7.2: 15200 + 13100 + 14500 accepted against 3 × 14000 planned: 101.90 %, on track.
    expected = capaian.capaian(Decimal(42800), Decimal(42000), capaian.HIGHER)
    assert rows["IKU.7.2"].cumulative.capaian == expected
    row = row_html(content, "IKU.7.2")
    assert f"{capaian.display(expected)}%" in row and 'data-status="on_track"' in row
    # IKU.6.3: Q3 was returned, so only Q1-Q2 count: 5 of 6.
    assert f"{capaian.display(rows['IKU.6.3'].cumulative.capaian)}%" in row_html(content, "IKU.6.3")
    assert rows["IKU.6.3"].cumulative.realisasi == Decimal(5)


def test_it_can_show_the_cumulative_up_to_a_period(reader, pk2023):
    response = reader.get(reverse("agreement_detail", args=["inka", 2023]), {"up_to": "1"})
    row = row_html(response.content.decode(), "IKU.7.2")
    assert f"{capaian.display(capaian.capaian(Decimal(15200), Decimal(14000), capaian.HIGHER))}%" in row


def test_other_agencies_and_missing_years_are_404(client, pk2023, outsider, anggota_user):
    client.force_login(outsider)
    assert client.get(reverse("agreement_detail", args=["inka", 2023])).status_code == 404
    assert client.get(reverse("agreement_list", args=["inka"])).status_code == 404
    client.force_login(anggota_user)
    assert client.get(reverse("agreement_detail", args=["inka", 2019])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, pk2023):
    response = client.get(reverse("agreement_detail", args=["inka", 2023]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("agreement_detail", args=["inka", 2023])).status_code == 200
    return len(queries)


def test_the_page_takes_the_same_queries_whatever_the_number_of_indicators(reader, pk2023):
    # session, user, unit, the user's employee (is head?), agreement, the years of the unit, then
    # selectors.indicator_table: the indicators with their SS and aggregates (one statement), pokja codes;
    # and the objectives of the agreement.
    assert page_queries(reader) == 9
    objective = pk2023.objectives.last()
    pokja = list(Pokja.objects.filter(unit=pk2023.unit)[:2])
    for n in range(10):
        indicator = IndicatorFactory(agreement=pk2023, objective=objective, code=f"IKU.9.{n}", pokja=pokja)
        PeriodTarget.objects.create(indicator=indicator, period=1, target=3)
        Realisasi.objects.create(indicator=indicator, period=1, value=2, status="accepted")
    assert page_queries(reader) == 9
    content = reader.get(reverse("agreement_detail", args=["inka", 2023])).content.decode()
    assert "IKU.9.9" in content
