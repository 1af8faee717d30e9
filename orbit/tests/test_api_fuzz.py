"""API fuzzing: schemathesis sends schema-derived requests to every operation of /api/schema/ as the demo head.

Each operation gets a bounded number of generated cases; every response must be free of server errors and
conform to the schema (status code, content type, body). The generated ids rarely hit a real row, so
test_it_answers_every_read_operation_on_real_rows_as_the_schema_says also calls each read operation once
with the demo objects.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
)

from orbit.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

# The schema documents success responses only (drf-spectacular's default), so 400/401/403/404 are not
# compared with a documented list; every documented response must match its schema exactly.
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, response_headers_conformance]

# Bounded for the suite; ORBIT_FUZZ_EXAMPLES=200 makes a deeper run by hand.
FUZZ_SETTINGS = settings(
    max_examples=int(os.environ.get("ORBIT_FUZZ_EXAMPLES", "10")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Schemathesis calls the WSGI app directly, whose request_finished signal would close the database
    connection of the test transaction (PostgreSQL); Django's own test client detaches it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def head_token(demo_data) -> str:
    return Token.objects.get_or_create(user=demo_data.head)[0].key


@pytest.mark.django_db
@schema.parametrize()
@FUZZ_SETTINGS
def test_it_never_fails_or_breaks_the_schema_for_generated_requests(case, head_token):
    case.call_and_validate(headers={"Authorization": f"Token {head_token}"}, checks=CHECKS)


@pytest.mark.django_db
def test_it_answers_every_read_operation_on_real_rows_as_the_schema_says(demo_data, head_token):
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET":
            continue
        parameters = {name: demo_data.path_value(operation.path, name) for name in path_names(operation.path)}
        case = operation.Case(path_parameters=parameters or None)
        response = case.call_and_validate(headers={"Authorization": f"Token {head_token}"}, checks=CHECKS)
        assert response.status_code == 200, (operation.path, response.status_code)
        checked.append(operation.path)
    # Detail routes of every app are among them, so real rows went through each serializer.
    assert {"/api/v1/units/{slug}/structure/", "/api/v1/indicators/{id}/", "/api/v1/helpdesk/tickets/{id}/"} <= set(
        checked
    )


def path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def test_it_documents_an_agreements_monitoring_as_the_plain_list_it_returns():
    # Regression: the schema promised a paginated object ({count, results}) while the view returns a list.
    response = schema["/api/v1/agreements/{id}/monitoring/"]["GET"].definition.raw["responses"]["200"]
    body = response["content"]["application/json"]["schema"]
    assert body["type"] == "array"
    assert [p["name"] for p in schema["/api/v1/agreements/{id}/monitoring/"]["GET"].definition.raw["parameters"]] == [
        "id",
        "up_to_period",
    ]


@pytest.mark.django_db
def test_it_pages_through_huge_limits_and_offsets_without_a_server_error(demo_data, head_token, client):
    # Regression (found by the fuzzer): ?limit=17617527447900807168 overflowed SQLite's integer: a 500.
    headers = {"HTTP_AUTHORIZATION": f"Token {head_token}"}
    response = client.get("/api/v1/pokja/?limit=17617527447900807168", **headers)
    assert response.status_code == 200
    assert len(response.json()["results"]) == response.json()["count"] == 7
    response = client.get("/api/v1/employees/?offset=17617527447900807168", **headers)
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.django_db
def test_it_refuses_a_unit_slug_with_a_nul_character_as_a_field_error(demo_data, head_token, client):
    # Regression (found by the fuzzer on PostgreSQL): a NUL in the unit slug reached the lookup: a 500.
    response = client.post(
        "/api/v1/pokja/", {"unit": "in\x00ka", "code": "NUL", "name": "Pokja"}, HTTP_AUTHORIZATION=f"Token {head_token}"
    )
    assert response.status_code == 400
    assert "unit" in response.json()
