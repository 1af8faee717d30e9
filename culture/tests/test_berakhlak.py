"""BerAKHLAK reference data (SE MenPANRB 20/2021) and the unit's per-value summary over a period."""

import datetime

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from culture.models import CoreBehaviour, CoreValue, Event
from culture.selectors import values_summary
from culture.services import awards
from culture.tests.helpers import at
from organisation import demo
from organisation.models import Employee

KOMANG = demo.demo_nip(0, "2")


def test_the_migration_loads_the_seven_values_in_the_acronyms_order(core_values):
    # core_values re-runs the loader of migration 0002: browser tests elsewhere flush every table.
    names = list(CoreValue.objects.order_by("order").values_list("name", flat=True))
    assert names == ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]
    assert "".join(name[0] for name in names) == "BAKHLAK"


def test_each_value_has_its_three_official_behaviour_statements(core_values):
    for value in CoreValue.objects.all():
        assert list(value.behaviours.values_list("number", flat=True)) == [1, 2, 3]
    statement = CoreBehaviour.objects.get(value__code="kolaboratif", number=3).text
    assert statement == "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama"
    assert (
        CoreBehaviour.objects.get(value__code="akuntabel", number=3).text == "Tidak menyalahgunakan kewenangan jabatan"
    )
    assert CoreBehaviour.objects.get(value__code="adaptif", number=3).text == "Bertindak proaktif"
    assert CoreValue.objects.get(code="harmonis").definition == "Saling peduli dan menghargai perbedaan"


def test_the_summary_counts_awards_nominations_and_activities_per_value(period, anggota_user, head_user, core_values):
    komang = Employee.objects.get(nip=KOMANG)
    kolaboratif, harmonis = core_values["kolaboratif"], core_values["harmonis"]
    with time_machine.travel(at(2024, 3, 15), tick=False):
        first = awards.nominate(
            actor=anggota_user, period=period, kind="employee", employee=komang, title="A", reason="R",
            values=[kolaboratif, harmonis],
        )  # fmt: skip
        awards.decide(actor=head_user, nomination=first, award=True)
        awards.nominate(
            actor=anggota_user, period=period, kind="pokja", pokja=period.unit.pokja.first(), title="B", reason="R",
            values=[kolaboratif],
        )  # fmt: skip
    for year in (2024, 2025):  # the second one is outside the period asked for
        gathering = Event.objects.create(
            unit=period.unit, kind="family_gathering", title="Family gathering", starts_at=at(year, 3, 2),
            ends_at=at(year, 3, 2, 15),
        )  # fmt: skip
        gathering.values.set([harmonis])

    summary = {v.code: v for v in values_summary(period.unit, datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))}

    assert (summary["kolaboratif"].award_count, summary["kolaboratif"].nomination_count) == (1, 2)
    assert (summary["harmonis"].award_count, summary["harmonis"].event_count) == (1, 1)
    assert summary["loyal"].award_count == summary["loyal"].event_count == summary["loyal"].nomination_count == 0
    later = {v.code: v for v in values_summary(period.unit, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))}
    assert (later["harmonis"].award_count, later["harmonis"].event_count) == (0, 1)


def test_the_values_page_shows_the_period_asked_for(client, demo_unit, anggota_user, core_values):
    event = Event.objects.create(
        unit=demo_unit, kind="jumat_kolaboratif", title="Jumat kolaboratif", starts_at=at(2024, 5, 3, 8),
        ends_at=at(2024, 5, 3, 11),
    )  # fmt: skip
    event.values.set([core_values["kolaboratif"]])
    client.force_login(anggota_user)
    url = reverse("culture_values", args=[demo_unit.slug])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url + "?from=2024-05-01&to=2024-05-31")
    html = page.content.decode()
    assert '<tr data-value="kolaboratif">' in html
    assert [v.event_count for v in page.context["values"] if v.code == "kolaboratif"] == [1]
    # session, user, unit, can_manage's employee, the values with counts, their behaviours
    assert len(queries) == 6
    empty = client.get(url + "?from=2024-06-01&to=2024-06-30")
    assert all(v.event_count == 0 for v in empty.context["values"])


def test_outsiders_do_not_see_the_summary(client, demo_unit, outsider):
    client.force_login(outsider)
    assert client.get(reverse("culture_values", args=[demo_unit.slug])).status_code == 404
