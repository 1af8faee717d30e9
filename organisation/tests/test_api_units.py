"""/api/v1/units/: looked up by slug, changed only by the unit head or an agency admin, never deleted."""

import pytest

from organisation import demo
from organisation.models import Unit, User
from organisation.tests.api import api_as
from organisation.tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.usefixtures("english_messages")


def test_it_shows_the_unit_by_slug_with_its_head(anggota_user, demo_unit):
    response = api_as(anggota_user).get("/api/v1/units/inka/")

    assert response.status_code == 200
    assert response.json() == {
        "id": demo_unit.pk,
        "slug": "inka",
        "name": "Bidang Informasi Kepegawaian",
        "agency": "kanreg-x",
        "head": demo_unit.head_id,
        "head_name": demo.HEAD[0],
        "min_pokja_per_employee": 2,
        "max_pokja_per_employee": 4,
    }


def test_it_lists_the_units_of_the_users_agency(anggota_user, outsider):
    response = api_as(anggota_user).get("/api/v1/units/")

    assert [unit["slug"] for unit in response.json()["results"]] == ["inka"]


def test_it_lets_the_head_rename_the_unit(head_user, demo_unit):
    response = api_as(head_user).patch("/api/v1/units/inka/", {"name": "Bidang Infokep"}, format="json")

    assert response.status_code == 200
    assert response.json()["name"] == "Bidang Infokep"
    demo_unit.refresh_from_db()
    assert demo_unit.name == "Bidang Infokep"


def test_it_lets_the_agency_admin_change_the_pokja_range(admin_user, demo_unit):
    response = api_as(admin_user).patch(
        "/api/v1/units/inka/", {"min_pokja_per_employee": 1, "max_pokja_per_employee": 3}, format="json"
    )

    assert response.status_code == 200
    demo_unit.refresh_from_db()
    assert (demo_unit.min_pokja_per_employee, demo_unit.max_pokja_per_employee) == (1, 3)


def test_it_rejects_a_range_whose_maximum_is_below_the_minimum(head_user, demo_unit):
    response = api_as(head_user).patch("/api/v1/units/inka/", {"min_pokja_per_employee": 5}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The maximum pokja per employee must not be below the minimum."]}
    demo_unit.refresh_from_db()
    assert demo_unit.min_pokja_per_employee == 2


def test_it_rejects_a_head_who_works_in_another_unit(head_user, demo_unit):
    elsewhere = EmployeeFactory(unit=UnitFactory(agency=demo_unit.agency))

    response = api_as(head_user).patch("/api/v1/units/inka/", {"head": elsewhere.pk}, format="json")

    assert response.status_code == 400
    assert response.json() == {"head": ["The head must be an employee of this unit."]}


def test_it_rejects_a_head_from_another_agency_as_unknown(admin_user, demo_unit, other_unit):
    response = api_as(admin_user).patch("/api/v1/units/inka/", {"head": other_unit.head_id}, format="json")

    assert response.status_code == 400
    assert "does not exist" in response.json()["head"][0]
    demo_unit.refresh_from_db()
    assert demo_unit.head.name == demo.HEAD[0]


@pytest.mark.parametrize("persona", ["ketua_user", "anggota_user"])
def test_it_refuses_changes_from_staff_who_do_not_manage_the_unit(request, persona, demo_unit):
    response = api_as(request.getfixturevalue(persona)).patch("/api/v1/units/inka/", {"name": "X"}, format="json")

    assert response.status_code == 403
    demo_unit.refresh_from_db()
    assert demo_unit.name == "Bidang Informasi Kepegawaian"


def test_it_hides_the_unit_from_an_outsider_even_for_writes(outsider, demo_unit):
    response = api_as(outsider).patch("/api/v1/units/inka/", {"name": "Taken over"}, format="json")

    assert response.status_code == 404
    demo_unit.refresh_from_db()
    assert demo_unit.name == "Bidang Informasi Kepegawaian"


def test_it_refuses_anonymous_changes(demo_unit):
    assert api_as(None).patch("/api/v1/units/inka/", {"name": "X"}, format="json").status_code == 401


def test_it_lets_the_agency_admin_add_a_unit_in_their_own_agency(admin_user, outsider):
    response = api_as(admin_user).post(
        "/api/v1/units/",
        {"slug": "umum", "name": "Bagian Umum", "agency": outsider.agency.slug},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["agency"] == "kanreg-x"
    assert Unit.objects.get(slug="umum").agency_id == admin_user.agency_id


def test_it_refuses_a_new_unit_from_a_unit_head(head_user):
    response = api_as(head_user).post("/api/v1/units/", {"slug": "umum", "name": "Bagian Umum"}, format="json")

    assert response.status_code == 403
    assert not Unit.objects.filter(slug="umum").exists()


def test_it_never_deletes_a_unit(admin_user, demo_unit):
    response = api_as(admin_user).delete("/api/v1/units/inka/")

    assert response.status_code == 405
    assert Unit.objects.filter(slug="inka").exists()


@pytest.mark.parametrize("count", [3, 9])
def test_it_lists_units_in_a_constant_number_of_queries(db, django_assert_num_queries, count):
    agency = AgencyFactory()
    for unit in UnitFactory.create_batch(count, agency=agency):
        unit.head = EmployeeFactory(unit=unit)
        unit.save()
    client = api_as(UserFactory(agency=agency, role=User.Role.ADMIN))

    # 1. COUNT(*) of the agency's units  2. the page of units joined with their agency and head
    with django_assert_num_queries(2):
        response = client.get("/api/v1/units/")

    assert response.json()["count"] == count
    assert all(unit["head_name"] for unit in response.json()["results"])
