"""GET /api/v1/units/<slug>/structure/?at=: the orbit as JSON, pokja in order, leaders first."""

import datetime

import pytest

from organisation import demo
from organisation.models import Employee
from organisation.tests.api import api_as

URL = "/api/v1/units/inka/structure/"
ROLE_ORDER = {"ketua": 0, "wakil": 1, "anggota": 2}


def seeded_members(pokja_index: int) -> list[dict]:
    """The members the demo seed puts in one pokja, computed from the seed rules, not from the database."""
    members = [
        {"nip": demo.demo_nip(i, sex), "name": name, "role": demo.role_for(i, pokja_index)}
        for i, (name, sex, _position, _grade) in enumerate(demo.STAFF)
        if pokja_index in demo.pokja_indexes(i)
    ]
    return sorted(members, key=lambda m: (ROLE_ORDER[m["role"]], m["name"]))


def expected(at: str, with_members: bool) -> dict:
    return {
        "unit": {
            "slug": "inka",
            "name": "Bidang Informasi Kepegawaian",
            "agency": "kanreg-x",
            "agency_name": "Kantor Regional X BKN Denpasar",
        },
        "at": at,
        "head": {
            "nip": demo.demo_nip(len(demo.STAFF), "1"),
            "name": "Dr. Wisnu Mahardika, S.E., M.Si.",
            "position": "Kepala Bidang Informasi Kepegawaian",
        },
        "pokja": [
            {"code": seed.code, "name": seed.name, "members": seeded_members(index) if with_members else []}
            for index, seed in enumerate(demo.POKJA)
        ],
    }


def test_it_returns_the_demo_structure_on_a_date(anggota_user):
    response = api_as(anggota_user).get(URL, {"at": "2024-01-01"})

    assert response.status_code == 200
    assert response.json() == expected("2024-01-01", with_members=True)


def test_it_puts_the_ketua_and_wakil_first(anggota_user):
    pak = api_as(anggota_user).get(URL, {"at": "2024-01-01"}).json()["pokja"][0]

    assert pak["code"] == "PAK"
    assert pak["members"][:2] == [
        {"nip": demo.demo_nip(0, "2"), "name": "Komang Ayu Larasati", "role": "ketua"},
        {"nip": demo.demo_nip(7, "1"), "name": "Wayan Surya Dharmaputra", "role": "wakil"},
    ]
    assert {m["role"] for m in pak["members"][2:]} == {"anggota"}


def test_it_shows_empty_pokja_before_the_structure_started(anggota_user):
    response = api_as(anggota_user).get(URL, {"at": "2023-01-01"})

    assert response.status_code == 200
    assert response.json() == expected("2023-01-01", with_members=False)


def test_it_uses_today_without_a_date(anggota_user, monkeypatch):
    monkeypatch.setattr("organisation.selectors.today", lambda: datetime.date(2023, 1, 2))

    response = api_as(anggota_user).get(URL)

    assert response.json() == expected("2023-01-02", with_members=True)


def test_it_leaves_out_inactive_employees(head_user):
    Employee.objects.filter(name="Komang Ayu Larasati").update(is_active=False)

    pak = api_as(head_user).get(URL, {"at": "2024-01-01"}).json()["pokja"][0]

    assert "Komang Ayu Larasati" not in [m["name"] for m in pak["members"]]
    assert pak["members"][0]["role"] == "wakil"


def test_it_shows_no_head_when_the_unit_has_none(head_user, demo_unit):
    demo_unit.head = None
    demo_unit.save()

    assert api_as(head_user).get(URL, {"at": "2024-01-01"}).json()["head"] is None


@pytest.mark.parametrize("at", ["bad", "2024-02-30", "01-01-2024"])
def test_it_rejects_a_malformed_date(anggota_user, at):
    response = api_as(anggota_user).get(URL, {"at": at})

    assert response.status_code == 400
    assert list(response.json()) == ["at"]


def test_it_hides_the_structure_from_an_outsider(outsider, demo_unit):
    assert api_as(outsider).get(URL, {"at": "2024-01-01"}).status_code == 404


def test_it_builds_the_structure_in_a_constant_number_of_queries(anggota_user, django_assert_num_queries):
    client = api_as(anggota_user)

    # 1. the unit with its agency and head  2. its pokja  3. the memberships in force with their employees
    # 4. the unit's active employees (part of the structure selector)
    with django_assert_num_queries(4):
        response = client.get(URL, {"at": "2024-01-01"})

    assert sum(len(p["members"]) for p in response.json()["pokja"]) == 59
