"""The performance endpoints in the OpenAPI schema, and the schema staying free of warnings."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


@pytest.fixture
def schema(db) -> dict:
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_it_describes_the_read_endpoints(schema):
    paths = schema["paths"]
    for path in ["/api/v1/agreements/", "/api/v1/objectives/", "/api/v1/indicators/"]:
        assert set(paths[path]) - {"parameters"} == {"get"}
        assert set(paths[path + "{id}/"]) - {"parameters"} == {"get"}
    assert set(paths["/api/v1/agreements/{id}/monitoring/"]) == {"get"}


def test_it_types_the_indicator_detail_with_its_monitoring_numbers(schema):
    detail = schema["paths"]["/api/v1/indicators/{id}/"]["get"]
    assert detail["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/IndicatorDetail"
    }
    assert "up_to_period" in {p["name"] for p in detail["parameters"]}
    properties = schema["components"]["schemas"]["IndicatorDetail"]["properties"]
    assert {"target", "periods", "cumulative", "year"} <= set(properties)
    cell = schema["components"]["schemas"]["PeriodCell"]["properties"]
    assert {"period", "target", "realisasi", "capaian", "status_colour", "pending"} <= set(cell)


def test_the_schema_validates_without_warnings(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
