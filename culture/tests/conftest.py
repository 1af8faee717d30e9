import datetime

import pytest

from culture import berakhlak
from culture.models import AwardPeriod, CoreBehaviour, CoreValue
from organisation.tests.conftest import *  # noqa: F403


@pytest.fixture
def core_values(db) -> dict[str, CoreValue]:
    """The BerAKHLAK rows: written by a data migration, rewritten here because transactional tests flush them."""
    berakhlak.load(CoreValue, CoreBehaviour)
    return {value.code: value for value in CoreValue.objects.all()}


@pytest.fixture
def period(demo_unit) -> AwardPeriod:
    return AwardPeriod.objects.create(
        unit=demo_unit, name="Triwulan I 2024", start=datetime.date(2024, 1, 1), end=datetime.date(2024, 3, 31)
    )


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client
