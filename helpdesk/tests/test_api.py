"""Helpdesk API: scoped ticket and category lists (query counts), the IKM summary, the OpenAPI schema."""

import datetime

import pytest
from rest_framework.test import APIClient

from helpdesk.models import Survey
from helpdesk.tests.factories import make_ticket
from organisation.tests.api import api_as


def test_staff_list_their_agencys_tickets_newest_first(siasn, anggota_user, outsider, django_assert_num_queries):
    for _ in range(3):
        make_ticket(siasn)
    client = api_as(anggota_user)
    # count, the page with unit, category, pokja and assignee
    with django_assert_num_queries(2):
        body = client.get("/api/v1/helpdesk/tickets/").json()
    assert [t["number"] for t in body["results"]] == [3, 2, 1]
    first = body["results"][0]
    assert first["reference"] == "HD-000003" and first["pokja"] == "PIA" and first["category"] == "integrasi-siasn"
    assert "tracking_token" not in first and "requester_email" not in first
    assert api_as(outsider).get("/api/v1/helpdesk/tickets/").json()["count"] == 0


def test_tickets_filter_by_status_and_pokja(siasn, arsip, anggota_user):
    make_ticket(siasn)
    make_ticket(arsip)
    client = api_as(anggota_user)
    assert client.get("/api/v1/helpdesk/tickets/", {"pokja": "pak"}).json()["count"] == 1
    assert client.get("/api/v1/helpdesk/tickets/", {"status": "selesai"}).json()["count"] == 0


def test_the_api_is_read_only(siasn, head_user):
    ticket = make_ticket(siasn)
    client = api_as(head_user)
    assert client.patch(f"/api/v1/helpdesk/tickets/{ticket.pk}/", {"status": "ditutup"}).status_code == 405
    assert client.post("/api/v1/helpdesk/categories/", {}).status_code == 405


def test_anonymous_calls_get_401(siasn):
    assert APIClient().get("/api/v1/helpdesk/tickets/").status_code == 401
    assert APIClient().get("/api/v1/units/inka/ikm/").status_code == 401


def test_categories_list_the_units_services(siasn, arsip, anggota_user):
    body = api_as(anggota_user).get("/api/v1/helpdesk/categories/", {"unit": "inka"}).json()
    assert {(c["slug"], c["pokja"]) for c in body["results"]} == {
        ("integrasi-siasn", "PIA"),
        ("permintaan-arsip", "PAK"),
    }


@pytest.fixture
def answers(demo_unit, siasn):
    for day, scores in [(1, [4] * 9), (2, [3, 4, 3, 4, 3, 4, 3, 4, 3]), (3, [4] * 9)]:
        Survey.objects.create(
            unit=demo_unit,
            date=datetime.date(2025, 5, day),
            pokja=siasn.pokja,
            category=siasn,
            **{f"u{i}": s for i, s in enumerate(scores, start=1)},
        )


def test_the_ikm_summary_follows_the_regulation(answers, anggota_user):
    response = api_as(anggota_user).get("/api/v1/units/inka/ikm/", {"from": "2025-05-01", "to": "2025-05-31"})
    assert response.status_code == 200
    body = response.json()
    assert body["respondents"] == 3
    assert [e["code"] for e in body["elements"]] == [f"U{i}" for i in range(1, 10)]
    assert body["elements"][0]["nrr"] == pytest.approx(3.6667) and body["elements"][1]["nrr"] == 4.0
    # Σ NRR = 5 × 11/3 + 4 × 4 = 103/3 → index 103/27 = 3.8148…, score 2575/27 = 95.370… → 95.37.
    assert body["index"] == 3.8148 and body["score"] == 95.37
    assert (body["grade"], body["category"]) == ("A", "Sangat Baik")
    assert body["population"] == 3 and body["sample_needed"] == 3 and body["adequate"] is True


def test_the_ikm_summary_filters_and_validates(answers, anggota_user):
    client = api_as(anggota_user)
    assert client.get("/api/v1/units/inka/ikm/", {"from": "2024-01-01", "to": "2024-12-31"}).json()["grade"] is None
    assert client.get("/api/v1/units/inka/ikm/", {"from": "2025-01-01", "pokja": "PAK"}).json()["respondents"] == 0
    assert client.get("/api/v1/units/inka/ikm/", {"from": "kemarin"}).status_code == 400
    assert client.get("/api/v1/units/inka/ikm/", {"pokja": "XYZ"}).status_code == 404


def test_another_agency_gets_404_for_the_ikm(answers, outsider):
    assert api_as(outsider).get("/api/v1/units/inka/ikm/").status_code == 404


def test_the_schema_describes_the_helpdesk_endpoints(db):
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    assert {"/api/v1/helpdesk/tickets/", "/api/v1/helpdesk/categories/", "/api/v1/units/{slug}/ikm/"} <= set(
        schema["paths"]
    )
    ikm = schema["paths"]["/api/v1/units/{slug}/ikm/"]["get"]
    assert {p["name"] for p in ikm["parameters"]} >= {"slug", "from", "to", "pokja", "service"}
    properties = schema["components"]["schemas"]["Ikm"]["properties"]
    assert {"respondents", "elements", "index", "score", "grade", "category"} <= set(properties)
