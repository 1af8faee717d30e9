"""/api/v1/memberships/: added through the service, ended (PATCH valid_to or POST end/), never deleted."""

import datetime

import pytest

from organisation.models import Employee, Membership, Pokja, User
from organisation.tests.api import api_as
from organisation.tests.factories import (
    AgencyFactory,
    EmployeeFactory,
    MembershipFactory,
    PokjaFactory,
    UserFactory,
)

START = datetime.date(2023, 1, 2)  # the demo structure's first day


pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def pak(demo_unit) -> Pokja:
    return Pokja.objects.get(unit=demo_unit, code="PAK")


@pytest.fixture
def newcomer(pak) -> Employee:
    """A demo employee who is not in PAK."""
    return Employee.objects.filter(unit=pak.unit).exclude(memberships__pokja=pak).exclude(pk=pak.unit.head_id)[0]


@pytest.fixture
def member(pak) -> Membership:
    return Membership.objects.filter(pokja=pak, role=Membership.Role.ANGGOTA).select_related("employee")[0]


def join(pokja, employee, role="anggota", valid_from="2024-01-01", **extra) -> dict:
    return {"pokja": pokja.pk, "employee": employee.pk, "role": role, "valid_from": valid_from, **extra}


def test_it_filters_by_pokja_code_unit_employee_and_date(anggota_user, pak, member):
    client = api_as(anggota_user)

    in_pak = client.get("/api/v1/memberships/", {"pokja": "pak", "at": "2024-01-01"}).json()
    of_member = client.get("/api/v1/memberships/", {"employee": member.employee.nip}).json()
    in_unit = client.get("/api/v1/memberships/", {"unit": "inka"}).json()
    before = client.get("/api/v1/memberships/", {"unit": "inka", "at": "2023-01-01"}).json()

    assert {m["pokja_code"] for m in in_pak["results"]} == {"PAK"}
    assert in_pak["count"] == Membership.objects.filter(pokja=pak).count()
    assert {m["employee_nip"] for m in of_member["results"]} == {member.employee.nip}
    assert of_member["count"] == member.employee.memberships.count()
    assert in_unit["count"] == Membership.objects.filter(pokja__unit=pak.unit).count()
    assert before["count"] == 0


def test_it_rejects_a_malformed_date_filter(anggota_user):
    response = api_as(anggota_user).get("/api/v1/memberships/", {"at": "2024-13-01"})

    assert response.status_code == 400
    assert "at" in response.json()


def test_it_lets_the_head_add_a_member(head_user, pak, newcomer):
    response = api_as(head_user).post("/api/v1/memberships/", join(pak, newcomer), format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["pokja_code"], body["unit"], body["employee_nip"], body["role"]) == (
        "PAK",
        "inka",
        newcomer.nip,
        "anggota",
    )
    assert body["valid_to"] is None
    assert Membership.objects.filter(pokja=pak, employee=newcomer, valid_from="2024-01-01").exists()


def test_it_rejects_a_second_ketua_in_the_same_period(head_user, pak, newcomer):
    response = api_as(head_user).post("/api/v1/memberships/", join(pak, newcomer, role="ketua"), format="json")

    assert response.status_code == 400
    assert response.json()["role"] == ["This pokja already has a ketua in that period."]
    assert Membership.objects.filter(pokja=pak, role="ketua").count() == 1


