"""The unit's engagement calendar as iCalendar (RFC 5545): events, and birthdays as yearly all-day events."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as ICalEvent

from culture import birthdays
from culture.models import Event
from organisation.models import Unit

PRODID = "-//Orbit//Kalender Budaya Kerja//ID"
PAST_DAYS = 366  # events older than a year are left out of the feed


def _birthday_event(unit: Unit, person, year: int) -> ICalEvent:
    item = ICalEvent()
    item.add("uid", f"birthday-{person.pk}@{unit.slug}.orbit")
    item.add("summary", _("Birthday: %(name)s") % {"name": person.name})
    born = person.birth_date
    # The first occurrence is this year's, so that the feed does not tell the year of birth.
    item.add("dtstart", birthdays.birthday_in(born, year))
    if (born.month, born.day) == (2, 29):
        # The last day of February: the 29th in leap years, the 28th otherwise.
        item.add("rrule", {"freq": "yearly", "bymonth": 2, "bymonthday": -1})
    else:
        item.add("rrule", {"freq": "yearly"})
    item.add("transp", "TRANSPARENT")
    item.add("categories", ["BIRTHDAY"])
    return item


def _event(unit: Unit, event: Event) -> ICalEvent:
    item = ICalEvent()
    item.add("uid", f"event-{event.pk}@{unit.slug}.orbit")
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    item.add("dtend", event.ends_at.astimezone(datetime.UTC))
    item.add("dtstamp", event.created_at.astimezone(datetime.UTC))
    item.add("categories", [event.kind.upper()])
    description = [event.get_kind_display()]
    if event.task_id:
        description.append(f"{event.pokja.code}: {event.task.text}")
    if event.description:
        description.append(event.description)
    item.add("description", "\n".join(str(line) for line in description))
    if event.location:
        item.add("location", event.location)
    return item


def unit_feed(unit: Unit) -> bytes:
    """The feed: recent and coming events, and the birthdays of those who show them: three queries."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", unit.name)
    now = timezone.now()
    events = (
        Event.objects.filter(unit=unit, ends_at__gte=now - datetime.timedelta(days=PAST_DAYS))
        .select_related("pokja", "task")
        .order_by("starts_at", "pk")
    )
    for event in events:
        calendar.add_component(_event(unit, event))
    year = timezone.localdate(now).year
    for person in birthdays.celebrants(unit):
        birthday = _birthday_event(unit, person, year)
        birthday.add("dtstamp", now.astimezone(datetime.UTC))
        calendar.add_component(birthday)
    return calendar.to_ical()
