"""Ticket workflows, each atomic with an explicit actor; mail goes out through tasks after the commit."""

import datetime
from collections.abc import Sequence
from functools import cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend

from core import inserts, raw_rows
from helpdesk import access, tasks, uploads
from helpdesk.models import (
    ELEMENT_FIELDS,
    Agent,
    Attachment,
    Category,
    DayOff,
    Message,
    Survey,
    Ticket,
    TicketCounter,
    TicketEvent,
    UnitHelpdesk,
)
from helpdesk.selectors import calendar_for, routing_rule
from helpdesk.sla import WorkingCalendar
from organisation.models import Employee, Membership, Unit
from organisation.selectors import today

Status = Ticket.Status


def next_number(agency_id: int) -> int:
    """The agency's next ticket number; the counter row stays locked until the caller's transaction ends.

    One statement: the UPDATE takes the row lock and hands back the new number (RETURNING, SQLite ≥ 3.35).
    """
    if connection.features.can_return_columns_from_insert:
        table = connection.ops.quote_name(TicketCounter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last_number = last_number + 1 WHERE agency_id = %s RETURNING last_number",
                [agency_id],
            )
            row = cursor.fetchone()
        if row is not None:
            return row[0]
    elif TicketCounter.objects.filter(agency_id=agency_id).update(last_number=F("last_number") + 1):
        return TicketCounter.objects.filter(agency_id=agency_id).values_list("last_number", flat=True).get()
    TicketCounter.objects.get_or_create(agency_id=agency_id)  # the agency's first ticket
    return next_number(agency_id)


@cache
def _routing_sql() -> tuple[str, str]:
    """The statement that picks a pokja's next member (round robin's order, or fewest open first), written once.

    Raw SQL: a portal submission runs it every time, and building the ORM's version cost more than running it.
    Members: in the pokja on the day, active, not marked unavailable (no Agent row means available); round robin
    is the member who has waited longest since their last ticket, never assigned first, then by name.
    """
    name = connection.ops.quote_name
    tables = {
        "membership": name(Membership._meta.db_table),
        "employee": name(Employee._meta.db_table),
        "agent": name(Agent._meta.db_table),
        "ticket": name(Ticket._meta.db_table),
    }
    select = """SELECT m.employee_id FROM {membership} m
        JOIN {employee} e ON e.id = m.employee_id
        LEFT JOIN {agent} a ON a.employee_id = m.employee_id
        WHERE m.pokja_id = %s AND m.valid_from <= %s AND (m.valid_to IS NULL OR m.valid_to >= %s)
          AND e.is_active = %s AND (a.is_available IS NULL OR a.is_available = %s)
        ORDER BY {first}a.last_assigned_at IS NOT NULL, a.last_assigned_at, e.name, m.employee_id
        LIMIT 1"""
    statuses = ", ".join(["%s"] * len(Ticket.OPEN_STATUSES))
    open_count = (
        f"(SELECT COUNT(*) FROM {{ticket}} t WHERE t.assignee_id = m.employee_id AND t.status IN ({statuses})), "
    )
    return select.format(first="", **tables), select.format(first=open_count.format(**tables), **tables)


def choose_assignee(pokja_id: int, rule: str) -> int | None:
    """The employee id of the pokja's available member next in line by ``rule``; None when nobody is available.

    Round robin: the member who has waited longest since their last ticket (never assigned first).
    Fewest open: the member with the fewest open tickets, then as round robin.
    """
    with connection.cursor() as cursor:
        cursor.execute(*_choice(pokja_id, rule))
        row = cursor.fetchone()
    return row[0] if row else None


def _choice(pokja_id: int, rule: str) -> tuple[str, list]:
    """``choose_assignee``'s statement and parameters."""
    round_robin, fewest_open = _routing_sql()
    day = connection.ops.adapt_datefield_value(today())
    params = [pokja_id, day, day, True, True]
    if rule == UnitHelpdesk.Routing.FEWEST_OPEN:
        return fewest_open, [*params, *(str(status) for status in Ticket.OPEN_STATUSES)]
    return round_robin, params


def _mark_assigned(employee_id: int, agency_id: int, now: datetime.datetime) -> None:
    """Round robin's clock: one upsert (an employee without an Agent row gets one, available)."""
    table = connection.ops.quote_name(Agent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, employee_id, is_available, last_assigned_at) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (employee_id) DO UPDATE SET last_assigned_at = excluded.last_assigned_at",
            [agency_id, employee_id, True, connection.ops.adapt_datetimefield_value(now)],
        )


