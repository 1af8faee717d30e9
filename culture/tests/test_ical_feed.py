"""The iCalendar feed, parsed back: events, lembur with its task, birthdays as yearly events (29 February on the
last day of February), opt-outs left out; the secret address works without a session and only for its owner."""

import datetime

import time_machine
from django.urls import reverse
from icalendar import Calendar

from culture.models import CalendarToken
from culture.services import calendar as service
from culture.tests.helpers import MAKASSAR, at, lembur
from organisation import demo
from organisation.models import Employee
from organisation.tests.factories import EmployeeFactory

KOMANG = demo.demo_nip(0, "2")


def feed_url(unit, user):
    return reverse("culture_feed", args=[unit.slug, service.feed_token(user).token])


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events_of(calendar: Calendar) -> dict[str, object]:
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


@time_machine.travel(datetime.datetime(2024, 2, 1, 9, tzinfo=MAKASSAR), tick=False)
def test_the_feed_carries_the_events_and_a_lembur_with_its_task(client, demo_unit, anggota_user):
    komang = Employee.objects.get(nip=KOMANG)
    session = lembur(demo_unit, "PAK", 3, at(2024, 2, 9, 17), 3, [komang], location="Ruang arsip")

    calendar = parse(client.get(feed_url(demo_unit, anggota_user)))  # no session: the token says who

    assert str(calendar["X-WR-CALNAME"]) == demo_unit.name
    event = events_of(calendar)[f"event-{session.pk}@inka.orbit"]
    assert event.decoded("DTSTART") == at(2024, 2, 9, 17)
    assert event.decoded("DTEND") == at(2024, 2, 9, 20)
    assert "PAK: Melakukan rasionalisasi arsip" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Ruang arsip"


@time_machine.travel(datetime.datetime(2025, 2, 1, 9, tzinfo=MAKASSAR), tick=False)
def test_birthdays_are_yearly_and_29_february_falls_on_the_last_day_of_february(client, demo_unit, anggota_user):
    leapling = EmployeeFactory(unit=demo_unit, nip="198002292005011001", name="Putu Kabisat")

    items = events_of(parse(client.get(feed_url(demo_unit, anggota_user))))

    komang = items[f"birthday-{Employee.objects.get(nip=KOMANG).pk}@inka.orbit"]
    assert komang.decoded("DTSTART") == datetime.date(2025, 1, 1)  # this year's, not the year of birth
    assert dict(komang["RRULE"]) == {"FREQ": ["YEARLY"]}
    assert "Komang Ayu Larasati" in str(komang["SUMMARY"])
    leap = items[f"birthday-{leapling.pk}@inka.orbit"]
    assert leap.decoded("DTSTART") == datetime.date(2025, 2, 28)
    assert dict(leap["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [2], "BYMONTHDAY": [-1]}
    birthdays = [uid for uid in items if uid.startswith("birthday-")]
    assert len(birthdays) == Employee.objects.filter(unit=demo_unit, is_active=True).count()


def test_a_person_who_opted_out_is_not_in_the_feed(client, demo_unit, anggota_user, ketua_user):
    service.set_birthday_shown(actor=ketua_user, employee=ketua_user.employee, shown=False)
    items = events_of(parse(client.get(feed_url(demo_unit, anggota_user))))
    assert f"birthday-{ketua_user.employee.pk}@inka.orbit" not in items


def test_an_unknown_or_reset_token_gives_404(client, demo_unit, anggota_user):
    old = feed_url(demo_unit, anggota_user)
    assert client.get(reverse("culture_feed", args=[demo_unit.slug, "not-a-token"])).status_code == 404
    client.force_login(anggota_user)
    client.post(reverse("culture_feed_reset", args=[demo_unit.slug]))
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(demo_unit, anggota_user)).status_code == 200


def test_a_token_only_opens_units_its_owner_may_see(client, demo_unit, outsider):
    assert client.get(feed_url(demo_unit, outsider)).status_code == 404


def test_a_deactivated_users_token_stops_working(client, demo_unit, anggota_user):
    url = feed_url(demo_unit, anggota_user)
    anggota_user.is_active = False
    anggota_user.save()
    assert client.get(url).status_code == 404


def test_the_calendar_page_shows_my_feed_address(client, demo_unit, anggota_user):
    client.force_login(anggota_user)
    page = client.get(reverse("culture_calendar", args=[demo_unit.slug]))
    token = CalendarToken.objects.get(user=anggota_user).token
    assert page.context["feed_url"].endswith(f"/units/inka/culture/calendar/feed/{token}.ics")
