"""Reads for the culture pages: the BerAKHLAK summary, the month calendar, and a person's or pokja's culture."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from culture import birthdays
from culture.birthdays import Birthday
from culture.models import CoreValue, Event, Nomination
from organisation.models import Unit


def values_summary(unit: Unit, start: datetime.date, end: datetime.date) -> list[CoreValue]:
    """The seven values, each with its behaviours and how often the unit's awards, nominations, events and dialog
    kinerja showed it in the period (awards by decision date, nominations by nomination date, events by start,
    dialogues by their date): two queries."""
    awarded = Q(
        nominations__period__unit=unit,
        nominations__status=Nomination.Status.AWARDED,
        nominations__decided_at__date__gte=start,
        nominations__decided_at__date__lte=end,
    )
    nominated = Q(
        nominations__period__unit=unit,
        nominations__nominated_at__date__gte=start,
        nominations__nominated_at__date__lte=end,
    )
    events = Q(events__unit=unit, events__starts_at__date__gte=start, events__starts_at__date__lte=end)
    dialogues = Q(
        dialogue_tags__unit=unit, dialogue_tags__dialogue_date__gte=start, dialogue_tags__dialogue_date__lte=end
    )
    return list(
        CoreValue.objects.annotate(
            award_count=Count("nominations", filter=awarded, distinct=True),
            nomination_count=Count("nominations", filter=nominated, distinct=True),
            event_count=Count("events", filter=events, distinct=True),
            dialogue_count=Count("dialogue_tags", filter=dialogues, distinct=True),
        )
        .prefetch_related("behaviours")
        .order_by("order")
    )


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)
    birthdays: list[Birthday] = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)


def month_view(unit: Unit, year: int, month: int) -> Month:
    """The weeks (Monday first) of the month with each day's events and birthdays: three queries."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    days = {day: Day(day, day.month == month) for week in weeks for day in week}
    events = (
        Event.objects.filter(unit=unit)
        .between(first, last)
        .select_related("pokja", "task")
        .annotate(attendee_count=Count("attendees"))
        .order_by("starts_at", "pk")
    )
    for event in events:
        day = max(event.start_day, first)
        while day <= min(event.end_day, last):
            days[day].events.append(event)
            day += datetime.timedelta(days=1)
    for birthday in birthdays.between(birthdays.celebrants(unit), first, last):
        days[birthday.day].birthdays.append(birthday)
    return Month(year, month, [[days[day] for day in week] for week in weeks])


def awards_of(**nominee) -> list[Nomination]:
    """The awards of one nominee (``employee=`` or ``pokja=``), newest first, with their values: two queries."""
    return list(
        Nomination.objects.awarded()
        .filter(**nominee)
        .select_related("period")
        .prefetch_related(Prefetch("values", queryset=CoreValue.objects.order_by("order")))
        .order_by("-decided_at")
    )
