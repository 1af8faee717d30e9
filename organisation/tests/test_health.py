"""Structure health findings, each from a structure built to show it."""

import datetime

import pytest
from django.utils import translation

from organisation.health import find_issues
from organisation.models import Membership
from organisation.tests.factories import (
    EmployeeFactory,
    FunctionFactory,
    MembershipFactory,
    PokjaFactory,
    UnitFactory,
)

DAY = datetime.date(2024, 3, 1)


pytestmark = pytest.mark.usefixtures("english_messages")


def codes(unit, at=DAY):
    return sorted((f.code, f.pokja or f.employee or f.function) for f in find_issues(unit, at))


@pytest.fixture
def healthy(db):
    """Two pokja A and B, four people each in both, ketua and wakil set, one function each."""
    unit = UnitFactory()
    unit.head = EmployeeFactory(unit=unit, name="Kepala")
    unit.save()
    a, b = PokjaFactory(unit=unit, code="A"), PokjaFactory(unit=unit, code="B")
    a.functions.add(FunctionFactory(unit=unit, number=1))
    b.functions.add(FunctionFactory(unit=unit, number=2))
    people = [EmployeeFactory(unit=unit) for _ in range(4)]
    roles = ["ketua", "wakil", "anggota", "anggota"]
    for i, person in enumerate(people):
        MembershipFactory(pokja=a, employee=person, role=roles[i])
        MembershipFactory(pokja=b, employee=person, role=roles[(i + 2) % 4])
    return unit


def test_a_healthy_structure_has_no_findings(healthy):
    assert find_issues(healthy, DAY) == []


def test_the_demo_unit_is_healthy(demo_unit):
    assert find_issues(demo_unit, DAY) == []


def test_it_finds_a_function_no_pokja_covers(healthy):
    FunctionFactory(unit=healthy, number=3)
    assert codes(healthy) == [("FUNCTION_UNCOVERED", 3)]


def test_it_finds_a_pokja_without_ketua_or_wakil(healthy):
    Membership.objects.filter(pokja__code="A", role__in=["ketua", "wakil"]).update(role="anggota")
    assert codes(healthy) == [("POKJA_NO_KETUA", "A"), ("POKJA_NO_WAKIL", "A")]


def test_it_finds_an_employee_outside_the_unit_range(healthy):
    loner = EmployeeFactory(unit=healthy)
    busy = EmployeeFactory(unit=healthy)
    for code in "CDE":
        PokjaFactory(unit=healthy, code=code)
    for pokja in healthy.pokja.all():
        MembershipFactory(pokja=pokja, employee=busy)
    MembershipFactory(pokja=healthy.pokja.get(code="C"), employee=loner)
    found = codes(healthy)
    assert ("EMPLOYEE_ABOVE_RANGE", busy.nip) in found
    assert ("EMPLOYEE_BELOW_RANGE", loner.nip) in found
    message = next(f.message for f in find_issues(healthy, DAY) if f.code == "EMPLOYEE_ABOVE_RANGE")
    assert "5 pokja" in message and "2 to 4" in message


def test_the_range_is_the_units_own(healthy):
    healthy.min_pokja_per_employee, healthy.max_pokja_per_employee = 3, 5
    healthy.save()
    assert [c for c, _ in codes(healthy)] == ["EMPLOYEE_BELOW_RANGE"] * 4


def test_the_head_is_the_centre_not_a_satellite(healthy):
    # The head belongs to no pokja and is not reported below the range.
    assert all(f.employee != healthy.head.nip for f in find_issues(healthy, DAY))


def test_it_finds_a_pokja_that_depends_on_one_person(healthy):
    lonely = PokjaFactory(unit=healthy, code="C")
    MembershipFactory(pokja=lonely, employee=EmployeeFactory(unit=healthy), role="ketua")
    found = [f for f in find_issues(healthy, DAY) if f.pokja == "C"]
    assert {f.code for f in found} == {"POKJA_TOO_SMALL", "POKJA_NO_WAKIL"}
    assert "one person" in next(f.message for f in found if f.code == "POKJA_TOO_SMALL")


def test_it_finds_a_function_resting_on_one_person(healthy):
    lonely = PokjaFactory(unit=healthy, code="C")
    lonely.functions.add(FunctionFactory(unit=healthy, number=7))
    MembershipFactory(pokja=lonely, employee=EmployeeFactory(unit=healthy), role="ketua")
    assert ("FUNCTION_ONE_PERSON", 7) in codes(healthy)


def test_it_finds_an_employee_leading_two_pokja(healthy):
    ketua_a = Membership.objects.get(pokja__code="A", role="ketua").employee
    Membership.objects.filter(pokja__code="B", role="ketua").update(role="anggota")
    Membership.objects.filter(pokja__code="B", employee=ketua_a).update(role="ketua")
    found = codes(healthy)
    assert ("EMPLOYEE_LEADS_MANY", ketua_a.nip) in found


def test_findings_follow_the_date(healthy):
    Membership.objects.filter(pokja__code="A", role="ketua").update(valid_to=datetime.date(2024, 2, 1))
    assert ("POKJA_NO_KETUA", "A") not in codes(healthy, datetime.date(2024, 1, 15))
    assert ("POKJA_NO_KETUA", "A") in codes(healthy, DAY)


def test_errors_come_first_and_every_finding_has_code_severity_and_message(healthy):
    FunctionFactory(unit=healthy, number=9)
    EmployeeFactory(unit=healthy)
    findings = find_issues(healthy, DAY)
    assert [f.severity for f in findings] == sorted(
        (f.severity for f in findings), key=["error", "warning", "info"].index
    )
    assert all(f.code and f.message for f in findings)


def test_messages_follow_the_language(healthy):
    FunctionFactory(unit=healthy, number=3)
    with translation.override("id"):
        message = find_issues(healthy, DAY)[0].message
    assert "tidak" in message.lower()


def test_it_runs_in_a_constant_number_of_queries(healthy, django_assert_num_queries):
    # pokja, memberships (with employees), employees, functions, functions' pokja
    with django_assert_num_queries(5):
        find_issues(healthy, DAY)
    for _ in range(10):
        MembershipFactory(pokja=healthy.pokja.get(code="A"), employee=EmployeeFactory(unit=healthy))
    with django_assert_num_queries(5):
        find_issues(healthy, DAY)
