"""GET /api/v1/indicators/: scoped reads; the detail carries the selectors' monitoring numbers."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisation.models import Pokja
from organisation.tests.api import api_as
from performance import capaian as rules
from performance.models import Realisasi
from performance.tests import factories_monitoring as make

LIST = "/api/v1/indicators/"


@pytest.fixture
def pk(demo_unit):
    agreement = make.agreement(demo_unit, 2023)
    ss = make.objective(agreement, "SS.1")
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")
    make.indicator(
        ss, "IKU.1", target=100, period_targets=[25, 25, 25, 25],
        realisasi=[30, 20, (99, Realisasi.Status.SUBMITTED)], pokja=[pak],
    )  # fmt: skip
    make.indicator(
        ss, "IKU.2", target=80, target_upper=90, polarity=rules.RANGE, aggregation=rules.LAST,
        period_targets=[80] * 4, upper_targets=[90] * 4, realisasi=[60, 99],
    )  # fmt: skip
    return agreement


def test_it_lists_the_indicators_of_the_users_agency(pk, anggota_user, outsider):
    response = api_as(anggota_user).get(LIST, {"year": 2023})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(i["code"], i["objective_code"], i["pokja"]) for i in results] == [
        ("IKU.1", "SS.1", ["PAK"]),
        ("IKU.2", "SS.1", []),
    ]
    assert results[1]["target"] == "80.00" and results[1]["target_upper"] == "90.00"
    assert api_as(outsider).get(LIST).json()["results"] == []
    assert api_as(outsider).get(f"{LIST}{results[0]['id']}/").status_code == 404


def test_anonymous_callers_are_refused(pk):
    assert api_as(None).get(LIST).status_code == 401


def test_it_filters_by_pokja_and_unit(pk, anggota_user):
    client = api_as(anggota_user)
    assert [i["code"] for i in client.get(LIST, {"pokja": "pak"}).json()["results"]] == ["IKU.1"]
    assert client.get(LIST, {"unit": "other"}).json()["results"] == []


def test_the_detail_has_target_realisasi_and_capaian_per_period_cumulative_and_year(pk, anggota_user):
    iku1 = pk.indicators.get(code="IKU.1")
    data = api_as(anggota_user).get(f"{LIST}{iku1.pk}/").json()
    assert [(p["period"], p["target"], p["realisasi"], p["capaian"]) for p in data["periods"]] == [
        (1, "25.00", "30.00", "120.00"),
        (2, "25.00", "20.00", "80.00"),
        (3, "25.00", None, None),
        (4, "25.00", None, None),
    ]
    assert data["periods"][2]["pending"] == "99.00"
    assert data["periods"][0]["status_colour"] == "on_track"
    assert data["periods"][1]["status_colour"] == "at_risk"
    assert data["cumulative"] == {
        "period": 2, "target": "50.00", "target_upper": None, "realisasi": "50.00", "capaian": "100.00",
        "status_colour": "on_track", "reported": 2,
    }  # fmt: skip
    assert data["year"]["capaian"] == "50.00" and data["year"]["period"] is None


def test_the_detail_rounds_capaian_like_the_reports(pk, anggota_user):
    iku2 = pk.indicators.get(code="IKU.2")
    data = api_as(anggota_user).get(f"{LIST}{iku2.pk}/").json()
    # Range 80-90: Q1 60 is below (60/80), Q2 99 above (2 - 99/90); the last value (99) for the year.
    assert data["periods"][0]["capaian"] == rules.display(rules.capaian(D(60), D(80), rules.RANGE, D(90)))
    assert data["periods"][1]["capaian"] == "90.00"
    assert data["year"]["realisasi"] == "99.00"
    assert data["year"]["capaian"] == "90.00"


def test_the_detail_accumulates_to_a_requested_period(pk, anggota_user):
    iku1 = pk.indicators.get(code="IKU.1")
    client = api_as(anggota_user)
    data = client.get(f"{LIST}{iku1.pk}/", {"up_to_period": 1}).json()
    assert (data["cumulative"]["period"], data["cumulative"]["capaian"]) == (1, "120.00")
    assert client.get(f"{LIST}{iku1.pk}/", {"up_to_period": "13"}).status_code == 400
    assert client.get(f"{LIST}{iku1.pk}/", {"up_to_period": "x"}).status_code == 400


def test_the_list_reads_in_a_fixed_number_of_queries(pk, anggota_user):
    client = api_as(anggota_user)
    counts = []
    for extra in (0, 10):
        for n in range(extra):
            make.indicator(pk.objectives.get(), f"IKU.X{extra}.{n}", target=1, pokja=list(Pokja.objects.all()[:2]))
        with CaptureQueriesContext(connection) as queries:
            # count, indicators with objective, parent and agreement, their pokja
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts == [3, 3]


def test_writes_are_not_offered(pk, head_user):
    iku1 = pk.indicators.get(code="IKU.1")
    client = api_as(head_user)
    assert client.post(LIST, {"code": "IKU.9"}).status_code == 405
    assert client.patch(f"{LIST}{iku1.pk}/", {"target": "1"}).status_code == 405
    assert client.delete(f"{LIST}{iku1.pk}/").status_code == 405
