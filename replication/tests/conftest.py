"""Agency A's demo unit with its PK and placement data (the template's source), and agency B's admin."""

import json

import pytest
from django.apps import apps
from django.conf import settings

from organisation import demo
from organisation.models import Unit, User
from organisation.tests.factories import AgencyFactory, UserFactory
from performance.demo import load_performance_demo
from placement.demo import load_placement_demo
from replication.template import dump, export_unit

# Every table a unit created from a template writes to (the rows counted before and after a failure).
WRITTEN = [
    "organisation.Unit",
    "organisation.HistoricalUnit",
    "organisation.Function",
    "organisation.HistoricalFunction",
    "organisation.Pokja",
    "organisation.HistoricalPokja",
    "organisation.PokjaTask",
    "placement.Competency",
    "placement.PokjaRequirement",
    "placement.RequiredCompetency",
    "performance.PerformanceAgreement",
    "performance.StrategicObjective",
    "performance.Indicator",
    "performance.HistoricalIndicator",
]


def row_counts() -> dict[str, int]:
    from organisation.models import Pokja
    from performance.models import Indicator

    counts = {label: apps.get_model(label).objects.count() for label in WRITTEN}
    counts["pokja-functions"] = Pokja.functions.through.objects.count()
    counts["indicator-pokja"] = Indicator.pokja.through.objects.count()
    return counts


@pytest.fixture
def source_unit(db) -> Unit:
    """The demo unit "inka" of agency A with its PK 2023 and 2026, competencies and pokja requirements."""
    unit, _created = demo.load_demo()
    load_performance_demo()
    load_placement_demo()
    return unit


@pytest.fixture
def template_bytes(source_unit) -> bytes:
    return dump(export_unit(source_unit))


@pytest.fixture
def template_document(template_bytes) -> dict:
    return json.loads(template_bytes)


@pytest.fixture
def admin_b(db) -> User:
    """The admin of agency B, a regency that benchmarked Orbit and wants the same structure."""
    agency = AgencyFactory(name="Pemerintah Kabupaten Contoh", slug="kab-contoh")
    return UserFactory(username="admin-b", agency=agency, role=User.Role.ADMIN)


def as_english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
