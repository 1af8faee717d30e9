"""Birthdays come from the NIP's birth date; 29 February is kept on the 28th in common years; people may opt out."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from culture import birthdays
from culture.models import BirthdayOptOut
from culture.services import calendar as service
from organisation import demo
from organisation.models import Employee
from organisation.tests.factories import EmployeeFactory

LEAPLING_NIP = "198002292005011001"


@pytest.mark.parametrize(
    ("born", "year", "kept"),
    [
        (datetime.date(1980, 2, 29), 2024, datetime.date(2024, 2, 29)),
        (datetime.date(1980, 2, 29), 2025, datetime.date(2025, 2, 28)),
        (datetime.date(1980, 2, 29), 2100, datetime.date(2100, 2, 28)),  # not a leap year
        (datetime.date(1985, 12, 31), 2025, datetime.date(2025, 12, 31)),
        (datetime.date(1985, 3, 1), 2025, datetime.date(2025, 3, 1)),
    ],
)
def test_it_keeps_a_birthday_on_a_real_day(born, year, kept):
    assert birthdays.birthday_in(born, year) == kept


def test_the_birth_date_is_read_from_the_nip(demo_unit):
    leapling = EmployeeFactory(unit=demo_unit, nip=LEAPLING_NIP, name="Putu Kabisat")
    found = birthdays.between(birthdays.celebrants(demo_unit), datetime.date(2025, 2, 1), datetime.date(2025, 3, 31))
    mine = [b for b in found if b.employee == leapling]
    assert [(b.day, b.born) for b in mine] == [(datetime.date(2025, 2, 28), datetime.date(1980, 2, 29))]


def test_every_active_person_of_the_unit_has_one_birthday_a_year(demo_unit):
    people = birthdays.celebrants(demo_unit)
    found = birthdays.between(people, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert len(found) == len(people) == Employee.objects.filter(unit=demo_unit, is_active=True).count()
    komang = next(b for b in found if b.employee.nip == demo.demo_nip(0, "2"))
    assert komang.day == datetime.date(2025, 1, 1)  # demo_nip(0) is born on 1 January 1972


def test_a_person_who_opts_out_is_left_out(demo_unit, ketua_user):
    service.set_birthday_shown(actor=ketua_user, employee=ketua_user.employee, shown=False)
    assert ketua_user.employee not in birthdays.celebrants(demo_unit)
    service.set_birthday_shown(actor=ketua_user, employee=ketua_user.employee, shown=True)
    assert ketua_user.employee in birthdays.celebrants(demo_unit)


def test_nobody_hides_someone_elses_birthday(demo_unit, head_user, ketua_user):
    with pytest.raises(PermissionDenied):
        service.set_birthday_shown(actor=head_user, employee=ketua_user.employee, shown=False)
    assert not BirthdayOptOut.objects.exists()


def test_the_calendar_page_toggles_my_own_birthday(client, demo_unit, ketua_user):
    client.force_login(ketua_user)
    url = reverse("culture_birthday", args=[demo_unit.slug])
    response = client.post(url, {"shown": "0", "next": "https://evil.example/"})
    assert response["Location"] == reverse("culture_calendar", args=[demo_unit.slug])
    assert BirthdayOptOut.objects.filter(employee=ketua_user.employee).exists()
    page = client.get(reverse("culture_calendar", args=[demo_unit.slug]) + "?month=2025-01")
    assert f'data-nip="{ketua_user.employee.nip}"' not in page.content.decode()
    client.post(url, {"shown": "1"})
    page = client.get(reverse("culture_calendar", args=[demo_unit.slug]) + "?month=2025-01")
    assert f'data-nip="{ketua_user.employee.nip}"' in page.content.decode()


def test_someone_without_an_employee_record_cannot_toggle(client, demo_unit, admin_user):
    client.force_login(admin_user)
    assert client.post(reverse("culture_birthday", args=[demo_unit.slug]), {"shown": "0"}).status_code == 403
