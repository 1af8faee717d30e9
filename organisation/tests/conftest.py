"""Shared personas: the demo unit, and an outsider from another agency."""

import pytest

from organisation import demo
from organisation.models import Unit, User
from organisation.tests.factories import EmployeeFactory, PokjaFactory, UnitFactory, UserFactory


@pytest.fixture
def demo_unit(db) -> Unit:
    unit, _created = demo.load_demo()
    return unit


@pytest.fixture
def head_user(demo_unit) -> User:
    return User.objects.get(username="kepala")


@pytest.fixture
def admin_user(demo_unit) -> User:
    return User.objects.get(username="admin")


@pytest.fixture
def ketua_user(demo_unit) -> User:
    return User.objects.get(username="ketua")


@pytest.fixture
def anggota_user(demo_unit) -> User:
    return User.objects.get(username="anggota")


@pytest.fixture
def other_unit(db) -> Unit:
    """A unit of another agency, with one pokja and one employee."""
    unit = UnitFactory(name="Unit Lain", slug="unit-lain")
    employee = EmployeeFactory(unit=unit, name="Pegawai Instansi Lain")
    PokjaFactory(unit=unit, code="ZZZ", name="Pokja Rahasia")
    unit.head = employee
    unit.save()
    return unit


@pytest.fixture
def outsider(other_unit) -> User:
    """An agency admin of another agency: sees everything of theirs, nothing of the demo agency."""
    return UserFactory(username="outsider", agency=other_unit.agency, role=User.Role.ADMIN)