def _enqueue_on_commit(enqueue) -> None:
    """Queues tasks for when the current transaction commits.

    The database task queue is itself transactional: its rows written inside the transaction reach the worker at
    the commit and vanish with a rollback, so they are written right away and share the one commit. Any other
    backend (the immediate one of the tests, a broker) is called after the commit.
    """
    if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):  # the helpdesk's tasks' backend
        enqueue()
    else:
        transaction.on_commit(enqueue)


def _store_attachments(ticket: Ticket, files, message: Message | None = None) -> list[Attachment]:
    stored = []
    for upload, kind in uploads.check_uploads(list(files)):
        upload.seek(0)
        attachment = Attachment(
            ticket=ticket,
            message=message,
            name=uploads.safe_name(upload.name, kind),
            content_type=kind.content_type,
            size=upload.size,
        )
        attachment.agency_id = ticket.agency_id
        attachment.file.save(f"upload.{kind.extension}", upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _event(ticket: Ticket, kind: str, actor=None, **fields) -> TicketEvent:
    name = (actor.get_full_name() or actor.username) if actor is not None else fields.pop("actor_name", "")
    return TicketEvent.objects.create(ticket=ticket, kind=kind, actor=actor, actor_name=name, **fields)


def _author_name(user) -> str:
    employee = Employee.objects.filter(user=user).only("name").first()
    return employee.name if employee else (user.get_full_name() or user.username)


def days_off_sql(unit_id: str) -> str:
    """A subquery giving the helpdesk days off of the unit whose id is the SQL ``unit_id``: ISO dates, commas."""
    table = connection.ops.quote_name(DayOff._meta.db_table)
    if connection.vendor == "postgresql":
        dates = "string_agg(to_char(d.date, 'YYYY-MM-DD'), ',')"
    else:
        dates = "group_concat(d.date, ',')"
    return f"(SELECT COALESCE({dates}, '') FROM {table} d WHERE d.unit_id = {unit_id})"


def with_days_off(units):
    """``units`` with their helpdesk days off read in the same query (``days_off_text``; see ``_calendar``)."""
    table = connection.ops.quote_name(units.model._meta.db_table)
    return units.annotate(days_off_text=RawSQL(days_off_sql(f"{table}.id"), []))


def portal_service(slug: str, pk: int) -> Category | None:
    """The unit's active service ``pk`` with its unit (its helpdesk settings and days off loaded too), as the
    portal needs them to take a request: one hand-written statement (the ORM took longer to build it than the
    database to run it), the objects built as the ORM builds them."""
    category_names, category_columns, category_converters = raw_rows.loaders(connection, Category, "c")
    unit_names, unit_columns, unit_converters = raw_rows.loaders(connection, Unit, "u")
    settings_names, settings_columns, settings_converters = raw_rows.loaders(connection, UnitHelpdesk, "h")
    quote = connection.ops.quote_name
    columns = ", ".join([*category_columns, *unit_columns, *settings_columns])
    sql = (
        f"SELECT {columns}, {days_off_sql('c.unit_id')} "
        f"FROM {quote(Category._meta.db_table)} c JOIN {quote(Unit._meta.db_table)} u ON u.id = c.unit_id "
        f"LEFT JOIN {quote(UnitHelpdesk._meta.db_table)} h ON h.unit_id = u.id "
        "WHERE u.slug = %s AND c.id = %s AND c.is_active = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug, pk, True])
        row = cursor.fetchone()
    if row is None:
        return None
    ends = [len(category_names), len(category_names) + len(unit_names), len(row) - 1]
    category = raw_rows.load(connection, Category, category_names, list(row[: ends[0]]), category_converters)
    unit = raw_rows.load(connection, Unit, unit_names, list(row[ends[0] : ends[1]]), unit_converters)
    settings_row = None
    if row[ends[1]] is not None:  # the settings row's id: the unit has one
        settings_row = raw_rows.load(
            connection, UnitHelpdesk, settings_names, list(row[ends[1] : ends[2]]), settings_converters
        )
        UnitHelpdesk.unit.field.set_cached_value(settings_row, unit)
    Unit.helpdesk.related.set_cached_value(unit, settings_row)  # None: unit.helpdesk raises DoesNotExist
    Category.unit.field.set_cached_value(category, unit)
    unit.days_off_text = row[-1]
    return category


def _calendar(unit) -> WorkingCalendar:
    loaded = getattr(unit, "days_off_text", None)  # the portal reads them with the unit (with_days_off)
    if loaded is None:
        return calendar_for(unit)
    return WorkingCalendar.with_days_off(datetime.date.fromisoformat(day) for day in loaded.split(",") if day)


def create_ticket(
    *,
    category: Category,
    subject: str,
    description: str,
    requester_name: str,
    requester_agency: str,
    requester_email: str,
    requester_phone: str = "",
    requester_user=None,
    attachments: Sequence = (),
    base_url: str = "",
    now: datetime.datetime | None = None,
) -> Ticket:
    """A new ticket from the portal: numbered, routed to a pokja member, its SLA targets set in working hours."""
    if not category.is_active:
        raise ValidationError(_("This service is not offered at the moment."))
    uploads.check_uploads(list(attachments))
    now = now or timezone.now()
    unit = category.unit
    clock = _calendar(unit)
    with transaction.atomic():
        # The counter lock also serialises routing within the agency: two tickets never pick from stale counts
        # (each later statement reads what was committed before the lock was granted).
        number = next_number(unit.agency_id)
        ticket = Ticket(
            unit=unit,
            category=category,
            pokja_id=category.pokja_id,
            number=number,
            subject=subject,
            description=description,
            requester_name=requester_name,
            requester_agency=requester_agency,
            requester_email=requester_email,
            requester_phone=requester_phone,
            requester_user=requester_user,
            created_at=now,
            updated_at=now,
            first_response_due=clock.add_hours(now, category.first_response_hours),
            resolution_due=clock.add_hours(now, category.resolution_hours),
        )
        ticket.fill_derived()
        _write_new_ticket(ticket, routing_rule(unit), now)
        _store_attachments(ticket, attachments)
        _enqueue_on_commit(lambda: tasks.notify_created.enqueue(ticket.pk, base_url))
    return ticket


def _write_new_ticket(ticket: Ticket, rule: str, now: datetime.datetime) -> None:
    """Routes the new ticket (``choose_assignee``) and writes it, its history (created, then assigned) and the
    assignee's round-robin clock.

    The portal's hot path, without the ORM's statement building (core.inserts). On PostgreSQL one statement: a WITH
    that chooses the assignee and inserts the three (one round trip instead of four); elsewhere four. A pokja's
    members belong to its agency (the membership guard of organisation's migration 0002), so the clock's row
    takes the ticket's agency.
    """
    created = TicketEvent(
        agency_id=ticket.agency_id,
        kind=TicketEvent.Kind.CREATED,
        actor_name=ticket.requester_name,
        to_status=Status.BARU,
        created_at=now,
    )
    assigned = TicketEvent(agency_id=ticket.agency_id, kind=TicketEvent.Kind.ASSIGNED, created_at=now)
    if connection.vendor != "postgresql":
        ticket.assignee_id = assigned.assignee_id = choose_assignee(ticket.pokja_id, rule)
        inserts.insert(ticket)
        history = [created, assigned] if ticket.assignee_id is not None else [created]
        for event in history:
            event.ticket = ticket
        inserts.insert(*history)  # one INSERT; the ids keep the order created, assigned
        if ticket.assignee_id is not None:
            _mark_assigned(ticket.assignee_id, ticket.agency_id, now)
        return
    chosen_sql, params = _choice(ticket.pokja_id, rule)
    ticket_sql, ticket_params = inserts.insert_sql(
        ticket, expressions={"assignee_id": "(SELECT employee_id FROM chosen)"}, also_return=("assignee_id",)
    )
    table, columns, created_sql, created_params = inserts.select_sql(
        created, expressions={"ticket_id": "new_ticket.id"}
    )
    _table, _columns, assigned_sql, assigned_params = inserts.select_sql(
        assigned, expressions={"ticket_id": "new_ticket.id", "assignee_id": "new_ticket.assignee_id"}
    )
    # One INSERT whose rows come in order (created, then assigned when there is an assignee): ids in that order.
    history_sql = (
        f"INSERT INTO {table} ({columns}) {created_sql} FROM new_ticket "
        f"UNION ALL {assigned_sql} FROM new_ticket WHERE new_ticket.assignee_id IS NOT NULL"
    )
    agent = connection.ops.quote_name(Agent._meta.db_table)
    clock_sql = (
        f"INSERT INTO {agent} (agency_id, employee_id, is_available, last_assigned_at) "
        "SELECT CAST(%s AS bigint), assignee_id, TRUE, CAST(%s AS timestamp with time zone) FROM new_ticket "
        "WHERE assignee_id IS NOT NULL "
        "ON CONFLICT (employee_id) DO UPDATE SET last_assigned_at = excluded.last_assigned_at"
    )
    params += [
        *ticket_params,
        *created_params,
        *assigned_params,
        ticket.agency_id,
        connection.ops.adapt_datetimefield_value(now),
    ]
    sql = (
        f"WITH chosen AS ({chosen_sql}), new_ticket AS ({ticket_sql}), "
        f"history AS ({history_sql}), clock AS ({clock_sql}) SELECT id, assignee_id FROM new_ticket"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ticket.pk, ticket.assignee_id = cursor.fetchone()
    ticket._state.adding, ticket._state.db = False, connection.alias


def _require_handler(actor, ticket: Ticket) -> None:
    if not access.rights(actor, ticket).can_handle:
        raise PermissionDenied(_("Only the assignee, the pokja's members and the unit's managers handle this ticket."))


def _locked(ticket: Ticket) -> Ticket:
    """Reloads the ticket's mutable fields under a row lock, keeping the loaded relations."""
    fresh = Ticket.objects.select_for_update().get(pk=ticket.pk)
    for name in ("status", "assignee_id", "first_response_at", "resolved_at", "closed_at", "updated_at"):
        setattr(ticket, name, getattr(fresh, name))
    return ticket


def reassign(*, actor, ticket: Ticket, assignee: Employee, base_url: str = "") -> Ticket:
    """Hands the ticket to another current member of its pokja (ketua/wakil of the pokja, or a manager)."""
    members = access.pokja_memberships(ticket.pokja_id)
    if not access.rights(actor, ticket, members).can_reassign:
        raise PermissionDenied(_("Only the pokja's ketua or wakil, or the unit's managers, reassign tickets."))
    if assignee.pk not in {m.employee_id for m in members}:
        raise ValidationError({"assignee": _("%(name)s is not a member of this pokja.") % {"name": assignee.name}})
    with transaction.atomic():
        _locked(ticket)
        if ticket.assignee_id == assignee.pk:
            return ticket
        ticket.assignee = assignee
        ticket.updated_at = timezone.now()
        ticket.save(update_fields=["assignee", "updated_at"])
        _event(ticket, TicketEvent.Kind.ASSIGNED, actor=actor, assignee=assignee)
        _enqueue_on_commit(lambda: tasks.notify_assignee.enqueue(ticket.pk, base_url))
    return ticket


def _move(ticket: Ticket, status: str, now: datetime.datetime) -> None:
    if status == Status.SELESAI:
        ticket.resolved_at = now
    elif status == Status.DITUTUP:
        ticket.closed_at = now
        ticket.resolved_at = ticket.resolved_at or now
    elif status == Status.DIPROSES and ticket.status in Ticket.DONE_STATUSES:
        ticket.resolved_at = ticket.closed_at = None  # reopened
    ticket.status = status


def transition_error(ticket: Ticket, status: str) -> str:
    allowed = ", ".join(str(Status(s).label) for s in ticket.allowed_statuses())
    return _("A ticket that is “%(current)s” cannot become “%(target)s”; it can become: %(allowed)s.") % {
        "current": ticket.get_status_display(),
        "target": Status(status).label if status in Status.values else status,
        "allowed": allowed,
    }


def change_status(*, actor, ticket: Ticket, status: str, base_url: str = "") -> Ticket:
    """Moves the ticket along the allowed transitions only; a resolved ticket invites the requester's survey."""
    _require_handler(actor, ticket)
    now = timezone.now()
    with transaction.atomic():
        _locked(ticket)
        if not ticket.can_move_to(status):
            raise ValidationError({"status": transition_error(ticket, status)})
        previous = ticket.status
        _move(ticket, status, now)
        ticket.updated_at = now
        ticket.save(update_fields=["status", "resolved_at", "closed_at", "updated_at"])
        _event(ticket, TicketEvent.Kind.STATUS, actor=actor, from_status=previous, to_status=status)
        if status == Status.SELESAI:
            _enqueue_on_commit(lambda: tasks.notify_requester.enqueue(ticket.pk, "resolved", base_url))
    return ticket


def reply(
    *, actor, ticket: Ticket, body: str, internal: bool = False, attachments: Sequence = (), base_url: str = ""
) -> Message:
    """A staff message: a public reply (e-mailed; the first one is the first response) or an internal note."""
    _require_handler(actor, ticket)
    if not body.strip():
        raise ValidationError({"body": _("Write a message.")})
    now = timezone.now()
    with transaction.atomic():
        _locked(ticket)
        if not internal and ticket.status == Status.DITUTUP:
            raise ValidationError(_("This ticket is closed: reopen it before replying to the requester."))
        kind = Message.Kind.INTERNAL if internal else Message.Kind.PUBLIC
        message = Message.objects.create(
            ticket=ticket, kind=kind, author_user=actor, author_name=_author_name(actor), body=body, created_at=now
        )
        _store_attachments(ticket, attachments, message)
        fields = ["updated_at"]
        if not internal:
            if ticket.first_response_at is None:
                ticket.first_response_at = now
                fields.append("first_response_at")
            if ticket.status == Status.BARU:
                _event(ticket, TicketEvent.Kind.STATUS, actor=actor, from_status=Status.BARU, to_status=Status.DIPROSES)
                ticket.status = Status.DIPROSES
                fields.append("status")
            _enqueue_on_commit(lambda: tasks.notify_requester.enqueue(ticket.pk, "reply", base_url))
        ticket.updated_at = now
        ticket.save(update_fields=fields)
    return message


def requester_reply(*, ticket: Ticket, body: str, attachments: Sequence = (), base_url: str = "") -> Message:
    """The requester answers from the tracking link; a ticket waiting for them (or resolved) goes back to work."""
    if not body.strip():
        raise ValidationError({"body": _("Write a message.")})
    now = timezone.now()
    with transaction.atomic():
        _locked(ticket)
        if ticket.status == Status.DITUTUP:
            raise ValidationError(_("This ticket is closed; submit a new request if you need more help."))
        message = Message.objects.create(
            ticket=ticket, kind=Message.Kind.PUBLIC, by_requester=True, author_name=ticket.requester_name, body=body
        )
        _store_attachments(ticket, attachments, message)
        if ticket.status in (Status.MENUNGGU, Status.SELESAI):
            _event(
                ticket,
                TicketEvent.Kind.STATUS,
                actor_name=ticket.requester_name,
                from_status=ticket.status,
                to_status=Status.DIPROSES,
            )
            _move(ticket, Status.DIPROSES, now)
        ticket.updated_at = now
        ticket.save(update_fields=["status", "resolved_at", "closed_at", "updated_at"])
        if ticket.assignee_id:
            _enqueue_on_commit(lambda: tasks.notify_assignee.enqueue(ticket.pk, base_url, True))
    return message


def submit_survey(*, ticket: Ticket, scores: Sequence[int], comment: str = "") -> Survey:
    """The requester's IKM answers: once per ticket, only when the service is done."""
    if len(scores) != len(ELEMENT_FIELDS) or any(score not in (1, 2, 3, 4) for score in scores):
        raise ValidationError(_("Score every element from 1 to 4."))
    with transaction.atomic():
        _locked(ticket)
        if not ticket.is_done:
            raise ValidationError(_("The survey opens when the request is resolved."))
        if Survey.objects.filter(ticket=ticket).exists():
            raise ValidationError(_("The survey for this ticket has already been filled in. Thank you!"))
        survey = Survey(
            unit=ticket.unit,
            ticket=ticket,
            pokja_id=ticket.pokja_id,
            category_id=ticket.category_id,
            date=timezone.localdate(),
            comment=comment.strip(),
            source=Survey.Source.PORTAL,
            **dict(zip(ELEMENT_FIELDS, scores, strict=True)),
        )
        try:
            with transaction.atomic():
                survey.save()
        except IntegrityError as error:
            raise ValidationError(_("The survey for this ticket has already been filled in. Thank you!")) from error
    return survey
