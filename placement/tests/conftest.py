import pytest

from organisation.tests.conftest import *  # noqa: F403
from placement.demo import load_placement_demo


@pytest.fixture(autouse=True)
def english(english_messages):
    """Messages are asserted in English (the msgids)."""


@pytest.fixture
def placement_unit(demo_unit):
    """The demo unit with profiles and pokja requirements: a run on it is feasible."""
    unit, _created = load_placement_demo()
    return unit
