"""/api/v1/pokja/: working groups with their functions (tusi) and tasks; history-bearing pokja are kept."""

import pytest

from organisation.models import Function, Pokja, User
from organisation.tests.api import api_as
from organisation.tests.factories import (
    AgencyFactory,
    FunctionFactory,
    MembershipFactory,
    PokjaFactory,
    UnitFactory,
    UserFactory,
)

DEMO_CODES = ["PAK", "PPA", "PDK", "PDI", "PJD", "PLT", "PIA"]


pytestmark = pytest.mark.usefixtures("english_messages")


def function_ids(unit, *numbers) -> list[int]:
    return [Function.objects.get(unit=unit, number=n).pk for n in numbers]


def new_pokja(unit, **changes) -> dict:
    return {"unit": "inka", "code": "PTU", "name": "Pokja Tata Usaha", "functions": function_ids(unit, 12), **changes}


def test_it_lists_the_demo_pokja_in_their_order(anggota_user, outsider):
    response = api_as(anggota_user).get("/api/v1/pokja/", {"unit": "inka"})

    assert [pokja["code"] for pokja in response.json()["results"]] == DEMO_CODES


def test_it_finds_a_pokja_by_code_in_any_case(anggota_user):
    response = api_as(anggota_user).get("/api/v1/pokja/", {"code": "ppa"})

    assert [(p["code"], p["aliases"]) for p in response.json()["results"]] == [("PPA", "PDA")]


def test_it_shows_a_pokja_with_its_functions_and_tasks(anggota_user, demo_unit):
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")

    body = api_as(anggota_user).get(f"/api/v1/pokja/{pak.pk}/").json()

    assert body["name"] == "Pokja Pengelolaan Arsip Kepegawaian"
    assert body["unit"] == "inka"
    assert body["functions"] == function_ids(demo_unit, 9, 11)
    assert [task["number"] for task in body["tasks"]] == [1, 2, 3, 4, 5]
    assert body["tasks"][0]["text"] == "Mengelola arsip fisik"


def test_it_lets_the_head_create_a_pokja(head_user, demo_unit, outsider):
    payload = new_pokja(demo_unit, agency=outsider.agency_id)

    response = api_as(head_user).post("/api/v1/pokja/", payload, format="json")

    assert response.status_code == 201
    pokja = Pokja.objects.get(unit=demo_unit, code="PTU")
    assert pokja.agency_id == demo_unit.agency_id
    assert [f.number for f in pokja.functions.all()] == [12]
    assert response.json()["functions"] == function_ids(demo_unit, 12)


def test_it_rejects_a_code_the_unit_already_uses(head_user, demo_unit):
    response = api_as(head_user).post("/api/v1/pokja/", new_pokja(demo_unit, code="PAK"), format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This unit already has a pokja with this code."]}


def test_it_rejects_a_function_of_another_agency_as_unknown(head_user, demo_unit, other_unit):
    foreign = FunctionFactory(unit=other_unit)

    response = api_as(head_user).post("/api/v1/pokja/", new_pokja(demo_unit, functions=[foreign.pk]), format="json")

    assert response.status_code == 400
    assert "does not exist" in response.json()["functions"][0]
    assert not Pokja.objects.filter(code="PTU").exists()


def test_it_rejects_a_function_of_another_unit(admin_user, demo_unit):
    elsewhere = FunctionFactory(unit=UnitFactory(agency=demo_unit.agency), number=4)

    response = api_as(admin_user).post("/api/v1/pokja/", new_pokja(demo_unit, functions=[elsewhere.pk]), format="json")

    assert response.status_code == 400
    assert response.json() == {"functions": ["Function 4 belongs to another unit."]}


def test_it_rejects_a_unit_of_another_agency_as_unknown(outsider, demo_unit):
    response = api_as(outsider).post("/api/v1/pokja/", new_pokja(demo_unit, functions=[]), format="json")

    assert response.status_code == 400
    assert "unit" in response.json()
    assert not Pokja.objects.filter(code="PTU").exists()


@pytest.mark.parametrize("persona", ["ketua_user", "anggota_user"])
def test_it_refuses_writes_from_staff_who_do_not_manage_the_unit(request, persona, demo_unit):
    client = api_as(request.getfixturevalue(persona))
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")

    created = client.post("/api/v1/pokja/", new_pokja(demo_unit), format="json")
    edited = client.patch(f"/api/v1/pokja/{pak.pk}/", {"name": "Changed"}, format="json")
    deleted = client.delete(f"/api/v1/pokja/{pak.pk}/")

    assert (created.status_code, edited.status_code, deleted.status_code) == (403, 403, 403)
    assert Pokja.objects.get(pk=pak.pk).name == "Pokja Pengelolaan Arsip Kepegawaian"
    assert not Pokja.objects.filter(code="PTU").exists()


def test_it_lets_the_head_relink_functions(head_user, demo_unit):
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")

    response = api_as(head_user).patch(
        f"/api/v1/pokja/{pak.pk}/", {"functions": function_ids(demo_unit, 11, 12)}, format="json"
    )

    assert response.status_code == 200
    assert sorted(f.number for f in pak.functions.all()) == [11, 12]


def test_it_keeps_a_pokja_with_membership_history(head_user, demo_unit):
    pak = Pokja.objects.get(unit=demo_unit, code="PAK")

    response = api_as(head_user).delete(f"/api/v1/pokja/{pak.pk}/")

    assert response.status_code == 400
    assert Pokja.objects.filter(pk=pak.pk).exists()


def test_it_deletes_a_pokja_without_history(head_user, demo_unit):
    empty = PokjaFactory(unit=demo_unit, code="NEW")

    response = api_as(head_user).delete(f"/api/v1/pokja/{empty.pk}/")

    assert response.status_code == 204
    assert not Pokja.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize("count", [3, 9])
def test_it_lists_pokja_in_a_constant_number_of_queries(db, django_assert_num_queries, count):
    agency = AgencyFactory()
    for unit in UnitFactory.create_batch(count, agency=agency):
        pokja = PokjaFactory(unit=unit)
        pokja.functions.set([FunctionFactory(unit=unit)])
        pokja.tasks.create(number=1, text="Tugas")
        MembershipFactory(pokja=pokja)
    client = api_as(UserFactory(agency=agency, role=User.Role.ADMIN))

    # 1. COUNT(*) of the agency's pokja  2. the page of pokja joined with their unit
    # 3. the functions of the page's pokja  4. the tasks of the page's pokja
    with django_assert_num_queries(4):
        response = client.get("/api/v1/pokja/")

    assert response.json()["count"] == count
    assert all(len(p["functions"]) == 1 and len(p["tasks"]) == 1 for p in response.json()["results"])
