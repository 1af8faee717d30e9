"""Reads: the unit's working calendar, SLA breaches, IKM per period, ticket figures for performance, a ticket's page."""

import datetime
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from helpdesk import ikm
from helpdesk.models import (
    ELEMENT_FIELDS,
    Attachment,
    CannedReply,
    DayOff,
    Message,
    Survey,
    Ticket,
    TicketEvent,
    UnitHelpdesk,
)
from helpdesk.sla import WorkingCalendar
from organisation.models import Employee, Unit

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


# The ticket page's reads, written out (as access.survey_scores is): each is a lookup by one indexed id, and the ORM
# took ten times longer to build these four statements than the database took to run them (≈ 0.3 ms against 0.03 ms
# each on SQLite). Table names come from the models; dates are read as aware UTC datetimes on every backend.
def _table(model) -> str:
    return f'"{model._meta.db_table}"'


def _read(model, sql: str, params: list) -> list[dict]:
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        moment = row.get("created_at")
        if moment is not None and moment.tzinfo is None:  # SQLite: naive UTC
            row["created_at"] = moment.replace(tzinfo=datetime.UTC)
    return rows


def ticket_conversation(ticket: Ticket) -> tuple[list[dict], dict[int | None, list[dict]]]:
    """A ticket's messages, oldest first, and their files by message id (None: the request's own), as values for
    helpdesk/templatetags/helpdesk_ticket.py: two queries."""
    files = {}
    attachments = _read(
        Attachment,
        f"SELECT id AS pk, message_id, name, size FROM {_table(Attachment)} "
        "WHERE ticket_id = %s ORDER BY created_at, id",
        [ticket.pk],
    )
    for attachment in attachments:
        files.setdefault(attachment["message_id"], []).append(attachment)
    messages = _read(
        Message,
        "SELECT id AS pk, kind, by_requester, author_name, body, created_at "
        f"FROM {_table(Message)} WHERE ticket_id = %s ORDER BY created_at, id",
        [ticket.pk],
    )
    return messages, files


def ticket_history(ticket: Ticket) -> list[dict]:
    """A ticket's events, oldest first, with the name of the employee each concerns: one query."""
    return _read(
        TicketEvent,
        "SELECT e.kind, e.created_at, e.actor_name, e.from_status, e.to_status, a.name AS assignee__name "
        f"FROM {_table(TicketEvent)} e LEFT JOIN {_table(Employee)} a ON a.id = e.assignee_id "
        "WHERE e.ticket_id = %s ORDER BY e.created_at, e.id",
        [ticket.pk],
    )


def canned_replies(pokja_id: int) -> list[dict]:
    """The pokja's canned replies by title (pk, title, body): one query."""
    return _read(
        CannedReply,
        f"SELECT id AS pk, title, body FROM {_table(CannedReply)} WHERE pokja_id = %s ORDER BY title",
        [pokja_id],
    )
