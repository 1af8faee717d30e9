"""The "belum lapor" board: periods past their deadline (N days after the period ends) without a submitted or
accepted realisasi, as missing or late, with the responsible pokja and their ketua; time is frozen."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation.models import Membership, Pokja
from performance.models import Realisasi
from performance.services.reporting import overdue_reports, report_deadline
from performance.tests.factories import IndicatorFactory
from performance.tests.fixtures_agreements import *  # noqa: F403

MAKASSAR = zoneinfo.ZoneInfo("Asia/Makassar")


def at(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 9, tzinfo=MAKASSAR), tick=False)


def test_the_deadline_is_ten_days_after_the_period_by_default(settings):
    del settings.ORBIT_REPORT_DUE_DAYS
    assert report_deadline(2023, 3, "quarterly") == datetime.date(2023, 10, 10)
    assert report_deadline(2023, 2, "monthly") == datetime.date(2023, 3, 10)
    settings.ORBIT_REPORT_DUE_DAYS = 5
    assert report_deadline(2023, 4, "quarterly") == datetime.date(2024, 1, 5)


def test_nothing_is_overdue_on_the_deadline_itself(pk2023):
    with at(2023, 10, 10):
        assert overdue_reports(pk2023) == []


def test_a_returned_realisasi_is_late_the_day_after(pk2023):
    with at(2023, 10, 11):
        items = overdue_reports(pk2023)
    # IKU.6.3 Q3 was returned and not resubmitted; IKU.7.4 Q3 is submitted, which is on time.
    assert [(i.indicator.code, i.period, i.state) for i in items] == [("IKU.6.3", 3, "late")]
    assert [r.pokja.code for r in items[0].pokja] == ["PIA"]
    ketua = Membership.objects.get(pokja__code="PIA", role="ketua").employee
    assert items[0].pokja[0].ketua == ketua


def test_a_period_with_nothing_reported_is_missing(pk2023):
    with at(2024, 1, 11):
        items = overdue_reports(pk2023)
    missing = [i.indicator.code for i in items if i.state == "missing"]
    assert len(missing) == pk2023.indicators.count()  # every Q4
    assert all(i.period == 4 for i in items if i.state == "missing")


def test_the_setting_moves_the_deadline(pk2023, settings):
    settings.ORBIT_REPORT_DUE_DAYS = 30
    with at(2023, 10, 11):
        assert overdue_reports(pk2023) == []


def test_the_board_lists_items_with_pokja_and_ketua(client, pk2023, anggota_user):
    client.force_login(anggota_user)
    with at(2024, 1, 11):
        response = client.get(reverse("report_board", args=["inka", 2023]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-indicator="IKU.6.3" data-period="3" data-state="late"' in content
    assert 'data-indicator="IKU.7.2" data-period="4" data-state="missing"' in content
    assert 'data-indicator="IKU.7.4" data-period="3"' not in content
    ketua = Membership.objects.get(pokja__code="PAK", role="ketua").employee
    assert f'<span data-ketua-of="PAK">{ketua.name}</span>' in content
    assert response.context["missing"] == 15 and response.context["late"] == 1


def test_the_board_is_404_for_another_agency(client, pk2023, outsider):
    client.force_login(outsider)
    assert client.get(reverse("report_board", args=["inka", 2023])).status_code == 404


def board_queries(client) -> int:
    with at(2024, 1, 11), CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("report_board", args=["inka", 2023])).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_board_takes_the_same_queries_whatever_the_number_of_indicators(client, pk2023, head_user):
    client.force_login(head_user)
    # session, user, unit, agreement, the user's employee (is head?), indicators, their pokja,
    # the realisasi, the ketua memberships (with employee)
    assert board_queries(client) == 9
    objective = pk2023.objectives.first()
    pokja = list(Pokja.objects.filter(unit=pk2023.unit))
    for n in range(10):
        indicator = IndicatorFactory(agreement=pk2023, objective=objective, code=f"IKU.X{n}", pokja=pokja[:3])
        Realisasi.objects.create(indicator=indicator, period=1, value=1, status="returned")
    assert board_queries(client) == 9
