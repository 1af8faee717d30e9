"""The engagement calendar: the month page, planning events and lembur, and who may plan what."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from culture.models import Event
from culture.tests.helpers import at, lembur
from organisation import demo
from organisation.models import Employee, PokjaTask

KOMANG = demo.demo_nip(0, "2")  # ketua of PAK


def month_url(unit, month="2024-02"):
    return reverse("culture_calendar", args=[unit.slug]) + f"?month={month}"


def new_url(unit):
    return reverse("culture_event_new", args=[unit.slug])


def event_data(**extra):
    data = {
        "kind": "team_building",
        "title": "Outbound Bedugul",
        "starts_at": "2024-02-10T08:00",
        "ends_at": "2024-02-10T16:00",
        "location": "Bedugul",
    }
    return {**data, **extra}


def test_anonymous_and_outsiders_see_nothing(client, demo_unit, outsider):
    assert client.get(month_url(demo_unit)).status_code == 302
    client.force_login(outsider)
    assert client.get(month_url(demo_unit)).status_code == 404
    assert client.post(new_url(demo_unit), event_data()).status_code == 404
    assert not Event.objects.exists()


def test_the_month_shows_events_and_birthdays_on_their_days(client, demo_unit, anggota_user):
    komang = Employee.objects.get(nip=KOMANG)
    session = lembur(demo_unit, "PAK", 1, at(2024, 2, 9, 17), 3, [komang])
    client.force_login(anggota_user)
    response = client.get(month_url(demo_unit, "2024-01"))
    days = {day.date: day for week in response.context["month"].weeks for day in week}
    assert komang in [b.employee for b in days[datetime.date(2024, 1, 1)].birthdays]  # born 1 January
    response = client.get(month_url(demo_unit, "2024-02"))
    days = {day.date: day for week in response.context["month"].weeks for day in week}
    assert days[datetime.date(2024, 2, 9)].events == [session]
    assert f'data-event="{session.pk}"' in response.content.decode()


def test_the_month_page_takes_a_fixed_number_of_queries(client, demo_unit, anggota_user):
    people = list(Employee.objects.filter(unit=demo_unit)[:5])
    for day in range(1, 20, 2):
        lembur(demo_unit, "PAK", 1, at(2024, 2, day, 17), 2, people)
    client.force_login(anggota_user)
    client.get(month_url(demo_unit))  # the first visit creates the viewer's feed token
    with CaptureQueriesContext(connection) as queries:
        response = client.get(month_url(demo_unit))
    assert response.status_code == 200
    # session, user, unit, can_manage's employee, feed token, events with attendee counts, employees
    # (minus opted out), led pokja (can_plan), the viewer's birthday opt-out
    assert len(queries) == 9


def test_the_head_plans_a_team_building_with_values(client, demo_unit, head_user, core_values):
    client.force_login(head_user)
    response = client.post(new_url(demo_unit), event_data(values=[core_values["harmonis"].pk]))
    event = Event.objects.get()
    assert response["Location"] == reverse("culture_event", args=[demo_unit.slug, event.pk])
    assert event.kind == "team_building" and event.created_by == head_user
    assert list(event.values.values_list("code", flat=True)) == ["harmonis"]


def test_a_ketua_plans_a_lembur_of_their_pokja_with_attendees(client, demo_unit, ketua_user):
    task = PokjaTask.objects.get(pokja__unit=demo_unit, pokja__code="PAK", number=3)
    attendees = list(Employee.objects.filter(memberships__pokja__code="PAK").distinct()[:3])
    client.force_login(ketua_user)
    response = client.post(
        new_url(demo_unit),
        event_data(kind="lembur", title="Rasionalisasi arsip", task=task.pk, attendees=[p.pk for p in attendees]),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.task == task and event.pokja.code == "PAK"
    assert set(event.attendees.all()) == set(attendees)
    page = client.get(reverse("culture_event", args=[demo_unit.slug, event.pk]))
    assert "Melakukan rasionalisasi arsip" in page.content.decode()


def test_a_ketua_cannot_plan_another_pokjas_lembur_nor_a_team_building(client, demo_unit, ketua_user):
    other_task = PokjaTask.objects.get(pokja__unit=demo_unit, pokja__code="PDK", number=1)
    client.force_login(ketua_user)
    response = client.post(new_url(demo_unit), event_data(kind="lembur", task=other_task.pk))
    assert response.status_code == 200 and "task" in response.context["form"].errors
    response = client.post(new_url(demo_unit), event_data())
    assert "kind" in response.context["form"].errors
    assert not Event.objects.exists()


def test_an_anggota_cannot_plan(client, demo_unit, anggota_user):
    client.force_login(anggota_user)
    assert client.get(new_url(demo_unit)).status_code == 403
    assert client.post(new_url(demo_unit), event_data()).status_code == 403


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"kind": "lembur"}, "task"), ({"ends_at": "2024-02-10T07:00"}, "ends_at")],
)
def test_the_form_explains_what_is_missing(client, demo_unit, head_user, changes, field):
    client.force_login(head_user)
    response = client.post(new_url(demo_unit), event_data(**changes))
    assert field in response.context["form"].errors
    assert not Event.objects.exists()
