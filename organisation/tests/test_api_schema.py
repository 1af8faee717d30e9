"""The OpenAPI schema at /api/schema/ and its self-hosted Swagger UI at /api/docs/."""

import re

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

ENDPOINTS = {
    "/api/auth/token/": {"post"},
    "/api/v1/agencies/": {"get"},
    "/api/v1/agencies/{id}/": {"get"},
    "/api/v1/units/": {"get", "post"},
    "/api/v1/units/{slug}/": {"get", "put", "patch"},
    "/api/v1/units/{slug}/structure/": {"get"},
    "/api/v1/units/{slug}/health/": {"get"},
    "/api/v1/functions/": {"get", "post"},
    "/api/v1/functions/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/employees/": {"get", "post"},
    "/api/v1/employees/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/pokja/": {"get", "post"},
    "/api/v1/pokja/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/memberships/": {"get", "post"},
    "/api/v1/memberships/{id}/": {"get", "patch"},
    "/api/v1/memberships/{id}/end/": {"post"},
}


@pytest.fixture
def schema(db) -> dict:
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def component(schema: dict, name: str) -> dict:
    return schema["components"]["schemas"][name]


def test_it_describes_every_endpoint_with_its_methods(schema):
    assert schema["openapi"].startswith("3.")
    methods = {path: set(item) - {"parameters"} for path, item in schema["paths"].items()}
    # Other apps add their own paths; the organisation ones must be exactly these.
    assert {path: methods.get(path) for path in ENDPOINTS} == ENDPOINTS


def test_it_types_the_structure_response(schema):
    response = schema["paths"]["/api/v1/units/{slug}/structure/"]["get"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Structure"}
    structure = component(schema, "Structure")
    assert set(structure["properties"]) == {"unit", "at", "head", "pokja"}
    assert structure["properties"]["at"] == {"type": "string", "format": "date"}
    assert structure["properties"]["head"]["nullable"] is True
    member = component(schema, "StructureMember")
    assert set(member["properties"]) == {"nip", "name", "role"}


@pytest.mark.parametrize("path", ["/api/v1/units/{slug}/structure/", "/api/v1/units/{slug}/health/"])
def test_it_documents_the_date_parameter(schema, path):
    parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
    assert parameters["at"]["in"] == "query"
    assert parameters["at"]["schema"] == {"type": "string", "format": "date"}
    assert parameters["slug"]["in"] == "path"


def test_it_documents_the_membership_filters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/v1/memberships/"]["get"]["parameters"]}
    assert {"pokja", "unit", "employee", "at", "limit", "offset"} <= parameters


def test_it_marks_derived_employee_fields_read_only(schema):
    employee = component(schema, "Employee")["properties"]
    assert employee["birth_date"]["readOnly"] is True
    assert employee["sex"]["readOnly"] is True
    assert "birth_date" not in component(schema, "EmployeeRequest")["properties"]
    assert "agency" not in component(schema, "EmployeeRequest")["properties"]


def test_it_lets_a_membership_patch_set_only_the_last_day(schema):
    assert set(component(schema, "PatchedMembershipUpdateRequest")["properties"]) == {"valid_to", "version"}
    assert component(schema, "MembershipEndRequest")["required"] == ["last_day"]


def test_it_validates_without_warnings(tmp_path):
    # The same check as `./manage.py spectacular --validate --fail-on-warn`; it raises on any warning.
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert target.read_text().startswith("openapi: 3.")


def test_it_serves_the_swagger_ui_from_our_own_static_files(db):
    client = APIClient()

    page = client.get("/api/docs/")
    script = client.get("/api/docs/", {"script": ""})

    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    # Every script is a file (no inline JS for the CSP to block).
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()
