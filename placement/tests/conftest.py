import pytest
from django.utils import translation

from organisation.tests.conftest import *  # noqa: F403
from placement.demo import load_placement_demo


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids); Indonesian translations come later."""
    with translation.override("en"):
        yield


@pytest.fixture
def placement_unit(demo_unit):
    """The demo unit with profiles and pokja requirements: a run on it is feasible."""
    unit, _created = load_placement_demo()
    return unit
