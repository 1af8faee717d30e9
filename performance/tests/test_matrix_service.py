"""The role-result services: who may write, the agency and pokja rules, and the matrix read from the rows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organisation.models import Membership, Pokja
from organisation.tests.factories import EmployeeFactory
from performance.models import RoleResult
from performance.services import role_results as service
from performance.tests.factories_teamwork import member_of, outside_of, small_pk


@pytest.fixture
def pk2023(demo_unit):
    return small_pk(demo_unit, 2023)


def iku(agreement, code):
    return agreement.indicators.get(code=code)


def test_it_lets_the_head_add_a_role_result_with_the_persons_pokja(pk2023, head_user):
    person = member_of("PAK")
    pak = Pokja.objects.get(code="PAK")
    added = service.add_role_result(
        actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=person, pokja=pak,
        result=" Arsip terdigitalisasi ", result_indicator="Jumlah arsip", target="100 dokumen",
    )  # fmt: skip
    stored = RoleResult.objects.get(pk=added.pk)
    assert (stored.employee, stored.pokja, stored.result, stored.target) == (
        person,
        pak,
        "Arsip terdigitalisasi",
        "100 dokumen",
    )


def test_it_lets_an_agency_admin_add_without_a_pokja(pk2023, admin_user):
    person = member_of("PDK")
    service.add_role_result(actor=admin_user, indicator=iku(pk2023, "IKU.2"), employee=person, result="Layanan")
    assert RoleResult.objects.filter(employee=person, pokja__isnull=True).count() == 1


@pytest.mark.parametrize("persona", ["ketua_user", "anggota_user", "outsider"])
def test_it_refuses_anyone_but_the_head_or_admin(pk2023, request, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        service.add_role_result(actor=user, indicator=iku(pk2023, "IKU.1"), employee=member_of("PAK"), result="X")
    assert not RoleResult.objects.exists()


def test_it_refuses_an_employee_of_another_agency(pk2023, head_user, other_unit):
    stranger = other_unit.employees.first()
    with pytest.raises(ValidationError) as error:
        service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=stranger, result="X")
    assert "employee" in error.value.message_dict
    assert not RoleResult.objects.exists()


def test_it_accepts_an_employee_of_another_unit_of_the_same_agency(pk2023, head_user, demo_unit):
    elsewhere = EmployeeFactory(unit__agency=demo_unit.agency, name="Pegawai Bidang Lain")
    service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=elsewhere, result="Dukungan")
    assert RoleResult.objects.filter(employee=elsewhere).exists()


def test_it_refuses_a_pokja_the_person_is_not_in(pk2023, head_user, demo_unit):
    person = outside_of(demo_unit, "PAK")
    with pytest.raises(ValidationError) as error:
        service.add_role_result(
            actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=person, pokja=Pokja.objects.get(code="PAK"),
            result="X",
        )  # fmt: skip
    assert "pokja" in error.value.message_dict


def test_it_refuses_a_pokja_the_person_left_before_the_year(pk2023, head_user):
    membership = Membership.objects.filter(pokja__code="PAK", role="anggota").first()
    membership.valid_from, membership.valid_to = datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)
    membership.save()
    with pytest.raises(ValidationError):
        service.add_role_result(
            actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=membership.employee, pokja=membership.pokja,
            result="X",
        )  # fmt: skip


def test_it_refuses_an_empty_result(pk2023, head_user):
    with pytest.raises(ValidationError) as error:
        service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=member_of("PAK"), result=" ")
    assert "result" in error.value.message_dict


def test_it_updates_and_removes_a_role_result(pk2023, head_user, anggota_user):
    person = member_of("PAK")
    item = service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=person, result="A")
    service.update_role_result(
        actor=head_user, role_result=item, indicator=iku(pk2023, "IKU.2"), employee=person, result="B", target="3"
    )
    item.refresh_from_db()
    assert (item.indicator.code, item.result, item.target) == ("IKU.2", "B", "3")
    with pytest.raises(PermissionDenied):
        service.remove_role_result(actor=anggota_user, role_result=item)
    service.remove_role_result(actor=head_user, role_result=item)
    assert not RoleResult.objects.exists()


def test_it_keeps_a_role_result_within_its_agreement(pk2023, head_user, demo_unit):
    person = member_of("PAK")
    item = service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=person, result="A")
    other_year = small_pk(demo_unit, 2024)
    with pytest.raises(ValidationError):
        service.update_role_result(
            actor=head_user, role_result=item, indicator=iku(other_year, "IKU.1"), employee=item.employee, result="A"
        )


def test_the_matrix_puts_results_across_and_pokja_ketua_first(pk2023, head_user, demo_unit):
    ketua = member_of("PAK", Membership.Role.KETUA)
    anggota = member_of("PDK")
    service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.2"), employee=anggota, result="Layanan cepat")
    service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=ketua, result="Arsip 1")
    service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=ketua, result="Arsip 2")
    matrix = service.matrix(pk2023)
    assert [r.code for r in matrix.results] == ["IKU.1", "IKU.2", "IKU.2.1"]
    assert len(matrix.rows) == demo_unit.employees.count() - 1  # everyone but the head
    ketua_count = Pokja.objects.filter(unit=demo_unit).count()
    assert all(("ketua" in {role for _c, role in row.roles}) for row in matrix.rows[:ketua_count])
    assert matrix.rows[0].employee == ketua and matrix.rows[0].roles[0] == ("PAK", "ketua")
    assert [r.result for r in matrix.rows[0].cells[0]] == ["Arsip 1", "Arsip 2"]
    row = next(r for r in matrix.rows if r.employee == anggota)
    assert [[r.result for r in cell] for cell in row.cells] == [[], ["Layanan cepat"], []]


def test_contributions_list_role_results_and_the_pokja_indicators(pk2023, head_user, anggota_user):
    person = anggota_user.employee  # anggota of PIA and PDK
    service.add_role_result(actor=head_user, indicator=iku(pk2023, "IKU.1"), employee=person, result="Bantu arsip")
    mine = service.contributions(pk2023, person)
    assert [r.result for r in mine.role_results] == ["Bantu arsip"]
    assert {m.pokja.code for m in mine.memberships} == {"PIA", "PDK"}
    assert [i.code for i in mine.pokja_indicators] == ["IKU.2.1"]
