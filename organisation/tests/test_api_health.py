"""GET /api/v1/units/<slug>/health/?at=: the structure-health findings as JSON."""

import dataclasses
import datetime

import pytest

from organisation import demo
from organisation.health import find_issues
from organisation.tests.api import api_as
from organisation.tests.factories import PokjaFactory

URL = "/api/v1/units/inka/health/"
FINDING_KEYS = {"code", "severity", "message", "pokja", "employee", "function"}


pytestmark = pytest.mark.usefixtures("english_messages")


def test_it_reports_a_healthy_demo_unit_with_no_findings(anggota_user):
    response = api_as(anggota_user).get(URL, {"at": "2024-01-01"})

    assert response.status_code == 200
    assert response.json() == {"unit": "inka", "at": "2024-01-01", "findings": []}


def test_it_reports_a_new_pokja_without_ketua(head_user, demo_unit):
    PokjaFactory(unit=demo_unit, code="NEW", order=99)

    findings = api_as(head_user).get(URL, {"at": "2024-01-01"}).json()["findings"]

    assert {
        "code": "POKJA_NO_KETUA",
        "severity": "error",
        "message": "Pokja NEW has no ketua.",
        "pokja": "NEW",
        "employee": None,
        "function": None,
    } in findings
    assert all(set(finding) == FINDING_KEYS for finding in findings)


def test_it_passes_every_finding_through_unchanged(head_user, demo_unit):
    # Before the structure's first day nobody is in any pokja: findings of every kind.
    day = demo.STRUCTURE_START - datetime.timedelta(days=1)

    response = api_as(head_user).get(URL, {"at": day.isoformat()})

    assert response.json()["at"] == "2023-01-01"
    assert response.json()["findings"] == [dataclasses.asdict(f) for f in find_issues(demo_unit, day)]
    no_ketua = [f["pokja"] for f in response.json()["findings"] if f["code"] == "POKJA_NO_KETUA"]
    assert no_ketua == [seed.code for seed in demo.POKJA]


def test_it_uses_today_without_a_date(anggota_user, monkeypatch):
    monkeypatch.setattr("organisation.selectors.today", lambda: datetime.date(2023, 1, 1))

    body = api_as(anggota_user).get(URL).json()

    assert body["at"] == "2023-01-01"
    assert any(f["code"] == "POKJA_NO_KETUA" for f in body["findings"])


@pytest.mark.parametrize("at", ["bad", "2024-13-01"])
def test_it_rejects_a_malformed_date(anggota_user, at):
    response = api_as(anggota_user).get(URL, {"at": at})

    assert response.status_code == 400
    assert list(response.json()) == ["at"]


def test_it_hides_the_findings_from_an_outsider(outsider, demo_unit):
    assert api_as(outsider).get(URL).status_code == 404
