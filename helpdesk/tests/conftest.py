"""Helpdesk personas and data: the demo unit's services, a stakeholder account, tickets made the real way."""

import pytest
from django.core.cache import cache

from helpdesk.models import Category
from helpdesk.tests.factories import make_ticket  # noqa: F401
from organisation.models import Pokja, User
from organisation.tests.conftest import *  # noqa: F403
from organisation.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pia(demo_unit) -> Pokja:
    return Pokja.objects.get(unit=demo_unit, code="PIA")


@pytest.fixture
def pak(demo_unit) -> Pokja:
    return Pokja.objects.get(unit=demo_unit, code="PAK")


@pytest.fixture
def siasn(demo_unit, pia) -> Category:
    """Integrasi SIASN → PIA: first response in 4 working hours, resolution in 16."""
    return Category.objects.create(
        unit=demo_unit,
        pokja=pia,
        name="Integrasi SIASN",
        slug="integrasi-siasn",
        first_response_hours=4,
        resolution_hours=16,
    )


@pytest.fixture
def arsip(demo_unit, pak) -> Category:
    return Category.objects.create(
        unit=demo_unit,
        pokja=pak,
        name="Permintaan arsip",
        slug="permintaan-arsip",
        first_response_hours=8,
        resolution_hours=24,
    )


@pytest.fixture
def stakeholder(db) -> User:
    """An officer of another agency with a stakeholder account."""
    return UserFactory(username="pemohon", role=User.Role.STAKEHOLDER, email="pemohon@pemda.example")
