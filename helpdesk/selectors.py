"""Reads: the unit's working calendar, SLA breaches, IKM per period, and ticket figures for performance."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from helpdesk import ikm
from helpdesk.models import ELEMENT_FIELDS, DayOff, Survey, Ticket, UnitHelpdesk
from helpdesk.sla import WorkingCalendar
from organisation.models import Unit

WARN_HOURS = 2  # the pokja ketua hears of a ticket this many working hours before its target


def calendar_for(unit: Unit) -> WorkingCalendar:
    # No ordering: a set needs none, and DayOff's default order would join the unit table.
    return WorkingCalendar.with_days_off(DayOff.objects.filter(unit=unit).order_by().values_list("date", flat=True))


def unit_settings(unit: Unit) -> UnitHelpdesk | None:
    """The unit's helpdesk settings row, None when it has none; no query when loaded with ``select_related``."""
    try:
        return unit.helpdesk
    except UnitHelpdesk.DoesNotExist:
        return None


def routing_rule(unit: Unit) -> str:
    row = unit_settings(unit)
    return row.routing if row is not None else UnitHelpdesk.Routing.ROUND_ROBIN


def breached(queryset, now: datetime.datetime | None = None):
    """Open tickets past a target: no first response in time, or not resolved in time."""
    now = now or timezone.now()
    return queryset.open().filter(
        Q(first_response_at__isnull=True, first_response_due__lt=now) | Q(resolution_due__lt=now)
    )


def due_before(queryset, moment: datetime.datetime):
    """Open tickets with a target not met that falls before ``moment``."""
    return queryset.open().filter(
        Q(first_response_at__isnull=True, first_response_due__lte=moment) | Q(resolution_due__lte=moment)
    )


@dataclass(frozen=True)
class IkmReport:
    result: ikm.Ikm | None
    population: int  # service users in the period: tickets, plus imported answers without a ticket
    sample_needed: int

    @property
    def respondents(self) -> int:
        return self.result.respondents if self.result else 0

    @property
    def adequate(self) -> bool:
        return self.population > 0 and self.respondents >= self.sample_needed


def ikm_report(
    unit: Unit,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    *,
    pokja_id: int | None = None,
    category_id: int | None = None,
) -> IkmReport:
    """The unit's IKM over ``start``..``end`` (inclusive), optionally for one pokja or category: two queries."""
    surveys = Survey.objects.filter(unit=unit).between(start, end)
    tickets = Ticket.objects.filter(unit=unit)
    if start:
        tickets = tickets.filter(created_at__date__gte=start)
    if end:
        tickets = tickets.filter(created_at__date__lte=end)
    if pokja_id:
        surveys, tickets = surveys.filter(pokja_id=pokja_id), tickets.filter(pokja_id=pokja_id)
    if category_id:
        surveys, tickets = surveys.filter(category_id=category_id), tickets.filter(category_id=category_id)
    totals = surveys.aggregate(
        respondents=Count("pk"),
        without_ticket=Count("pk", filter=Q(ticket__isnull=True)),
        **{name: Sum(name) for name in ELEMENT_FIELDS},
    )
    result = ikm.compute([totals[name] or 0 for name in ELEMENT_FIELDS], totals["respondents"])
    population = tickets.count() + totals["without_ticket"]
    return IkmReport(result=result, population=population, sample_needed=ikm.sample_size(population))


def ticket_figures(unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """Tickets created in the period per pokja and per assignee: counts, resolved, mean resolution time.

    A read for monitoring and the performance report (wall-clock durations; the SLA pages count working time).
    """
    tickets = Ticket.objects.filter(unit=unit, created_at__date__gte=start, created_at__date__lte=end)
    duration = ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())
    figures = {
        "tickets": Count("pk"),
        "resolved": Count("pk", filter=Q(resolved_at__isnull=False)),
        "mean_resolution": Avg(duration, filter=Q(resolved_at__isnull=False)),
    }
    return {
        "pokja": list(tickets.values("pokja__code").annotate(**figures).order_by("pokja__code")),
        "assignee": list(tickets.values("assignee__nip", "assignee__name").annotate(**figures).order_by("-tickets")),
    }


def pokja_load(unit: Unit, now: datetime.datetime | None = None) -> list[dict]:
    """Open work per pokja of the unit in one grouped query: new, in progress, waiting, breached."""
    now = now or timezone.now()
    status = Ticket.Status
    late = Q(first_response_at__isnull=True, first_response_due__lt=now) | Q(resolution_due__lt=now)
    return list(
        Ticket.objects.filter(unit=unit)
        .open()
        .values("pokja__code", "pokja__name")
        .annotate(
            open=Count("pk"),
            new=Count("pk", filter=Q(status=status.BARU)),
            working=Count("pk", filter=Q(status=status.DIPROSES)),
            waiting=Count("pk", filter=Q(status=status.MENUNGGU)),
            unassigned=Count("pk", filter=Q(assignee__isnull=True)),
            breached=Count("pk", filter=late),
        )
        .order_by("pokja__code")
    )
