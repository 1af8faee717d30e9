"""Fixtures of the PK/realisasi tests: the demo PK 2023 and a pokja member who is neither ketua nor wakil.

Import them into a test module: ``from performance.tests.fixtures_agreements import *  # noqa: F403``.
"""

import pytest

from organisation.models import Membership, User
from performance import demo
from performance.models import Indicator, PerformanceAgreement

__all__ = ["pk2023", "member_user", "iku_72", "make_member_user"]


def make_member_user(unit, pokja_code: str, username: str) -> User:
    """A sign-in for the first anggota (by name) of a pokja in the demo unit, with the demo password."""
    membership = (
        Membership.objects.filter(pokja__unit=unit, pokja__code=pokja_code, role=Membership.Role.ANGGOTA)
        .filter(employee__user__isnull=True)
        .select_related("employee")
        .order_by("employee__name")
        .first()
    )
    user = User.objects.create_user(
        username=username,
        password=demo.organisation_demo.DEMO_PASSWORD,
        agency=unit.agency,
        first_name=membership.employee.name,
    )
    membership.employee.user = user
    membership.employee.save(update_fields=["user"])
    return user


@pytest.fixture
def pk2023(demo_unit) -> PerformanceAgreement:
    agreement, _created = demo.load_performance_demo()
    return agreement


@pytest.fixture
def member_user(pk2023) -> User:
    """An anggota of PAK (responsible for IKU.7.2) who is not the ketua or wakil."""
    return make_member_user(pk2023.unit, "PAK", "anggota-pak")


@pytest.fixture
def iku_72(pk2023) -> Indicator:
    """IKU.7.2 of PK 2023: PAK alone is responsible; quarters 1-3 accepted, quarter 4 not reported."""
    return pk2023.indicators.get(code="IKU.7.2")
