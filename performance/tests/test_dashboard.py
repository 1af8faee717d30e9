"""The monitoring dashboard: per SS, IKU, pokja and person, filters, htmx partials, access and query counts."""

import datetime
from decimal import Decimal as D

import pytest
import tinyhtml5
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from organisation.models import Membership, Pokja
from organisation.tests.factories import EmployeeFactory
from performance import capaian as rules
from performance.models import Indicator, Realisasi
from performance.services import share_links
from performance.tests import factories_monitoring as make

URL = "/units/inka/performance/2023/dashboard/"
PENDING = Realisasi.Status.SUBMITTED


def html(response):
    return tinyhtml5.parse(response.content.decode(), namespace_html_elements=False)


def find(root, **attrs):
    """Elements (HTML or SVG) whose data-* attributes have the given values: data_indicator="IKU.1"."""
    path = "".join(f"[@{name.replace('_', '-')}='{value}']" for name, value in attrs.items())
    return root.findall(f".//*{path}")


@pytest.fixture
def pk(demo_unit):
    """PK 2023 of the demo unit: SS.1 with IKU.1 (PAK, sum) and IKU.2 (PDI, lower is better), SS.2 empty."""
    agreement = make.agreement(demo_unit, 2023)
    ss1, _ss2 = make.objective(agreement, "SS.1", 1), make.objective(agreement, "SS.2", 2)
    pak, pdi = Pokja.objects.get(unit=demo_unit, code="PAK"), Pokja.objects.get(unit=demo_unit, code="PDI")
    make.indicator(
        ss1, "IKU.1", target=100, period_targets=[25, 25, 25, 25], realisasi=[30, 20, (99, "submitted")], pokja=[pak]
    )
    make.indicator(
        ss1, "IKU.2", target=10, polarity=rules.LOWER, aggregation=rules.AVERAGE,
        period_targets=[10, 10, 10, 10], realisasi=[15], pokja=[pdi],
    )  # fmt: skip
    return agreement


