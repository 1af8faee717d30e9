"""Birthdays from the NIP's birth date: pure date rules, and the unit's birthdays between two days."""

import calendar
import datetime
from dataclasses import dataclass

from culture.models import BirthdayOptOut
from organisation.models import Employee, Unit


def birthday_in(birth_date: datetime.date, year: int) -> datetime.date:
    """The day the birthday is kept in ``year``: 29 February falls on 28 February in a common year."""
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return datetime.date(year, 2, 28)
    return birth_date.replace(year=year)


@dataclass(frozen=True)
class Birthday:
    employee: Employee
    day: datetime.date  # the day it is kept in that year
    born: datetime.date


def celebrants(unit: Unit) -> list[Employee]:
    """The unit's active employees who show their birthday (not opted out) and whose NIP gives a birth date."""
    opted_out = BirthdayOptOut.objects.filter(employee_id__in=Employee.objects.filter(unit=unit).values("pk"))
    people = Employee.objects.filter(unit=unit, is_active=True).exclude(pk__in=opted_out.values("employee_id"))
    return [e for e in people.order_by("name", "pk") if e.birth_date is not None]


def between(people: list[Employee], start: datetime.date, end: datetime.date) -> list[Birthday]:
    """Every birthday of ``people`` kept from ``start`` to ``end`` inclusive, in date order."""
    found = []
    for year in range(start.year, end.year + 1):
        for employee in people:
            day = birthday_in(employee.birth_date, year)
            if start <= day <= end:
                found.append(Birthday(employee, day, employee.birth_date))
    return sorted(found, key=lambda b: (b.day, b.employee.name))
