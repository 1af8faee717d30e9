"""GET /api/v1/agreements/ and /api/v1/objectives/, and an agreement's monitoring table."""

import pytest

from organisation.tests.api import api_as
from performance.tests import factories_monitoring as make


@pytest.fixture
def pk(demo_unit):
    agreement = make.agreement(demo_unit, 2023)
    make.objective(agreement, "SS.2", order=2)
    first = make.objective(agreement, "SS.1", order=1)
    make.indicator(first, "IKU.1", target=100, period_targets=[25] * 4, realisasi=[30, 20])
    make.indicator(first, "IKU.2", target=0, period_targets=[0] * 4, realisasi=[5])
    return agreement


def test_it_lists_the_agreements_of_the_users_agency(pk, anggota_user, outsider, other_unit):
    make.agreement(other_unit, 2023)
    data = api_as(anggota_user).get("/api/v1/agreements/").json()["results"]
    assert [(a["unit"], a["year"], a["on_track_from"]) for a in data] == [("inka", 2023, "100.00")]
    assert [a["unit"] for a in api_as(outsider).get("/api/v1/agreements/").json()["results"]] == ["unit-lain"]
    assert api_as(outsider).get(f"/api/v1/agreements/{pk.pk}/").status_code == 404


def test_it_filters_agreements_by_unit_and_year(pk, anggota_user):
    client = api_as(anggota_user)
    assert len(client.get("/api/v1/agreements/", {"unit": "inka", "year": 2023}).json()["results"]) == 1
    assert client.get("/api/v1/agreements/", {"year": 2022}).json()["results"] == []


def test_it_lists_objectives_in_order(pk, anggota_user, outsider):
    data = api_as(anggota_user).get("/api/v1/objectives/", {"agreement": pk.pk}).json()["results"]
    assert [o["code"] for o in data] == ["SS.1", "SS.2"]
    assert api_as(outsider).get("/api/v1/objectives/").json()["results"] == []


def test_the_monitoring_table_has_every_indicator_with_its_numbers(pk, anggota_user):
    data = api_as(anggota_user).get(f"/api/v1/agreements/{pk.pk}/monitoring/").json()
    assert [(row["code"], row["objective_code"]) for row in data] == [("IKU.1", "SS.1"), ("IKU.2", "SS.1")]
    assert data[0]["cumulative"]["capaian"] == "100.00"
    assert data[0]["year"]["capaian"] == "50.00"
    # A zero target gives no capaian, not an error.
    assert data[1]["year"]["capaian"] is None and data[1]["year"]["status_colour"] is None
    assert (
        api_as(anggota_user)
        .get(f"/api/v1/agreements/{pk.pk}/monitoring/", {"up_to_period": 1})
        .json()[0]["cumulative"]["capaian"]
        == "120.00"
    )