def test_it_needs_a_login(client, pk):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_is_a_404_for_another_agency(client, pk, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    assert client.get("/units/inka/performance/dashboard/").status_code == 404


def test_it_is_a_404_for_a_year_without_agreement(client, pk, anggota_user):
    client.force_login(anggota_user)
    assert client.get("/units/inka/performance/2019/dashboard/").status_code == 404


def test_it_shows_each_objective_with_its_indicators_and_capaian(client, pk, anggota_user):
    client.force_login(anggota_user)
    root = html(client.get(URL))
    assert [
        el.get("data-objective") for el in find(root, data_dashboard_view="ss")[0].iter() if el.get("data-objective")
    ] == [
        "SS.1",
        "SS.2",
    ]
    [iku1] = find(root, data_indicator="IKU.1")
    # Q1 + Q2 accepted (50) against 50 to date; the submitted Q3 is not counted; year 50 / 100.
    assert iku1.get("data-cumulative-capaian") == "100.00"
    assert iku1.get("data-year-capaian") == "50.00"
    assert iku1.get("data-status") == "on_track"
    [iku2] = find(root, data_indicator="IKU.2")
    assert iku2.get("data-cumulative-capaian") == "50.00"  # (2 - 15/10) × 100
    assert iku2.get("data-status") == "behind"
    [counts] = find(find(root, data_objective="SS.1")[0], data_on_track="1")
    assert (counts.get("data-behind"), counts.get("data-no-data")) == ("1", "0")


def test_it_shows_the_latest_agreement_by_default(client, pk, anggota_user):
    newer = make.agreement(pk.unit, 2024)
    make.indicator(make.objective(newer, "SS.9"), "IKU.24", target=1)
    client.force_login(anggota_user)
    root = html(client.get("/units/inka/performance/dashboard/"))
    assert find(root, data_indicator="IKU.24")
    assert not find(root, data_indicator="IKU.1")


def test_it_says_so_when_the_unit_has_no_agreement(client, demo_unit, anggota_user):
    client.force_login(anggota_user)
    response = client.get("/units/inka/performance/dashboard/")
    assert response.status_code == 200
    assert find(html(response), data_empty="agreements")


def test_the_indicator_view_has_period_cells_and_a_trend_chart(client, pk, anggota_user):
    client.force_login(anggota_user)
    root = html(client.get(URL + "?view=iku"))
    [card] = find(root, data_indicator="IKU.1")
    capaian = [cell.get("data-capaian") for cell in card.iter() if cell.get("data-capaian")]
    assert capaian == ["120.00", "80.00", "—", "—"]
    [chart] = find(card, data_chart="trend")
    assert chart.get("data-targets") == "25.00,25.00,25.00,25.00"
    assert chart.get("data-realisasi") == "30.00,20.00,,"
    bars = find(chart, data_series="realisasi")
    assert [(bar.get("data-period"), D(bar.get("data-value"))) for bar in bars] == [("1", D(30)), ("2", D(20))]
    assert len(find(chart, data_series="target")) == 4
    assert "(99?)" in "".join(card.itertext())  # the submitted Q3 shows as pending


def test_the_pokja_view_lists_each_pokjas_indicators_with_their_status(client, pk, ketua_user):
    client.force_login(ketua_user)
    root = html(client.get(URL + "?view=pokja"))
    [pak] = find(root, data_pokja="PAK")
    assert [(el.get("data-indicator"), el.get("data-status")) for el in find(pak, data_status="on_track")] == [
        ("IKU.1", "on_track")
    ]
    [pdi] = find(root, data_pokja="PDI")
    assert [el.get("data-indicator") for el in pdi.iter() if el.get("data-indicator")] == ["IKU.2"]
    [ppa] = find(root, data_pokja="PPA")
    assert not [el for el in ppa.iter() if el.get("data-indicator")]


def test_the_person_view_lists_the_indicators_of_each_persons_pokja(client, pk, head_user):
    client.force_login(head_user)
    root = html(client.get(URL + "?view=person"))
    member = Membership.objects.filter(pokja__code="PAK").select_related("employee").first().employee
    rows = [
        tr for tr in find(root, data_dashboard_view="person")[0].iter("tr") if member.name in "".join(tr.itertext())
    ]
    assert rows
    statuses = {
        el.get("data-status"): el.get("data-indicators").split() for el in find(rows[0], data_status="on_track")
    }
    assert "IKU.1" in statuses["on_track"]
    assert member.email not in html_text(root)


def html_text(root) -> str:
    return "".join(root.itertext())


def people(root) -> dict[str, list]:
    """The person view's rows by name: [name cell, position, pokja, indicators by status]."""
    rows = find(root, data_dashboard_view="person")[0].iter("tr")
    cells = [list(tr.iter("td")) for tr in rows if tr.get("data-person")]
    return {"".join(row[0].itertext()): row for row in cells}


def test_the_person_view_takes_the_memberships_in_force_at_the_end_of_the_year(client, pk, head_user):
    leaver = Membership.objects.filter(pokja__unit=pk.unit, pokja__code="PAK").select_related("employee").first()
    Membership.objects.filter(pk=leaver.pk).update(valid_to=datetime.date(2023, 6, 30))  # left PAK in June
    newcomer = EmployeeFactory(unit=pk.unit, name="Zaenal Pendatang")  # in no pokja
    client.force_login(head_user)
    rows = people(html(client.get(URL + "?view=person")))

    _name, _position, pokja, statuses = rows[leaver.employee.name]
    assert "PAK" not in "".join(pokja.itertext()).split(", ")
    assert "IKU.1" not in " ".join(el.get("data-indicators") for el in statuses.iter() if el.get("data-indicators"))
    name, _position, pokja, statuses = rows[newcomer.name]
    assert ("".join(pokja.itertext()), "".join(statuses.itertext())) == ("—", "—")
    assert [a.get("href") for a in name.iter("a")] == [f"/units/inka/people/{newcomer.nip}/"]


def test_people_on_a_shared_dashboard_are_not_links(client, pk, head_user):
    link = share_links.create_share_link(
        actor=head_user, agreement=pk, label="", expires_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    root = html(client.get(reverse("performance_share", args=[share_links.signed_token(link)]) + "?view=person"))
    rows = people(root)
    assert len(rows) > 5
    assert not [a for name, *_rest in rows.values() for a in name.iter("a")]


def test_the_pokja_filter_narrows_the_indicators(client, pk, anggota_user):
    client.force_login(anggota_user)
    root = html(client.get(URL + "?view=iku&pokja=pdi"))
    assert [el.get("data-indicator") for el in root.iter("section") if el.get("data-indicator")] == ["IKU.2"]


def test_the_month_filter_accumulates_to_that_month(client, pk, anggota_user):
    client.force_login(anggota_user)
    root = html(client.get(URL + "?month=3"))  # Q1 only: 30 / 25
    [iku1] = find(root, data_indicator="IKU.1")
    assert iku1.get("data-cumulative-capaian") == "120.00"


@pytest.mark.parametrize("query", ["?view=chart", "?month=13", "?month=x", "?pokja=NOPE"])
def test_it_rejects_unknown_filters(client, pk, anggota_user, query):
    client.force_login(anggota_user)
    assert client.get(URL + query).status_code == 400


def test_an_htmx_request_gets_only_the_dashboard_body(client, pk, anggota_user):
    client.force_login(anggota_user)
    response = client.get(URL + "?view=pokja", headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'data-dashboard-view="pokja"' in body
    assert 'hx-get="/units/inka/performance/2023/dashboard/?view=iku"' in body


def test_only_managers_see_the_share_panel(client, pk, anggota_user, head_user):
    client.force_login(anggota_user)
    assert b'id="share-links"' not in client.get(URL).content
    client.force_login(head_user)
    assert b'id="share-links"' in client.get(URL).content


def grow(agreement, total: int) -> None:
    ss = agreement.objectives.first()
    pokja = list(Pokja.objects.filter(unit=agreement.unit))
    while (count := Indicator.objects.filter(agreement=agreement).count()) < total:
        make.indicator(
            ss, f"IKU.Q{count}", target=100, period_targets=[25] * 4, realisasi=[20, 30, (10, PENDING)],
            pokja=pokja[count % 3 : count % 3 + 2],
        )  # fmt: skip


@pytest.mark.parametrize(
    ("view", "queries"),
    [
        # session, user, unit, employee of the user (head check), agreement, years, pokja of the filter,
        # the indicators with their SS and aggregates (one statement), pokja codes; SS: objectives
        ("ss", 10),
        ("iku", 9),
        ("pokja", 9),
        # person: the memberships in force (as pairs of ids) and the employees
        ("person", 11),
    ],
)
def test_its_query_count_does_not_grow_with_the_indicators(client, pk, anggota_user, view, queries):
    client.force_login(anggota_user)
    counts = []
    for total in (5, 50):
        grow(pk, total)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{URL}?view={view}")
        assert response.status_code == 200
        assert "IKU.1" in "".join(find(html(response), data_dashboard_view=view)[0].itertext())
        counts.append(len(captured))
    assert counts == [queries, queries]


def test_the_indicator_view_shows_twenty_indicators_a_page(client, pk, anggota_user):
    grow(pk, 25)
    client.force_login(anggota_user)
    first = html(client.get(URL + "?view=iku"))
    second = html(client.get(URL + "?view=iku&page=2"))
    codes = [
        el.get("data-indicator") for root in (first, second) for el in root.iter("section") if el.get("data-indicator")
    ]
    assert len(codes) == len(set(codes)) == 25
    assert [el.get("data-page") for el in find(first, data_page="2")] == ["2"]
    assert len(find(second, data_chart="trend")) == 5