def test_it_answers_400_when_only_the_database_guard_catches_a_second_ketua(head_user, pak, newcomer, monkeypatch):
    # A dated ketua escapes the open-ended constraints; with the model check switched off the trigger decides.
    monkeypatch.setattr(Membership, "clean", lambda self: None)
    payload = join(pak, newcomer, role="ketua", valid_to="2024-06-30")

    response = api_as(head_user).post("/api/v1/memberships/", payload, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This pokja already has a ketua or wakil in that period."]}
    assert Membership.objects.filter(pokja=pak, role="ketua").count() == 1


def test_it_rejects_an_employee_of_another_agency_as_unknown(admin_user, pak, other_unit):
    response = api_as(admin_user).post("/api/v1/memberships/", join(pak, other_unit.head), format="json")

    assert response.status_code == 400
    assert "does not exist" in response.json()["employee"][0]
    assert not Membership.objects.filter(employee=other_unit.head).exists()


def test_it_rejects_an_employee_of_another_agency_even_for_an_operator(pak, other_unit):
    operator = UserFactory(is_superuser=True)

    response = api_as(operator).post("/api/v1/memberships/", join(pak, other_unit.head), format="json")

    assert response.status_code == 400
    assert response.json()["employee"] == ["The employee belongs to another agency than the pokja."]


def test_it_rejects_a_pokja_of_another_agency_as_unknown(outsider, pak, newcomer):
    response = api_as(outsider).post("/api/v1/memberships/", join(pak, newcomer), format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"pokja", "employee"}


@pytest.mark.parametrize("persona", ["ketua_user", "anggota_user"])
def test_it_refuses_writes_from_staff_who_do_not_manage_the_unit(request, persona, pak, newcomer, member):
    client = api_as(request.getfixturevalue(persona))

    created = client.post("/api/v1/memberships/", join(pak, newcomer), format="json")
    patched = client.patch(f"/api/v1/memberships/{member.pk}/", {"valid_to": "2024-06-30"}, format="json")
    ended = client.post(f"/api/v1/memberships/{member.pk}/end/", {"last_day": "2024-06-30"}, format="json")

    assert (created.status_code, patched.status_code, ended.status_code) == (403, 403, 403)
    assert not Membership.objects.filter(employee=newcomer, pokja=pak).exists()
    assert Membership.objects.get(pk=member.pk).valid_to is None


def test_it_ends_a_membership_with_patch_and_keeps_it_as_history(head_user, member):
    client = api_as(head_user)

    response = client.patch(
        f"/api/v1/memberships/{member.pk}/", {"valid_to": "2024-06-30", "role": "ketua"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["valid_to"], response.json()["role"]) == ("2024-06-30", "anggota")
    member.refresh_from_db()
    assert (member.valid_to, member.role) == (datetime.date(2024, 6, 30), "anggota")
    in_force = client.get("/api/v1/memberships/", {"employee": member.employee.nip, "at": "2024-07-01"}).json()
    assert member.pk not in [m["id"] for m in in_force["results"]]
    assert client.get(f"/api/v1/memberships/{member.pk}/").status_code == 200


def test_it_requires_the_last_day_in_a_patch(head_user, member):
    response = api_as(head_user).patch(f"/api/v1/memberships/{member.pk}/", {"role": "wakil"}, format="json")

    assert response.status_code == 400
    assert "valid_to" in response.json()


def test_it_rejects_an_end_before_the_start(head_user, member):
    response = api_as(head_user).patch(f"/api/v1/memberships/{member.pk}/", {"valid_to": "2022-12-31"}, format="json")

    assert response.status_code == 400
    assert "A membership cannot end before it starts." in response.json()["valid_to"]
    assert Membership.objects.get(pk=member.pk).valid_to is None


def test_it_ends_a_membership_with_the_end_action(head_user, member):
    response = api_as(head_user).post(f"/api/v1/memberships/{member.pk}/end/", {"last_day": "2024-03-31"})

    assert response.status_code == 200
    assert response.json()["valid_to"] == "2024-03-31"
    assert Membership.objects.get(pk=member.pk).valid_to == datetime.date(2024, 3, 31)


@pytest.mark.parametrize("last_day", ["2022-12-31", "31/03/2024", ""])
def test_it_rejects_a_bad_last_day(head_user, member, last_day):
    response = api_as(head_user).post(f"/api/v1/memberships/{member.pk}/end/", {"last_day": last_day})

    assert response.status_code == 400
    assert "last_day" in response.json()
    assert Membership.objects.get(pk=member.pk).valid_to is None


def test_it_refuses_to_stretch_an_end_over_a_later_membership(head_user, pak, newcomer):
    earlier = MembershipFactory(pokja=pak, employee=newcomer, valid_from=START, valid_to=datetime.date(2023, 12, 31))
    MembershipFactory(pokja=pak, employee=newcomer, valid_from=datetime.date(2024, 1, 1))

    response = api_as(head_user).post(f"/api/v1/memberships/{earlier.pk}/end/", {"last_day": "2024-06-30"})

    assert response.status_code == 400
    assert response.json() == {"last_day": ["This employee is already a member of this pokja in that period."]}
    earlier.refresh_from_db()
    assert earlier.valid_to == datetime.date(2023, 12, 31)


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_never_overwrites_or_deletes_a_membership(head_user, member, method):
    response = getattr(api_as(head_user), method)(f"/api/v1/memberships/{member.pk}/", {}, format="json")

    assert response.status_code == 405
    assert Membership.objects.filter(pk=member.pk, valid_to=None).exists()


def test_it_hides_memberships_from_an_outsider_even_for_writes(outsider, member):
    client = api_as(outsider)

    patched = client.patch(f"/api/v1/memberships/{member.pk}/", {"valid_to": "2024-06-30"}, format="json")
    ended = client.post(f"/api/v1/memberships/{member.pk}/end/", {"last_day": "2024-06-30"}, format="json")

    assert (patched.status_code, ended.status_code) == (404, 404)
    assert Membership.objects.get(pk=member.pk).valid_to is None


def test_it_refuses_anonymous_writes(pak, newcomer, member):
    client = api_as(None)

    assert client.post("/api/v1/memberships/", join(pak, newcomer), format="json").status_code == 401
    assert client.post(f"/api/v1/memberships/{member.pk}/end/", {"last_day": "2024-06-30"}).status_code == 401


@pytest.mark.parametrize("count", [3, 9])
def test_it_lists_memberships_in_a_constant_number_of_queries(db, django_assert_num_queries, count):
    agency = AgencyFactory()
    pokja = PokjaFactory(unit__agency=agency)
    for _ in range(count):
        MembershipFactory(pokja=pokja, employee=EmployeeFactory(unit=pokja.unit))
    client = api_as(UserFactory(agency=agency, role=User.Role.ADMIN))

    # 1. COUNT(*) of the agency's memberships  2. the page joined with pokja, unit and employee
    with django_assert_num_queries(2):
        response = client.get("/api/v1/memberships/")

    assert response.json()["count"] == count
    assert {m["unit"] for m in response.json()["results"]} == {pokja.unit.slug}
