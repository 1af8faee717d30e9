"""Membership invariants held by the database itself, and the same rules with messages via services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisation import services
from organisation.models import Membership, Unit
from organisation.tests.factories import EmployeeFactory, MembershipFactory, PokjaFactory, UnitFactory, UserFactory

JAN = datetime.date(2024, 1, 1)
JUN = datetime.date(2024, 6, 1)
DEC = datetime.date(2024, 12, 31)


pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def pokja(db):
    return PokjaFactory(code="PAK")


def raw_insert(**fields):
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        Membership.objects.create(**fields)
    return str(caught.value)


def test_it_rejects_a_second_open_ketua(pokja):
    MembershipFactory(pokja=pokja, role=Membership.Role.KETUA, valid_from=JAN)
    other = EmployeeFactory(unit=pokja.unit)
    raw_insert(employee=other, pokja=pokja, role=Membership.Role.KETUA, valid_from=JUN)


def test_it_rejects_an_overlapping_dated_wakil(pokja):
    MembershipFactory(pokja=pokja, role=Membership.Role.WAKIL, valid_from=JAN, valid_to=JUN)
    other = EmployeeFactory(unit=pokja.unit)
    message = raw_insert(
        employee=other, pokja=pokja, role=Membership.Role.WAKIL, valid_from=datetime.date(2024, 5, 1), valid_to=DEC
    )
    assert "organisation_membership" in message


def test_a_new_ketua_may_follow_the_day_after_the_old_one_ends(pokja):
    MembershipFactory(pokja=pokja, role=Membership.Role.KETUA, valid_from=JAN, valid_to=datetime.date(2024, 5, 31))
    MembershipFactory(pokja=pokja, role=Membership.Role.KETUA, valid_from=JUN)
    assert Membership.objects.filter(pokja=pokja, role="ketua").count() == 2
    assert Membership.objects.at(datetime.date(2024, 5, 31)).get(pokja=pokja, role="ketua").valid_to is not None
    assert Membership.objects.at(JUN).get(pokja=pokja, role="ketua").valid_to is None


def test_it_allows_many_anggota(pokja):
    for _ in range(3):
        MembershipFactory(pokja=pokja)
    assert Membership.objects.filter(pokja=pokja).count() == 3


def test_it_rejects_the_same_employee_twice_in_a_pokja_at_one_date(pokja):
    first = MembershipFactory(pokja=pokja, valid_from=JAN, valid_to=DEC)
    raw_insert(employee=first.employee, pokja=pokja, role="anggota", valid_from=JUN)


def test_it_rejects_an_employee_of_another_agency(pokja):
    stranger = EmployeeFactory(unit=UnitFactory())
    message = raw_insert(employee=stranger, pokja=pokja, role="anggota", valid_from=JAN)
    assert "same_agency" in message


def test_it_rejects_a_period_that_ends_before_it_starts(pokja):
    employee = EmployeeFactory(unit=pokja.unit)
    raw_insert(employee=employee, pokja=pokja, role="anggota", valid_from=JUN, valid_to=JAN)


def test_the_guard_also_holds_on_update(pokja):
    MembershipFactory(pokja=pokja, role=Membership.Role.KETUA, valid_from=JAN)
    member = MembershipFactory(pokja=pokja, role=Membership.Role.ANGGOTA, valid_from=JAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=member.pk).update(role=Membership.Role.KETUA)


def test_the_unit_pokja_range_must_be_ordered(db):
    unit = UnitFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(min_pokja_per_employee=5, max_pokja_per_employee=3)


@pytest.fixture
def manager(pokja):
    return UserFactory(agency=pokja.agency, role="admin")


def test_the_service_explains_a_second_ketua(pokja, manager):
    MembershipFactory(pokja=pokja, role=Membership.Role.KETUA, valid_from=JAN)
    other = EmployeeFactory(unit=pokja.unit)
    with pytest.raises(ValidationError) as caught:
        services.add_membership(actor=manager, employee=other, pokja=pokja, role="ketua", valid_from=JUN)
    assert "already has a ketua" in " ".join(caught.value.messages)


def test_the_service_explains_an_employee_of_another_agency(pokja, manager):
    stranger = EmployeeFactory(unit=UnitFactory())
    with pytest.raises(ValidationError) as caught:
        services.add_membership(actor=manager, employee=stranger, pokja=pokja, role="anggota", valid_from=JAN)
    assert "another agency" in " ".join(caught.value.messages)


def test_changing_a_role_keeps_the_old_membership_as_history(pokja, manager):
    membership = services.add_membership(
        actor=manager, employee=EmployeeFactory(unit=pokja.unit), pokja=pokja, role="anggota", valid_from=JAN
    )
    services.change_role(actor=manager, membership=membership, role="wakil", from_day=JUN)
    rows = list(Membership.objects.filter(employee=membership.employee).order_by("valid_from"))
    assert [(m.role, m.valid_from, m.valid_to) for m in rows] == [
        ("anggota", JAN, datetime.date(2024, 5, 31)),
        ("wakil", JUN, None),
    ]


def test_only_managers_may_change_the_structure(pokja):
    member = UserFactory(agency=pokja.agency, role="staff")
    with pytest.raises(services.PermissionDenied):
        services.add_membership(
            actor=member, employee=EmployeeFactory(unit=pokja.unit), pokja=pokja, role="anggota", valid_from=JAN
        )
