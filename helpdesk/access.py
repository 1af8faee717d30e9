"""Who may see and handle a ticket: one place for the rules the pages, the API and the services share.

Staff of the unit's agency see its tickets; the assignee, the members of the ticket's pokja and the unit's
managers (head, agency admin) handle them; the pokja's ketua/wakil and the managers reassign them.
A stakeholder never reaches the staff pages: they follow their private tracking link.
"""

from dataclasses import dataclass, field

from django.db.models import CharField
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404

from helpdesk.models import ELEMENT_FIELDS, Survey, Ticket
from organisation.models import Membership, Unit
from organisation.selectors import today


def manages(user, unit: Unit) -> bool:
    """Operator, agency admin or the unit head; ``unit.head`` should be loaded (no query then)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if user.agency_id != unit.agency_id:
        return False
    return user.is_agency_admin or (unit.head_id is not None and unit.head.user_id == user.pk)


def get_unit(user, slug: str) -> Unit:
    """The unit with its agency and head (for ``manages``), when the user may see it; 404 otherwise.

    The staff pages decide what the user may do with ``manages``, so this skips organisation's unit-manager check.
    """
    return get_object_or_404(Unit.objects.visible_to(user).select_related("agency", "head"), slug=slug)


def pokja_memberships(pokja_id: int) -> list[Membership]:
    """The pokja's members today (active employees), each with its employee: one query."""
    return list(
        Membership.objects.at(today())
        .filter(pokja_id=pokja_id, employee__is_active=True)
        .select_related("employee")
        .order_by("employee__name", "pk")
    )


@dataclass
class TicketRights:
    ticket: Ticket
    can_handle: bool
    can_reassign: bool
    members: list[Membership] = field(default_factory=list)


def rights(user, ticket: Ticket, members: list[Membership] | None = None) -> TicketRights:
    """What ``user`` may do with a ticket they can see; ``members`` (the pokja's) is looked up if not given."""
    members = pokja_memberships(ticket.pokja_id) if members is None else members
    mine = next((m for m in members if m.employee.user_id == user.pk), None)
    manager = manages(user, ticket.unit)
    leads = mine is not None and mine.role in Membership.LEADING_ROLES
    is_assignee = ticket.assignee_id is not None and ticket.assignee.user_id == user.pk
    return TicketRights(
        ticket=ticket,
        can_handle=manager or mine is not None or is_assignee,
        can_reassign=manager or leads,
        members=members,
    )


def staff_tickets(user):
    """Tickets a staff member may open; none for stakeholders and anonymous users."""
    return Ticket.objects.for_staff(user)


def survey_scores() -> RawSQL:
    """A ticket's IKM answers as one text, "4 · 3 · 4 …" (None without a survey), for ``annotate``.

    On PostgreSQL this scalar subquery costs the ticket page far less planning than one more outer join (≈ 1 ms); it is
    written out because the ORM's own subquery and text functions take longer to compile than the join saves.
    """
    scores = " || ' · ' || ".join(f"CAST(s.{name} AS TEXT)" for name in ELEMENT_FIELDS)
    ticket_id = f'"{Ticket._meta.db_table}"."id"'
    sql = f"SELECT {scores} FROM {Survey._meta.db_table} s WHERE s.ticket_id = {ticket_id}"
    return RawSQL(sql, [], output_field=CharField())


def get_ticket_for_user(user, slug: str, number: int) -> Ticket:
    """The ticket with its unit, category, pokja, assignee and survey scores in one query; 404 when not visible."""
    related = ("unit__agency", "unit__head", "category", "pokja", "assignee")
    tickets = staff_tickets(user).select_related(*related).annotate(survey_scores=survey_scores())
    try:
        return tickets.get(unit__slug=slug, number=number)  # unique: no ORDER BY to plan
    except Ticket.DoesNotExist:
        raise Http404 from None
