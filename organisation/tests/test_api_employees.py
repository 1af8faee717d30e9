"""/api/v1/employees/: NIP rules with a message per part, derived birth date and sex, unit-scoped writes."""

import pytest

from organisation.models import Employee, User
from organisation.tests.api import api_as
from organisation.tests.factories import AgencyFactory, EmployeeFactory, UnitFactory, UserFactory

AGUNG_NIP = "197205011995011021"  # demo staff 20, the "anggota" login: born 1972-05-01, male
NEW = {"unit": "inka", "nip": "19900215 201503 2 007", "name": "Made Sari Dewi", "position": "Arsiparis"}


pytestmark = pytest.mark.usefixtures("english_messages")


def test_it_shows_birth_date_and_sex_derived_from_the_nip(anggota_user):
    employee = Employee.objects.get(nip=AGUNG_NIP)

    response = api_as(anggota_user).get(f"/api/v1/employees/{employee.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["unit"], body["agency"]) == ("Agung Prasetyo Wibowo", "inka", "kanreg-x")
    assert (body["birth_date"], body["sex"]) == ("1972-05-01", "L")


def test_it_ignores_a_birth_date_sent_by_the_client(head_user):
    employee = Employee.objects.get(nip=AGUNG_NIP)

    response = api_as(head_user).patch(
        f"/api/v1/employees/{employee.pk}/", {"birth_date": "2000-01-01", "sex": "P"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["birth_date"], response.json()["sex"]) == ("1972-05-01", "L")


def test_it_filters_by_unit_nip_and_activity(admin_user, demo_unit):
    other = UnitFactory(agency=demo_unit.agency, slug="umum")
    EmployeeFactory(unit=other, name="Pegawai Umum", is_active=False)
    client = api_as(admin_user)

    by_unit = client.get("/api/v1/employees/", {"unit": "umum"}).json()
    by_nip = client.get("/api/v1/employees/", {"nip": AGUNG_NIP}).json()
    inactive = client.get("/api/v1/employees/", {"is_active": "false"}).json()
    inka = client.get("/api/v1/employees/", {"unit": "inka", "is_active": "true"}).json()

    assert [e["name"] for e in by_unit["results"]] == ["Pegawai Umum"]
    assert [e["name"] for e in by_nip["results"]] == ["Agung Prasetyo Wibowo"]
    assert [e["name"] for e in inactive["results"]] == ["Pegawai Umum"]
    assert inka["count"] == 26


def test_it_lets_the_head_add_an_employee_with_a_spaced_nip(head_user, outsider):
    response = api_as(head_user).post("/api/v1/employees/", {**NEW, "agency": outsider.agency.slug}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["nip"], body["agency"], body["birth_date"], body["sex"]) == (
        "199002152015032007",
        "kanreg-x",
        "1990-02-15",
        "P",
    )
    assert Employee.objects.get(nip="199002152015032007").agency_id == head_user.agency_id


def test_it_rejects_an_invalid_nip_with_a_message_for_every_broken_part(head_user):
    response = api_as(head_user).post("/api/v1/employees/", {**NEW, "nip": "198013322025133000"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "nip": [
            "Digits 1-8 of the NIP (birth date, YYYYMMDD) are not a real date: 19801332.",
            "Digits 9-14 of the NIP (TMT CPNS, YYYYMM) are not a real month: 202513.",
            "Digit 15 of the NIP (sex) must be 1 or 2, not 3.",
            "Digits 16-18 of the NIP (sequence number) must be 001-999, not 000.",
        ]
    }
    assert not Employee.objects.filter(name=NEW["name"]).exists()


def test_it_rejects_a_nip_of_the_wrong_length(head_user):
    response = api_as(head_user).post("/api/v1/employees/", {**NEW, "nip": "1990021520"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"nip": ["NIP must be exactly 18 digits (found 10 characters)."]}


def test_it_rejects_a_nip_already_used_in_the_agency(head_user):
    response = api_as(head_user).post("/api/v1/employees/", {**NEW, "nip": AGUNG_NIP}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["An employee with this NIP already exists in this agency."]}
    assert Employee.objects.filter(nip=AGUNG_NIP).count() == 1


def test_it_accepts_a_nip_that_only_another_agency_uses(head_user, other_unit):
    foreign_nip = other_unit.head.nip

    response = api_as(head_user).post("/api/v1/employees/", {**NEW, "nip": foreign_nip}, format="json")

    assert response.status_code == 201
    assert Employee.objects.filter(nip=foreign_nip).count() == 2


def test_it_rejects_a_unit_of_another_agency_as_unknown(outsider):
    response = api_as(outsider).post("/api/v1/employees/", NEW, format="json")

    assert response.status_code == 400
    assert "unit" in response.json()
    assert not Employee.objects.filter(name=NEW["name"]).exists()


def test_it_refuses_a_move_to_a_unit_the_head_does_not_manage(head_user, demo_unit):
    UnitFactory(agency=demo_unit.agency, slug="umum")
    employee = Employee.objects.get(nip=AGUNG_NIP)

    response = api_as(head_user).patch(f"/api/v1/employees/{employee.pk}/", {"unit": "umum"}, format="json")

    assert response.status_code == 403
    employee.refresh_from_db()
    assert employee.unit_id == demo_unit.pk


@pytest.mark.parametrize("persona", ["ketua_user", "anggota_user"])
def test_it_refuses_writes_from_staff_who_do_not_manage_the_unit(request, persona):
    client = api_as(request.getfixturevalue(persona))
    employee = Employee.objects.get(nip=AGUNG_NIP)

    created = client.post("/api/v1/employees/", NEW, format="json")
    edited = client.patch(f"/api/v1/employees/{employee.pk}/", {"name": "Changed"}, format="json")
    deleted = client.delete(f"/api/v1/employees/{employee.pk}/")

    assert (created.status_code, edited.status_code, deleted.status_code) == (403, 403, 403)
    assert Employee.objects.get(pk=employee.pk).name == "Agung Prasetyo Wibowo"


def test_it_lets_the_head_deactivate_an_employee(head_user):
    employee = Employee.objects.get(nip=AGUNG_NIP)

    response = api_as(head_user).patch(f"/api/v1/employees/{employee.pk}/", {"is_active": False}, format="json")

    assert response.status_code == 200
    assert Employee.objects.get(pk=employee.pk).is_active is False


def test_it_keeps_an_employee_with_pokja_history(head_user):
    employee = Employee.objects.get(nip=AGUNG_NIP)

    response = api_as(head_user).delete(f"/api/v1/employees/{employee.pk}/")

    assert response.status_code == 400
    assert "deactivate" in response.json()["detail"]
    assert Employee.objects.filter(pk=employee.pk).exists()


def test_it_deletes_an_employee_without_history(head_user, demo_unit):
    employee = EmployeeFactory(unit=demo_unit)

    response = api_as(head_user).delete(f"/api/v1/employees/{employee.pk}/")

    assert response.status_code == 204
    assert not Employee.objects.filter(pk=employee.pk).exists()


@pytest.mark.parametrize("count", [3, 9])
def test_it_lists_employees_in_a_constant_number_of_queries(db, django_assert_num_queries, count):
    agency = AgencyFactory()
    for unit in UnitFactory.create_batch(count, agency=agency):
        EmployeeFactory(unit=unit)
    client = api_as(UserFactory(agency=agency, role=User.Role.ADMIN))

    # 1. COUNT(*) of the agency's employees  2. the page of employees joined with their unit and agency
    with django_assert_num_queries(2):
        response = client.get("/api/v1/employees/")

    assert response.json()["count"] == count
