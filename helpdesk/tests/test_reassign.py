"""reassign: the pokja's ketua/wakil or a unit manager hands a ticket to another current member."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from helpdesk import services
from helpdesk.models import TicketEvent
from helpdesk.tests.factories import make_ticket, members
from organisation.models import Membership, User
from organisation.tests.factories import UserFactory


@pytest.fixture
def ticket(siasn):
    return make_ticket(siasn)


@pytest.fixture
def pia_ketua_user(pia) -> User:
    ketua = Membership.objects.get(pokja=pia, role="ketua", valid_to__isnull=True).employee
    user = UserFactory(username="ketua-pia", agency=ketua.agency)
    ketua.user = user
    ketua.save()
    return user


def other_member(ticket):
    return next(e for e in members(ticket.pokja) if e != ticket.assignee)


def test_the_pokja_ketua_reassigns_and_the_history_says_who(ticket, pia_ketua_user, django_capture_on_commit_callbacks):
    target = other_member(ticket)
    with django_capture_on_commit_callbacks(execute=True):
        services.reassign(actor=pia_ketua_user, ticket=ticket, assignee=target)
    ticket.refresh_from_db()
    assert ticket.assignee == target
    event = ticket.events.filter(kind=TicketEvent.Kind.ASSIGNED).last()
    assert event.actor == pia_ketua_user and event.assignee == target
    assert [m.to for m in mail.outbox] == [[target.email]]


def test_the_unit_head_reassigns(ticket, head_user):
    target = other_member(ticket)
    services.reassign(actor=head_user, ticket=ticket, assignee=target)
    assert ticket.assignee == target


def test_a_plain_member_or_another_pokjas_ketua_may_not(ticket, anggota_user, ketua_user, outsider):
    for actor in (anggota_user, ketua_user, outsider):
        with pytest.raises(PermissionDenied):
            services.reassign(actor=actor, ticket=ticket, assignee=other_member(ticket))


def test_only_a_current_member_of_the_pokja_can_receive_it(ticket, head_user, pak):
    outsider_employee = members(pak)[0]
    with pytest.raises(ValidationError):
        services.reassign(actor=head_user, ticket=ticket, assignee=outsider_employee)
