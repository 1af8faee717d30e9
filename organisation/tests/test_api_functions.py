"""/api/v1/functions/: the unit's tusi, filtered by unit, changed only by who manages the unit."""

import pytest

from organisation.models import Function, User
from organisation.tests.api import api_as
from organisation.tests.factories import AgencyFactory, FunctionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.usefixtures("english_messages")


NEW_FUNCTION = {"unit": "inka", "number": 13, "description": "Pelaksanaan urusan tata usaha bidang"}


def test_it_lists_the_twelve_demo_functions_in_order(anggota_user):
    response = api_as(anggota_user).get("/api/v1/functions/", {"unit": "inka"})

    results = response.json()["results"]
    assert [function["number"] for function in results] == list(range(1, 13))
    assert results[0]["unit"] == "inka"
    assert results[0]["description"].startswith("Pengelolaan dan pemeliharaan jaringan")


def test_it_filters_by_unit(admin_user, demo_unit):
    FunctionFactory(unit=UnitFactory(agency=demo_unit.agency, slug="umum"), number=1)

    response = api_as(admin_user).get("/api/v1/functions/", {"unit": "umum"})

    assert [(f["unit"], f["number"]) for f in response.json()["results"]] == [("umum", 1)]


def test_it_lets_the_head_add_a_function(head_user, demo_unit):
    response = api_as(head_user).post("/api/v1/functions/", NEW_FUNCTION, format="json")

    assert response.status_code == 201
    function = Function.objects.get(unit=demo_unit, number=13)
    assert function.agency_id == demo_unit.agency_id


def test_it_rejects_a_number_the_unit_already_uses(head_user):
    response = api_as(head_user).post("/api/v1/functions/", {**NEW_FUNCTION, "number": 1}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This unit already has a function with this number."]}


def test_it_rejects_a_unit_of_another_agency_as_unknown(outsider, demo_unit):
    response = api_as(outsider).post("/api/v1/functions/", NEW_FUNCTION, format="json")

    assert response.status_code == 400
    assert "unit" in response.json()
    assert not Function.objects.filter(unit=demo_unit, number=13).exists()


def test_it_refuses_new_functions_from_anggota(anggota_user, demo_unit):
    response = api_as(anggota_user).post("/api/v1/functions/", NEW_FUNCTION, format="json")

    assert response.status_code == 403
    assert not Function.objects.filter(unit=demo_unit, number=13).exists()


def test_it_lets_the_admin_edit_and_remove_a_function(admin_user, demo_unit):
    function = Function.objects.get(unit=demo_unit, number=12)
    client = api_as(admin_user)

    edited = client.patch(f"/api/v1/functions/{function.pk}/", {"legal_basis": "Perban 2024"}, format="json")
    removed = client.delete(f"/api/v1/functions/{function.pk}/")

    assert edited.status_code == 200
    assert edited.json()["legal_basis"] == "Perban 2024"
    assert removed.status_code == 204
    assert not Function.objects.filter(pk=function.pk).exists()


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_it_refuses_changes_from_anggota(anggota_user, demo_unit, method):
    function = Function.objects.get(unit=demo_unit, number=1)

    response = getattr(api_as(anggota_user), method)(f"/api/v1/functions/{function.pk}/", {"number": 99})

    assert response.status_code == 403
    assert Function.objects.filter(pk=function.pk, number=1).exists()


@pytest.mark.parametrize("count", [3, 9])
def test_it_lists_functions_in_a_constant_number_of_queries(db, django_assert_num_queries, count):
    agency = AgencyFactory()
    for unit in UnitFactory.create_batch(count, agency=agency):
        FunctionFactory(unit=unit)
    client = api_as(UserFactory(agency=agency, role=User.Role.ADMIN))

    # 1. COUNT(*) of the agency's functions  2. the page of functions joined with their unit
    with django_assert_num_queries(2):
        response = client.get("/api/v1/functions/")

    assert response.json()["count"] == count
