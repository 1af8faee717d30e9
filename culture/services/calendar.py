"""Engagement calendar writes: events (lembur with the pokja task it served), birthday opt-outs, feed tokens."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from culture import access
from culture.models import BirthdayOptOut, CalendarToken, CoreValue, Event
from organisation.models import Employee, PokjaTask, Unit


def create_event(
    *,
    actor,
    unit: Unit,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    description: str = "",
    task: PokjaTask | None = None,
    attendees: Iterable[Employee] = (),
    values: Iterable[CoreValue] = (),
) -> Event:
    """Puts an event on the unit's calendar; a pokja's ketua or wakil may plan that pokja's lembur."""
    if kind == Event.Kind.LEMBUR and task is not None:
        allowed = access.can_plan_lembur_for(actor, task.pokja)
    else:
        allowed = access.can_manage_unit(actor, unit)
    if not allowed:
        raise PermissionDenied(_("You may not plan this event."))
    attendees = list(attendees)
    if any(person.unit_id != unit.pk for person in attendees):
        raise ValidationError({"attendees": _("Every attendee must be an employee of this unit.")})
    event = Event(
        unit=unit,
        agency=unit.agency,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        description=description.strip(),
        task=task,
        pokja=task.pokja if task else None,
        created_by=actor,
    )
    event.full_clean()
    with transaction.atomic():
        event.save()
        event.attendees.set(attendees)
        event.values.set(values)
    return event


def set_birthday_shown(*, actor, employee: Employee, shown: bool) -> None:
    """A person shows or hides their own birthday on the calendar; nobody decides it for them."""
    if access.employee_of(actor) is None or access.employee_of(actor).pk != employee.pk:
        raise PermissionDenied(_("Only the person may change whether their birthday is shown."))
    with transaction.atomic():
        if shown:
            BirthdayOptOut.objects.filter(employee=employee).delete()
        else:
            BirthdayOptOut.objects.get_or_create(employee=employee, defaults={"agency": employee.agency})


def feed_token(user) -> CalendarToken | None:
    """The user's feed secret; None for an operator, who belongs to no agency (a token row carries one)."""
    if user.agency_id is None:
        return None
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def reset_feed_token(user) -> CalendarToken | None:
    """A new secret: calendar apps subscribed with the old address stop receiving the feed."""
    with transaction.atomic():
        CalendarToken.objects.filter(user=user).delete()
        return feed_token(user)
